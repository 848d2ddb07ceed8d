// A typed usage example: `tsc --noEmit` checks it against the declarations of the packed
// package (pkg/test/package.test.mjs installs the tarball into a scratch project first).
import riskgate, {
  RiskgateError,
  classify,
  defaultPolicy,
  evaluate,
  evaluateJson,
  ledgerAppend,
  ledgerStatus,
  ledgerVerify,
  parseDiff,
  render,
  validatePolicy,
  version,
  type ClassifiedFile,
  type Decision,
  type Entry,
  type FileChange,
  type GateLevel,
  type Policy,
  type Request,
  type Status,
  type Verification,
} from 'riskgate';
import { init, evaluate as evaluateInBrowser } from 'riskgate/web';

const request: Request = {
  service: { name: 'payments-api', tier: 2 },
  change: {
    id: '9f2c1e7',
    releaseType: 'feature',
    files: [{ path: 'db/migrations/0042_refunds.sql', status: 'added', additions: 40 }],
    mitigations: ['canary'],
  },
  budget: { allocated: 120, consumed: 30 },
};

const decision: Decision = evaluate(request);
const level: GateLevel = decision.gate.level;
const total: number = decision.score.total;
const blocked: boolean = decision.verdict === 'blocked';
const text: string = evaluateJson(JSON.stringify(request));
const report: string = render(decision, 'markdown');
const files: ClassifiedFile[] = classify(['README.md', { path: 'src/auth/login.rs' }]);
const policy: Policy = defaultPolicy('stella-ops');
const resolved: Policy = validatePolicy({ categories: { docs: { points: 1 } } });
const diff: FileChange[] = parseDiff('M\0README.md\0');
const entries: Entry[] = [];
const status: Status = ledgerStatus(entries, 'payments-api', new Date());
const verified: boolean = ledgerVerify('').ok;
const appended = ledgerAppend(entries, { kind: 'release' });
const v: string = version() + riskgate.version();

try {
  evaluate(request);
} catch (e) {
  if (e instanceof RiskgateError) {
    const where: string = `${e.code} ${e.path}: ${e.message}`;
    void where;
  }
}

// @ts-expect-error: a tier is a number
const wrongTier: Request = { service: { name: 'x', tier: 'two' }, change: { id: 'x' } };
// @ts-expect-error: unknown status
const wrongStatus: FileChange = { path: 'a', status: 'moved' };
// @ts-expect-error: render formats are markdown or text
render(decision, 'pdf');

await init(new URL('https://example.invalid/riskgate.wasm'));
const inBrowser: Decision = evaluateInBrowser(request);

void [level, total, blocked, text, report, files, policy, resolved, diff, status, verified, appended, v, wrongTier, wrongStatus, inBrowser];
