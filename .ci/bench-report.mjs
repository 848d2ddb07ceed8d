#!/usr/bin/env node
// The benchmark report of issue 7: one Markdown table of medians, targets and ratios from
// the three benchmark sources, written to target/bench/report.md (and the same rows to
// target/bench/report.json), then printed. `bash .ci/bench` runs the benchmarks first and
// then this; on its own it reports whatever results exist. A missed target is reported,
// never an error: this is a benchmark, not a test. A source that is missing gives rows
// saying "not run".
//
//   node .ci/bench-report.mjs [--criterion DIR] [--node FILE] [--browser FILE] [--memory FILE]
//                             [--out DIR] [--since ISO] [--failed native|memory|node|browser ...]
//
// --criterion DIR  criterion's results (default target/criterion; CRITERION_HOME or
//                  CARGO_TARGET_DIR/criterion if set): <id>/new/{benchmark,estimates}.json
// --node FILE      pkg/bench/node-bench.mjs --json output (default: the newer of
//                  target/bench/node.json and pkg/bench/.cache/node.json)
// --browser FILE   web/e2e/bench.mjs --json output (default: the newer of
//                  target/bench/browser.json and web/e2e/artifacts/bench.json)
// --memory FILE    core/benches/ledger_memory.rs --json output (default
//                  target/bench/memory.json)
// --out DIR        where report.md and report.json go (default target/bench)
// --since ISO      results older than this are not from this run: criterion results are
//                  then reported as not run (BENCH_SINCE in the environment does the same)
// --failed NAME    that benchmark failed to run: its rows say so (repeatable; BENCH_FAILED
//                  in the environment takes a comma-separated list)

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TARGETS } from '../pkg/bench/targets.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rel = (file) => {
  const r = path.relative(root, file);
  return r.startsWith('..') || path.isAbsolute(r) ? file : r || '.';
};

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const opts = { failed: new Set((process.env.BENCH_FAILED || '').split(',').filter(Boolean)) };
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  const value = () => {
    if (i + 1 >= argv.length) usage(`${a} needs a value`);
    return argv[++i];
  };
  if (a === '--criterion') opts.criterion = path.resolve(value());
  else if (a === '--node') opts.node = path.resolve(value());
  else if (a === '--browser') opts.browser = path.resolve(value());
  else if (a === '--memory') opts.memory = path.resolve(value());
  else if (a === '--out') opts.out = path.resolve(value());
  else if (a === '--since') opts.since = value();
  else if (a === '--failed') opts.failed.add(value());
  else if (a === '--help' || a === '-h') usage();
  else usage(`unknown argument ${a}`);
}
function usage(message) {
  if (message) console.error(`bench-report: ${message}`);
  console.error(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').slice(8, 24).join('\n'));
  process.exit(message ? 2 : 0);
}
const sinceText = opts.since ?? process.env.BENCH_SINCE;
const since = sinceText ? new Date(/^\d+$/.test(sinceText) ? Number(sinceText) * 1000 : sinceText) : null;
if (since && Number.isNaN(since.getTime())) usage(`--since ${sinceText}: not a date`);
const outDir = opts.out ?? path.join(root, 'target', 'bench');
const criterionDir =
  opts.criterion ??
  (process.env.CRITERION_HOME
    ? path.resolve(process.env.CRITERION_HOME)
    : path.join(process.env.CARGO_TARGET_DIR ? path.resolve(root, process.env.CARGO_TARGET_DIR) : path.join(root, 'target'), 'criterion'));
/** The newest existing file of the candidates (or the first, missing, if none exists). */
function newest(...files) {
  const existing = files.filter((f) => fs.existsSync(f)).sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  return existing[0] ?? files[0];
}
const nodeFile = opts.node ?? newest(path.join(root, 'target', 'bench', 'node.json'), path.join(root, 'pkg', 'bench', '.cache', 'node.json'));
const memoryFile = opts.memory ?? path.join(root, 'target', 'bench', 'memory.json');
const browserFile = opts.browser ?? newest(path.join(root, 'target', 'bench', 'browser.json'), path.join(root, 'web', 'e2e', 'artifacts', 'bench.json'));

// The targets of issue 7 (KB = 1000 bytes), shared with the benchmarks.
const T = TARGETS;

// ---------------------------------------------------------------- formatting

const num = (x, digits) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const sig = (x) => num(x, Math.abs(x) >= 100 ? 0 : Math.abs(x) >= 10 ? 1 : 2);
const ok = (x) => typeof x === 'number' && Number.isFinite(x);
/** A duration in nanoseconds, in the unit that suits it. */
function time(ns) {
  if (!ok(ns)) return 'n/a';
  const a = Math.abs(ns);
  if (a < 1e3) return `${sig(ns)} ns`;
  if (a < 1e6) return `${sig(ns / 1e3)} µs`;
  if (a < 1e9) return `${sig(ns / 1e6)} ms`;
  return `${sig(ns / 1e9)} s`;
}
const us = (x) => (ok(x) ? x * 1e3 : NaN); // µs -> ns
const ms = (x) => (ok(x) ? x * 1e6 : NaN); // ms -> ns
const kb = (bytes) => (ok(bytes) ? `${num(bytes / 1000, 1)} KB` : 'n/a');
const times = (x) => (ok(x) ? `${num(x, x >= 100 ? 0 : 1)}×` : 'n/a');
const date = (d) => (d ? d.toISOString().replace(/\.\d+Z$/, 'Z').replace('T', ' ') : 'unknown');
const cell = (s) => String(s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

// ---------------------------------------------------------------- sources

function readJson(file) {
  if (!fs.existsSync(file)) return { data: null, why: `no ${rel(file)}` };
  try {
    return { data: JSON.parse(fs.readFileSync(file, 'utf8')), mtime: fs.statSync(file).mtime };
  } catch (e) {
    return { data: null, why: `${rel(file)} unreadable: ${e.message}` };
  }
}

/** criterion's results: every <dir>/new/ holding benchmark.json and estimates.json. */
function criterionResults(dir) {
  const out = [];
  const walk = (d, depth) => {
    let entries;
    try {
      entries = fs.readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory() || e.name === 'report' || e.name === 'base' || e.name === 'change') continue;
      const sub = path.join(d, e.name);
      if (e.name === 'new') {
        try {
          const bm = JSON.parse(fs.readFileSync(path.join(sub, 'benchmark.json'), 'utf8'));
          const estimatesFile = path.join(sub, 'estimates.json');
          const est = JSON.parse(fs.readFileSync(estimatesFile, 'utf8'));
          const medianNs = est?.median?.point_estimate;
          if (bm.full_id && ok(medianNs)) {
            out.push({ id: bm.full_id, medianNs, ci: est.median.confidence_interval, throughput: bm.throughput, mtime: fs.statSync(estimatesFile).mtime });
          }
        } catch {
          // a half-written or foreign directory: skip it
        }
      } else if (depth < 5) walk(sub, depth + 1);
    }
  };
  walk(dir, 0);
  return out;
}

const failedNote = (name) => (opts.failed.has(name) ? 'failed to run, see the log' : null);

const native = { all: criterionResults(criterionDir), used: new Set() };
native.fresh = native.all.filter((r) => !since || r.mtime >= since);
/** The newest criterion result whose id matches, from this run if --since is given. */
function crit(re) {
  const matching = native.all.filter((r) => re.test(r.id)).sort((a, b) => b.mtime - a.mtime);
  for (const r of matching) native.used.add(r.id);
  const r = matching[0];
  if (!r) return { why: failedNote('native') ?? (native.all.length ? 'no such benchmark in the results' : `no results in ${rel(criterionDir)}`) };
  if (since && r.mtime < since) return { why: failedNote('native') ?? `not in this run; last result ${date(r.mtime)}`, stale: r };
  return r;
}

const nodeSrc = readJson(nodeFile);
const node = nodeSrc.data;
const browserSrc = readJson(browserFile);
const memorySrc = readJson(memoryFile);
const memoryWhy =
  failedNote('memory') ?? memorySrc.why ?? (since && memorySrc.mtime < since ? `not in this run; last result ${date(memorySrc.mtime)}` : null);
const memory = memoryWhy ? null : memorySrc.data;
const browser = browserSrc.data;
const nodeWhy = failedNote('node') ?? nodeSrc.why;
const browserWhy = failedNote('browser') ?? browserSrc.why;

// ---------------------------------------------------------------- rows

const rows = [];
let section = '';
const begin = (name) => {
  section = name;
};
/**
 * One row. `value`: ns for times, bytes for sizes, or null when not run (`why` says why);
 * `text`: how the value reads; `met`: true/false against `target`, or null (informative).
 */
function row(name, { value = null, text, target = '', comparison = '', met = null, why = null, unit = 'ns' }) {
  const notRun = value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value));
  rows.push({
    section,
    name,
    value: notRun ? null : value,
    unit,
    median: notRun ? `not run${why ? ` (${why})` : ''}` : (text ?? (unit === 'bytes' ? kb(value) : time(value))),
    target,
    comparison: notRun ? '' : comparison,
    met: notRun ? (target ? 'not run' : '–') : met === null ? '–' : met ? 'yes' : '**no**',
    pass: notRun ? null : met,
  });
}
const ratioText = (x, what) => (ok(x) ? `${times(x)} ${what}` : '');

