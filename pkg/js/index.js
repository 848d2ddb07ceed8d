// riskgate for Node (ESM): the same instance as the CommonJS entry.
import api from './index.cjs';

export const {
  version,
  evaluate,
  evaluateJson,
  classify,
  render,
  defaultPolicy,
  validatePolicy,
  parseDiff,
  schema,
  call,
  ledgerStatus,
  ledgerVerify,
  ledgerAppend,
  init,
  RiskgateError,
  MAX_INPUT_BYTES,
} = api;
export default api;
