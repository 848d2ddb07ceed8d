// The `riskgate` command line (started by cli.js): the engine of the npm package, for CI jobs.
// Exit codes: 0 go, 1 blocked or no-go, 2 usage or input error.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as riskgate from './index.js';
import { appendLine, readLedgerText, withLock } from './ledger-file.js';

const { RiskgateError } = riskgate;

const USAGE = `riskgate ${riskgate.version()}: release gating from a change, its service and its context.

Usage:
  riskgate evaluate --request FILE|-            evaluate a request document
  riskgate evaluate --git BASE..HEAD [options]  build the request from git (renames and deletions handled)
  riskgate explain  (same inputs)               the plain-text reasoning of the decision
  riskgate ledger status --ledger FILE --service NAME [--at TIME]
  riskgate ledger verify --ledger FILE
  riskgate policy init [--preset P] [--out FILE [--force]]
  riskgate policy check FILE
  riskgate parse-diff [FILE|-]                  git diff --name-status [-z] output -> change files (JSON)
  riskgate schema request|policy|decision|...   a JSON Schema generated from the engine's types
  riskgate version

Evaluate options:
  --request FILE|-        request document (JSON); with --git it is the template the diff fills in
  --git RANGE             BASE..HEAD or BASE...HEAD: runs git diff --name-status -z and --numstat -z
  --repo DIR              the git repository (default: the current directory)
  --service NAME --tier N the service (required with --git unless the request has them)
  --id ID --title TEXT    the change (default: HEAD's commit id and subject)
  --release-type T        feature, bugfix, incident_fix, security_fix, rollback, chore, ...
  --mitigation M          repeatable, or comma-separated (feature_flag, canary, ...)
  --category C            repeatable: categories declared in addition to the detected ones
  --customer-impacting    the change is customer-impacting
  --now TIME              the instant of the evaluation (default: now, when needed)
  --policy FILE           policy document (JSON)
  --policy-from REV       read the policy file from revision REV (e.g. the base branch) with git show,
                          so a change cannot loosen its own gate (path: --policy, default riskgate.policy.json)
  --ledger FILE           JSON Lines risk ledger: its status gives the budget consumed; it must verify
  --record                append the decision's ledger entry (locked, fsynced; a re-run is not charged twice)
  --format F              json (default) | markdown | text | github
                          github: Markdown to $GITHUB_STEP_SUMMARY, ::error::/::warning:: annotations

Exit codes: 0 go, 1 blocked or no-go, 2 usage or input error.`;

class UsageError extends Error {}

/** An input error: names the file and, for engine errors, the JSON path. */
class InputError extends Error {
  constructor(message, doc) {
    super(message);
    this.doc = doc;
  }
}

function parseArgs(argv, spec) {
  const opts = {};
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    let [name, value] = arg.slice(2).split(/=(.*)/s, 2);
    const kind = spec[name];
    if (kind === undefined) throw new UsageError(`unknown option --${name}`);
    if (kind === 'flag') {
      if (value !== undefined) throw new UsageError(`--${name} takes no value`);
      opts[name] = true;
      continue;
    }
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    if (kind === 'list') (opts[name] ??= []).push(...value.split(',').map((s) => s.trim()).filter(Boolean));
    else opts[name] = value;
  }
  return { opts, positional };
}

function readInput(file) {
  try {
    return file === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`${file === '-' ? 'stdin' : file}: cannot read: ${e.code ?? e.message}`);
  }
}

function parseJson(text, file) {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new InputError(`${file}: malformed JSON: ${e.message}`, {
      error: { code: 'invalid_request', path: '', message: `malformed JSON: ${e.message}` },
    });
  }
}

/** Runs an engine call; a RiskgateError becomes an InputError naming the file and JSON path. */
function engine(file, run) {
  try {
    return run();
  } catch (e) {
    if (e instanceof RiskgateError) {
      const where = e.path ? ` at ${e.path}` : '';
      throw new InputError(`${file}: ${e.code}${where}: ${e.message}`, e.toJSON());
    }
    throw e;
  }
}

function git(repo, args, { allowFail = false } = {}) {
  try {
    return execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (allowFail) return null;
    const detail = (e.stderr || e.message || '').toString().trim();
    throw new InputError(`git ${args.join(' ')}: ${detail}`);
  }
}