// Native engine (criterion)
begin('Native engine (cargo bench -p riskgate; criterion medians)');
const nTypical = crit(/^evaluate typical request/);
const nClassify = crit(/^classify 100,000 paths\/default rules$/);
const nClassify500 = crit(/^classify 100,000 paths\/500 rules$/);
const nRender = crit(/^render Markdown$/);
const nStatus1M = crit(/^ledger\/status_(1000000|1m)_entries$/);
const nStatus100k = crit(/^ledger\/status_100000_entries$/);
const nVerify1M = crit(/^ledger\/verify_(1000000|1m)_entries$/);
const nVerify100k = crit(/^ledger\/verify_100000_entries$/);
const pkgTypicalUs = node?.typical?.package?.median;
const pkgClassifyMs = node?.classify?.packageDefault?.median;
row('Typical decision, 40 files, JSON in and out', {
  value: nTypical.medianNs,
  why: nTypical.why,
  target: `≤ ${T.nativeTypicalUs} µs`,
  met: nTypical.medianNs <= T.nativeTypicalUs * 1e3,
  comparison: ok(pkgTypicalUs) ? `npm package in Node ${time(us(pkgTypicalUs))} (${times(us(pkgTypicalUs) / nTypical.medianNs)} native)` : '',
});
row('Classify 100,000 paths, default rules', {
  value: nClassify.medianNs,
  why: nClassify.why,
  target: `≤ ${T.nativeClassifyMs} ms`,
  met: nClassify.medianNs <= T.nativeClassifyMs * 1e6,
  comparison: `${time(nClassify.medianNs / 1e5)} per path${ok(pkgClassifyMs) ? `; package in Node ${time(ms(pkgClassifyMs))} (${times(ms(pkgClassifyMs) / nClassify.medianNs)})` : ''}`,
});
row('Classify 100,000 paths, 500 rules', {
  value: nClassify500.medianNs,
  why: nClassify500.why,
  comparison: ok(nClassify.medianNs) ? ratioText(nClassify500.medianNs / nClassify.medianNs, 'the default rules') : '',
});
// The cost curves: the decision in the size of the diff, classification in the rule count.
for (const n of [400, 4000]) {
  const r = crit(new RegExp(`^decision by diff size/${n} files$`));
  const base = crit(/^decision by diff size\/40 files$/);
  row(`Decision by diff size: ${n.toLocaleString('en-US')} files, JSON in and out`, {
    value: r.medianNs,
    why: r.why,
    comparison: ok(base.medianNs)
      ? `${time(r.medianNs / n)} per file (40 files: ${time(base.medianNs / 40)}); ${times(r.medianNs / base.medianNs)} the 40-file time for ${n / 40}× the files`
      : '',
  });
}
for (const rules of [50, 4000]) {
  const r = crit(new RegExp(`^classify 100,000 paths/${rules} rules$`));
  row(`Classify 100,000 paths, ${rules.toLocaleString('en-US')} rules`, {
    value: r.medianNs,
    why: r.why,
    comparison: ok(nClassify500.medianNs) ? ratioText(r.medianNs / nClassify500.medianNs, 'the 500-rule time') : '',
  });
}
// Globs with character classes run on riskgate's byte automaton, not a regex engine: the
// same 50 globs through plain globset's GlobSet, in the same run, for the ratio.
const nClasses = crit(/^classify 100,000 paths, 50 globs with classes\/riskgate$/);
const nClassesGlobset = crit(/^classify 100,000 paths, 50 globs with classes\/plain globset GlobSet$/);
row('Classify 100,000 paths, 50 globs with character classes', {
  value: nClasses.medianNs,
  why: nClasses.why,
  comparison: ok(nClassesGlobset.medianNs)
    ? `plain globset GlobSet (regex engine) ${time(nClassesGlobset.medianNs)}: riskgate ${times(nClasses.medianNs / nClassesGlobset.medianNs)} its time; the presets have no such glob`
    : '',
});
row('Render Markdown (typical decision)', { value: nRender.medianNs, why: nRender.why });
const linear = (big, small) => (ok(big?.medianNs) && ok(small?.medianNs) ? `; ${times(big.medianNs / small.medianNs)} the 100,000-entry time (${time(small.medianNs)})` : '');
row('Ledger status, 1,000,000 entries (parse, chain, fold)', {
  value: nStatus1M.medianNs,
  why: nStatus1M.why,
  target: `≤ ${T.nativeLedger1MS} s`,
  met: nStatus1M.medianNs <= T.nativeLedger1MS * 1e9,
  comparison: `${time(nStatus1M.medianNs / 1e6)} per entry${linear(nStatus1M, nStatus100k)}`,
});
row('Ledger verify, 1,000,000 entries', {
  value: nVerify1M.medianNs,
  why: nVerify1M.why,
  comparison: `${time(nVerify1M.medianNs / 1e6)} per entry${linear(nVerify1M, nVerify100k)}`,
});
// Memory of the ledger fold (core/benches/ledger_memory.rs; a counting allocator).
const memRows = memory?.rows ?? [];
const mem100k = memRows.find((r) => r.entries === 100000);
const mem1M = memRows.find((r) => r.entries === 1000000);
const kib = (bytes) => (ok(bytes) ? `${num(bytes / 1024, 1)} KiB` : 'n/a');
row('Ledger fold memory, 1,000,000 entries streamed (peak heap)', {
  value: mem1M?.streamPeakBytes,
  text: kib(mem1M?.streamPeakBytes),
  unit: 'bytes',
  why: memoryWhy ?? (mem1M ? null : 'no 1,000,000-entry row'),
  // Informative: issue 7 asks for memory flat in the entries (streaming), with no figure.
  comparison: mem100k && mem1M
    ? `100,000 entries: ${kib(mem100k.streamPeakBytes)}; the same stream folded for a service with no entries: ${kib(mem100k.otherServicePeakBytes)} and ${kib(mem1M.otherServicePeakBytes)} (flat); what grows is one record per change id of the reported service (${num(mem1M.streamPeakBytes / mem1M.serviceChanges, 0)} B each, ${mem1M.serviceChanges.toLocaleString('en-US')} of them), kept so that no change is charged twice; ledger text ${num(mem1M.textBytes / 1e6, 1)} MB`
    : '',
});
row('Ledger status over the whole text, 1,000,000 entries (peak heap beyond the text)', {
  value: mem1M?.statusPeakBytes,
  text: kib(mem1M?.statusPeakBytes),
  unit: 'bytes',
  why: memoryWhy ?? (mem1M ? null : 'no 1,000,000-entry row'),
  comparison: mem100k && mem1M ? `100,000 entries: ${kib(mem100k.statusPeakBytes)}; the hashing thread's batches in flight included` : '',
});

