#!/usr/bin/env node
// Node benchmarks of the riskgate package (issue 7), side by side in one process with the
// same decisions in plain JavaScript with picomatch (plain.mjs) and in json-rules-engine
// (rules-engine.mjs). The ratio is the figure, not the absolute time. Prints figures; never
// a timed test.
//
//   node bench/node-bench.mjs [--quick] [--json FILE]     (FILE default: bench/.cache/node.json)
//
// See bench/README.md for what each figure measures.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ledgerLines, paths as makePaths, policy500, typicalRequest } from './fixtures.mjs';
import * as plain from './plain.mjs';
import * as rules from './rules-engine.mjs';
import { TARGETS as ISSUE7 } from './targets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const DIST = path.join(here, '..', 'dist', 'index.js');

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const jsonAt = argv.indexOf('--json');
const JSON_OUT = jsonAt >= 0 && argv[jsonAt + 1] ? path.resolve(argv[jsonAt + 1]) : path.join(here, '.cache', 'node.json');
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--json') i++;
  else if (argv[i] !== '--quick') {
    console.error(`node-bench: unknown argument ${argv[i]} (usage: node bench/node-bench.mjs [--quick] [--json FILE])`);
    process.exit(2);
  }
}
const CACHE = path.join(here, '.cache');

const SAMPLES = QUICK ? 40 : 200; // per small case: samples of one batch each
// Warm-up per small case, at least this long and WARMUP_CALLS calls: wasm code starts in
// Liftoff and tiers up to TurboFan only once hot (the first ~1,000 calls are 3x slower).
const WARMUP_MS = QUICK ? 1000 : 3000;
const WARMUP_CALLS = QUICK ? 500 : 2000;
const BATCH_MS = 4; // a batch of small calls lasts about this long (at most 100 calls)
const BIG_SAMPLES = QUICK ? 3 : 15; // the package's classification of 100,000 paths
const PLAIN_SAMPLES = QUICK ? 2 : 10; // plain JS classification (seconds per run)
const PLAIN500_SAMPLES = QUICK ? 1 : 3; // plain JS, 500 rules (about 20 s per run)
const LEDGER_SAMPLES = QUICK ? 3 : 10;
const COLD_N = QUICK ? 8 : 30;

// The Node targets of issue 7 (targets.mjs), under the names of this bench's JSON file.
const TARGETS = {
  typicalMedianUs: ISSUE7.nodeTypicalUs,
  plainOverPackage: ISSUE7.plainOverPackage,
  rulesEngineOverPackage: ISSUE7.rulesEngineOverPackage,
  classifyDefaultMs: ISSUE7.nodeClassifyMs,
  coldStartExtraMs: ISSUE7.coldStartExtraMs,
};

// ---------------------------------------------------------------- helpers

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Imports the built package, waiting for a concurrent rebuild of pkg/dist to finish. */
async function importPackage() {
  for (let attempt = 1; ; attempt++) {
    try {
      const mod = await import(`${pathToFileURL(DIST).href}?attempt=${attempt}`);
      return mod.default;
    } catch (e) {
      if (attempt >= 5) throw e;
      console.error(`node-bench: cannot import ${DIST} (${e.message}); pkg/dist may be rebuilding, retrying in 30 s`);
      await sleep(30_000);
    }
  }
}

function fail(message) {
  console.error(`\nnode-bench: ABORTED: ${message}\n`);
  process.exit(1);
}

function stats(perCall) {
  const s = [...perCall].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, p95: q(0.95), min: s[0], max: s[s.length - 1], samples: s.length };
}

const now = () => process.hrtime.bigint();
const us = (ns) => Number(ns) / 1e3;

/**
 * Times small operations side by side: each is warmed up, then the cases take turns, one
 * batch each, `SAMPLES` times, so a load change on the machine hits them all alike.
 * `cases`: { name: fn } (fn may return a promise: it is awaited). µs per call.
 */
async function timeSmall(cases) {
  const entries = Object.entries(cases);
  const batches = {};
  for (const [name, fn] of entries) {
    const end = Date.now() + WARMUP_MS;
    let calls = 0;
    let t0 = now();
    let tail = 0;
    while (Date.now() < end || calls < WARMUP_CALLS) {
      if (calls === WARMUP_CALLS >> 1) {
        t0 = now(); // estimate from the second half of the warm-up
        tail = calls;
      }
      const r = fn();
      if (r instanceof Promise) await r;
      calls++;
    }
    const estimate = us(now() - t0) / (calls - tail);
    batches[name] = Math.max(1, Math.min(100, Math.round((BATCH_MS * 1000) / estimate)));
  }
  const perCall = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let s = 0; s < SAMPLES; s++) {
    for (const [name, fn] of entries) {
      const batch = batches[name];
      const t = now();
      for (let i = 0; i < batch; i++) {
        const r = fn();
        if (r instanceof Promise) await r;
      }
      perCall[name].push(us(now() - t) / batch);
    }
  }
  return Object.fromEntries(entries.map(([name]) => [name, { ...stats(perCall[name]), batch: batches[name], unit: 'us' }]));
}

