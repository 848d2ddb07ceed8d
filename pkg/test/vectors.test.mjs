// Every golden vector of core/tests/vectors/**.json, replayed through the npm package:
// the output text must be byte-identical to the native engine's (produced by the Rust
// example core/examples/replay.rs; .ci/test.d/20-pkg.sh passes its output in
// RISKGATE_REPLAY, otherwise this test runs it with cargo).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import * as riskgate from 'riskgate';
import { rootDir } from './helpers.mjs';

function vectorFiles(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) vectorFiles(p, out);
    else if (entry.name.endsWith('.json')) out.push(p);
  }
  return out;
}

function nativeReplay() {
  const file = process.env.RISKGATE_REPLAY;
  const text = file
    ? fs.readFileSync(file, 'utf8')
    : execFileSync('cargo', ['run', '-q', '-p', 'riskgate', '--example', 'replay', '--locked'], {
        cwd: rootDir,
        encoding: 'utf8',
        maxBuffer: 512 * 1024 * 1024,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
  return text.split('\n').filter(Boolean).map((line) => JSON.parse(line));
}

const cases = nativeReplay();
const files = vectorFiles(path.join(rootDir, 'core', 'tests', 'vectors'));

test('the native replay covers every vector file', () => {
  assert.ok(files.length > 0, 'no vectors found');
  assert.equal(cases.length, files.length, 'one replayed case per vector file');
});

let identical = 0;
for (const c of cases) {
  test(`vector ${c.file} (${c.op}) is byte-identical through the package`, () => {
    let got;
    try {
      got = riskgate.call(c.op, c.input);
    } catch (e) {
      assert.ok(e instanceof riskgate.RiskgateError, `not a RiskgateError: ${e}`);
      got = null;
      assert.equal(c.ok, false, `the package failed where the engine succeeded: ${e.code} ${e.path} ${e.message}`);
      const native = JSON.parse(c.output).error;
      assert.deepEqual({ code: e.code, path: e.path, message: e.message }, native);
      // The error document, rebuilt from the thrown error, is the native text.
      assert.equal(JSON.stringify(e.toJSON()), c.output);
      identical += 1;
      return;
    }
    assert.equal(c.ok, true, 'the package succeeded where the engine failed');
    assert.equal(got, c.output);
    if (c.op === 'evaluate') assert.equal(riskgate.evaluateJson(c.input), c.output);
    identical += 1;
  });
}

test('summary', () => {
  assert.equal(identical, cases.length);
  console.log(`# vectors replayed: ${cases.length}, byte-identical: ${identical}`);
});