// Criterion benchmarks of this run that the rows above do not know (new benches).
for (const r of native.fresh.filter((x) => !native.used.has(x.id)).sort((a, b) => a.id.localeCompare(b.id))) {
  if (!since) break; // without a run start, old ids of renamed benches would show up here
  row(`${r.id} (criterion)`, { value: r.medianNs });
}

// Node (the npm package against plain JS + picomatch and json-rules-engine)
begin(`Node (pkg/bench/node-bench.mjs${node?.meta?.quick ? ' --quick' : ''}; medians)`);
const ty = node?.typical;
row('Typical decision via the npm API (evaluateJson)', {
  value: us(ty?.package?.median),
  why: nodeWhy,
  target: `≤ ${T.nodeTypicalUs} µs`,
  met: ty?.package?.median <= T.nodeTypicalUs,
  comparison: ok(ty?.package?.p95) ? `p95 ${time(us(ty.package.p95))}` : '',
});
row('Typical decision, plain JS + picomatch', {
  value: us(ty?.plain?.median),
  why: nodeWhy,
  target: `≥ ${T.plainOverPackage}× the package`,
  met: ty?.plain?.median / ty?.package?.median >= T.plainOverPackage,
  comparison: ratioText(ty?.plain?.median / ty?.package?.median, 'the package'),
});
row('Typical decision, json-rules-engine', {
  value: us(ty?.rulesEngine?.median),
  why: nodeWhy,
  target: `≥ ${T.rulesEngineOverPackage}× the package`,
  met: ty?.rulesEngine?.median / ty?.package?.median >= T.rulesEngineOverPackage,
  comparison: ratioText(ty?.rulesEngine?.median / ty?.package?.median, 'the package'),
});
row('Typical decision, package without the rollout plan', {
  value: us(ty?.packageNoRollout?.median),
  why: nodeWhy,
  comparison: ok(ty?.packageNoRollout?.median)
    ? `plain JS ${times(ty.plain.median / ty.packageNoRollout.median)}, json-rules-engine ${times(ty.rulesEngine.median / ty.packageNoRollout.median)} it`
    : '',
});
row('Typical decision, plain JS with one RegExp per category', {
  value: us(ty?.plainCombined?.median),
  why: nodeWhy,
  comparison: ratioText(ty?.plainCombined?.median / ty?.package?.median, 'the package'),
});
const sp = node?.split;
row('JS↔wasm conversion in evaluateJson', {
  value: us(sp?.conversionUs),
  why: nodeWhy,
  comparison: ok(sp?.conversionPct)
    ? `${num(sp.conversionPct, 0)}% of the call; engine ${time(us(sp.engineUs))} (${num(sp.enginePct, 0)}%); ${num(sp.requestBytes / 1000, 1)} KB in, ${num(sp.decisionBytes / 1000, 1)} KB out`
    : '',
});
const cl = node?.classify;
row('Classify 100,000 paths via the package, default rules', {
  value: ms(cl?.packageDefault?.median),
  why: nodeWhy,
  target: `≤ ${T.nodeClassifyMs} ms`,
  met: cl?.packageDefault?.median <= T.nodeClassifyMs,
  comparison: ok(cl?.splitDefault?.engineMs) ? `engine ${time(ms(cl.splitDefault.engineMs))} (paths in joined by newlines, category indices out), the wrapper's checks and naming ${time(ms(cl.splitDefault.wrapperMs))}` : '',
});
row('Classify 100,000 paths, plain JS + picomatch, default rules', {
  value: ms(cl?.plainDefault?.median),
  why: nodeWhy,
  comparison: ratioText(cl?.plainDefault?.median / cl?.packageDefault?.median, 'the package'),
});
row('Classify 100,000 paths via the package, 500 rules', {
  value: ms(cl?.package500?.median),
  why: nodeWhy,
  comparison: ok(cl?.plain500?.median) ? `plain JS + picomatch ${time(ms(cl.plain500.median))} (${times(cl.plain500.median / cl.package500.median)})` : '',
});
const ld = node?.ledger;
const ldBig = ld?.runs?.[ld.runs.length - 1];
const nativePerEntry = nStatus1M.medianNs / 1e6;
row(`Ledger status via the package, ${ldBig ? num(ldBig.entries, 0) : 'largest fitting'} entries`, {
  // At the ledger's last entry, so that its windows hold entries, as the native 1M run's do.
  value: ms(ldBig?.statusAtEnd?.median),
  why: nodeWhy,
  comparison: ldBig
    ? `${time(us(ldBig.usPerEntryAtEnd))} per entry${ok(nativePerEntry) ? ` (${times(us(ldBig.usPerEntryAtEnd) / nativePerEntry)} native)` : ''}; 1,000,000 ≈ ${time(ms(ld.extrapolated1MStatusAtEndMs))} extrapolated${ld.oneMillion?.attempted && !ld.oneMillion.ok ? ` (refused: ${ld.oneMillion.error?.code})` : ''}`
    : '',
});
row(`Ledger verify via the package, ${ldBig ? num(ldBig.entries, 0) : 'largest fitting'} entries`, {
  value: ms(ldBig?.verify?.median),
  why: nodeWhy,
  comparison: ldBig ? `${time(ms(ldBig.verify.median) / ldBig.entries)} per entry` : '',
});
const cs = node?.coldStart;
row("Cold start to first decision, beyond bare `node -e ''` (ESM `import`)", {
  value: ms(cs?.extraMs),
  why: nodeWhy,
  target: `≤ ${T.coldStartExtraMs} ms`,
  met: cs?.extraMs <= T.coldStartExtraMs,
  comparison: ok(cs?.bare?.median)
    ? `\`node -e ''\` ${time(ms(cs.bare.median))}; process start to first decision ${time(ms(cs.firstDecision.median))}${ok(cs.wholeProcess?.median) ? `; the whole process, until exit, ${time(ms(cs.wholeProcess.median))}` : ''}${ok(cs.extraCjsMs) ? `; through \`require\` (CommonJS, the baseline's module system) ${time(ms(cs.extraCjsMs))} beyond` : ''}`
    : '',
});
row('Cold start, inside the process: first decision since process start', {
  value: ms(cs?.inProcessDecidedMs),
  why: nodeWhy,
  comparison: ok(cs?.inProcessExitMs)
    ? `import done at ${time(ms(cs.inProcessImportedMs))}; the process then waits until ${time(ms(cs.inProcessExitMs))} for V8's optimizing wasm compiler`
    : '',
});
row('CLI `riskgate evaluate --request FILE`, whole process', {
  value: ms(cs?.cli?.median),
  why: cs && !cs.cli ? 'not measured by this node bench' : nodeWhy,
  comparison: ok(cs?.cli?.median) ? `${time(ms(cs.cli.median - cs.bare.median))} beyond bare \`node -e ''\` (baseline wasm compiler only)` : '',
});

