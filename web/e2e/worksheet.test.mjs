// What a person does with the worksheet: share it, come back to it, export it, edit the
// policy, read the reference, keep a ledger.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { context, launch, open, serve, shown } from './helpers.mjs';

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch();
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function edit(page) {
  await page.fill('[data-testid=change-title]', 'Shared: add refund index');
  await page.check('[data-testid=context-on-call-load-high]');
  await page.fill('[data-testid=budget-consumed]', '70');
  await page.check('[data-testid=check-unit_tests]');
  return shown(page);
}

test('a share link reproduces the worksheet exactly in a fresh browser', async () => {
  const first = await context(browser);
  const page = await open(first.ctx, server.url);
  const before = await edit(page);
  await page.click('[data-testid=share-button]');
  const link = await page.inputValue('[data-testid=share-link]');
  assert.ok(link.startsWith(server.url + '#s=v1.'), link);
  assert.ok(page.url().includes('#s=v1.'), 'the address bar carries the state too');
  await first.ctx.close();

  const second = await context(browser); // fresh storage: only the link carries the state
  const other = await open(second.ctx, link);
  assert.deepEqual(await shown(other), before);
  assert.equal(await other.inputValue('[data-testid=change-title]'), 'Shared: add refund index');
  assert.equal(await other.isChecked('[data-testid=context-on-call-load-high]'), true);
  assert.equal(await other.isChecked('[data-testid=check-unit_tests]'), true);
  // Editing after opening a link drops the stale link from the address bar, so a reload
  // shows the edited worksheet (kept in localStorage), not the link's.
  await other.fill('[data-testid=change-title]', 'Edited after opening the link');
  // The address bar is updated in the recompute after the input event; page.url() is
  // Playwright's copy of it, which follows a moment later.
  await other.waitForURL((url) => !url.hash.includes('s='), { timeout: 2000 }).catch(() => {});
  assert.ok(!other.url().includes('#s='), other.url());
  await other.reload();
  await other.waitForSelector('[data-testid=rrs-total]');
  assert.equal(await other.inputValue('[data-testid=change-title]'), 'Edited after opening the link');
  // A damaged link says so in words and the page still works.
  await other.goto(server.url + '#s=v1.@@@');
  await other.reload();
  await other.waitForSelector('[data-testid=rrs-total]');
  assert.match(await other.textContent('[data-testid=notice-error]'), /share link could not be opened/);
  await second.ctx.close();
});

