#!/usr/bin/env node
// Builds the npm package `riskgate` from source into pkg/dist/ (a build output, gitignored):
//   1. cargo build -p riskgate-wasm --profile pkg-release --target wasm32-unknown-unknown --locked
//   2. wasm-bindgen --target nodejs and --target web (one shared .wasm file)
//   3. wasm-opt -O2 without one-caller inlining (RISKGATE_WASM_OPT=0 skips it for quick local builds)
//   4. the JS entry points from js/, the JSON Schemas from the Rust types (through the wasm
//      binding's `schema` export, i.e. riskgate::api::schema) and the TypeScript declarations
//      generated from those schemas with json-schema-to-typescript.
// Usage: node scripts/build.mjs        (from anywhere; needs cargo, wasm-bindgen, wasm-opt)
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { optimizeWasm } from './wasm-opt.mjs';

const pkgDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const rootDir = path.resolve(pkgDir, '..');
const dist = path.join(pkgDir, 'dist');
const require = createRequire(import.meta.url);
const WASM_BINDGEN_VERSION = '0.2.130';

const say = (msg) => console.log(`[build] ${msg}`);
function run(cmd, args, opts = {}) {
  say(`${cmd} ${args.join(' ')}`);
  const out = execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'], cwd: rootDir, ...opts });
  return out === null ? '' : out.toString();
}

// 0. The package version is the Cargo workspace version.
const cargoToml = fs.readFileSync(path.join(rootDir, 'Cargo.toml'), 'utf8');
const wsVersion = /\[workspace\.package\][^[]*?\nversion\s*=\s*"([^"]+)"/.exec(cargoToml)?.[1];
if (!wsVersion) throw new Error('no [workspace.package] version in Cargo.toml');
const pkgJsonPath = path.join(pkgDir, 'package.json');
const pkgJson = JSON.parse(fs.readFileSync(pkgJsonPath, 'utf8'));
if (pkgJson.version !== wsVersion) {
  say(`package.json version ${pkgJson.version} -> ${wsVersion} (the workspace version)`);
  pkgJson.version = wsVersion;
  fs.writeFileSync(pkgJsonPath, `${JSON.stringify(pkgJson, null, 2)}\n`);
}

// 1. The wasm binary.
// (RISKGATE_SKIP_CARGO=1 reuses the last cargo output: for iterating on the JS side only.)
if (process.env.RISKGATE_SKIP_CARGO !== '1') {
  // 128-bit SIMD (Node >= 16.4 and every current browser run it): memchr, aho-corasick and
  // LLVM's loop vectorizer use it; classifying 100,000 paths in Node ~10% faster.
  const simd = '-C target-feature=+simd128';
  const flags = process.env.CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS;
  run('cargo', ['build', '-p', 'riskgate-wasm', '--profile', 'pkg-release', '--target', 'wasm32-unknown-unknown', '--locked'], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS: flags ? `${flags} ${simd}` : simd },
  });
}
const targetDir = JSON.parse(run('cargo', ['metadata', '--format-version', '1', '--no-deps', '--locked'])).target_directory;
const rawWasm = path.join(targetDir, 'wasm32-unknown-unknown', 'pkg-release', 'riskgate_wasm.wasm');

// 2. The glue.
const bindgenVersion = run('wasm-bindgen', ['--version']).trim();
if (!bindgenVersion.endsWith(` ${WASM_BINDGEN_VERSION}`)) {
  throw new Error(`wasm-bindgen ${WASM_BINDGEN_VERSION} is required (Cargo.lock pins it), found: ${bindgenVersion}`);
}
fs.rmSync(dist, { recursive: true, force: true });
const tmp = path.join(dist, '.bindgen');
for (const target of ['nodejs', 'web']) {
  run('wasm-bindgen', ['--target', target, '--out-dir', path.join(tmp, target), rawWasm]);
}
const nodeWasm = fs.readFileSync(path.join(tmp, 'nodejs', 'riskgate_wasm_bg.wasm'));
const webWasm = fs.readFileSync(path.join(tmp, 'web', 'riskgate_wasm_bg.wasm'));
if (!nodeWasm.equals(webWasm)) throw new Error('the nodejs and web targets produced different wasm binaries');

