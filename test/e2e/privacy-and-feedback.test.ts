import { describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { verifyExport } from '@holdfast/scripts/verify-export';
import { uniqueEmail } from '../support/harness.js';
import { signInInBrowser } from '../support/browser.js';
import { useBrowserStack } from '../support/browser-suite.js';

/**
 * The privacy pages open from the footer without sign-in, and a person sends feedback with a
 * screenshot they saw first; as the workspace owner they then read it and mark it handled.
 */
const OPERATOR = uniqueEmail('operator');

describe('privacy pages and feedback in the browser', () => {
  const suite = useBrowserStack({
    env: { PLATFORM_ADMIN_EMAILS: OPERATOR },
    viewport: { width: 1100, height: 800 },
  });

  it('shows the policy version, what is kept and the subprocessors before sign-in', async () => {
    const { stack, page } = suite;
    await page.goto(`${stack.spaUrl}/sign-in`);
    await page.getByTestId('footer-privacy').click();
    await page.getByTestId('privacy-page').waitFor();
    await expect(page.getByTestId('policy-version').textContent()).resolves.toMatch(/\d/);
    expect(await page.getByTestId('record-type').count()).toBeGreaterThan(10);
    await page.getByRole('link', { name: 'Subprocessors' }).first().click();
    await page.getByTestId('subprocessors-page').waitFor();
    await expect(page.getByTestId('subprocessors').textContent()).resolves.toContain('Stripe');
  }, 60_000);

  it('sends feedback with a screenshot the person saw and could remove; the owner marks it handled', async () => {
    const { stack, page } = suite;
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('feedback'));
    await page.getByTestId('new-incident').waitFor();

    await page.getByTestId('feedback-open').click();
    await page.getByTestId('feedback-message').fill('The export button is hard to find.');
    await page.getByTestId('feedback-capture').click();
    const shot = page.getByTestId('feedback-screenshot');
    await shot.waitFor({ timeout: 20_000 });
    expect(await shot.getAttribute('src')).toMatch(/^data:image\/jpeg;base64,/);
    await page.getByTestId('feedback-remove-screenshot').click();
    expect(await shot.count()).toBe(0);
    await page.getByTestId('feedback-capture').click();
    await shot.waitFor({ timeout: 20_000 });
    await page.getByTestId('feedback-send').click();
    await page.getByTestId('feedback-sent').waitFor();
    await page.getByRole('button', { name: 'Close' }).click();

    await page.getByTestId('nav-feedback').click();
    const item = page.getByTestId('feedback-item').first();
    await item.waitFor();
    await expect(item.textContent()).resolves.toContain('hard to find');
    await item.getByRole('button', { name: 'Show screenshot' }).click();
    const image = item.locator('img.feedback-screenshot');
    await image.waitFor();
    await page.waitForFunction(
      () => (document.querySelector<HTMLImageElement>('img.feedback-screenshot')?.naturalWidth ?? 0) > 0,
    );
    await item.getByTestId('feedback-mark').click();
    await page.getByTestId('feedback-empty').waitFor();
  }, 120_000);

  it('P-RIGHT-1 exports the account with visible progress, downloads the ZIP and verifies it offline', async () => {
    const { page } = suite;
    await page.getByTestId('nav-account').click();
    await page.getByTestId('account-export').click();
    await page.getByTestId('export-start').click();
    const item = page.locator('[data-testid="export-item"][data-status="ready"]').first();
    await item.waitFor({ timeout: 60_000 });
    const fingerprint = await item.getByTestId('export-manifest-sha').textContent();
    expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      item.getByTestId('export-download').click(),
    ]);
    const dir = mkdtempSync(join(tmpdir(), 'holdfast-e2e-export-'));
    try {
      const path = join(dir, download.suggestedFilename());
      await download.saveAs(path);
      expect(download.suggestedFilename()).toMatch(/^holdfast-export-.*\.zip$/);
      const result = await verifyExport(path);
      expect(result.problems).toEqual([]);
      expect(result.keyId).toBe(await page.getByTestId('export-key-id').textContent());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
  it('P-LOG-2 the platform operator reads the day’s page views and the sign-up funnel as charts with tables', async () => {
    const { stack } = suite;
    const context = await stack.browser.newContext({ viewport: { width: 1100, height: 800 } });
    try {
      const operator = await context.newPage();
      await signInInBrowser(operator, stack.spaUrl, OPERATOR);
      await operator.getByTestId('nav-documents').click();
      await operator.getByTestId('nav-incidents').click();
      await operator.getByTestId('nav-usage').click();
      await operator.getByTestId('usage-daily-chart').waitFor();
      const bars = operator.getByTestId('usage-day-bar');
      await expect(bars.count()).resolves.toBe(30);
      expect(Number(await bars.last().getAttribute('data-count'))).toBeGreaterThan(0);
      const steps = operator.getByTestId('usage-funnel-step');
      await expect(steps.count()).resolves.toBe(5);
      expect(Number(await steps.nth(1).getAttribute('data-count'))).toBeGreaterThan(0);
      expect(await operator.getByTestId('usage-page-row').count()).toBeGreaterThan(0);
      await operator.getByTestId('usage-funnel-table-toggle').click();
      await expect(operator.getByTestId('usage-funnel').textContent()).resolves.toContain('Signed in');
      await operator.getByTestId('usage-range').selectOption('7');
      await operator.waitForFunction(
        () => document.querySelectorAll('[data-testid="usage-day-bar"]').length === 7,
      );
    } finally {
      await context.close();
    }
  }, 60_000);
});
