// The package as users get it: `npm pack`, installed from the tarball into a scratch
// project (offline), imported both ways, type-checked with tsc, and driven by the commands
// of the CI examples (examples/github-actions.yml, examples/gitlab-ci.yml) on a scratch
// git repository with a merge request branch.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { commitAll, git, initRepo, pkgDir, tempDir, writeFiles } from './helpers.mjs';

const work = tempDir('package');
const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
const npmEnv = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };

function npm(args, cwd) {
  return execFileSync('npm', args, { cwd, env: npmEnv, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let tarball;
let project;

test('npm pack: only the built package, no sources or tests, no install scripts', () => {
  const [info] = JSON.parse(npm(['pack', '--json', '--pack-destination', work], pkgDir));
  tarball = path.join(work, info.filename);
  const files = info.files.map((f) => f.path).sort();
  for (const needed of ['package.json', 'README.md', 'dist/riskgate.wasm', 'dist/index.js', 'dist/index.cjs', 'dist/web.js', 'dist/cli.js',
    'dist/index.d.ts', 'dist/index.d.cts', 'dist/web.d.ts', 'dist/glue/node.cjs', 'dist/glue/web.js',
    'dist/schemas/request.schema.json', 'dist/schemas/policy.schema.json', 'dist/schemas/decision.schema.json', 'dist/cli-main.js']) {
    assert.ok(files.includes(needed), `${needed} is packed`);
  }
  assert.ok(!files.some((f) => /^(src|js|test|scripts|examples)\//.test(f) || f.includes('node_modules') || f === 'Cargo.toml'), files.join(' '));
  assert.equal(pkg.scripts.install, undefined);
  assert.equal(pkg.scripts.postinstall, undefined);
  assert.equal(pkg.scripts.preinstall, undefined);
  assert.equal(pkg.dependencies, undefined);
  console.log(`# npm pack: ${info.filename} ${info.size} B packed, ${info.unpackedSize} B unpacked, ${files.length} files`);
});

test('installed from the tarball (offline): ESM import and CommonJS require', () => {
  // The scratch project is also the repository the CI examples gate (see below).
  project = path.join(work, 'project');
  const origin = path.join(work, 'origin.git');
  git(work, 'init', '-q', '--bare', '-b', 'main', origin);
  initRepo(project, {
    'package.json': JSON.stringify({ name: 'payments-api', private: true, type: 'module' }, null, 2),
    '.gitignore': 'node_modules/\n',
    'README.md': '# payments-api\n',
    'src/refunds.js': 'export const refund = () => {};\n',
    'src/legacy.js': 'export const legacy = 1;\n',
  });
  npm(['install', '--save-dev', tarball], project);
  git(project, 'add', '-A');
  git(project, 'commit', '-q', '-m', 'add riskgate');
  git(project, 'remote', 'add', 'origin', origin);
  git(project, 'push', '-q', 'origin', 'main');

  fs.writeFileSync(path.join(project, 'esm.mjs'), `
    import { evaluate, version, RiskgateError } from 'riskgate';
    import riskgate from 'riskgate';
    const d = evaluate({ service: { name: 'a', tier: 2 }, change: { id: 'x', files: ['db/migrations/1.sql'].map((path) => ({ path })) } });
    let code; try { evaluate({}); } catch (e) { code = e instanceof RiskgateError && e.code; }
    console.log(JSON.stringify({ v: version(), level: d.gate.level, code, same: riskgate.evaluate === evaluate }));`);
  fs.writeFileSync(path.join(project, 'cjs.cjs'), `
    const { evaluate, version, RiskgateError } = require('riskgate');
    const d = evaluate({ service: { name: 'a', tier: 2 }, change: { id: 'x', files: [{ path: 'db/migrations/1.sql' }] } });
    let code; try { evaluate({}); } catch (e) { code = e instanceof RiskgateError && e.code; }
    console.log(JSON.stringify({ v: version(), level: d.gate.level, code, same: require('riskgate').default.evaluate === evaluate }));`);
  for (const file of ['esm.mjs', 'cjs.cjs']) {
    const out = JSON.parse(execFileSync(process.execPath, [file], { cwd: project, encoding: 'utf8' }));
    assert.deepEqual(out, { v: pkg.version, level: 'G3', code: 'invalid_request', same: true }, file);
  }
  // Every subpath export resolves to a packed file (bundlers fetch the wasm by name).
  fs.writeFileSync(path.join(project, 'exports.cjs'), `
    const fs = require('node:fs');
    for (const spec of ['riskgate', 'riskgate/web', 'riskgate/riskgate.wasm', 'riskgate/package.json', 'riskgate/schemas/request.schema.json']) {
      const file = require.resolve(spec);
      if (!fs.statSync(file).isFile()) throw new Error(spec + ' -> ' + file);
    }`);
  execFileSync(process.execPath, ['exports.cjs'], { cwd: project, encoding: 'utf8' });
  const bin = spawnSync('npx', ['--no-install', 'riskgate', 'version'], { cwd: project, env: npmEnv, encoding: 'utf8' });
  assert.equal(bin.status, 0, bin.stderr);
  assert.equal(bin.stdout.trim(), pkg.version);
});

test('tsc --noEmit over a typed usage example (ESM, CommonJS and riskgate/web)', () => {
  const dir = path.join(project, 'types');
  fs.mkdirSync(dir);
  for (const f of ['usage.ts', 'usage.cts', 'tsconfig.json']) fs.copyFileSync(path.join(pkgDir, 'test', 'types', f), path.join(dir, f));
  const tsc = path.join(pkgDir, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', path.join(dir, 'tsconfig.json')], { cwd: dir, encoding: 'utf8' });
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
});

function exampleCommands(file, { yamlList }) {
  const text = fs.readFileSync(path.join(pkgDir, 'examples', file), 'utf8');
  const block = /# riskgate:begin[^\n]*\n([\s\S]*?)\n\s*# riskgate:end/.exec(text);
  assert.ok(block, `${file} marks its riskgate commands`);
  const lines = block[1].split('\n').map((l) => l.trim()).filter(Boolean);
  const script = yamlList ? lines.map((l) => l.replace(/^- /, '')).join('\n') : lines.join('\n');
  return `set -e\n${script}\n`;
}

function runExample(file, env, yamlList) {
  const script = exampleCommands(file, { yamlList });
  return spawnSync('bash', ['-c', script], { cwd: project, env: { ...npmEnv, GITHUB_STEP_SUMMARY: '', ...env }, encoding: 'utf8' });
}

test('the CI examples gate a merge request on a scratch repository', () => {
  // The base branch has a policy; the merge request renames and deletes files, adds a
  // migration, and tries to make migrations free in the policy it carries.
  npm(['exec', '--no-install', '--', 'riskgate', 'policy', 'init', '--out', 'riskgate.policy.json'], project);
  commitAll(project, 'riskgate policy');
  git(project, 'push', '-q', 'origin', 'main');
  git(project, 'checkout', '-q', '-b', 'feature/refunds');
  fs.mkdirSync(path.join(project, 'src', 'refunds'));
  git(project, 'mv', 'src/refunds.js', 'src/refunds/index.js');
  git(project, 'rm', '-q', 'src/legacy.js');
  writeFiles(project, { 'db/migrations/0042_refunds.sql': 'create table refunds (id int);\n' });
  const loosened = JSON.parse(fs.readFileSync(path.join(project, 'riskgate.policy.json'), 'utf8'));
  loosened.categories.schema_migration.points = 0;
  fs.writeFileSync(path.join(project, 'riskgate.policy.json'), JSON.stringify(loosened, null, 2));
  commitAll(project, 'Refunds');

  const summary = path.join(work, 'step-summary.md');
  const gh = runExample('github-actions.yml', { BASE: 'origin/main', SERVICE: 'payments-api', TIER: '2', GITHUB_STEP_SUMMARY: summary }, false);
  assert.equal(gh.status, 0, `${gh.stdout}${gh.stderr}`);
  assert.match(gh.stdout, /riskgate: GO at gate G\d/);
  const md = fs.readFileSync(summary, 'utf8');
  assert.match(md, /schema_migration|Database schema migration/);
  assert.match(md, /0042\\?_refunds\.sql/);

  const gl = runExample('gitlab-ci.yml', { CI_MERGE_REQUEST_TARGET_BRANCH_NAME: 'main', SERVICE: 'payments-api', TIER: '2' }, true);
  assert.equal(gl.status, 0, `${gl.stdout}${gl.stderr}`);
  assert.match(gl.stdout, /VERDICT: GO/);
  const report = fs.readFileSync(path.join(project, 'riskgate-report.md'), 'utf8');
  assert.match(report, /0042\\?_refunds\.sql/);
  // The base policy applied: migrations still cost their 10 points.
  assert.match(gl.stdout, /\+10\s+diff\s+Database schema migration/);
  assert.match(gl.stdout, /src\/refunds\/index\.js/);
  assert.match(gl.stdout, /src\/legacy\.js/);
});
