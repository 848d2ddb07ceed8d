// The JavaScript API: results, RiskgateError on bad input, limits, trap recovery, and the
// browser entry (initialized from bytes here: no browser needed).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import * as riskgate from 'riskgate';
import { pkgDir } from './helpers.mjs';

const { RiskgateError } = riskgate;
const require = createRequire(import.meta.url);
const base = {
  service: { name: 'payments-api', tier: 2 },
  change: { id: 'c1', files: [{ path: 'db/migrations/0042_refunds.sql', status: 'added', additions: 40 }], mitigations: ['canary'] },
  budget: { allocated: 120, consumed: 30 },
};

function throwsRiskgate(fn, code, pathIs) {
  let caught;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof RiskgateError, `expected a RiskgateError, got ${caught}`);
  assert.ok(caught instanceof Error);
  assert.equal(caught.name, 'RiskgateError');
  assert.equal(caught.code, code, caught.message);
  if (pathIs !== undefined) assert.equal(caught.path, pathIs);
  assert.equal(typeof caught.message, 'string');
  assert.ok(!/unreachable/i.test(caught.message) || code === 'internal');
  return caught;
}

function stillWorks() {
  const d = riskgate.evaluate(base);
  assert.equal(d.score.total, 13);
  assert.equal(d.gate.level, 'G3');
  assert.equal(d.verdict, 'go');
}

test('version is the workspace version and the package version', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  assert.equal(riskgate.version(), pkg.version);
  const cargo = fs.readFileSync(path.join(pkgDir, '..', 'Cargo.toml'), 'utf8');
  assert.match(cargo, new RegExp(`\\nversion = "${pkg.version.replace(/\./g, '\\.')}"`));
});

test('evaluate: object in, decision out; evaluateJson: text in, text out', () => {
  stillWorks();
  const text = riskgate.evaluateJson(JSON.stringify(base));
  assert.deepEqual(JSON.parse(text), riskgate.evaluate(base));
  assert.equal(riskgate.evaluate(JSON.stringify(base)).score.total, 13);
});

// Multi-byte characters first, last, alone and after long ASCII runs; astral characters
// (surrogate pairs in JavaScript) where the glue's first encodeInto runs out of room.
const scripts = ['é', 'Ünïcode ✓ change', 'a'.repeat(300) + 'ß', '🚀', '🚀'.repeat(200), 'x🚀y€z' + 'ü'.repeat(50), '日本語のタイトル'];
const scriptRequest = (title) => ({
  ...base,
  change: { ...base.change, title, files: [{ path: `docs/${title.slice(0, 40)}/readme.md`, status: 'added' }] },
});

test('text of any script crosses into wasm unchanged (the glue encodes with encodeInto)', () => {
  for (const title of scripts) {
    const request = scriptRequest(title);
    const d = JSON.parse(riskgate.evaluateJson(JSON.stringify(request)));
    assert.equal(d.change.title, title);
    assert.equal(d.files[0].path, request.change.files[0].path);
  }
  // A lone surrogate is not text: it arrives as U+FFFD, as TextEncoder makes it.
  const text = JSON.stringify({ ...base, change: { ...base.change, title: 'a@b' } }).replace('a@b', 'a\uD800b');
  assert.equal(JSON.parse(riskgate.evaluateJson(text)).change.title, 'a\uFFFDb');
  stillWorks();
});

test('text of any script comes out of wasm unchanged (the glue decodes long ASCII answers itself)', () => {
  for (const title of scripts) {
    const d = riskgate.evaluate(scriptRequest(title));
    // Answers of the API are ASCII (`\u` escapes), and long: the glue's one-byte path.
    const json = riskgate.evaluateJson(JSON.stringify(scriptRequest(title)));
    assert.ok(json.length >= 256 && /^[\x00-\x7f]*$/.test(json));
    assert.equal(JSON.parse(json).change.title, title);
    // Markdown and text keep UTF-8 (a long answer that is not ASCII: TextDecoder).
    for (const format of ['markdown', 'text']) {
      const out = riskgate.render(d, format);
      assert.ok(out.length >= 256);
      assert.ok(out.includes(title.slice(0, 40)), `${format} names ${title.slice(0, 12)}`);
    }
  }
  stillWorks();
});