// Browser (headless Chromium, the release worksheet)
begin(`Browser (web/e2e/bench.mjs${browser?.options?.quick ? ' --quick' : ''}; headless Chromium ${browser?.chromium ?? ''})`.replace(' )', ')'));
const bs = browser?.summary;
const fsc = browser?.firstScore;
const noBrowserRun = browser && !fsc ? 'a sizes-only run, --no-browser' : null;
row('Navigation to first score', {
  value: ms(bs?.firstScoreMedianMs),
  why: browserWhy ?? noBrowserRun,
  comparison: fsc
    ? `p95 ${time(ms(fsc.scoreInDomMs.p95))}; wasm fetched by ${time(ms(fsc.breakdownMedianMs.wasmResponseEnd))}, then compile + start + first render ${time(ms(fsc.breakdownMedianMs.scoreInDom - fsc.breakdownMedianMs.wasmResponseEnd))}`
    : '',
});
const cases = bs?.recompute?.length ? bs.recompute : [{ name: 'each input kind' }];
for (const c of cases) {
  const stress = c.pass === null && c.valid !== undefined;
  row(`Recompute per input event: ${c.name}`, {
    value: ms(c.medianMs),
    why: browserWhy ?? noBrowserRun,
    target: stress ? '' : `≤ ${T.recomputeMs} ms`,
    met: stress ? null : c.valid === false ? false : c.medianMs <= T.recomputeMs,
    comparison: ok(c.p95Ms) ? `p95 ${time(ms(c.p95Ms))}${c.valid === false ? '; INVALID: the score did not change' : ''}${stress ? ' (stress case, no target)' : ''}` : '',
  });
}

