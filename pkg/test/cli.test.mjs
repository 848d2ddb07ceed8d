// The `riskgate` command line end to end, on scratch git repositories.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { cli, cliPath, commitAll, git, initRepo, tempDir, writeFiles } from './helpers.mjs';

const work = tempDir('cli');

test('evaluate --git: renames, deletions and additions from git diff -z', () => {
  const repo = initRepo(path.join(work, 'repo1'), {
    'README.md': '# api\n',
    'src/billing/old name.rs': 'fn a() {}\n',
    'src/gone.rs': 'fn b() {}\n',
    'docs/guide.md': 'guide\n',
  });
  git(repo, 'mv', 'src/billing/old name.rs', 'src/billing/new name.rs');
  git(repo, 'rm', '-q', 'src/gone.rs');
  writeFiles(repo, { 'db/migrations/0042_refunds.sql': 'create table refunds (id int);\n', 'docs/guide.md': 'guide\nmore\n' });
  const head = commitAll(repo, 'Add refunds');
  const r = cli(['evaluate', '--git', 'HEAD~1..HEAD', '--service', 'payments-api', '--tier', '2', '--mitigation', 'canary'], { cwd: repo });
  assert.equal(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.equal(d.change.id, head);
  const files = Object.fromEntries(d.files.map((f) => [f.path, f.status]));
  assert.equal(files['src/billing/new name.rs'], 'renamed');
  assert.equal(files['src/gone.rs'], 'deleted');
  assert.equal(files['db/migrations/0042_refunds.sql'], 'added');
  assert.equal(files['docs/guide.md'], 'modified');
  assert.ok(d.categories.some((c) => c.id === 'schema_migration'));
  assert.equal(d.verdict, 'go');
  // The JSON output is the engine's text, byte for byte, for the request built.
  const text = cli(['evaluate', '--git', 'HEAD~1..HEAD', '--service', 'payments-api', '--tier', '2', '--format', 'text'], { cwd: repo });
  assert.equal(text.status, 0);
  assert.match(text.stdout, /Release Risk Score/);
  const explain = cli(['explain', '--git', 'HEAD~1..HEAD', '--service', 'payments-api', '--tier', '2'], { cwd: repo });
  assert.equal(explain.status, 0);
  assert.equal(explain.stdout, text.stdout);
  const md = cli(['evaluate', '--git', 'HEAD~1..HEAD', '--service', 'payments-api', '--tier', '2', '--format', 'markdown'], { cwd: repo });
  assert.match(md.stdout, /\|/);
});

test('--policy and --policy-from: a change cannot loosen its own gate', () => {
  const repo = initRepo(path.join(work, 'repo2'), { 'README.md': '# x\n', 'riskgate.policy.json': '{}\n' });
  git(repo, 'checkout', '-q', '-b', 'feature');
  writeFiles(repo, {
    'db/migrations/1.sql': 'alter table t add column c int;\n',
    // The change tries to make migrations free.
    'riskgate.policy.json': JSON.stringify({ categories: { schema_migration: { points: 0 } } }),
  });
  commitAll(repo, 'Loosen the gate');
  const loose = cli(['evaluate', '--git', 'main...HEAD', '--service', 's', '--tier', '2', '--policy', 'riskgate.policy.json'], { cwd: repo });
  assert.equal(loose.status, 0, loose.stderr);
  const strict = cli(['evaluate', '--git', 'main...HEAD', '--service', 's', '--tier', '2', '--policy-from', 'main'], { cwd: repo });
  assert.equal(strict.status, 0, strict.stderr);
  const points = (out) => JSON.parse(out).categories.find((c) => c.id === 'schema_migration')?.points;
  assert.equal(points(loose.stdout), 0);
  assert.equal(points(strict.stdout), 10);
  // Missing at the base revision: the built-in default, with a note.
  const none = cli(['evaluate', '--git', 'main...HEAD', '--service', 's', '--tier', '2', '--policy', 'nope.json', '--policy-from', 'main'], { cwd: repo });
  assert.equal(none.status, 0);
  assert.match(none.stderr, /does not exist at main/);
});

const blockedRequest = {
  service: { name: 'payments-api', tier: 3 },
  change: { id: 'b1', files: [{ path: 'db/migrations/9.sql' }, { path: 'docs/<img src=x onerror=alert(1)>.md' }] },
  budget: { allocated: 80, consumed: 70 },
};

test('exit codes: 0 go, 1 blocked, 2 usage or input error naming the file and JSON path', () => {
  const dir = path.join(work, 'codes');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'blocked.json'), JSON.stringify(blockedRequest));
  const blocked = cli(['evaluate', '--request', 'blocked.json'], { cwd: dir });
  assert.equal(blocked.status, 1);
  assert.equal(JSON.parse(blocked.stdout).verdict, 'blocked');

  fs.writeFileSync(path.join(dir, 'bad-tier.json'), JSON.stringify({ service: { name: 'a', tier: 9 }, change: { id: 'x' } }));
  const bad = cli(['evaluate', '--request', 'bad-tier.json'], { cwd: dir });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /bad-tier\.json: invalid_request at service\.tier/);
  assert.equal(JSON.parse(bad.stdout).error.path, 'service.tier');

  fs.writeFileSync(path.join(dir, 'malformed.json'), '{"service": ');
  const malformed = cli(['evaluate', '--request', 'malformed.json', '--format', 'text'], { cwd: dir });
  assert.equal(malformed.status, 2);
  assert.match(malformed.stderr, /malformed\.json: malformed JSON/);
  assert.equal(malformed.stdout, '');

  fs.writeFileSync(path.join(dir, 'bad-policy.json'), JSON.stringify({ categories: { docs: { points: 'one' } } }));
  const badPolicy = cli(['evaluate', '--request', 'blocked.json', '--policy', 'bad-policy.json'], { cwd: dir });
  assert.equal(badPolicy.status, 2);
  assert.match(badPolicy.stderr, /bad-policy\.json: invalid_policy at categories\.docs\.points/);

  assert.equal(cli(['evaluate', '--request', 'missing.json'], { cwd: dir }).status, 2);
  assert.equal(cli(['evaluate'], { cwd: dir }).status, 2);
  assert.equal(cli(['frobnicate'], { cwd: dir }).status, 2);
  assert.equal(cli(['evaluate', '--request', 'blocked.json', '--format', 'pdf'], { cwd: dir }).status, 2);
  assert.equal(cli(['evaluate', '--request', 'blocked.json', '--bogus'], { cwd: dir }).status, 2);
  assert.equal(cli(['evaluate', '--git', 'HEAD~1..HEAD'], { cwd: dir }).status, 2); // no --service/--tier
  assert.equal(cli(['evaluate', '--git', 'nope..HEAD', '--service', 'a', '--tier', '1'], { cwd: dir }).status, 2); // not a repo
  const stdin = cli(['evaluate', '--request', '-'], { cwd: dir, input: JSON.stringify(blockedRequest) });
  assert.equal(stdin.status, 1);
  assert.equal(cli(['--help']).status, 0);
  assert.match(cli(['version']).stdout, /^\d+\.\d+\.\d+\n$/);
});