test('classify answers exactly what the engine\'s full classify JSON says, paths kept as given', () => {
  const paths = [];
  for (let i = 0; i < 300; i++) {
    const dir = ['src/auth', 'docs', 'db/migrations', 'lib', 'k8s', 'src/Payments', 'a b', 'é'][i % 8];
    paths.push(`${i % 3 === 0 ? './' : ''}${dir}/f${i}.${['rs', 'md', 'sql', 'yaml', 'tsx'][i % 5]}`);
  }
  const files = paths.map((p, i) => (i % 4 === 0 ? { path: p, oldPath: `old/${p}`, status: 'renamed' } : p));
  for (const policy of [undefined, { matchCase: true }, { fallbackCategory: 'core_logic' }]) {
    const input = policy === undefined ? { files } : { files, policy };
    const full = JSON.parse(riskgate.call('classify', input));
    assert.deepEqual(riskgate.classify(files, policy), full);
    assert.ok(full.some((f) => f.fallback) && full.some((f) => !f.fallback), 'both kinds of answer are covered');
  }
  // Entries JSON.stringify would change (toJSON, String objects) go the full way, with the same answers.
  const odd = [new String('docs/a.md'), { path: 'src/auth/x.rs', toJSON: () => ({ path: 'lib/y.rs' }) }];
  assert.deepEqual(riskgate.classify(odd), JSON.parse(riskgate.call('classify', { files: odd })));
  assert.equal(riskgate.classify(odd)[1].path, 'lib/y.rs');
  // A toJSON on the list itself too: the answer is for what was sent, never paired with other paths.
  const listed = Object.assign(['docs/a.md'], { toJSON: () => ['src/auth/x.rs', 'docs/a.md'] });
  assert.deepEqual(riskgate.classify(listed), JSON.parse(riskgate.call('classify', { files: ['src/auth/x.rs', 'docs/a.md'] })));
  const compact = JSON.parse(riskgate.call('classifyCompact', { files: ['README.md', 'x/unknown.bin'] }));
  assert.deepEqual(compact.files.map((f) => f.map((c) => compact.categories[c])), [['docs'], ['logic']]);
  assert.deepEqual(compact.fallback, [1]);
});

test('a list of paths (sent joined by newlines) is classified as its JSON input is, errors included', () => {
  const full = (files, policy) => {
    try {
      return JSON.parse(riskgate.call('classify', policy === undefined ? { files } : { files, policy }));
    } catch (e) {
      return e;
    }
  };
  const mine = (files, policy) => {
    try {
      return riskgate.classify(files, policy);
    } catch (e) {
      return e;
    }
  };
  const lists = [
    [],
    ['src/auth/login.rs', 'README.md', 'x/unknown.bin', 'docs/a b/é.md', 'K8S/deploy.yaml'],
    // Declined by the engine (the JSON way answers): a newline, a quote, a backslash, a control.
    ['a\nb.rs', 'docs/x.md'],
    ['docs/"q".md', 'src\\auth\\x.rs', 'tab\there.rs'],
    // Not text: a lone surrogate, which the JSON way reads as an error.
    ['docs/a\uD800.md'],
    // Errors: an empty path, a blank one, a control character, a path over the limit.
    ['ok.rs', ''],
    ['  '],
    ['bad\u0007.rs'],
    ['ok.rs', 'p/'.repeat(3000)],
  ];
  const policies = [undefined, null, { matchCase: true }, { categories: { bad: { label: 'B', points: 1, highRisk: false, include: ['a[b'] } } }, 'stella-ops', { toJSON: () => ({ matchCase: true }) }];
  for (const files of lists) {
    for (const policy of policies) {
      const a = mine(files, policy);
      const b = full(files, policy);
      const label = JSON.stringify({ files, policy });
      if (b instanceof Error) {
        assert.ok(a instanceof RiskgateError, `${label}: ${a}`);
        assert.deepEqual([a.code, a.path, a.message], [b.code, b.path, b.message], label);
      } else {
        assert.deepEqual(a, b, label);
      }
    }
  }
  // Each entry is read once, and the list's own `join` is never called: the answers stay
  // paired with their paths.
  class Joined extends Array {
    join() {
      return 'README.md\nsrc/auth/login.rs';
    }
  }
  const subclassed = Joined.from(['src/auth/login.rs', 'README.md']);
  assert.deepEqual(riskgate.classify(subclassed), full(['src/auth/login.rs', 'README.md']));
  let reads = 0;
  const counted = new Proxy(['src/auth/login.rs', 'README.md'], {
    get(target, key, receiver) {
      if (key === '0') reads += 1;
      return key === '0' && reads > 1 ? 'README.md' : Reflect.get(target, key, receiver);
    },
  });
  assert.deepEqual(riskgate.classify(counted), full(['src/auth/login.rs', 'README.md']));
  // The answers are the caller's own strings and fresh arrays for each file.
  const files = ['src/auth/a.rs', 'src/auth/b.rs'];
  const out = riskgate.classify(files);
  assert.equal(out[0].path, files[0]);
  assert.notEqual(out[0].categories, out[1].categories);
  assert.deepEqual(out[0].categories, out[1].categories);
});