/** Times a large operation once per sample (after `warmup` untimed calls); ms per call. */
function timeBig(fn, samples, warmup = 1) {
  for (let i = 0; i < warmup; i++) fn();
  const perCall = [];
  for (let s = 0; s < samples; s++) {
    const t = now();
    fn();
    perCall.push(Number(now() - t) / 1e6);
  }
  return { ...stats(perCall), batch: 1, unit: 'ms' };
}

const f = (x, digits = 1) => (x == null ? 'n/a' : x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
const ratio = (a, b) => a / b;

/** The first path where two JSON values differ, or null. */
function firstDifference(a, b, at = '') {
  if (Object.is(a, b)) return null;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object' || Array.isArray(a) !== Array.isArray(b)) {
    return `${at || '(root)'}: ${JSON.stringify(a)?.slice(0, 120)} vs ${JSON.stringify(b)?.slice(0, 120)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    const d = firstDifference(a[k], b[k], Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k);
    if (d) return d;
  }
  return null;
}

const rows = []; // the flat table: one row per figure
function row(group, name, value, unit, extra = {}) {
  rows.push({ group, name, value, unit, ...extra });
}

// ---------------------------------------------------------------- setup and agreement checks

const rg = await importPackage();
const glue = require('../dist/glue/node.cjs'); // the same instance as the package's
const version = (name) => JSON.parse(fs.readFileSync(require.resolve(`${name}/package.json`), 'utf8')).version;
const meta = {
  date: new Date().toISOString(),
  quick: QUICK,
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model ?? 'unknown',
  loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  riskgate: rg.version(),
  picomatch: version('picomatch'),
  jsonRulesEngine: version('json-rules-engine'),
  samples: SAMPLES,
  warmupMs: WARMUP_MS,
};
console.log(`riskgate ${meta.riskgate} (wasm) | node ${meta.node} | picomatch ${meta.picomatch} | json-rules-engine ${meta.jsonRulesEngine}`);
console.log(`${meta.cpus} x ${meta.cpuModel}, load average ${meta.loadAverage.join(' ')}${QUICK ? ' | --quick: few samples, figures are rough' : ''}\n`);

const defaultPolicy = plain.loadDefaultPolicy();
const compiled = plain.compilePolicy(defaultPolicy);
const compiledCombined = plain.compilePolicy(defaultPolicy, { combined: true });
const engine = rules.buildEngine(compiled);

const typicalText = typicalRequest();
const noRolloutText = JSON.stringify({ ...JSON.parse(typicalText), policy: { rollout: null } });
const checks = {};

/** Checks that the three implementations reach the same decision for a request; aborts if not. */
async function checkDecision(label, text) {
  const pkgText = rg.evaluateJson(text);
  const pkg = JSON.parse(pkgText);
  const { rollout, ...seed000 } = pkg;
  const request = JSON.parse(text);
  const mine = plain.decide(compiled, request);
  const mineCombined = plain.decide(compiledCombined, request);
  const viaRules = await rules.decide(compiled, engine, request);
  const key = (d) => ({
    scoreTotal: d.score.total,
    gateLevel: d.gate.level,
    categories: d.categories.map((c) => c.id).sort().join(','),
    verdict: d.verdict,
    budgetStatus: `${d.budget.statusBefore}->${d.budget.statusAfter}`,
  });
  const want = key(pkg);
  for (const [who, d, fields] of [
    ['plain JS (picomatch)', mine, Object.keys(want)],
    ['plain JS (combined RegExp)', mineCombined, Object.keys(want)],
    ['json-rules-engine', viaRules, Object.keys(want)],
  ]) {
    const got = key(d);
    const bad = fields.filter((k) => got[k] !== want[k]);
    if (bad.length) {
      fail(`${label}: ${who} disagrees with the package on ${bad.map((k) => `${k} (${JSON.stringify(got[k])} vs package ${JSON.stringify(want[k])})`).join(', ')}`);
    }
  }
  const check = {
    ...want,
    decisionBytes: pkgText.length,
    rolloutBytes: rollout ? JSON.stringify(rollout, null, 2).length : 0,
    plainDeepEqual: firstDifference(mine, seed000) ?? true,
    rulesEngineDeepEqual: firstDifference(viaRules, seed000) ?? true,
  };
  for (const [who, v] of [['plain JS', check.plainDeepEqual], ['json-rules-engine', check.rulesEngineDeepEqual]]) {
    if (v !== true) console.log(`WARNING ${label}: ${who} agrees on the five checked fields but its decision differs from the package's at ${v}`);
  }
  return check;
}

checks.typical = await checkDecision('typical request', typicalText);
{
  // The package without the seed 004 rollout plan computes exactly the decision plain.mjs does.
  const a = JSON.parse(rg.evaluateJson(noRolloutText));
  const { rollout, ...b } = JSON.parse(rg.evaluateJson(typicalText));
  const d = firstDifference(a, b);
  if (d) fail(`the package's decision with policy { rollout: null } differs beyond the rollout plan: ${d}`);
  checks.noRolloutSameDecision = true;
  checks.noRolloutDecisionBytes = rg.evaluateJson(noRolloutText).length;
}
const t = checks.typical;
console.log(`agreement: package, plain JS and json-rules-engine decide the typical request alike: RRS ${t.scoreTotal}, ${t.gateLevel}, ${t.verdict}, budget ${t.budgetStatus}, categories ${t.categories}`);
console.log(`  whole decision (seed 000 part) equal: plain JS ${t.plainDeepEqual === true ? 'yes' : 'NO'}, json-rules-engine ${t.rulesEngineDeepEqual === true ? 'yes' : 'NO'}; package decision ${t.decisionBytes} bytes, of which rollout plan ${t.rolloutBytes}`);

