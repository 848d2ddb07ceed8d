// Offline, CSP, keyboard, layouts from 360 px, speed, and the single-file build from file://.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { artifacts, context, cspViolations, dist, launch, open, serve } from './helpers.mjs';

let server;
let browser;
before(async () => {
  fs.mkdirSync(artifacts, { recursive: true });
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

test('works offline: no request leaves 127.0.0.1, and nothing is requested after load', async () => {
  const { ctx, net } = await context(browser);
  const page = await open(ctx, server.url);
  const afterLoad = net.requests.length;
  await page.fill('[data-testid=files-text]', 'M\tsrc/payments/refund.rs\nA\tk8s/deploy.yaml\n');
  await page.check('[data-testid=context-active-incident]');
  await page.click('[data-testid=nav-reference]');
  await page.click('[data-testid=nav-policy]');
  await page.click('[data-testid=nav-worksheet]');
  await page.click('[data-testid=share-button]');
  assert.deepEqual(net.blocked, [], 'requests to other hosts');
  assert.equal(net.requests.length, afterLoad, `requests after load: ${net.requests.slice(afterLoad).join(', ')}`);
  assert.ok(net.requests.every((u) => u.startsWith(server.url)), net.requests.join('\n'));
  assert.deepEqual(net.errors, []);
  await ctx.close();
});

test('a strict Content-Security-Policy is present and nothing violates it', async () => {
  const { ctx, net } = await context(browser);
  const page = await open(ctx, server.url);
  const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'(;|$)/);
  assert.doesNotMatch(csp, /'unsafe-inline'|'unsafe-eval'/);
  assert.equal(await page.locator('script:not([src])').count(), 0, 'no inline script');
  // Exercise the panels that render user text and SVG.
  await page.fill('[data-testid=change-title]', '<script>alert(1)</script>');
  await page.check('[data-testid=budget-source-ledger]');
  await page.click('[data-testid=ledger-sample]');
  await page.waitForSelector('[data-testid=burndown-chart]');
  await page.click('[data-testid=nav-reference]');
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(net.errors, []);
  await ctx.close();
});

test('keyboard only: every control is reachable, focus is visible, and a change can be scored', async () => {
  const { ctx } = await context(browser);
  const page = await open(ctx, server.url);
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      return {
        id: el.id || el.getAttribute('data-testid') || el.tagName,
        tag: el.tagName,
        outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      };
    });
  // The skip link comes first and moves focus to the worksheet.
  await page.keyboard.press('Tab');
  assert.equal((await focused()).tag, 'A');
  const seen = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('Tab');
    const f = await focused();
    seen.push(f.id);
    assert.ok(f.outline, `visible focus on ${f.id}`);
  }
  for (const id of ['service-name', 'service-tier', 'change-id', 'files-text', 'context-active-incident']) {
    assert.ok(seen.includes(id), `${id} is reachable by Tab (${seen.join(', ')})`);
  }
  // Score a change with the keyboard alone.
  await page.focus('[data-testid=service-tier]');
  await page.keyboard.press('End'); // highest tier
  await page.focus('[data-testid=files-text]');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('src/payments/charge.rs');
  await page.focus('[data-testid=context-restricted-window]');
  await page.keyboard.press('Space');
  assert.equal(await page.isChecked('[data-testid=context-restricted-window]'), true);
  await page.focus('[data-testid=share-button]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid=share-link]');
  const rows = await page.locator('[data-testid=score-row]').allTextContents();
  assert.ok(rows.some((r) => r.includes('Payment flow')), rows.join(' | '));
  assert.ok(rows.some((r) => r.includes('restricted window')), rows.join(' | '));
  await ctx.close();
});

for (const width of [360, 1280]) {
  test(`layout at ${width} px: no horizontal scrolling, screenshot saved`, async () => {
    const { ctx } = await context(browser, { viewport: { width, height: 900 } });
    const page = await open(ctx, server.url);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the viewport`);
    await page.screenshot({ path: path.join(artifacts, `worksheet-${width}.png`), fullPage: true });
    await page.check('[data-testid=budget-source-ledger]');
    await page.click('[data-testid=ledger-sample]');
    await page.waitForSelector('[data-testid=burndown-chart]');
    await page.locator('[data-testid=panel-ledger]').screenshot({ path: path.join(artifacts, `ledger-${width}.png`) });
    await page.click('[data-testid=nav-reference]');
    await page.screenshot({ path: path.join(artifacts, `reference-${width}.png`), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.click('[data-testid=nav-worksheet]');
    await page.screenshot({ path: path.join(artifacts, `worksheet-${width}-dark.png`) });
    await ctx.close();
  });
}

test('navigation to first score is measured', async () => {
  const times = [];
  for (let i = 0; i < 3; i++) {
    const { ctx } = await context(browser);
    const page = await open(ctx, server.url);
    const t = await page.evaluate(() => performance.getEntriesByName('riskgate:first-score')[0]?.startTime);
    assert.ok(Number.isFinite(t), 'the first-score mark is recorded');
    times.push(t);
    await ctx.close();
  }
  times.sort((a, b) => a - b);
  const median = times[1];
  fs.writeFileSync(path.join(artifacts, 'first-score.json'), JSON.stringify({ runs: times, medianMs: median }, null, 2));
  console.log(`navigation to first score: median ${median.toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(', ')})`);
  assert.ok(median < 10_000);
});

test('the single-file build opens from file:// with nothing fetched', async () => {
  const file = path.join(dist, 'riskgate-worksheet.html');
  assert.ok(fs.existsSync(file), 'run node web/scripts/single-file.mjs after trunk build --release');
  const { ctx, net } = await context(browser);
  const page = await ctx.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('[data-testid=rrs-total]', { timeout: 30_000 });
  await page.fill('[data-testid=files-text]', 'M\tsrc/auth/login.rs\n');
  await page.waitForFunction(() => document.body.textContent.includes('Authentication or permission logic'));
  assert.deepEqual(net.blocked, []);
  assert.deepEqual(net.requests.filter((u) => !u.startsWith('file:')), []);
  assert.deepEqual(await cspViolations(page), []);
  assert.deepEqual(net.errors, []);
  const csp = await page.getAttribute('meta[http-equiv=Content-Security-Policy]', 'content');
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'/);
  assert.match(csp, /connect-src 'none'/);
  await ctx.close();
});