test('classify, render, defaultPolicy, validatePolicy, parseDiff, schema', () => {
  const files = riskgate.classify(['README.md', 'src/auth/login.rs', { path: 'db/x.sql', status: 'added' }]);
  assert.deepEqual(files[0].categories, ['docs']);
  assert.ok(files[1].categories.includes('auth'));
  assert.ok(files[2].categories.includes('schema_migration'));
  const d = riskgate.evaluate(base);
  assert.match(riskgate.render(d, 'markdown'), /G3/);
  assert.match(riskgate.render(d, 'text'), /Release Risk Score: 13 RP/);
  assert.match(riskgate.render(d), /\|/); // markdown by default
  const policy = riskgate.defaultPolicy();
  assert.ok(policy.categories.schema_migration);
  assert.deepEqual(riskgate.validatePolicy({}), policy);
  const diff = riskgate.parseDiff('M\0a.md\0R100\0old.rs\0new.rs\0D\0gone.txt\0');
  assert.deepEqual(diff.map((f) => [f.status, f.path, f.oldPath]), [
    ['modified', 'a.md', undefined],
    ['renamed', 'new.rs', 'old.rs'],
    ['deleted', 'gone.txt', undefined],
  ]);
  const counted = riskgate.parseDiff('M\0a.md\0', '3\t1\ta.md\0');
  assert.equal(counted[0].additions, 3);
  assert.equal(riskgate.schema('request').title, 'Request');
});

test('ledger: append, status and verify through the package', () => {
  const entry = {
    kind: 'release', at: '2026-11-02T10:00:00Z', service: 'payments-api', tier: 2, changeId: 'a1',
    rrs: 12, charge: 12, gate: 'G2', verdict: 'go',
  };
  const first = riskgate.ledgerAppend([], entry);
  assert.equal(first.entry.seq, 1);
  const lines = `${JSON.stringify(first.entry)}\n`;
  const verified = riskgate.ledgerVerify(lines);
  assert.equal(verified.ok, true);
  assert.equal(verified.head, first.head);
  const status = riskgate.ledgerStatus(lines, 'payments-api', new Date('2026-11-20T12:00:00Z'));
  assert.equal(typeof status, 'object');
  assert.equal(riskgate.ledgerVerify([first.entry]).ok, true);
  const tampered = lines.replace('"charge":12', '"charge":2');
  assert.equal(riskgate.ledgerVerify(tampered).ok, false);
  throwsRiskgate(() => riskgate.ledgerStatus('{not json\n', 'payments-api', '2026-11-20T12:00:00Z'), 'invalid_ledger');
  stillWorks();
});

