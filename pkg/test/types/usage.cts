// CommonJS consumers get the same declarations through the `require` condition.
import riskgate = require('riskgate');

const decision: riskgate.Decision = riskgate.evaluate({ service: { name: 'a', tier: 1 }, change: { id: 'x' } });
const error: typeof riskgate.RiskgateError = riskgate.RiskgateError;
void [decision, error];