test('--format github: job summary, annotations for blockers, escaped untrusted text', () => {
  const dir = path.join(work, 'github');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'blocked.json'), JSON.stringify(blockedRequest));
  const summary = path.join(dir, 'summary.md');
  const r = cli(['evaluate', '--request', 'blocked.json', '--format', 'github'], { cwd: dir, env: { GITHUB_STEP_SUMMARY: summary } });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^::error title=riskgate%3A budget_red_high_risk::/m);
  assert.match(r.stdout, /BLOCKED at gate G\d/);
  const md = fs.readFileSync(summary, 'utf8');
  assert.match(md, /budget_red_high_risk/);
  assert.ok(!md.includes('<img src=x'), 'the path must be escaped in Markdown');
  // Without $GITHUB_STEP_SUMMARY the Markdown goes to stdout.
  const plain = cli(['evaluate', '--request', 'blocked.json', '--format', 'github'], { cwd: dir });
  assert.match(plain.stdout, /::error /);
  assert.match(plain.stdout, /\|/);
});

test('policy init and policy check', () => {
  const dir = path.join(work, 'policy');
  fs.mkdirSync(dir);
  const init = cli(['policy', 'init', '--out', 'riskgate.policy.json'], { cwd: dir });
  assert.equal(init.status, 0, init.stderr);
  const check = cli(['policy', 'check', 'riskgate.policy.json'], { cwd: dir });
  assert.equal(check.status, 0, check.stderr);
  assert.match(check.stdout, /valid policy/);
  assert.equal(cli(['policy', 'init', '--out', 'riskgate.policy.json'], { cwd: dir }).status, 2); // exists
  const preset = cli(['policy', 'init', '--preset', 'stella-ops']);
  assert.equal(preset.status, 0);
  assert.ok(JSON.parse(preset.stdout).categories);
  assert.equal(cli(['policy', 'init', '--preset', 'no-such']).status, 2);
  fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ tiers: { 2: { base: -1 } } }));
  const broken = cli(['policy', 'check', 'broken.json'], { cwd: dir });
  assert.equal(broken.status, 2);
  assert.match(broken.stderr, /broken\.json: invalid_policy at tiers/);
});

const docsRelease = (id) => ({
  service: { name: 'docs-site', tier: 0 },
  change: { id, releaseType: 'rollback', files: [{ path: 'docs/index.md', additions: 1 }] },
});