test('bad inputs throw RiskgateError with code and path; the instance keeps working', () => {
  throwsRiskgate(() => riskgate.evaluateJson('{"service":'), 'invalid_request');
  throwsRiskgate(() => riskgate.evaluateJson('not json at all'), 'invalid_request');
  throwsRiskgate(() => riskgate.evaluate({ service: { name: 'a', tier: 'two' }, change: { id: 'x' } }), 'invalid_request', 'service.tier');
  throwsRiskgate(() => riskgate.evaluate({ service: { name: 'a', tier: 7 }, change: { id: 'x' } }), 'invalid_request', 'service.tier');
  throwsRiskgate(() => riskgate.evaluate({ service: { name: 'a', tier: 1 }, change: { id: 'x', files: [{ path: 42 }] } }), 'invalid_request', 'change.files[0].path');
  throwsRiskgate(() => riskgate.evaluate({ service: { name: 'a', tier: 1 }, change: { id: 'x' }, surprise: true }), 'invalid_request');
  throwsRiskgate(() => riskgate.evaluate(undefined), 'invalid_request');
  throwsRiskgate(() => riskgate.evaluate(42), 'invalid_request');
  throwsRiskgate(() => riskgate.evaluateJson(42), 'invalid_request');
  const cyclic = { ...base };
  cyclic.self = cyclic;
  throwsRiskgate(() => riskgate.evaluate(cyclic), 'invalid_request');
  throwsRiskgate(() => riskgate.evaluate({ ...base, big: 10n }), 'invalid_request');
  throwsRiskgate(() => riskgate.validatePolicy({ categories: 'nope' }), 'invalid_policy');
  throwsRiskgate(() => riskgate.render(riskgate.evaluate(base), 'pdf'), 'invalid_request', 'format');
  throwsRiskgate(() => riskgate.render({ not: 'a decision' }, 'text'), 'invalid_request');
  throwsRiskgate(() => riskgate.defaultPolicy('no-such-preset'), 'invalid_policy');
  throwsRiskgate(() => riskgate.parseDiff('M\0a\0Q\0b\0'), 'invalid_request', 'record 2');
  throwsRiskgate(() => riskgate.parseDiff(null), 'invalid_request');
  throwsRiskgate(() => riskgate.classify('README.md'), 'invalid_request');
  throwsRiskgate(() => riskgate.call('noSuchOp', {}), 'invalid_request', 'op');
  stillWorks();
});

test('a 50 MB request is refused fast with limit_exceeded; memory is not grown by it', () => {
  const huge = JSON.stringify({ ...base, change: { ...base.change, title: 'x'.repeat(50 * 1024 * 1024) } });
  const start = Date.now();
  const e = throwsRiskgate(() => riskgate.evaluateJson(huge), 'limit_exceeded', '');
  assert.match(e.message, /16 MiB/);
  throwsRiskgate(() => riskgate.evaluate(JSON.parse(huge)), 'limit_exceeded');
  // Multi-byte text near the limit is measured in UTF-8 bytes.
  throwsRiskgate(() => riskgate.parseDiff('é'.repeat(9 * 1024 * 1024)), 'limit_exceeded');
  assert.ok(Date.now() - start < 10_000);
  stillWorks();
});

test('a wasm trap never reaches the caller: RiskgateError internal, then a fresh instance', () => {
  const before = riskgate.default.__restarts;
  // An impossible allocation inside the instance aborts it (a real `unreachable` trap).
  const e = throwsRiskgate(() => riskgate.default.__guardedRaw((wasm) => wasm.__wbindgen_malloc(0xfffffff0, 8)), 'internal');
  assert.match(e.message, /restarted/);
  assert.equal(riskgate.default.__restarts, before + 1);
  stillWorks();
  for (let i = 0; i < 3; i++) {
    throwsRiskgate(() => riskgate.default.__guardedRaw((wasm) => wasm.__wbindgen_malloc(0xfffffff0, 8)), 'internal');
    throwsRiskgate(() => riskgate.evaluateJson('{'), 'invalid_request');
    stillWorks();
  }
});

test('10,000 evaluations including 1,000 errors do not grow the instance memory', () => {
  const memory = () => riskgate.default.__guardedRaw((wasm) => wasm.memory.buffer.byteLength);
  for (let i = 0; i < 200; i++) riskgate.evaluate(base);
  const warm = memory();
  for (let i = 0; i < 10000; i++) {
    if (i % 10 === 0) throwsRiskgate(() => riskgate.evaluateJson('{"service":{"name":"a","tier":9},"change":{"id":"x"}}'), 'invalid_request');
    else riskgate.evaluate({ ...base, change: { ...base.change, id: `c${i}` } });
  }
  assert.equal(memory(), warm);
});