// Sizes (gzip -9 by zlib, as web/e2e/bench.mjs measures them)
begin('Sizes (gzip -9; KB = 1000 bytes)');
const sz = browser?.sizes;
const pk = sz?.package;
const ws = sz?.worksheet;
row('Package wasm (pkg/dist/riskgate.wasm)', {
  value: pk?.wasmGzip,
  unit: 'bytes',
  why: browserWhy ?? (browser ? 'pkg/dist was not built' : null),
  target: `≤ ${T.packageWasmGzipKB} KB`,
  met: pk?.wasmGzip <= T.packageWasmGzipKB * 1000,
  comparison: pk ? `${kb(pk.wasm?.[0]?.bytes)} raw, ${kb(pk.wasmBrotli)} brotli` : '',
});
row('Package JS, Node entry (index.js, index.cjs, shared.cjs, glue)', {
  value: pk?.nodeJsGzip,
  unit: 'bytes',
  why: browserWhy ?? (browser ? 'pkg/dist was not built' : null),
  comparison: pk ? `browser entry ${kb(pk.webJsGzip)}; CLI ${kb(pk.cliJsGzip)}` : '',
});
row('Worksheet wasm + JS (dist/)', {
  value: ws?.totalGzip,
  unit: 'bytes',
  why: browserWhy ?? 'dist/ was not built',
  target: `≤ ${T.worksheetGzipKB} KB`,
  met: ws?.totalGzip <= T.worksheetGzipKB * 1000,
  comparison: ws ? `wasm ${kb(ws.wasmGzip)} + JS ${kb(ws.jsGzip)}; ${kb(ws.totalBrotli)} brotli` : '',
});
row('Worksheet JS (dist/*.js)', {
  value: ws?.jsGzip,
  unit: 'bytes',
  why: browserWhy ?? 'dist/ was not built',
  comparison: ws ? ws.js.map((f) => `${path.basename(f.file)} ${kb(f.gzip)}`).join(', ') : '',
});