// ---------------------------------------------------------------- typical decision

console.log('\n== typical decision: request text in, decision text out (40 files, default policy)');
const typical = await timeSmall({
  package: () => rg.evaluateJson(typicalText),
  packageNoRollout: () => rg.evaluateJson(noRolloutText),
  plain: () => plain.decideJson(compiled, typicalText),
  plainCombined: () => plain.decideJson(compiledCombined, typicalText),
  rulesEngine: () => rules.decideJson(compiled, engine, typicalText),
});
typical.ratios = {
  plainOverPackage: ratio(typical.plain.median, typical.package.median),
  rulesEngineOverPackage: ratio(typical.rulesEngine.median, typical.package.median),
  plainCombinedOverPackage: ratio(typical.plainCombined.median, typical.package.median),
  plainOverPackageNoRollout: ratio(typical.plain.median, typical.packageNoRollout.median),
  rulesEngineOverPackageNoRollout: ratio(typical.rulesEngine.median, typical.packageNoRollout.median),
};
typical.targets = { medianUs: TARGETS.typicalMedianUs, plainOverPackage: TARGETS.plainOverPackage, rulesEngineOverPackage: TARGETS.rulesEngineOverPackage };
typical.pass = {
  medianUs: typical.package.median <= TARGETS.typicalMedianUs,
  plainOverPackage: typical.ratios.plainOverPackage >= TARGETS.plainOverPackage,
  rulesEngineOverPackage: typical.ratios.rulesEngineOverPackage >= TARGETS.rulesEngineOverPackage,
};
const mark = (ok) => (ok ? 'MET' : 'MISSED');
const line = (label, s) => console.log(`  ${label.padEnd(56)} median ${f(s.median).padStart(9)} µs   p95 ${f(s.p95).padStart(9)} µs   (${s.samples} x ${s.batch})`);
line('package evaluateJson (as shipped, with rollout plan)', typical.package);
line('package evaluateJson, policy { rollout: null }', typical.packageNoRollout);
line('plain JS + picomatch (parse, decide, stringify)', typical.plain);
line('plain JS, one combined RegExp per category', typical.plainCombined);
line('json-rules-engine (async, awaited)', typical.rulesEngine);
console.log(`  target ≤ ${TARGETS.typicalMedianUs} µs median: ${mark(typical.pass.medianUs)}`);
console.log(`  plain JS / package        ${f(typical.ratios.plainOverPackage, 2)}x  (target ≥ ${TARGETS.plainOverPackage}x: ${mark(typical.pass.plainOverPackage)}); without the rollout plan ${f(typical.ratios.plainOverPackageNoRollout, 2)}x; combined RegExp ${f(typical.ratios.plainCombinedOverPackage, 2)}x`);
console.log(`  json-rules-engine / package ${f(typical.ratios.rulesEngineOverPackage, 2)}x  (target ≥ ${TARGETS.rulesEngineOverPackage}x: ${mark(typical.pass.rulesEngineOverPackage)}); without the rollout plan ${f(typical.ratios.rulesEngineOverPackageNoRollout, 2)}x`);
row('typical', 'package evaluateJson', typical.package.median, 'µs', { p95: typical.package.p95, target: `≤ ${TARGETS.typicalMedianUs}`, pass: typical.pass.medianUs });
row('typical', 'package evaluateJson, no rollout plan', typical.packageNoRollout.median, 'µs', { p95: typical.packageNoRollout.p95 });
row('typical', 'plain JS + picomatch', typical.plain.median, 'µs', { p95: typical.plain.p95 });
row('typical', 'plain JS, combined RegExp', typical.plainCombined.median, 'µs', { p95: typical.plainCombined.p95 });
row('typical', 'json-rules-engine', typical.rulesEngine.median, 'µs', { p95: typical.rulesEngine.p95 });
row('typical', 'ratio plain JS / package', typical.ratios.plainOverPackage, 'x', { target: `≥ ${TARGETS.plainOverPackage}`, pass: typical.pass.plainOverPackage });
row('typical', 'ratio json-rules-engine / package', typical.ratios.rulesEngineOverPackage, 'x', { target: `≥ ${TARGETS.rulesEngineOverPackage}`, pass: typical.pass.rulesEngineOverPackage });
row('typical', 'ratio plain JS / package, no rollout plan', typical.ratios.plainOverPackageNoRollout, 'x');
row('typical', 'ratio json-rules-engine / package, no rollout plan', typical.ratios.rulesEngineOverPackageNoRollout, 'x');

// ---------------------------------------------------------------- JS <-> wasm split