// 3. Optimize. Binaryen's wasm-opt (Debian's version_108) writes the export of a second
//    table (wasm-bindgen's externref table) with the index of the first; wasm-opt.mjs
//    points each exported table back at a table of the type it had before.
const wasmOut = path.join(dist, 'riskgate.wasm');
if (process.env.RISKGATE_WASM_OPT === '0') {
  fs.copyFileSync(path.join(tmp, 'web', 'riskgate_wasm_bg.wasm'), wasmOut);
} else {
  // -O2, not -Oz: as small once compressed and ~10% faster. Without inlining a function
  // into its only caller whatever its size (wasm-opt's default): that made a few very large
  // functions, and V8's baseline compiler, which compiles each function a fresh process
  // calls first, takes more than linear time in a function's size (its locals times its
  // branches). First decision in a fresh process 16.1 -> 13.6 ms (baseline compiler only)
  // and 22.3 -> 16.8 ms with tier-up; gzip 469 -> 459 KB; a warm decision ~1.5% slower.
  optimizeWasm(path.join(tmp, 'web', 'riskgate_wasm_bg.wasm'), wasmOut, {
    say: (m) => say(`wasm-opt: ${m}`),
    level: '-O2',
    extraArgs: ['--one-caller-inline-max-function-size', '0'],
  });
}
new WebAssembly.Module(fs.readFileSync(wasmOut)); // validates

// 4a. Glue, patched: the shared wasm file, and a hook to re-instantiate after a trap.
fs.mkdirSync(path.join(dist, 'glue'), { recursive: true });
const expectIn = (text, needle, file) => {
  if (!text.includes(needle)) throw new Error(`${file}: expected \`${needle}\` (wasm-bindgen ${WASM_BINDGEN_VERSION} glue)`);
};
// wasm-bindgen copies a string into wasm memory with a JavaScript loop over its ASCII
// characters, then TextEncoder.encodeInto for the rest; one encodeInto from the start does
// the same natively (a 4 KB request: ~6 us -> ~0.2 us in Node). `read` counts UTF-16 units
// and `written` bytes, which differ once a multi-byte character fitted; the allocation is
// shrunk to the bytes written, as the original does, so Rust frees it with its own size.
const stringLoop = `    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;

    const mem = getUint8ArrayMemory0();

    let offset = 0;

    for (; offset < len; offset++) {
        const code = arg.charCodeAt(offset);
        if (code > 0x7F) break;
        mem[ptr + offset] = code;
    }
    if (offset !== len) {
        if (offset !== 0) {
            arg = arg.slice(offset);
        }
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        const ret = cachedTextEncoder.encodeInto(arg, view);

        offset += ret.written;
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }
`;
const stringEncodeInto = `    let len = arg.length;
    let ptr = malloc(len, 1) >>> 0;
    // riskgate's build: one native encodeInto instead of a loop over ASCII characters.
    const first = cachedTextEncoder.encodeInto(arg, getUint8ArrayMemory0().subarray(ptr, ptr + len));
    let offset = first.written;
    if (first.read !== arg.length) {
        arg = arg.slice(first.read);
        ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
        const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
        offset += cachedTextEncoder.encodeInto(arg, view).written;
    }
    if (offset !== len) {
        ptr = realloc(ptr, len, offset, 1) >>> 0;
    }
`;
const patchStringPassing = (glue, file) => {
  expectIn(glue, stringLoop, file);
  return glue.replace(stringLoop, stringEncodeInto);
};
let nodeGlue = patchStringPassing(fs.readFileSync(path.join(tmp, 'nodejs', 'riskgate_wasm.js'), 'utf8'), 'nodejs glue');
// Every answer of the API is ASCII: a long one becomes a one-byte string straight from
// wasm memory (Buffer's latin1Slice, which for ASCII bytes is the same text) instead of
// going through TextDecoder: a typical decision's 17 KB in ~1.1 against ~1.8-2.3 us.
// Short texts (below 256 bytes) keep TextDecoder, which is faster for them.
const decodeText = `function decodeText(bytes) {
    return cachedTextDecoder.decode(bytes);
}`;
expectIn(nodeGlue, decodeText, 'nodejs glue');
nodeGlue = nodeGlue.replace(decodeText, `const { isAscii: bytesAreAscii } = require('node:buffer');
function decodeText(bytes) {
    // riskgate's build: ASCII answers as one-byte strings without TextDecoder.
    if (bytes.length >= 256 && bytesAreAscii(bytes)) {
        return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).latin1Slice();
    }
    return cachedTextDecoder.decode(bytes);
}`);
const nodePath = 'const wasmPath = `${__dirname}/riskgate_wasm_bg.wasm`;';
expectIn(nodeGlue, nodePath, 'nodejs glue');
expectIn(nodeGlue, 'let wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());', 'nodejs glue');
expectIn(nodeGlue, 'let wasm = wasmInstance.exports;', 'nodejs glue');
nodeGlue = nodeGlue.replace(nodePath, 'const wasmPath = `${__dirname}/../riskgate.wasm`;');
const cachedViews = [...nodeGlue.matchAll(/^let (cached\w*Memory\d*) = null;$/gm)].map((m) => m[1]);
nodeGlue += `
// Added by riskgate's build: a fresh instance after a trap (the wrapper calls it).
exports.__riskgate = {
    reinstantiate() {
        wasmInstance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
        wasm = wasmInstance.exports;
${cachedViews.map((v) => `        ${v} = null;`).join('\n')}
        wasm.__wbindgen_start();
    },
    exports() { return wasm; },
};
`;
fs.writeFileSync(path.join(dist, 'glue', 'node.cjs'), nodeGlue);