// ---------------------------------------------------------------- header and output

const run = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: 15_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
};
const commit = run('git', ['rev-parse', '--short=12', 'HEAD']);
const subject = run('git', ['log', '-1', '--format=%s']);
const dirty = run('git', ['status', '--porcelain', '--untracked-files=no']);
const cpus = os.cpus();
const meta = {
  date: new Date().toISOString(),
  since: since?.toISOString() ?? null,
  machine: {
    cpuModel: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    memoryGB: Math.round(os.totalmem() / 1e8) / 10,
    platform: `${process.platform} ${process.arch}`,
  },
  node: process.version,
  rustc: run('rustc', ['--version']),
  git: { commit, subject, uncommittedChanges: dirty ? dirty.split('\n').length : 0 },
  sources: {
    native: {
      dir: rel(criterionDir),
      results: native.all.length,
      fromThisRun: since ? native.fresh.length : null,
      oldest: native.all.length ? new Date(Math.min(...native.all.map((r) => r.mtime))).toISOString() : null,
      newest: native.all.length ? new Date(Math.max(...native.all.map((r) => r.mtime))).toISOString() : null,
      failed: opts.failed.has('native'),
    },
    node: { file: rel(nodeFile), measuredAt: node?.meta?.date ?? null, quick: node?.meta?.quick ?? null, loadAverage: node?.meta?.loadAverage ?? null, failed: opts.failed.has('node'), why: nodeWhy },
    browser: {
      file: rel(browserFile),
      measuredAt: browser?.generatedAt ?? null,
      quick: browser?.options?.quick ?? null,
      loadAverage: browser?.machine?.loadavg ?? null,
      chromium: browser?.chromium ?? null,
      failed: opts.failed.has('browser'),
      why: browserWhy,
    },
  },
  targets: T,
};