// The glue's own boundary steps (pkg/dist/glue/node.cjs, as scripts/build.mjs patches it):
// copy the request string into wasm memory (malloc, one encodeInto, and for non-ASCII text
// a realloc and a second encodeInto, then a shrinking realloc), free it, and decode the
// decision's bytes out of wasm memory with TextDecoder. Everything else in evaluateJson
// (serde parse, evaluation, JSON writing, the wrapper's checks) is counted as engine.
const wasm = glue.__riskgate.exports();
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
function copyIn(text) {
  let len = text.length;
  let ptr = wasm.__wbindgen_malloc(len, 1) >>> 0;
  const first = encoder.encodeInto(text, new Uint8Array(wasm.memory.buffer).subarray(ptr, ptr + len));
  let offset = first.written;
  if (first.read !== text.length) {
    const rest = text.slice(first.read);
    ptr = wasm.__wbindgen_realloc(ptr, len, (len = offset + rest.length * 3), 1) >>> 0;
    offset += encoder.encodeInto(rest, new Uint8Array(wasm.memory.buffer).subarray(ptr + offset, ptr + len)).written;
  }
  if (offset !== len) ptr = wasm.__wbindgen_realloc(ptr, len, offset, 1) >>> 0;
  wasm.__wbindgen_free(ptr, offset, 1);
  return offset;
}
/** A stand-in for an engine output of `text`'s bytes in wasm memory, and its decoder. */
function outputOf(text) {
  const bytes = encoder.encode(text);
  const ptr = wasm.__wbindgen_malloc(bytes.length, 1) >>> 0;
  new Uint8Array(wasm.memory.buffer).set(bytes, ptr);
  return {
    decode: () => decoder.decode(new Uint8Array(wasm.memory.buffer).subarray(ptr, ptr + bytes.length)),
    free: () => wasm.__wbindgen_free(ptr, bytes.length, 1),
  };
}
const decisionText = rg.evaluateJson(typicalText);
const out = outputOf(decisionText);
if (out.decode() !== decisionText) fail('the conversion stand-in does not reproduce the decision text');
const { conversion } = await timeSmall({
  conversion: () => {
    copyIn(typicalText);
    return out.decode();
  },
});
out.free();
const split = {
  totalUs: typical.package.median,
  conversionUs: conversion.median,
  engineUs: typical.package.median - conversion.median,
  requestBytes: typicalText.length,
  decisionBytes: decisionText.length,
};
split.conversionPct = (100 * split.conversionUs) / split.totalUs;
split.enginePct = 100 - split.conversionPct;
console.log('\n== JS <-> wasm split of evaluateJson (typical request)');
console.log(`  total ${f(split.totalUs)} µs = JS<->wasm conversion ${f(split.conversionUs)} µs (${f(split.conversionPct)}%: ${split.requestBytes} B in, ${split.decisionBytes} B out) + engine ${f(split.engineUs)} µs (${f(split.enginePct)}%: serde parse, evaluate, JSON writing)`);
row('split', 'evaluateJson total', split.totalUs, 'µs');
row('split', 'JS↔wasm conversion', split.conversionUs, 'µs', { pct: split.conversionPct });
row('split', 'engine (total − conversion)', split.engineUs, 'µs', { pct: split.enginePct });

// ---------------------------------------------------------------- classification