test('CommonJS require gives the same instance and error class as ESM import', () => {
  const cjs = require('riskgate');
  assert.equal(cjs.evaluate, riskgate.evaluate);
  assert.equal(cjs.RiskgateError, RiskgateError);
  assert.equal(cjs.default, cjs);
  assert.equal(cjs.evaluateJson(JSON.stringify(base)), riskgate.evaluateJson(JSON.stringify(base)));
});

test('riskgate/web: explicit init from bytes, same answers, same guard', async () => {
  const web = await import('riskgate/web');
  assert.throws(() => web.evaluate(base), (e) => e instanceof web.RiskgateError && e.code === 'internal' && /init/.test(e.message));
  await web.init(fs.readFileSync(path.join(pkgDir, 'dist', 'riskgate.wasm')));
  await web.init(); // idempotent
  assert.equal(web.evaluateJson(JSON.stringify(base)), riskgate.evaluateJson(JSON.stringify(base)));
  for (const title of scripts) {
    const text = JSON.stringify(scriptRequest(title));
    assert.equal(web.evaluateJson(text), riskgate.evaluateJson(text));
  }
  assert.throws(() => web.evaluate({ service: { name: 'a', tier: 9 }, change: { id: 'x' } }), (e) => e.code === 'invalid_request' && e.path === 'service.tier');
  assert.throws(() => web.default.__guardedRaw((wasm) => wasm.__wbindgen_malloc(0xfffffff0, 8)), (e) => e.code === 'internal');
  assert.equal(web.evaluate(base).score.total, 13);
});

test('schema() serves the native engine\'s schemas (core/schemas/) from the package, not the wasm', async () => {
  const coreDir = path.join(pkgDir, '..', 'core');
  // The names and their order, as riskgate::api::SCHEMA_NAMES has them.
  const apiRs = fs.readFileSync(path.join(coreDir, 'src', 'api.rs'), 'utf8');
  const names = [.../pub const SCHEMA_NAMES[^=]*=\s*\[([^\]]*)\]/.exec(apiRs)[1].matchAll(/"(\w+)"/g)].map((m) => m[1]);
  assert.equal(names.length, 12);
  const web = await import('riskgate/web');
  for (const name of names) {
    const native = JSON.parse(fs.readFileSync(path.join(coreDir, 'schemas', `${name}.json`), 'utf8'));
    assert.deepEqual(riskgate.schema(name), native, name);
    assert.deepEqual(web.schema(name), native, `${name} (riskgate/web)`);
  }
  // A fresh object each time: a caller's edit does not leak into the next answer.
  riskgate.schema('request').title = 'edited';
  assert.equal(riskgate.schema('request').title, 'Request');
  const unknown = `unknown schema 'nope' (${names.join(', ')})`;
  assert.throws(() => riskgate.schema('nope'), (e) => e instanceof RiskgateError && e.code === 'invalid_request' && e.path === '' && e.message === unknown);
  assert.throws(() => riskgate.schema('toString'), (e) => e.code === 'invalid_request');
  assert.throws(() => web.schema('nope'), (e) => e.code === 'invalid_request' && e.message === unknown);
  const wasm = fs.readFileSync(path.join(pkgDir, 'dist', 'riskgate.wasm'));
  assert.equal(wasm.includes('"$schema"'), false, 'the wasm carries no schema text');
});

test('the JSON Schemas are shipped for editor validation', () => {
  for (const name of ['request', 'policy', 'decision', 'ledgerEntry']) {
    const file = path.join(pkgDir, 'dist', 'schemas', `${name}.schema.json`);
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    assert.deepEqual(schema, riskgate.schema(name));
  }
  assert.equal(require.resolve('riskgate/schemas/policy.schema.json'), path.join(pkgDir, 'dist', 'schemas', 'policy.schema.json'));
});
