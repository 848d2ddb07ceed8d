// Inputs of the Node benchmarks, ported from the native benchmarks so both measure the same
// work: core/benches/engine.rs (`path`, `typical_request`, the 500-rule policy) and
// core/benches/ledger.rs (`ledger_text`). Keep them in step with the Rust benches.

import { createHash } from 'node:crypto';

export const DIRS = [
  'src/auth', 'src/payments', 'db/migrations', 'web/components', 'docs',
  'src/util', 'k8s', 'proto', 'src/core', 'src/telemetry',
  'src/api', 'lib', 'internal/queue', 'config', 'scripts',
  'src/billing', 'tests', 'src/crypto', 'charts/app', 'pkg/server',
];
export const EXTS = ['rs', 'ts', 'tsx', 'sql', 'md', 'yaml', 'go', 'py', 'proto', 'css'];

/** `path(i)` of core/benches/engine.rs. */
export function path(i) {
  const dir = DIRS[i % DIRS.length];
  const ext = EXTS[Math.floor(i / DIRS.length) % EXTS.length];
  return `${dir}/module_${i % 97}/file_${i}.${ext}`;
}

/** The first `n` paths (`(0..n).map(path)`). */
export function paths(n) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) out[i] = path(i);
  return out;
}

/**
 * The typical request of the benchmarks (JSON text): exactly `typical_request()` of
 * core/benches/engine.rs (40 files over all 20 directories, tier 2, error budget 42%, budget
 * consumed 30, canary + feature flag). It touches 14 categories, so it scores G4. When the
 * Rust bench's `typical_request()` changes, change this one to match.
 */
export function typicalRequest() {
  const files = [];
  for (let i = 0; i < 40; i++) {
    files.push(`{"path":"${path(i * 7)}","status":"modified","additions":${i * 3},"deletions":${i}}`);
  }
  return `{"service":{"name":"checkout","tier":2},"change":{"id":"9f2c1e7","title":"Typical change","files":[${files.join(',')}],"mitigations":["canary","feature_flag"]},"context":{"errorBudgetRemainingPct":42.0},"budget":{"consumed":30}}`;
}

/** The 500-rule policy of core/benches/engine.rs (one category, 500 include globs). */
export function policy500() {
  const globs = [];
  for (let i = 0; i < 500; i++) globs.push(`"**/${DIRS[i % DIRS.length]}/module_${i}/**"`);
  return JSON.parse(
    `{"categories":{"core_logic":{"label":"core","points":6,"highRisk":false,"include":[${globs.join(',')}]}}}`,
  );
}

export const GENESIS = '0'.repeat(64);
const SERVICES = 50;
const START = Date.UTC(2026, 0, 1) / 1000; // 2026-01-01T00:00:00Z

function isoSeconds(seconds) {
  return new Date(seconds * 1000).toISOString().slice(0, 19);
}

/**
 * `ledger_text(n)` of core/benches/ledger.rs: a sealed ledger of releases of 50 services,
 * one a minute from 2026-01-01, an outcome every 10th entry, an adjustment every 1000th.
 * Returns JSON Lines text. `prev` is the SHA-256 of the previous entry's canonical form:
 * the compact JSON of the typed entry, with the defaulted fields the engine serializes
 * (`releaseType`, `penalty`; `rolledBack`) in their declared order, and instants as chrono
 * serializes them (`…Z` for a zero offset; the lines say `+00:00` like the Rust bench's
 * `to_rfc3339()`). See core/src/ledger/entry.rs; `ledgerVerify` checks the result.
 */
export function ledgerText(n) {
  return `${ledgerLines(n).join('\n')}\n`;
}

/** The lines of `ledgerText(n)`, without their newlines. */
export function ledgerLines(n) {
  const lines = new Array(n);
  let prev = GENESIS;
  for (let i = 0; i < n; i++) {
    const svc = `service-${i % SERVICES}`;
    const at = `${isoSeconds(START + i * 60)}Z`;
    const seq = i + 1;
    // Each line as `riskgate record` writes it (and as core/benches/ledger.rs does): the
    // entry's canonical form, which its successor's prev hashes.
    let line;
    if (i % 1000 === 999) {
      line = `{"kind":"adjustment","seq":${seq},"prev":"${prev}","at":"${at}","service":"${svc}","amount":10,"reason":"bench","approver":"Dana Li"}`;
    } else if (i % 10 === 9) {
      line = `{"kind":"outcome","seq":${seq},"prev":"${prev}","at":"${at}","service":"${svc}","changeId":"c${i - SERVICES}","failed":true,"severity":"sev2","detectedAt":"${at}","restoredAt":"${at}","rolledBack":false}`;
    } else {
      line = `{"kind":"release","seq":${seq},"prev":"${prev}","at":"${at}","service":"${svc}","tier":2,"changeId":"c${i}","releaseType":"feature","rrs":3,"penalty":0,"charge":3,"gate":"G1","verdict":"go","additions":40,"deletions":2,"files":3}`;
    }
    prev = createHash('sha256').update(line).digest('hex');
    lines[i] = line;
  }
  return lines;
}
