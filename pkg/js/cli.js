#!/usr/bin/env node
// The `riskgate` command line. A CI job makes one or two decisions and exits, so the
// engine's wasm runs on V8's baseline compiler only: optimizing compilation of the module
// costs more than it saves in such a run, and Node waits for it before exiting (measured
// here: 0.23 s -> 0.13 s per run). Library users keep V8's defaults (long-lived processes
// want the optimized code).
import v8 from 'node:v8';

v8.setFlagsFromString('--liftoff-only');
await import('./cli-main.js');