let webGlue = patchStringPassing(fs.readFileSync(path.join(tmp, 'web', 'riskgate_wasm.js'), 'utf8'), 'web glue');
const webUrl = "new URL('riskgate_wasm_bg.wasm', import.meta.url)";
expectIn(webGlue, webUrl, 'web glue');
expectIn(webGlue, 'function __wbg_finalize_init(instance, module) {', 'web glue');
expectIn(webGlue, 'let wasmModule, wasmInstance, wasm;', 'web glue');
webGlue = webGlue.replace(webUrl, "new URL('../riskgate.wasm', import.meta.url)");
webGlue += `
// Added by riskgate's build: a fresh instance after a trap (the wrapper calls it).
export const __riskgate = {
    reinstantiate() {
        const instance = new WebAssembly.Instance(wasmModule, __wbg_get_imports());
        __wbg_finalize_init(instance, wasmModule);
    },
    exports() { return wasm; },
};
`;
fs.writeFileSync(path.join(dist, 'glue', 'web.js'), webGlue);
fs.rmSync(tmp, { recursive: true, force: true });

// 4b. Entry points.
const js = path.join(pkgDir, 'js');
for (const file of ['index.js', 'index.cjs', 'web.js', 'shared.js', 'cli.js', 'cli-main.js', 'ledger-file.js']) {
  fs.copyFileSync(path.join(js, file), path.join(dist, file));
}
fs.chmodSync(path.join(dist, 'cli.js'), 0o755);
const shared = fs.readFileSync(path.join(js, 'shared.js'), 'utf8');
const exported = [...shared.matchAll(/^export (?:const|class|function) (\w+)/gm)].map((m) => m[1]);
fs.writeFileSync(
  path.join(dist, 'shared.cjs'),
  `'use strict';\n// Generated from shared.js by scripts/build.mjs.\n${shared.replace(/^export /gm, '')}\nmodule.exports = { ${exported.join(', ')} };\n`,
);

// 4c. JSON Schemas: the committed texts the native engine serves (core/schemas/, which
//     core's `schemas` test holds equal to the Rust types), as files (riskgate/schemas/…)
//     and as modules for schema() (schemas.cjs for Node, read on first use; schemas.js for
//     browsers). The wasm does not carry them.
const schemaDir = path.join(dist, 'schemas');
fs.mkdirSync(schemaDir, { recursive: true });
const schemas = {};
const schemaTexts = {};
const SCHEMAS = [
  'request', 'policy', 'decision', 'classify', 'parseDiff', 'ledgerEntry',
  'ledgerStatusInput', 'ledgerStatus', 'ledgerVerifyInput', 'ledgerVerify', 'ledgerAppendInput', 'ledgerAppend',
];
for (const name of SCHEMAS) {
  const text = fs.readFileSync(path.join(rootDir, 'core', 'schemas', `${name}.json`), 'utf8').trimEnd();
  schemas[name] = JSON.parse(text);
  schemaTexts[name] = JSON.stringify(schemas[name]);
  fs.writeFileSync(path.join(schemaDir, `${name}.schema.json`), `${text}\n`);
}
const schemaModule = `// Generated by scripts/build.mjs from core/schemas/: the JSON Schemas' texts by name.\n`;
fs.writeFileSync(path.join(dist, 'schemas.cjs'), `'use strict';\n${schemaModule}module.exports = ${JSON.stringify(schemaTexts, null, 1)};\n`);
fs.writeFileSync(path.join(dist, 'schemas.js'), `${schemaModule}export const SCHEMAS = ${JSON.stringify(schemaTexts, null, 1)};\n`);
say(`schemas: ${Object.keys(schemas).join(', ')}`);

