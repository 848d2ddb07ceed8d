// The worksheet decides exactly as the native engine: golden vectors entered through the
// form and imported as request files give the same score, gate and verdict as
// `cargo run -p riskgate --example evaluate`.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { context, expected, launch, native, open, requestFile, serve, shown, vector } from './helpers.mjs';

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

const IMPORTED = [
  'stella-ops/contract-example.json',
  'stella-ops/break-glass-valid-used.json',
  'stella-ops/budget-red-blocks-high-risk.json',
  'stella-ops/g0-docs-only.json',
  'stella-ops/rrs-21-g4-lower-edge.json',
  'stella-ops/renamed-file-from-migrations.json',
  'stella-ops/incident-freeze-active-incident-feature.json',
  'error-budget/measured-slo-99-9-day-12.json',
  'release-readiness/sample-output-go.json',
  'companyos/stage-3-security-failed.json',
  'release-decision/worked-example-as-stated.json',
  'full/all-sections-blocked-and-aborted.json',
  'ledger/evaluate-ledger-appends-entry.json',
];

test('imported request files decide as the native engine', async () => {
  const { ctx, net } = await context(browser);
  const page = await open(ctx, server.url);
  for (const rel of IMPORTED) {
    const { request } = vector(rel);
    const want = expected(native(request));
    const file = requestFile(`import-${rel.replace(/\W+/g, '-')}`, request);
    await page.setInputFiles('[data-testid=import-request]', file);
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid=export-status]')?.textContent.includes(name),
      file.split('/').pop(),
    );
    await page.waitForFunction(
      (w) => document.querySelector('[data-testid=rrs-total]')?.textContent.trim() === String(w.rrs) &&
        document.querySelector('[data-testid=verdict]')?.textContent.trim() === w.verdict,
      want,
      { timeout: 5000 },
    ).catch(() => {});
    assert.deepEqual(await shown(page), want, rel);
  }
  assert.deepEqual(net.errors, []);
  await ctx.close();
});

async function fill(page, testid, value) {
  await page.fill(`[data-testid=${testid}]`, value);
}

test('a change typed into the form decides as the native engine (contract example)', async () => {
  const { request } = vector('stella-ops/contract-example.json');
  const want = expected(native(request));
  const { ctx } = await context(browser);
  const page = await open(ctx, server.url);
  await fill(page, 'service-name', 'payments-api');
  await page.selectOption('[data-testid=service-tier]', '3');
  await fill(page, 'change-id', '9f2c1e7');
  await fill(page, 'change-title', 'Add refund endpoint');
  await page.selectOption('[data-testid=change-release-type]', 'feature');
  await page.check('[data-testid=change-customer-impacting]');
  await fill(page, 'files-text', 'A\tdb/migrations/0042_refunds.sql\n');
  await page.selectOption('[data-testid=category-add]', 'api_contract');
  await page.click('[data-testid=category-add-button]');
  await page.check('[data-testid=mitigation-feature_flag]');
  await page.check('[data-testid=mitigation-canary]');
  await page.check('[data-testid=context-recent-sev12]');
  await fill(page, 'context-error-budget', '42');
  await fill(page, 'budget-allocated', '80');
  await fill(page, 'budget-consumed', '61');
  await fill(page, 'budget-exceptions', '0');
  await page.check('[data-testid=exception-enabled]');
  await page.selectOption('[data-testid=exception-reason]', 'security_fix');
  await fill(page, 'exception-rationale', 'CVE-2026-1234 actively exploited');
  await page.click('[data-testid=approver-add]');
  await page.click('[data-testid=approver-add]');
  await fill(page, 'approver-0-name', 'Dana Li');
  await fill(page, 'approver-0-role', 'dm');
  await fill(page, 'approver-1-name', 'Sam Ortiz');
  await fill(page, 'approver-1-role', 'on_call');
  await fill(page, 'evaluation-now', '2026-11-20T12:00:00Z');
  assert.deepEqual(await shown(page), want);
  // The exception lacks the PM a customer-impacting change needs: the panel says so.
  const problems = await page.locator('[data-testid=exception-problem]').allTextContents();
  assert.ok(problems.some((p) => p.includes("'pm'")), problems.join(' | '));
  // The worksheet's request file is one the CLI accepts, and it decides the same.
  // The worksheet is saved a moment after the last edit (not on every keystroke).
  await page.waitForFunction(() => JSON.parse(localStorage.getItem('riskgate.worksheet.v1')).request.now === '2026-11-20T12:00:00Z');
  const exported = await page.evaluate(() => JSON.parse(localStorage.getItem('riskgate.worksheet.v1')).request);
  assert.deepEqual(expected(native(exported)), want);
  await ctx.close();
});

test('a docs-only change typed as a file list is G0 as the native engine says', async () => {
  const { request } = vector('stella-ops/g0-docs-only.json');
  const want = expected(native(request));
  const { ctx } = await context(browser);
  const page = await open(ctx, server.url);
  await fill(page, 'service-name', request.service.name);
  await page.selectOption('[data-testid=service-tier]', String(request.service.tier));
  await fill(page, 'change-id', request.change.id);
  await page.uncheck('[data-testid=mitigation-feature_flag]');
  for (const m of request.change.mitigations || []) await page.check(`[data-testid=mitigation-${m}]`);
  await fill(page, 'files-text', request.change.files.map((f) => f.path).join('\n'));
  if (request.budget?.consumed) await fill(page, 'budget-consumed', String(request.budget.consumed));
  assert.deepEqual(await shown(page), want);
  assert.equal((await page.textContent('[data-testid=gate-level]')).trim(), 'G0');
  await ctx.close();
});

test('a staged-pipeline release typed into the form (companyos preset, SRE approval) decides as the native engine', async () => {
  const { request } = vector('companyos/restricted-bugfix-with-sre-approval.json');
  const want = expected(native(request));
  const { ctx } = await context(browser);
  const page = await open(ctx, server.url);
  await page.selectOption('[data-testid=policy-preset]', 'companyos');
  await fill(page, 'service-name', 'api');
  await page.selectOption('[data-testid=service-tier]', '2');
  await page.selectOption('[data-testid=service-class]', 'critical_path');
  await fill(page, 'change-id', 'rel-42');
  await page.selectOption('[data-testid=change-release-type]', 'bugfix');
  await fill(page, 'files-text', 'src/api/handler.py');
  await page.uncheck('[data-testid=mitigation-feature_flag]');
  await fill(page, 'context-error-budget', '15');
  for (const stage of ['build', 'quality', 'security']) {
    await page.selectOption(`[data-testid=pipeline-${stage}]`, 'passed');
  }
  await page.click('[data-testid=pipeline-approver-add]');
  await fill(page, 'pipeline-approver-0-name', 'Priya N.');
  await fill(page, 'pipeline-approver-0-role', 'sre');
  assert.deepEqual(await shown(page), want);
  assert.match(await page.textContent('[data-testid=panel-pipeline]'), /approved by the required roles: sre/);
  await ctx.close();
});
