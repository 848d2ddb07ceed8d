// The benchmark targets of issue 7 (performance), in one place: the Node benchmarks
// (pkg/bench/node-bench.mjs), the browser benchmarks and sizes (web/e2e/bench.mjs) and the
// report (.ci/bench-report.mjs) all read them from here. The wording in the comments is the
// targets' as the README's "target (issue 7)" column and the benchmark scripts state them.
// KB = 1000 bytes.
//
// The key names are the report's (its report.json `meta.targets`); the Node and browser
// benchmarks keep their own key names in their JSON files and map them from these.

export const TARGETS = Object.freeze({
  // native: "typical decision, 40 files, JSON in and out ≤ 8 µs" (criterion median)
  nativeTypicalUs: 8,
  // native: "classify 100,000 paths, default rules ≤ 25 ms"
  nativeClassifyMs: 25,
  // native: "ledger status over 1,000,000 entries ≤ 0.5 s"
  nativeLedger1MS: 0.5,
  // Node, npm API: "typical decision (evaluateJson) ≤ 25 µs" (median)
  nodeTypicalUs: 25,
  // "plain JS + picomatch / package ≥ 10×" (the package at least 10 times faster)
  plainOverPackage: 10,
  // "json-rules-engine / package ≥ 25×"
  rulesEngineOverPackage: 25,
  // Node, package: "classify 100,000 paths ≤ 60 ms" (default rules)
  nodeClassifyMs: 60,
  // Node: "cold start to first decision ≤ 30 ms beyond `node -e ''`"
  coldStartExtraMs: 30,
  // "package wasm ≤ 250 KB gzip"
  packageWasmGzipKB: 250,
  // "worksheet wasm + JS ≤ 400 KB gzip"
  worksheetGzipKB: 400,
  // "worksheet recompute ≤ 2 ms per input event" (median)
  recomputeMs: 2,
});