const EVALUATE_SPEC = {
  request: 'value', git: 'value', repo: 'value', service: 'value', tier: 'value', id: 'value', title: 'value',
  'release-type': 'value', mitigation: 'list', category: 'list', 'customer-impacting': 'flag', now: 'value',
  policy: 'value', 'policy-from': 'value', ledger: 'value', record: 'flag', format: 'value',
};
const DEFAULT_POLICY_PATH = 'riskgate.policy.json';

/** Builds the request from the options: a request file, git, or both (git fills in the files). */
function buildRequest(opts) {
  if (!opts.request && !opts.git) throw new UsageError('evaluate needs --request FILE or --git BASE..HEAD');
  const source = opts.request ? (opts.request === '-' ? 'stdin' : opts.request) : `git ${opts.git}`;
  let request = {};
  if (opts.request) {
    request = parseJson(readInput(opts.request), source);
    if (request === null || typeof request !== 'object' || Array.isArray(request)) {
      throw new InputError(`${source}: the request must be a JSON object`, {
        error: { code: 'invalid_request', path: '', message: 'the request must be a JSON object' },
      });
    }
  }
  const repo = opts.repo ?? process.cwd();
  request.service = { ...(request.service ?? {}) };
  if (opts.service !== undefined) request.service.name = opts.service;
  if (opts.tier !== undefined) {
    if (!/^\d+$/.test(opts.tier)) throw new UsageError(`--tier expects a number, got '${opts.tier}'`);
    request.service.tier = Number(opts.tier);
  }
  request.change = { ...(request.change ?? {}) };
  if (opts.git) {
    if (request.service.name === undefined) throw new UsageError('--git needs --service NAME (or a request with service.name)');
    if (request.service.tier === undefined) throw new UsageError('--git needs --tier N (or a request with service.tier)');
    const range = opts.git;
    if (range.startsWith('-')) throw new UsageError(`--git expects a revision range, got '${range}'`);
    const nameStatus = git(repo, ['diff', '--name-status', '-z', '-M', '--no-color', range, '--']);
    const numstat = git(repo, ['diff', '--numstat', '-z', '-M', '--no-color', range, '--']);
    request.change.files = engine(`git diff ${range}`, () => riskgate.parseDiff(nameStatus, numstat));
    const head = range.includes('..') ? range.split(/\.\.\.?/)[1] || 'HEAD' : 'HEAD';
    if (request.change.id === undefined) request.change.id = git(repo, ['rev-parse', '--verify', '--quiet', `${head}^{commit}`]).trim();
    if (request.change.title === undefined) {
      const subject = git(repo, ['log', '-1', '--format=%s', head, '--'], { allowFail: true });
      if (subject && subject.trim()) request.change.title = subject.trim();
    }
  }
  if (opts.id !== undefined) request.change.id = opts.id;
  if (opts.title !== undefined) request.change.title = opts.title;
  if (opts['release-type'] !== undefined) request.change.releaseType = opts['release-type'];
  if (opts.mitigation) request.change.mitigations = [...(request.change.mitigations ?? []), ...opts.mitigation];
  if (opts.category) request.change.categories = [...(request.change.categories ?? []), ...opts.category];
  if (opts['customer-impacting']) request.change.customerImpacting = true;
  if (opts.now !== undefined) request.now = opts.now;

  if (opts['policy-from']) {
    const policyPath = opts.policy ?? DEFAULT_POLICY_PATH;
    const rev = opts['policy-from'];
    if (rev.startsWith('-')) throw new UsageError(`--policy-from expects a revision, got '${rev}'`);
    const text = git(repo, ['show', `${rev}:./${policyPath.replace(/^\.\//, '')}`], { allowFail: true });
    if (text === null) {
      process.stderr.write(`riskgate: ${policyPath} does not exist at ${rev}: using the built-in default policy\n`);
    } else {
      request.policy = parseJson(text, `${rev}:${policyPath}`);
      engine(`${rev}:${policyPath}`, () => riskgate.validatePolicy(request.policy));
    }
  } else if (opts.policy) {
    const text = readInput(opts.policy);
    request.policy = parseJson(text, opts.policy);
    engine(opts.policy, () => riskgate.validatePolicy(request.policy));
  }
  return { request, source };
}