// 4d. TypeScript declarations: every schema merged into one (definitions shared by name),
//     compiled with json-schema-to-typescript, plus the API declared in js/api.d.ts.
const { compile } = await import('json-schema-to-typescript');
const defs = {};
const roots = {};
const rewriteRefs = (node, renames) => {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, renames));
  if (node === null || typeof node !== 'object') return node;
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === '$ref' && typeof v === 'string' && v.startsWith('#/$defs/') && renames[v.slice(8)]) {
      out[k] = `#/$defs/${renames[v.slice(8)]}`;
    } else out[k] = rewriteRefs(v, renames);
  }
  return out;
};
for (const [name, schema] of Object.entries(schemas)) {
  const { $schema, $defs = {}, title, ...root } = schema;
  const typeName = title ?? name[0].toUpperCase() + name.slice(1);
  // Two Rust types may share a name (or one type differ between the input and output
  // contracts): such a definition is renamed with its document's name as a prefix.
  const renames = {};
  for (const [defName, def] of Object.entries($defs)) {
    if (defs[defName] && !isDeepStrictEqual(defs[defName], rewriteRefs(def, {}))) renames[defName] = `${typeName}${defName}`;
  }
  for (const [defName, def] of Object.entries($defs)) {
    const finalName = renames[defName] ?? defName;
    const body = rewriteRefs(def, renames);
    if (defs[finalName] && !isDeepStrictEqual(defs[finalName], body)) {
      throw new Error(`schema '${name}': cannot merge the definition '${defName}'`);
    }
    defs[finalName] = body;
  }
  const rootBody = rewriteRefs(root, renames);
  if (defs[typeName] && !isDeepStrictEqual(defs[typeName], rootBody)) {
    throw new Error(`schema '${name}': the type name '${typeName}' is taken by a different definition`);
  }
  defs[typeName] = rootBody;
  roots[name] = typeName;
}
for (const [name, def] of Object.entries(defs)) {
  defs[name] = { title: name, ...def };
}
const combined = {
  title: 'RiskgateDocuments',
  description: 'Every public document of riskgate (generated from the Rust types).',
  type: 'object',
  properties: Object.fromEntries(Object.entries(roots).map(([k, t]) => [k, { $ref: `#/$defs/${t}` }])),
  additionalProperties: false,
  $defs: defs,
};
const types = await compile(combined, 'RiskgateDocuments', {
  bannerComment: '',
  additionalProperties: false,
  declareExternallyReferenced: true,
  strictIndexSignatures: true,
  unreachableDefinitions: true,
  format: true,
});
const apiDecl = fs.readFileSync(path.join(js, 'api.d.ts'), 'utf8');
const banner = '// Generated by scripts/build.mjs from the Rust types (riskgate::api::schema). Do not edit.\n';
const node = `${banner}${types}\n${apiDecl}`;
fs.writeFileSync(path.join(dist, 'index.d.ts'), node);
fs.writeFileSync(path.join(dist, 'index.d.cts'), node);
fs.writeFileSync(
  path.join(dist, 'web.d.ts'),
  `${node}
/** Instantiates the engine: from a URL (default: riskgate.wasm next to this module), a Response, bytes or a WebAssembly.Module. */
export declare function init(input?: RequestInfo | URL | Response | BufferSource | WebAssembly.Module): Promise<void>;
/** Synchronous instantiation from bytes or a compiled module. */
export declare function initSync(input: BufferSource | WebAssembly.Module): void;
`,
);

// Smoke test of what was built.
const smoke = require(path.join(dist, 'index.cjs'));
if (smoke.version() !== wsVersion) throw new Error(`engine version ${smoke.version()} != workspace ${wsVersion}`);
const sizes = ['riskgate.wasm', 'glue/node.cjs', 'glue/web.js', 'shared.js', 'index.cjs', 'index.js', 'web.js', 'cli.js']
  .map((f) => `${f} ${fs.statSync(path.join(dist, f)).size} B`)
  .join(', ');
say(`done: ${sizes}`);