test('--ledger --record: appends the entry; a re-run does not charge twice; ledger status and verify', () => {
  const dir = path.join(work, 'ledger');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'r.json'), JSON.stringify(docsRelease('d1')));
  const first = cli(['evaluate', '--request', 'r.json', '--ledger', 'ledger.jsonl', '--record'], { cwd: dir });
  assert.equal(first.status, 0, first.stderr);
  const second = cli(['evaluate', '--request', 'r.json', '--ledger', 'ledger.jsonl', '--record'], { cwd: dir });
  assert.equal(second.status, 0, second.stderr);
  assert.match(second.stderr, /already recorded/);
  const lines = fs.readFileSync(path.join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n');
  assert.equal(lines.length, 1);
  assert.equal(JSON.parse(lines[0]).changeId, 'd1');
  const verify = cli(['ledger', 'verify', '--ledger', 'ledger.jsonl'], { cwd: dir });
  assert.equal(verify.status, 0);
  assert.equal(JSON.parse(verify.stdout).ok, true);
  const status = cli(['ledger', 'status', '--ledger', 'ledger.jsonl', '--service', 'docs-site'], { cwd: dir });
  assert.equal(status.status, 0, status.stderr);
  assert.equal(JSON.parse(status.stdout).service, 'docs-site');
  assert.ok(!fs.existsSync(path.join(dir, 'ledger.jsonl.lock')));
  // A tampered ledger is refused (exit 2), and nothing is appended to it.
  fs.writeFileSync(path.join(dir, 'ledger.jsonl'), `${lines[0].replace('"charge":', '"charge":1')}\n`);
  const refused = cli(['evaluate', '--request', 'r.json', '--id', 'd2', '--ledger', 'ledger.jsonl', '--record'], { cwd: dir });
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /ledger\.jsonl: the ledger fails verification/);
  assert.equal(fs.readFileSync(path.join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n').length, 1);
  assert.equal(cli(['ledger', 'verify', '--ledger', 'ledger.jsonl'], { cwd: dir }).status, 1);
});

// 50 releases per recorder in the test command; `.ci/fuzz` runs the full 1,000.
const CONCURRENT_RELEASES = Number(process.env.RISKGATE_CONCURRENCY_RELEASES ?? 50);

test(`8 concurrent recorders x ${CONCURRENT_RELEASES} releases: no line lost, duplicated or interleaved; the ledger verifies`, { timeout: 3_600_000 }, async () => {
  const dir = path.join(work, 'concurrent');
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'r.json'), JSON.stringify(docsRelease('template')));
  const WORKERS = 8;
  const RELEASES = CONCURRENT_RELEASES;
  // Each worker records its releases one after another (like a CI runner), all workers at once.
  const worker = `
    const { spawnSync } = require('node:child_process');
    const [cli, w, n] = process.argv.slice(1);
    for (let i = 0; i < Number(n); i++) {
      const id = 'w' + w + '-r' + i;
      const r = spawnSync(process.execPath, [cli, 'evaluate', '--request', 'r.json', '--id', id, '--ledger', 'ledger.jsonl', '--record', '--format', 'text'], { encoding: 'utf8' });
      if (r.status !== 0) { console.error(id, r.status, r.stderr); process.exit(1); }
    }`;
  const runs = [];
  for (let w = 0; w < WORKERS; w++) {
    runs.push(
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['-e', worker, cliPath, String(w), String(RELEASES)], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
        let err = '';
        child.stderr.on('data', (d) => (err += d));
        child.on('close', (code) => resolve({ code, err }));
      }),
    );
  }
  for (const r of await Promise.all(runs)) assert.equal(r.code, 0, r.err);
  const text = fs.readFileSync(path.join(dir, 'ledger.jsonl'), 'utf8');
  assert.ok(text.endsWith('\n'));
  const lines = text.slice(0, -1).split('\n');
  assert.equal(lines.length, WORKERS * RELEASES);
  const entries = lines.map((l) => JSON.parse(l)); // no interleaved (broken) line
  assert.deepEqual(entries.map((e) => e.seq), entries.map((_, i) => i + 1));
  assert.equal(new Set(entries.map((e) => e.changeId)).size, WORKERS * RELEASES);
  const verify = cli(['ledger', 'verify', '--ledger', 'ledger.jsonl'], { cwd: dir });
  assert.equal(verify.status, 0, verify.stdout);
  assert.equal(JSON.parse(verify.stdout).entries, WORKERS * RELEASES);
  assert.ok(!fs.existsSync(path.join(dir, 'ledger.jsonl.lock')));
  console.log(`# concurrency: ${WORKERS} processes x ${RELEASES} releases -> ${lines.length} lines, verified`);
});
