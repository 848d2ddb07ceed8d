// Differential test (issue 8): a seeded generator of valid, varied requests (every preset,
// every category, thresholds ± 1, exceptions, seed 001-004 sections, an invalid request now
// and then) is evaluated natively (core/examples/differential.rs prints each request with
// the SHA-256 of the native output) and through this package; every output must be
// byte-identical. RISKGATE_DIFF_CASES sets the count (100,000 by default; `.ci/fuzz` runs
// 1,000,000), RISKGATE_DIFF_SEED the seed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import readline from 'node:readline';
import { test } from 'node:test';
import * as riskgate from 'riskgate';
import { rootDir } from './helpers.mjs';

const cases = Number(process.env.RISKGATE_DIFF_CASES ?? 100000);
const seed = String(process.env.RISKGATE_DIFF_SEED ?? 20261122);

test(`${cases} generated requests give byte-identical output natively and through the package`, async () => {
  const native = spawn(
    'cargo',
    ['run', '-q', '--release', '-p', 'riskgate', '--example', 'differential', '--locked', '--', String(cases), seed],
    { cwd: rootDir, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const lines = readline.createInterface({ input: native.stdout, crlfDelay: Infinity });
  let seen = 0;
  let errors = 0;
  const mismatches = [];
  for await (const line of lines) {
    const { request, sha256 } = JSON.parse(line);
    let output;
    try {
      output = riskgate.evaluateJson(request);
    } catch (e) {
      assert.ok(e instanceof riskgate.RiskgateError, `case ${seen}: ${e}`);
      errors += 1;
      output = JSON.stringify({ error: { code: e.code, path: e.path, message: e.message } });
    }
    const digest = createHash('sha256').update(output).digest('hex');
    if (digest !== sha256 && mismatches.length < 5) mismatches.push({ case: seen, request, output });
    seen += 1;
  }
  const code = await new Promise((resolve) => native.on('close', resolve));
  assert.equal(code, 0, 'the native generator failed');
  assert.equal(seen, cases, 'every generated case was compared');
  assert.deepEqual(mismatches, [], 'native and package outputs differ');
  assert.ok(errors > 0 && errors < cases / 10, `some, not most, generated requests are invalid (${errors})`);
  console.log(`differential: ${seen} cases, ${seen - errors} decisions and ${errors} errors, all byte-identical`);
});