console.log('\n== classify 100,000 paths (path(i) of core/benches/engine.rs)');
const paths = makePaths(100_000);
const p500 = policy500();
const compiled500 = plain.compilePolicy(plain.mergePatch(defaultPolicy, p500));
{
  // Same answers for every path, or the ratio compares different work. These first runs
  // are also the warm-up of every version (none is timed).
  const check = (label, pkgOut, jsOut) => {
    let bad = 0;
    let example = null;
    for (let i = 0; i < paths.length; i++) {
      if (JSON.stringify(pkgOut[i]) !== JSON.stringify(jsOut[i])) {
        bad++;
        example ??= `${paths[i]}: package ${JSON.stringify(pkgOut[i].categories)} vs JS ${JSON.stringify(jsOut[i].categories)}`;
      }
    }
    if (bad) fail(`classification (${label}) differs on ${bad} of ${paths.length} paths, e.g. ${example}`);
  };
  const pkgDefault = rg.classify(paths);
  check('default rules', pkgDefault, plain.classifyPaths(compiled, paths));
  check('default rules, combined RegExp', pkgDefault, plain.classifyPaths(compiledCombined, paths));
  check('500 rules', rg.classify(paths, p500), plain.classifyPaths(compiled500, paths));
  checks.classifyAgree = true;
  console.log('  agreement: package and plain JS classify all 100,000 paths alike (default rules and 500 rules)');
}
const classify = {
  packageDefault: timeBig(() => rg.classify(paths), BIG_SAMPLES, 0),
  plainDefault: timeBig(() => plain.classifyPaths(compiled, paths), PLAIN_SAMPLES, 0),
  plainCombinedDefault: timeBig(() => plain.classifyPaths(compiledCombined, paths), PLAIN_SAMPLES, 0),
  package500: timeBig(() => rg.classify(paths, p500), BIG_SAMPLES, 0),
  plain500: timeBig(() => plain.classifyPaths(compiled500, paths), PLAIN500_SAMPLES, 0),
};
{
  // Where the package's time goes. The wrapper joins the paths by newlines and the engine
  // answers with packed category indices (glue.classifyLines, timed raw here: the text's
  // copy into wasm, the checks and the classification, the numbers' copy out); the rest is
  // the wrapper's own JavaScript (the type checks, and an object and a list of names for
  // each file).
  const joined = paths.join('\n');
  const packed = glue.classifyLines(paths.length, joined, undefined);
  if (!(packed instanceof Uint32Array)) fail('glue.classifyLines declined the bench paths: the package would classify them the JSON way');
  classify.splitDefault = {
    totalMs: classify.packageDefault.median,
    joinMs: timeBig(() => paths.join('\n'), BIG_SAMPLES).median,
    engineMs: timeBig(() => glue.classifyLines(paths.length, joined, undefined), BIG_SAMPLES).median,
    inputBytes: joined.length,
    outputBytes: packed.byteLength,
  };
  const s = classify.splitDefault;
  s.wrapperMs = s.totalMs - s.joinMs - s.engineMs;
}
classify.ratios = {
  plainOverPackageDefault: ratio(classify.plainDefault.median, classify.packageDefault.median),
  plainCombinedOverPackageDefault: ratio(classify.plainCombinedDefault.median, classify.packageDefault.median),
  plainOverPackage500: ratio(classify.plain500.median, classify.package500.median),
};
classify.targets = { packageDefaultMs: TARGETS.classifyDefaultMs };
classify.pass = { packageDefaultMs: classify.packageDefault.median <= TARGETS.classifyDefaultMs };
const bigLine = (label, s) => console.log(`  ${label.padEnd(56)} median ${f(s.median).padStart(9)} ms   p95 ${f(s.p95).padStart(9)} ms   (${s.samples} runs)`);
bigLine('package classify, default rules', classify.packageDefault);
bigLine('plain JS + picomatch, default rules', classify.plainDefault);
bigLine('plain JS, combined RegExp, default rules', classify.plainCombinedDefault);
bigLine('package classify, 500 rules', classify.package500);
bigLine('plain JS + picomatch, 500 rules', classify.plain500);
console.log(`  target ≤ ${TARGETS.classifyDefaultMs} ms (default rules, package): ${mark(classify.pass.packageDefaultMs)}`);
console.log(`  plain JS / package: default rules ${f(classify.ratios.plainOverPackageDefault, 2)}x (combined RegExp ${f(classify.ratios.plainCombinedOverPackageDefault, 2)}x), 500 rules ${f(classify.ratios.plainOverPackage500, 2)}x`);
{
  const s = classify.splitDefault;
  console.log(`  package split (default rules): paths joined by newlines ${f(s.joinMs)} ms + engine ${f(s.engineMs)} ms (${(s.inputBytes / 1e6).toFixed(1)} MB of text in, ${(s.outputBytes / 1e6).toFixed(1)} MB of numbers out, copies included) + the wrapper's checks and naming ${f(s.wrapperMs)} ms`);
}
row('classify', 'package, default rules', classify.packageDefault.median, 'ms', { p95: classify.packageDefault.p95, target: `≤ ${TARGETS.classifyDefaultMs}`, pass: classify.pass.packageDefaultMs });
row('classify', 'plain JS + picomatch, default rules', classify.plainDefault.median, 'ms', { p95: classify.plainDefault.p95 });
row('classify', 'plain JS, combined RegExp, default rules', classify.plainCombinedDefault.median, 'ms', { p95: classify.plainCombinedDefault.p95 });
row('classify', 'package, 500 rules', classify.package500.median, 'ms', { p95: classify.package500.p95 });
row('classify', 'plain JS + picomatch, 500 rules', classify.plain500.median, 'ms', { p95: classify.plain500.p95 });
row('classify', 'ratio plain JS / package, default rules', classify.ratios.plainOverPackageDefault, 'x');
row('classify', 'ratio plain JS / package, 500 rules', classify.ratios.plainOverPackage500, 'x');
row('classify', 'package engine part (glue.classifyLines, copies included)', classify.splitDefault.engineMs, 'ms');

// ---------------------------------------------------------------- ledger