function escapeData(s) {
  return String(s).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
function escapeProperty(s) {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function output(decision, decisionText, format) {
  const out = [];
  switch (format) {
    case 'json':
      out.push(decisionText.endsWith('\n') ? decisionText : `${decisionText}\n`);
      break;
    case 'markdown':
    case 'text': {
      const text = riskgate.render(decisionText, format);
      out.push(text.endsWith('\n') ? text : `${text}\n`);
      break;
    }
    case 'github': {
      const markdown = riskgate.render(decisionText, 'markdown');
      const summary = process.env.GITHUB_STEP_SUMMARY;
      if (summary) fs.appendFileSync(summary, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
      for (const b of decision.blockers ?? []) {
        const level = b.waived ? 'warning' : 'error';
        const note = b.waived ? ' (waived by break-glass)' : '';
        out.push(`::${level} title=${escapeProperty(`riskgate: ${b.code}`)}::${escapeData(`${b.message}${note}`)}\n`);
      }
      const g = decision.gate ?? {};
      const s = decision.score ?? {};
      const verdict = String(decision.verdict ?? '').toUpperCase();
      out.push(`riskgate: ${verdict} at gate ${g.level} (${s.total} RP)${summary ? '; report written to the job summary' : ''}\n`);
      if (!summary) out.push(markdown.endsWith('\n') ? markdown : `${markdown}\n`);
      break;
    }
    default:
      throw new UsageError(`unknown --format '${format}' (json, markdown, text, github)`);
  }
  process.stdout.write(out.join(''));
}

function checkFormat(format, allowed = ['json', 'markdown', 'text', 'github']) {
  if (!allowed.includes(format)) throw new UsageError(`unknown --format '${format}' (${allowed.join(', ')})`);
}

/** Verifies the ledger, refusing one that fails, and hands it to the request: the engine
 *  derives the budget, the exceptions of the window and recent incidents from it at `now`. */
function applyLedger(request, ledgerText, file) {
  const verification = engine(file, () => riskgate.ledgerVerify(ledgerText));
  if (verification.ok === false) {
    const problems = (verification.problems ?? [])
      .slice(0, 5)
      .map((p) => `${p.line !== undefined ? `line ${p.line}: ` : ''}${p.message ?? JSON.stringify(p)}`)
      .join('; ');
    throw new InputError(`${file}: the ledger fails verification, refusing to use it: ${problems}`);
  }
  request.ledger = ledgerText;
}

/** Appends the decision's ledger entry; a change already recorded is not charged again. */
function record(file, decision) {
  if (!('ledgerEntry' in decision)) throw new InputError('this engine build produces no ledger entries');
  const entry = decision.ledgerEntry;
  const note = decision.ledgerNote?.message ?? '';
  if (entry === null || entry === undefined) {
    process.stderr.write(`riskgate: nothing recorded in ${file}: ${note}\n`);
    return;
  }
  appendLine(file, JSON.stringify(entry));
  process.stderr.write(`riskgate: recorded ${decision.change?.id ?? 'the change'} in ${file} (${note})\n`);
}

function cmdEvaluate(argv, { explain = false } = {}) {
  const { opts, positional } = parseArgs(argv, EVALUATE_SPEC);
  if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
  const format = explain ? 'text' : (opts.format ?? 'json');
  checkFormat(format);
  if (opts.record && !opts.ledger) throw new UsageError('--record needs --ledger FILE');
  const { request, source } = buildRequest(opts);

  let decision;
  let decisionText;
  const evaluateNow = () => {
    decisionText = engine(source, () => riskgate.evaluateJson(JSON.stringify(request)));
    decision = JSON.parse(decisionText);
  };
  if (opts.ledger) {
    const nowGiven = request.now !== undefined;
    // Under the lock when recording: the entry is computed from the ledger as it is now,
    // and stamped now, so concurrent recorders append in time order.
    const run = () => {
      if (!nowGiven) request.now = new Date().toISOString();
      const ledgerText = readLedgerText(opts.ledger);
      applyLedger(request, ledgerText, opts.ledger);
      evaluateNow();
      if (opts.record) record(opts.ledger, decision);
    };
    if (opts.record) withLock(opts.ledger, run);
    else run();
  } else {
    evaluateNow();
  }
  output(decision, decisionText, format);
  return decision.verdict === 'go' ? 0 : 1;
}

function cmdLedger(argv) {
  const [sub, ...rest] = argv;
  const { opts, positional } = parseArgs(rest, { ledger: 'value', service: 'value', at: 'value', format: 'value' });
  const file = opts.ledger ?? positional[0];
  if (!file) throw new UsageError(`ledger ${sub ?? ''} needs --ledger FILE`);
  const text = readLedgerText(file);
  if (sub === 'verify') {
    const result = engine(file, () => riskgate.ledgerVerify(text));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return result.ok === false ? 1 : 0;
  }
  if (sub === 'status') {
    if (!opts.service) throw new UsageError('ledger status needs --service NAME');
    const at = opts.at ?? new Date().toISOString();
    const result = engine(file, () => riskgate.ledgerStatus(text, opts.service, at));
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  }
  throw new UsageError(`unknown ledger command '${sub ?? ''}' (status, verify)`);
}

function cmdPolicy(argv) {
  const [sub, ...rest] = argv;
  if (sub === 'init') {
    const { opts, positional } = parseArgs(rest, { preset: 'value', out: 'value', force: 'flag' });
    if (positional.length) throw new UsageError(`unexpected argument '${positional[0]}'`);
    const input = opts.preset === undefined ? {} : { preset: opts.preset };
    const text = engine('--preset', () => riskgate.call('defaultPolicy', input));
    const body = text.endsWith('\n') ? text : `${text}\n`;
    if (opts.out) {
      if (fs.existsSync(opts.out) && !opts.force) throw new UsageError(`${opts.out} exists (use --force to overwrite)`);
      fs.writeFileSync(opts.out, body);
      process.stderr.write(`riskgate: wrote ${opts.out}\n`);
    } else {
      process.stdout.write(body);
    }
    return 0;
  }
  if (sub === 'check') {
    const { opts, positional } = parseArgs(rest, { format: 'value' });
    const file = positional[0];
    if (!file) throw new UsageError('policy check needs FILE');
    const text = readInput(file);
    parseJson(text, file);
    const resolved = engine(file, () => riskgate.validatePolicy(text));
    if ((opts.format ?? 'text') === 'json') process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
    else {
      const categories = resolved.categories ? Object.keys(resolved.categories).length : 0;
      process.stdout.write(`${file}: valid policy${resolved.name ? ` '${resolved.name}'` : ''} (${categories} categories)\n`);
    }
    return 0;
  }
  throw new UsageError(`unknown policy command '${sub ?? ''}' (init, check)`);
}

function cmdParseDiff(argv) {
  const { opts, positional } = parseArgs(argv, { numstat: 'value' });
  const file = positional[0] ?? '-';
  const text = readInput(file);
  const numstat = opts.numstat ? readInput(opts.numstat) : undefined;
  const files = engine(file === '-' ? 'stdin' : file, () => riskgate.parseDiff(text, numstat));
  process.stdout.write(`${JSON.stringify(files, null, 2)}\n`);
  return 0;
}

/** Whether errors also go to stdout as the JSON error document (evaluate's default format). */
function wantsJson(argv) {
  if (argv[0] !== 'evaluate') return false;
  const i = argv.findIndex((a) => a === '--format' || a.startsWith('--format='));
  if (i < 0) return true;
  const value = argv[i].includes('=') ? argv[i].split('=')[1] : argv[i + 1];
  return value === 'json';
}

function main(argv) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'evaluate':
      return cmdEvaluate(rest);
    case 'explain':
      return cmdEvaluate(rest, { explain: true });
    case 'ledger':
      return cmdLedger(rest);
    case 'policy':
      return cmdPolicy(rest);
    case 'parse-diff':
      return cmdParseDiff(rest);
    case 'schema': {
      if (!rest[0]) throw new UsageError('schema needs a name (request, policy, decision, ...)');
      const schema = engine('schema', () => riskgate.schema(rest[0]));
      process.stdout.write(`${JSON.stringify(schema, null, 2)}\n`);
      return 0;
    }
    case 'version':
    case '--version':
      process.stdout.write(`${riskgate.version()}\n`);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    default:
      throw new UsageError(`unknown command '${command}'`);
  }
}

let code;
let jsonOutput = false;
try {
  jsonOutput = wantsJson(process.argv.slice(2));
  code = main(process.argv.slice(2));
} catch (e) {
  if (e instanceof UsageError) {
    process.stderr.write(`riskgate: ${e.message}\n(run \`riskgate --help\` for usage)\n`);
    code = 2;
  } else if (e instanceof InputError) {
    process.stderr.write(`riskgate: ${e.message}\n`);
    if (e.doc && jsonOutput) process.stdout.write(`${JSON.stringify(e.doc, null, 2)}\n`);
    code = 2;
  } else if (e instanceof RiskgateError) {
    process.stderr.write(`riskgate: ${e.code}${e.path ? ` at ${e.path}` : ''}: ${e.message}\n`);
    code = 2;
  } else {
    process.stderr.write(`riskgate: ${e && e.stack ? e.stack : e}\n`);
    code = 2;
  }
}
process.exitCode = code;