const withTarget = rows.filter((r) => r.target);
const met = withTarget.filter((r) => r.pass === true).length;
const missed = withTarget.filter((r) => r.pass === false).length;
const notRun = withTarget.filter((r) => r.pass === null).length;
const load = (l) => (l ? l.map((x) => num(x, 2)).join(' ') : 'n/a');
const src = meta.sources;
const md = [];
md.push('# riskgate benchmarks (issue 7)');
md.push('');
md.push(`- Date: ${date(new Date(meta.date))}${since ? ` (run started ${date(since)})` : ''}`);
md.push(`- Machine: ${meta.machine.cpuModel}, ${meta.machine.cores} cores, ${meta.machine.memoryGB} GB, ${meta.machine.platform}; load average ${load(meta.machine.loadAverage)} (1, 5, 15 min)`);
md.push(`- Versions: node ${meta.node}; ${meta.rustc ?? 'rustc unknown'}`);
md.push(`- Commit: ${commit ?? 'unknown'}${subject ? ` "${subject}"` : ''}${dirty ? ` plus uncommitted changes in ${meta.git.uncommittedChanges} files` : ''}`);
md.push(
  `- Sources: native ${src.native.results ? `${rel(criterionDir)} (${since ? `${src.native.fromThisRun} results from this run` : `measured ${date(new Date(src.native.oldest))} to ${date(new Date(src.native.newest))}`})` : 'not run'}; ` +
    `Node ${node ? `${src.node.file} (${date(new Date(src.node.measuredAt))}${src.node.quick ? ', --quick' : ''}, load ${load(src.node.loadAverage)})` : 'not run'}; ` +
    `browser ${browser ? `${src.browser.file} (${date(new Date(src.browser.measuredAt))}${src.browser.quick ? ', --quick' : ''}, load ${load(src.browser.loadAverage)})` : 'not run'}`,
);
md.push(`- Targets: ${met} met, ${missed} missed, ${notRun} not run, of ${withTarget.length}. This is a benchmark, not a test: a missed target is reported and fails nothing.`);
md.push('');
md.push('| Benchmark | Median | Target | Ratio / comparison | Met? |');
md.push('|---|---:|---|---|---|');
let last = null;
for (const r of rows) {
  if (r.section !== last) {
    md.push(`| **${cell(r.section)}** | | | | |`);
    last = r.section;
  }
  md.push(`| ${cell(r.name)} | ${cell(r.median)} | ${cell(r.target)} | ${cell(r.comparison)} | ${r.met} |`);
}
md.push('');
md.push(
  'Medians: criterion\'s median estimate (native); the median of per-call batch times of the ' +
    'package and the JavaScript versions taking turns in one process (Node); the median over fresh ' +
    'page loads and over input events (browser). Sizes are single measurements. ' +
    'Ratios compare runs on the same machine in the same session; with `--quick` they are rough.',
);
const text = `${md.join('\n')}\n`;

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'report.md'), text);
fs.writeFileSync(
  path.join(outDir, 'report.json'),
  `${JSON.stringify({ meta, summary: { withTarget: withTarget.length, met, missed, notRun }, rows: rows.map(({ pass, ...r }) => ({ ...r, met: pass })) }, null, 2)}\n`,
);
process.stdout.write(text);
console.log(`\n(written to ${rel(path.join(outDir, 'report.md'))} and report.json)`);