console.log('\n== ledger (ledger_text(n) of core/benches/ledger.rs, service-7)');
const SERVICE = 'service-7';
const AT = '2027-11-15T00:00:00Z';
const ledger = { service: SERVICE, at: AT, maxInputBytes: rg.MAX_INPUT_BYTES };
// The first 70,000 entries of the bench ledger: more than MAX_INPUT_BYTES of text.
const probe = ledgerLines(70_000);
{
  // The package refuses inputs above MAX_INPUT_BYTES (16 MiB): the largest ledger of the
  // bench's entries (about 305 bytes a line, more once escaped in the input JSON) that fits.
  const overhead = JSON.stringify({ text: '', service: SERVICE, at: AT }).length;
  let bytes = overhead;
  let fit = 0;
  for (; fit < probe.length; fit++) {
    const next = JSON.stringify(`${probe[fit]}\n`).length - 2;
    if (bytes + next > rg.MAX_INPUT_BYTES) break;
    bytes += next;
  }
  const n = Math.floor(fit / 1000) * 1000;
  ledger.largestFittingEntries = fit;
  ledger.sizes = [Math.round(n / 10), n];
  const meanLine = probe.reduce((s, l) => s + l.length + 1, 0) / probe.length;
  ledger.meanLineBytes = meanLine;
  ledger.oneMillionBytesEstimate = Math.round(meanLine * 1e6);
  ledger.runs = [];
  // Two instants: the Rust bench's (2027-11-15, inside its 1,000,000-entry ledger, but long
  // after these smaller ledgers end, so every entry is parsed and chained but none falls in
  // the reported windows), and one minute after the ledger's last entry (the entries of
  // service-7 fill the current and previous windows: the fold does all its work).
  for (const size of ledger.sizes) {
    const text = `${probe.slice(0, size).join('\n')}\n`;
    const verified = rg.ledgerVerify(text);
    if (!verified.ok || verified.entries !== size) fail(`the generated ${size}-entry ledger does not verify: ${JSON.stringify(verified.problems.slice(0, 3))}`);
    const atEnd = new Date(Date.UTC(2026, 0, 1) + size * 60_000).toISOString().replace('.000Z', 'Z');
    const summary = (st) => ({ entries: st.entries, releases: st.releases, consumed: st.consumed, historyReleases: st.history.reduce((n, h) => n + h.releases, 0) });
    const statusBench = summary(rg.ledgerStatus(text, SERVICE, AT));
    const statusEnd = summary(rg.ledgerStatus(text, SERVICE, atEnd));
    const timing = timeBig(() => rg.ledgerStatus(text, SERVICE, AT), LEDGER_SAMPLES);
    const timingEnd = timeBig(() => rg.ledgerStatus(text, SERVICE, atEnd), LEDGER_SAMPLES);
    const verify = timeBig(() => rg.ledgerVerify(text), LEDGER_SAMPLES);
    ledger.runs.push({
      entries: size,
      textBytes: text.length,
      status: timing,
      statusAtEnd: { at: atEnd, ...timingEnd },
      verify,
      usPerEntry: (timing.median * 1000) / size,
      usPerEntryAtEnd: (timingEnd.median * 1000) / size,
      statusSummary: statusBench,
      statusAtEndSummary: statusEnd,
    });
    const mb = (text.length / 1e6).toFixed(1);
    bigLine(`ledgerStatus ${size.toLocaleString('en-US')} entries (${mb} MB), at ${AT.slice(0, 10)}`, timing);
    bigLine(`ledgerStatus ${size.toLocaleString('en-US')} entries, at ${atEnd.slice(0, 16)}`, timingEnd);
    bigLine(`ledgerVerify ${size.toLocaleString('en-US')} entries`, verify);
  }
  const big = ledger.runs[ledger.runs.length - 1];
  const small = ledger.runs[0];
  ledger.extrapolated1MStatusMs = (big.usPerEntry * 1e6) / 1000;
  ledger.extrapolated1MStatusAtEndMs = (big.usPerEntryAtEnd * 1e6) / 1000;
  console.log(`  µs per entry: ${f(big.usPerEntry, 2)} at ${AT.slice(0, 10)}, ${f(big.usPerEntryAtEnd, 2)} at the end (${f(small.usPerEntry, 2)} and ${f(small.usPerEntryAtEnd, 2)} at the smaller size)`);
  const [lo, hi] = [ledger.extrapolated1MStatusMs, ledger.extrapolated1MStatusAtEndMs].sort((a, b) => a - b);
  console.log(`  1,000,000 entries would take ≈ ${f(lo / 1000, 2)} to ${f(hi / 1000, 2)} s (EXTRAPOLATED, linear; the package cannot take them, see below)`);
  row('ledger', `ledgerStatus, ${big.entries} entries, at ${AT.slice(0, 10)}`, big.status.median, 'ms', { p95: big.status.p95 });
  row('ledger', `ledgerStatus, ${big.entries} entries, at the end of the ledger`, big.statusAtEnd.median, 'ms', { p95: big.statusAtEnd.p95 });
  row('ledger', `ledgerVerify, ${big.entries} entries`, big.verify.median, 'ms', { p95: big.verify.p95 });
  row('ledger', 'ledgerStatus per entry, at the end of the ledger', big.usPerEntryAtEnd, 'µs');
  row('ledger', 'ledgerStatus, 1,000,000 entries (extrapolated, at the end)', ledger.extrapolated1MStatusAtEndMs, 'ms', { extrapolated: true });
}
{
  // The real call. The package checks an input's size before reading it, so a 1,000,000-entry
  // ledger (about 300 MB: ledger.oneMillionBytesEstimate) is refused as every ledger over
  // MAX_INPUT_BYTES is. The call is made with the shortest prefix of the same ledger that is
  // over the limit (one line over, not the whole text), so the refusal is shown without
  // building the 1,000,000-entry text. The 1,000,000-entry time is the extrapolation above,
  // from the largest run that fits.
  let lines = probe;
  let over = null;
  while (over === null) {
    let bytes = 0;
    for (let i = 0; i < lines.length; i++) {
      bytes += lines[i].length + 1; // ASCII lines and their newlines
      if (bytes > rg.MAX_INPUT_BYTES) {
        over = lines.slice(0, i + 1);
        break;
      }
    }
    if (over === null) lines = ledgerLines(lines.length * 2);
  }
  const text = `${over.join('\n')}\n`;
  let attempt;
  const t0 = now();
  try {
    rg.ledgerStatus(text, SERVICE, AT);
    attempt = {
      attempted: false,
      note: `a ${over.length}-entry ledger of ${text.length} bytes, over the ${rg.MAX_INPUT_BYTES}-byte input limit, was accepted: the package's limit is no longer MAX_INPUT_BYTES, so a refusal of 1,000,000 entries cannot be shown this way`,
    };
  } catch (e) {
    attempt = { attempted: true, ok: false, ms: Number(now() - t0) / 1e6, textBytes: text.length, error: { code: e.code, path: e.path, message: e.message } };
  }
  ledger.oneMillion = attempt;
  if (!attempt.attempted) console.log(`  1,000,000 entries through the package: not attempted (${attempt.note})`);
  else console.log(`  1,000,000 entries through the package: refused, as every ledger over the input limit is (a ${over.length}-entry ledger, ${text.length} bytes, REFUSED after ${f(attempt.ms, 3)} ms: ${attempt.error.code}: ${attempt.error.message})`);
  row('ledger', 'package ledgerStatus, over the input limit as 1,000,000 entries are (real call)', null, 'ms', { note: attempt.attempted ? `refused: ${attempt.error.code}` : 'not attempted (the input limit changed)' });
}

