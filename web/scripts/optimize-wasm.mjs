// Optimizes the worksheet's wasm with binaryen's wasm-opt -Oz, as a Trunk post_build hook
// (Trunk's own wasm-opt step is off: data-wasm-opt="0" in index.html, because Debian's
// wasm-opt 108 breaks wasm-bindgen's table export; pkg/scripts/wasm-opt.mjs repairs it).
// Debug builds are left as they are.
//
//   node web/scripts/optimize-wasm.mjs [FILE.wasm]   (default: the Trunk staging dir's *_bg.wasm)

import fs from 'node:fs';
import path from 'node:path';
import { optimizeWasm } from '../../pkg/scripts/wasm-opt.mjs';
import { WORKSHEET_OPT_ARGS } from './wasm-opt-args.mjs';

const say = (msg) => process.stderr.write(`[optimize-wasm] ${msg}\n`);

function target() {
  if (process.argv[2]) return process.argv[2];
  const dir = process.env.TRUNK_STAGING_DIR;
  if (!dir) throw new Error('no wasm file given and TRUNK_STAGING_DIR is not set');
  const found = fs.readdirSync(dir).filter((f) => f.endsWith('_bg.wasm'));
  if (found.length !== 1) throw new Error(`expected one *_bg.wasm in ${dir}, found ${found.length}`);
  return path.join(dir, found[0]);
}

if (process.env.TRUNK_PROFILE && process.env.TRUNK_PROFILE !== 'release') {
  say(`profile ${process.env.TRUNK_PROFILE}: not optimizing`);
  process.exit(0);
}
const file = target();
const sizes = optimizeWasm(file, file, {
  say,
  extraArgs: ['--strip-debug', '--strip-producers', ...WORKSHEET_OPT_ARGS],
});
say(`${path.basename(file)}: ${sizes.before} -> ${sizes.after} bytes`);
