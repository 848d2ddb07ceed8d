// Binaryen's wasm-opt for riskgate's two wasm builds (the npm package at -O2 and the
// worksheet at -Oz), shared by pkg/scripts/build.mjs and web/scripts/optimize-wasm.mjs.
//
// Why the repair: Debian's wasm-opt (version_108) rewrites the export of wasm-bindgen's
// externref table with the index of the function table, so the module fails at start with
// "WebAssembly.Table.set(): Argument 1 is invalid for table". After optimizing, every
// exported table is pointed back at a table of the type it had before, and the module is
// validated.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const FEATURES = [
  '--enable-reference-types',
  '--enable-multivalue',
  '--enable-bulk-memory',
  '--enable-nontrapping-float-to-int',
  '--enable-sign-ext',
  '--enable-mutable-globals',
  // 128-bit SIMD: the package's engine is built with it (pkg/scripts/build.mjs); the
  // worksheet's is not, and the flag only allows it.
  '--enable-simd',
];

/** Table types and table exports of a wasm binary. */
function tablesOf(bytes) {
  const out = { tables: [], exports: [] };
  let p = 8;
  const leb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[p++];
      result += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(b & 0x80)) return result;
    }
  };
  const limits = () => {
    const flags = bytes[p++];
    leb();
    if (flags & 1) leb();
  };
  while (p < bytes.length) {
    const id = bytes[p++];
    const size = leb();
    const start = p;
    if (id === 2) {
      for (let n = leb(); n > 0; n--) {
        for (let k = 0; k < 2; k++) {
          const len = leb(); // module name, then field name
          p += len;
        }
        const kind = bytes[p++];
        if (kind === 0) leb();
        else if (kind === 1) {
          out.tables.push(bytes[p++]);
          limits();
        } else if (kind === 2) limits();
        else if (kind === 3) p += 2;
        else throw new Error(`unknown import kind ${kind}`);
      }
    } else if (id === 4) {
      for (let n = leb(); n > 0; n--) {
        out.tables.push(bytes[p++]);
        limits();
      }
    } else if (id === 7) {
      for (let n = leb(); n > 0; n--) {
        const len = leb();
        const name = Buffer.from(bytes.subarray(p, p + len)).toString('utf8');
        p += len;
        const kind = bytes[p++];
        const at = p;
        const index = leb();
        out.exports.push({ name, kind, index, at, len: p - at });
      }
    }
    p = start + size;
  }
  return out;
}

function repairTableExports(before, after, say) {
  const b = tablesOf(before);
  const a = tablesOf(after);
  const out = Buffer.from(after);
  for (const e of a.exports.filter((x) => x.kind === 1)) {
    const orig = b.exports.find((x) => x.name === e.name && x.kind === 1);
    if (!orig) continue;
    const want = b.tables[orig.index];
    if (a.tables[e.index] === want) continue;
    const candidates = a.tables.map((t, i) => (t === want ? i : -1)).filter((i) => i >= 0);
    if (candidates.length !== 1 || e.len !== 1 || candidates[0] > 0x7f) {
      throw new Error(`cannot repair the export of table '${e.name}' after wasm-opt`);
    }
    say(`re-pointing the export '${e.name}' from table ${e.index} to table ${candidates[0]}`);
    out[e.at] = candidates[0];
  }
  return out;
}

/**
 * Optimizes `input` into `output` (they may be the same file) and returns both sizes.
 * `level` is wasm-opt's optimization level (`-Oz`: smallest); `extraArgs` go to wasm-opt
 * too (e.g. --strip-debug); `say` logs the repairs.
 */
export function optimizeWasm(input, output, { say = () => {}, level = '-Oz', extraArgs = [] } = {}) {
  const before = fs.readFileSync(input);
  const tmp = `${output}.opt`;
  execFileSync('wasm-opt', [level, ...extraArgs, ...FEATURES, input, '-o', tmp], { stdio: 'inherit' });
  const after = repairTableExports(before, fs.readFileSync(tmp), say);
  new WebAssembly.Module(after); // throws when invalid
  fs.writeFileSync(output, after);
  fs.rmSync(tmp);
  return { before: before.length, after: after.length };
}