test('a share link that would be too long is refused with a clear message', async () => {
  const { ctx } = await context(browser);
  const page = await open(ctx, server.url);
  // 2,000 distinct random paths do not compress below the link limit.
  await page.evaluate(() => {
    const el = document.querySelector('[data-testid=files-text]');
    el.value = Array.from({ length: 2000 }, (_, i) => `src/m${i}/${Math.random().toString(36).slice(2)}.rs`).join('\n');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.waitForFunction(() => document.querySelectorAll('[data-testid=file-row]').length === 2000);
  await page.click('[data-testid=share-button]');
  const status = await page.textContent('[data-testid=share-status]');
  assert.match(status, /No share link: the share link would be \d+ characters long; the limit is 16384/);
  assert.equal(await page.locator('[data-testid=share-link]').count(), 0);
  await ctx.close();
});

test('the worksheet comes back after a reload (localStorage), and reset restores defaults', async () => {
  const { ctx } = await context(browser);
  const page = await open(ctx, server.url);
  const before = await edit(page);
  await page.reload();
  await page.waitForSelector('[data-testid=rrs-total]');
  assert.deepEqual(await shown(page), before);
  assert.equal(await page.inputValue('[data-testid=change-title]'), 'Shared: add refund index');
  await page.click('[data-testid=reset-button]');
  assert.equal(await page.inputValue('[data-testid=change-title]'), 'Add refund index');
  assert.equal(await page.isChecked('[data-testid=context-on-call-load-high]'), false);
  await page.click('[data-testid=undo-reset]');
  assert.equal(await page.inputValue('[data-testid=change-title]'), 'Shared: add refund index');
  await ctx.close();
});

test('the Markdown export explains the decision and copies to the clipboard', async () => {
  const { ctx } = await context(browser, { permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await open(ctx, server.url);
  await page.fill('[data-testid=files-text]', 'M\tsrc/checkout/handler.rs\nA\t<img src=x onerror=alert(1)>.md\n');
  const { rrs, gate } = await shown(page);
  await page.check('[data-testid=check-unit_tests]');
  await page.click('[data-testid=copy-markdown]');
  await page.waitForFunction(() => /copied/.test(document.querySelector('[data-testid=export-status]').textContent));
  const markdown = await page.inputValue('[data-testid=markdown-output]');
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(clip, markdown);
  assert.match(markdown, /^## Release decision: (GO|BLOCKED)/);
  assert.ok(markdown.includes(`**Release Risk Score** ${rrs} RP`), markdown);
  assert.ok(markdown.includes(`**Gate** ${gate}`));
  assert.ok(markdown.includes('### Risk score'));
  assert.ok(markdown.includes('- [ ] '), 'required checks as a task list');
  assert.ok(markdown.includes('- [x] All automated unit tests (G1)'), 'ticked checks are marked done');
  assert.ok(markdown.includes('&lt;img src=x onerror=alert\\(1\\)&gt;.md'), 'untrusted paths are escaped');
  assert.equal(await page.locator('img').count(), 0, 'and never become markup in the page');
  // The request file download is what the CLI reads.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-request]')]);
  assert.match(download.suggestedFilename(), /^riskgate-local-change-request\.json$/);
  // The print view shows the decision, not the controls.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.inputs').isVisible(), false);
  assert.equal(await page.locator('[data-testid=panel-export]').isVisible(), false);
  assert.equal(await page.locator('[data-testid=verdict]').isVisible(), true);
  assert.equal(await page.locator('[data-testid=score-table]').isVisible(), true);
  await ctx.close();
});

test('the policy editor names the path of an error, keeps the last valid policy, and compares', async () => {
  const { ctx } = await context(browser);
  const page = await open(ctx, server.url);
  const before = await shown(page);
  await page.click('[data-testid=nav-policy]');
  await page.fill('[data-testid=policy-text]', '{ "categories": { "payments": { "points": -3 } } }');
  assert.equal(await page.textContent('[data-testid=policy-error-path]'), 'policy.categories.payments.points');
  await page.fill('[data-testid=policy-text]', '{ "categories": { "payments": { "points": 20 } } }');
  await page.waitForSelector('[data-testid=policy-valid]');
  const rows = await page.locator('[data-testid=policy-diff-row]').allTextContents();
  assert.equal(rows.length, 1);
  assert.match(rows[0], /categories\.payments\.points\s*15\s*20/);
  await page.click('[data-testid=nav-worksheet]');
  assert.equal((await shown(page)).rrs, before.rrs + 5, 'the edited policy decides');
  await page.click('[data-testid=nav-reference]');
  await page.waitForSelector('[data-testid=ref-categories]');
  const payments = await page.locator('[data-testid=ref-category-row]', { hasText: 'payments' }).first().textContent();
  assert.match(payments, /20/);
  for (const id of ['ref-tiers', 'ref-context', 'ref-mitigations', 'ref-gates', 'ref-budget', 'ref-blockers', 'ref-break-glass']) {
    assert.equal(await page.locator(`[data-testid=${id}]`).count(), 1, id);
  }
  await ctx.close();
});

test('presets switch the decision sections: error-budget gate, readiness, pipeline, rollout', async () => {
  const { ctx } = await context(browser);
  const page = await open(ctx, server.url);
  await page.selectOption('[data-testid=policy-preset]', 'full');
  await page.waitForSelector('[data-testid=panel-readiness]');
  for (const id of ['panel-pipeline', 'panel-rollout']) {
    assert.equal(await page.locator(`[data-testid=${id}]`).count(), 1, id);
  }
  await page.check('[data-testid=error-budget-enabled]');
  await page.waitForSelector('[data-testid=error-budget-approved]');
  await ctx.close();
});

test('a ledger gives the window status, a burn-down with thresholds and the DORA metrics', async () => {
  const { ctx } = await context(browser);
  const page = await open(ctx, server.url);
  await page.fill('[data-testid=evaluation-now]', '2026-11-20T12:00:00Z');
  await page.check('[data-testid=budget-source-ledger]');
  await page.click('[data-testid=ledger-sample]');
  await page.waitForSelector('[data-testid=ledger-verified]');
  await page.waitForSelector('[data-testid=burndown-chart]');
  for (const id of ['burndown-line', 'threshold-yellow', 'threshold-red', 'dora-metrics']) {
    assert.equal(await page.locator(`[data-testid=${id}]`).count(), 1, id);
  }
  assert.match(await page.textContent('[data-testid=ledger-depletion]'), /\d{4}-\d{2}-\d{2}|none/);
  const lines = (await page.inputValue('[data-testid=ledger-text]')).trim().split('\n').length;
  const consumed = await page.textContent('[data-testid=ledger-consumed]');
  await page.click('[data-testid=ledger-record]');
  assert.match(await page.textContent('[data-testid=ledger-status-line]'), /append/);
  assert.equal((await page.inputValue('[data-testid=ledger-text]')).trim().split('\n').length, lines + 1);
  assert.notEqual(await page.textContent('[data-testid=ledger-consumed]'), consumed);
  await page.click('[data-testid=ledger-record]');
  assert.match(await page.textContent('[data-testid=ledger-status-line]'), /already recorded/);
  // An outcome for this release: a Sev1 restored after 90 minutes, rolled back.
  const metricsBefore = await page.textContent('[data-testid=dora-metrics]');
  await page.click('[data-testid=ledger-entry-form] summary');
  await page.fill('[data-testid=entry-at]', '2026-11-20T15:00:00Z');
  await page.selectOption('[data-testid=entry-severity]', 'sev1');
  await page.fill('[data-testid=entry-detected-at]', '2026-11-20T12:30:00Z');
  await page.fill('[data-testid=entry-restored-at]', '2026-11-20T14:00:00Z');
  await page.check('[data-testid=entry-rolled-back]');
  await page.click('[data-testid=entry-add]');
  assert.match(await page.textContent('[data-testid=entry-status]'), /^Added line \d+\./);
  await page.waitForSelector('[data-testid=ledger-verified]');
  await page.fill('[data-testid=evaluation-now]', '2026-11-20T16:00:00Z'); // the status at a later instant
  assert.notEqual(await page.textContent('[data-testid=dora-metrics]'), metricsBefore);
  assert.match(await page.textContent('[data-testid=dora-metrics]'), /1 Sev1/);
  // Tampering is reported by line and the ledger is not used.
  const text = await page.inputValue('[data-testid=ledger-text]');
  await page.fill('[data-testid=ledger-text]', text.replace('"charge":8', '"charge":1'));
  assert.match(await page.textContent('[data-testid=ledger-problems]'), /line \d+/);
  await ctx.close();
});