// ---------------------------------------------------------------- cold start

console.log(`\n== cold start: process start to first decision (${COLD_N} runs of each, alternating)`);
const childScript = [
  `import { evaluateJson } from ${JSON.stringify(pathToFileURL(DIST).href)};`,
  'const imported = performance.now();',
  `const d = evaluateJson(${JSON.stringify(typicalText)});`,
  'const decided = performance.now();',
  "if (!d.includes('\"verdict\"')) process.exit(3);",
  "process.on('exit', () => process.stdout.write(JSON.stringify({ imported, decided, exit: performance.now() })));",
].join('\n');
// The same child through CommonJS, the module system of the bare `node -e ''` baseline:
// Node's ESM loader costs an ESM importer a few milliseconds more that a require does not.
const childScriptCjs = [
  `const { evaluateJson } = require(${JSON.stringify(path.join(path.dirname(DIST), 'index.cjs'))});`,
  `const d = evaluateJson(${JSON.stringify(typicalText)});`,
  'const decided = performance.now();',
  "if (!d.includes('\"verdict\"')) process.exit(3);",
  "process.on('exit', () => process.stdout.write(JSON.stringify({ decided, exit: performance.now() })));",
].join('\n');
const cold = { bare: [], bareEsm: [], firstDecision: [], firstDecisionCjs: [], wholeProcess: [], liftoffOnly: [], cli: [], imported: [], decided: [], exit: [] };
// The CLI as a CI job runs it: `riskgate evaluate --request FILE` (it keeps wasm on V8's baseline compiler).
const typicalFile = path.join(CACHE, 'typical-request.json');
fs.mkdirSync(CACHE, { recursive: true });
fs.writeFileSync(typicalFile, typicalText);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
function spawnTimed(args) {
  const t0 = now();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(now() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.slice(0, 2).join(' ')} … exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return [ms, r.stdout];
}
for (let i = 0; i < COLD_N + 2; i++) {
  const [bare] = spawnTimed(['-e', '']);
  const [bareEsm] = spawnTimed(['--input-type=module', '-e', '']);
  let first;
  let stdout;
  try {
    [first, stdout] = spawnTimed(['--input-type=module', '-e', childScript]);
  } catch (e) {
    console.error(`node-bench: ${e.message}; pkg/dist may be rebuilding, retrying in 30 s`);
    await sleep(30_000);
    [first, stdout] = spawnTimed(['--input-type=module', '-e', childScript]);
  }
  const [firstCjs, stdoutCjs] = spawnTimed(['-e', childScriptCjs]);
  // Diagnostic: the same with wasm kept in V8's baseline compiler (no TurboFan tier-up jobs).
  const [liftoff] = spawnTimed(['--liftoff-only', '--input-type=module', '-e', childScript]);
  const t0 = now();
  const cliRun = spawnSync(process.execPath, [CLI, 'evaluate', '--request', typicalFile, '--format', 'json'], { encoding: 'utf8' });
  const cliMs = Number(now() - t0) / 1e6;
  if (cliRun.status !== 0 || !cliRun.stdout.includes('"verdict"')) throw new Error(`riskgate evaluate exited ${cliRun.status}: ${cliRun.stderr.slice(0, 500)}`);
  if (i < 2) continue; // warm the file cache
  cold.cli.push(cliMs);
  cold.bare.push(bare);
  cold.bareEsm.push(bareEsm);
  const inner = JSON.parse(stdout);
  // Process start to the first decision: the wall time less what the child spent after
  // deciding (V8 finishing its optimizing wasm compiles before the process may exit).
  cold.firstDecision.push(first - (inner.exit - inner.decided));
  const innerCjs = JSON.parse(stdoutCjs);
  cold.firstDecisionCjs.push(firstCjs - (innerCjs.exit - innerCjs.decided));
  cold.wholeProcess.push(first);
  cold.liftoffOnly.push(liftoff);
  cold.imported.push(inner.imported);
  cold.decided.push(inner.decided);
  cold.exit.push(inner.exit);
}
const coldStart = {
  bare: stats(cold.bare),
  bareEsm: stats(cold.bareEsm),
  firstDecision: stats(cold.firstDecision),
  firstDecisionCjs: stats(cold.firstDecisionCjs),
  wholeProcess: stats(cold.wholeProcess),
  liftoffOnly: stats(cold.liftoffOnly),
  cli: stats(cold.cli),
  inProcessImportedMs: stats(cold.imported).median,
  inProcessDecidedMs: stats(cold.decided).median,
  inProcessExitMs: stats(cold.exit).median,
};
coldStart.extraMs = coldStart.firstDecision.median - coldStart.bare.median;
coldStart.extraOverBareEsmMs = coldStart.firstDecision.median - coldStart.bareEsm.median;
coldStart.extraCjsMs = coldStart.firstDecisionCjs.median - coldStart.bare.median;
coldStart.target = { extraMs: TARGETS.coldStartExtraMs };
coldStart.pass = { extraMs: coldStart.extraMs <= TARGETS.coldStartExtraMs };
console.log(`  node -e ''                                     median ${f(coldStart.bare.median)} ms   p95 ${f(coldStart.bare.p95)} ms`);
console.log(`  node --input-type=module -e ''                 median ${f(coldStart.bareEsm.median)} ms   p95 ${f(coldStart.bareEsm.p95)} ms`);
console.log(`  process start to the first decision (import + evaluate the typical request) median ${f(coldStart.firstDecision.median)} ms   p95 ${f(coldStart.firstDecision.p95)} ms`);
console.log(`  the same child's whole process, until exit                median ${f(coldStart.wholeProcess.median)} ms   p95 ${f(coldStart.wholeProcess.p95)} ms`);
console.log(`  beyond bare node: ${f(coldStart.extraMs)} ms (target ≤ ${TARGETS.coldStartExtraMs} ms: ${mark(coldStart.pass.extraMs)}); beyond bare ESM node: ${f(coldStart.extraOverBareEsmMs)} ms`);
console.log(`  the same through require (CommonJS, like the baseline): median ${f(coldStart.firstDecisionCjs.median)} ms, ${f(coldStart.extraCjsMs)} ms beyond bare node`);
console.log(`  inside the child (performance.now() medians): import done at ${f(coldStart.inProcessImportedMs)} ms, first decision at ${f(coldStart.inProcessDecidedMs)} ms, 'exit' at ${f(coldStart.inProcessExitMs)} ms`);
console.log(`  the CLI, riskgate evaluate --request FILE (whole process): median ${f(coldStart.cli.median)} ms, ${f(coldStart.cli.median - coldStart.bare.median)} ms beyond bare node`);
console.log(`  diagnostic, the same child under node --liftoff-only (no wasm tier-up): median ${f(coldStart.liftoffOnly.median)} ms, ${f(coldStart.liftoffOnly.median - coldStart.bare.median)} ms beyond bare node`);
row('cold start', "node -e ''", coldStart.bare.median, 'ms', { p95: coldStart.bare.p95 });
row('cold start', 'process start to first decision', coldStart.firstDecision.median, 'ms', { p95: coldStart.firstDecision.p95 });
row('cold start', 'whole process, until exit', coldStart.wholeProcess.median, 'ms', { p95: coldStart.wholeProcess.p95 });
row('cold start', "beyond bare node -e ''", coldStart.extraMs, 'ms', { target: `≤ ${TARGETS.coldStartExtraMs}`, pass: coldStart.pass.extraMs });
row('cold start', "beyond bare node -e '', through require (CommonJS)", coldStart.extraCjsMs, 'ms', { p95: coldStart.firstDecisionCjs.p95 });
row('cold start', 'first decision itself (in the child)', coldStart.inProcessDecidedMs - coldStart.inProcessImportedMs, 'ms');
row('cold start', 'from the decision to exit (in the child)', coldStart.inProcessExitMs - coldStart.inProcessDecidedMs, 'ms');
row('cold start', 'import + first decision, --liftoff-only (diagnostic)', coldStart.liftoffOnly.median, 'ms', { p95: coldStart.liftoffOnly.p95 });

// ---------------------------------------------------------------- report

// `wide: null`: the JSON file keeps its key from when fixtures.mjs had a second request.
const report = { meta, targets: TARGETS, checks, typical, wide: null, split, classify, ledger, coldStart, rows };
fs.mkdirSync(path.dirname(JSON_OUT), { recursive: true });
fs.writeFileSync(JSON_OUT, `${JSON.stringify(report, null, 2)}\n`);
const targetsRows = rows.filter((r) => r.pass !== undefined);
console.log(`\ntargets: ${targetsRows.map((r) => `${r.group} ${r.name} ${mark(r.pass)}`).join('; ')}`);
console.log(`figures written to ${path.relative(process.cwd(), JSON_OUT)}`);
