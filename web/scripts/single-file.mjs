// Builds the single self-contained worksheet: one HTML file with the stylesheet, the
// wasm-bindgen glue and the wasm module (base64) inlined, that opens from file:// (where
// browsers refuse ES modules and fetch) and can be attached to a wiki page.
//
// Run after `trunk build --release`:
//   node web/scripts/single-file.mjs [DIST_DIR] [OUT_FILE]
//   defaults: dist/ and dist/riskgate-worksheet.html
//
// The page keeps a strict Content-Security-Policy: the inline script and style are allowed
// by their SHA-256 hashes (no 'unsafe-inline', no eval beyond 'wasm-unsafe-eval'), and
// connect-src is 'none' since nothing is fetched.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = path.resolve(process.argv[2] || path.join(root, 'dist'));
const out = path.resolve(process.argv[3] || path.join(dist, 'riskgate-worksheet.html'));
const read = (name) => fs.readFileSync(path.join(dist, name));

const html = read('index.html').toString('utf8');
const css = read('style.css').toString('utf8');
let glue = read('riskgate-web.js').toString('utf8');
const wasm = read('riskgate-web_bg.wasm');

// The ES module glue as a classic script: no import/export, no import.meta.
const exportsBefore = (glue.match(/^export /gm) || []).length;
glue = glue
  .replace(/^export \{[^}]*\};?\s*$/gm, '')
  .replace(/^export default [^;]*;\s*$/gm, '')
  .replace(/^export (?=(async )?function|class|const|let|var)/gm, '');
glue = glue.replace(/import\.meta\.url/g, 'document.baseURI');
if (/^\s*(import|export)\s/m.test(glue)) {
  throw new Error('the wasm-bindgen glue still has import/export statements; its format changed');
}
if (!/async function __wbg_init\b/.test(glue)) {
  throw new Error('the wasm-bindgen glue has no __wbg_init; its format changed');
}
if (exportsBefore === 0) throw new Error('unexpected glue: no exports found');

const script = `(function () {
'use strict';
${glue}
const WASM_BASE64 = '${wasm.toString('base64')}';
function bytesOf(b64) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(b64);
  const raw = atob(b64);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
__wbg_init({ module_or_path: bytesOf(WASM_BASE64) }).catch(function (error) {
  const p = document.createElement('p');
  p.setAttribute('role', 'alert');
  p.setAttribute('data-testid', 'boot-error');
  p.textContent = 'The worksheet could not start: ' + String(error);
  document.body.append(p);
});
})();
`;
if (/<\/script/i.test(script) || /<\/style/i.test(css)) {
  throw new Error('inlined code contains a closing tag');
}

const hash = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const csp = [
  "default-src 'none'",
  `script-src ${hash(script)} 'wasm-unsafe-eval'`,
  `style-src ${hash(css)}`,
  "img-src 'self' data: blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

let page = html;
const replace = (pattern, by, what) => {
  const next = page.replace(pattern, by);
  if (next === page) throw new Error(`index.html: found no ${what}`);
  page = next;
};
replace(/<meta[^>]*http-equiv=("?)Content-Security-Policy\1[^>]*>/i, `<meta http-equiv="Content-Security-Policy" content="${csp}">`, 'CSP meta');
replace(/<link[^>]*rel=("?)stylesheet\1[^>]*>/i, `<style>${css}</style>`, 'stylesheet link');
replace(/<script[^>]*boot\.js[^>]*><\/script>/i, '', 'boot script');
page = page.replace(/<link[^>]*data-trunk[^>]*>/gi, '');
const bodyEnd = page.lastIndexOf('</body>');
page = bodyEnd >= 0
  ? `${page.slice(0, bodyEnd)}<script>${script}</script>${page.slice(bodyEnd)}`
  : `${page}<script>${script}</script>`;

fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, page);
process.stderr.write(`[single-file] ${path.relative(process.cwd(), out)}: ${page.length} bytes (wasm ${wasm.length}, glue ${glue.length}, css ${css.length})\n`);
