// Shared setup of the worksheet's end-to-end tests (and of bench.mjs): a tiny static server
// for the release build on 127.0.0.1 (under a sub-path, to prove relative asset URLs), and
// Debian's Chromium driven by playwright-core with every non-local request aborted and
// recorded.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = path.join(root, 'dist');
export const artifacts = path.join(root, 'web', 'e2e', 'artifacts');
export const SUB_PATH = '/teams/release/worksheet/';
/** The worksheet's score element: it holds the RRS once the first decision is shown. */
export const SCORE = '[data-testid=rrs-total]';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

/**
 * Serves dist/ at SUB_PATH on 127.0.0.1 (random port); resolves to { url, close, setWasm }.
 * `crossOriginIsolated: true` adds COOP and COEP headers, so that the page is cross-origin
 * isolated and performance.now() has 5 µs resolution instead of 100 µs (bench.mjs).
 * `setWasm(file)` serves that file for the worksheet's *_bg.wasm until `setWasm(null)`.
 */
export function serve({ crossOriginIsolated = false } = {}) {
  if (!fs.existsSync(path.join(dist, 'index.html'))) {
    throw new Error('dist/index.html is missing: run `trunk build --release` first');
  }
  let wasmOverride = null;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    if (!url.pathname.startsWith(SUB_PATH)) {
      res.writeHead(404).end('not here');
      return;
    }
    const rel = decodeURIComponent(url.pathname.slice(SUB_PATH.length)) || 'index.html';
    let file = path.join(dist, rel);
    if (wasmOverride && rel.endsWith('_bg.wasm')) file = wasmOverride;
    else if (!file.startsWith(dist + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    const headers = {
      'content-type': TYPES[path.extname(file)] || 'application/octet-stream',
      'cache-control': 'no-store',
    };
    if (crossOriginIsolated) {
      headers['cross-origin-opener-policy'] = 'same-origin';
      headers['cross-origin-embedder-policy'] = 'require-corp';
    }
    res.writeHead(200, headers);
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      resolve({
        url: `http://127.0.0.1:${port}${SUB_PATH}`,
        setWasm: (file) => {
          wasmOverride = file;
        },
        close: () => new Promise((r) => server.close(r)),
      });
    });
  });
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
];

export function launch() {
  return chromium.launch({ executablePath: process.env.CHROMIUM || '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * A browser context in which every request that is not to 127.0.0.1 (or a data:/blob:/file:
 * URL) is aborted and recorded in `blocked`; every request is recorded in `requests`; CSP
 * violations and page errors are collected.
 */
export async function context(browser, options = {}) {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const net = { requests: [], blocked: [], violations: [], errors: [] };
  await ctx.route('**/*', (route) => {
    const url = new URL(route.request().url());
    net.requests.push(url.href);
    const local = url.protocol === 'file:' || url.protocol === 'data:' || url.protocol === 'blob:' || url.hostname === '127.0.0.1';
    if (local) return route.continue();
    net.blocked.push(url.href);
    return route.abort('blockedbyclient');
  });
  await ctx.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  ctx.on('page', (page) => {
    page.on('pageerror', (e) => net.errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy|panicked/i.test(m.text())) net.errors.push(m.text());
    });
  });
  return { ctx, net };
}

/** Opens the worksheet and waits for the first score. */
export async function open(ctx, url) {
  const page = await ctx.newPage();
  await page.goto(url);
  await page.waitForSelector(SCORE, { timeout: 30_000 });
  return page;
}

export async function cspViolations(page) {
  return page.evaluate(() => window.__cspViolations || []);
}

/** The request and expected decision of a golden vector, by its path under core/tests/vectors. */
export function vector(rel) {
  const file = path.join(root, 'core', 'tests', 'vectors', rel);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

/** Runs the native engine (the CLI example) on a request; returns its decision JSON. */
export function native(request) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, `request-${process.pid}-${Date.now()}.json`);
  fs.writeFileSync(file, JSON.stringify(request, null, 2));
  const run = spawnSync('cargo', ['run', '-q', '-p', 'riskgate', '--example', 'evaluate', '--', file], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.rmSync(file, { force: true });
  if (run.status === 2 || run.status === null) {
    throw new Error(`native engine failed (${run.status}): ${run.stdout}${run.stderr}`);
  }
  return JSON.parse(run.stdout);
}

/** Writes a request to a file for the worksheet's import control; returns its path. */
export function requestFile(name, request) {
  fs.mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, name);
  fs.writeFileSync(file, JSON.stringify(request, null, 2));
  return file;
}

export async function shown(page) {
  return {
    rrs: Number(await page.textContent('[data-testid=rrs-total]')),
    gate: (await page.textContent('[data-testid=gate-level]')).trim(),
    verdict: (await page.textContent('[data-testid=verdict]')).trim(),
  };
}

export function expected(decision) {
  return { rrs: decision.score.total, gate: decision.gate.level, verdict: decision.verdict.toUpperCase() };
}
