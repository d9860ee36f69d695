import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chromium, type Browser, type Page } from 'playwright-core';
import { findFreePort } from '@holdfast/scripts/free-port';
import { createTestApp, readSignInToken, uniqueEmail, type TestApp } from '../support/harness.js';
import { startSpa } from '../support/servers.js';

/**
 * Wellbeing in Debian's Chromium: record a check-in and find it on the trend chart (and in its
 * table), write a safety plan, change it, and open the earlier version.
 */
describe('browser: wellbeing', () => {
  let t: TestApp;
  let spa: { url: string; stop: () => Promise<void> };
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const apiPort = await findFreePort();
    const webPort = await findFreePort();
    t = await createTestApp({ env: { WEB_ORIGIN: `http://127.0.0.1:${webPort}` } });
    await t.app.listen({ host: '127.0.0.1', port: apiPort });
    spa = await startSpa(`http://127.0.0.1:${apiPort}`);
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await spa?.stop();
    await t?.app.close();
  });

  it('records a check-in, sees it on the chart, edits the safety plan and opens its earlier version', async () => {
    const email = uniqueEmail('wellbeing');
    await page.goto(`${spa.url}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-sent').waitFor();
    const token = await readSignInToken(email);
    await page.goto(`${spa.url}/auth/verify?token=${encodeURIComponent(token)}`);
    await page.getByTestId('age-confirm').check();
    await page.getByTestId('verify-submit').click();

    await page.getByTestId('nav-wellbeing').click();
    await page.getByTestId('checkin-new').click();
    await page.getByTestId('checkin-mood').fill('3');
    await page.getByTestId('checkin-anxiety').fill('8');
    await page.getByTestId('checkin-sleepHours').fill('6.5');
    await page.getByLabel('worry').check();
    await page.getByTestId('checkin-notes').fill('Hard day; a walk helped.');
    await page.getByTestId('checkin-save').click();

    await page.getByTestId('checkin-row').first().waitFor();
    await expect(page.getByTestId('checkin-row').first().textContent()).resolves.toContain('a walk helped');
    const moodPoint = page.getByTestId('trend-point-mood').first();
    await moodPoint.waitFor();
    expect(await moodPoint.getAttribute('data-value')).toBe('3');
    expect(await page.getByTestId('trend-point-anxiety').first().getAttribute('data-value')).toBe('8');
    expect(await page.getByTestId('heat-map-day').count()).toBe(1);
    await page.getByTestId('trend-table-toggle').click();
    await expect(page.getByTestId('trend-table').textContent()).resolves.toMatch(/386\.5/);

    await page.getByTestId('wellbeing-tab-safety-plan').click();
    await page.getByTestId('safety-plan-warningSigns').fill('Not sleeping, skipping meals.');
    await page.getByTestId('safety-plan-reasonsForLiving').fill('My kids.');
    await page.getByTestId('safety-plan-save').click();
    await expect(page.getByTestId('safety-plan-current').textContent()).resolves.toContain('Version 1');
    await page.getByTestId('safety-plan-warningSigns').fill('Not sleeping, skipping meals, pulling away.');
    await page.getByTestId('safety-plan-save').click();
    await page.getByText('Version 2,', { exact: false }).first().waitFor();
    expect(await page.getByTestId('safety-plan-version').count()).toBe(2);

    await page.getByTestId('safety-plan-version').filter({ hasText: 'Version 1,' }).click();
    const view = page.getByTestId('safety-plan-version-view');
    await view.waitFor();
    await expect(view.textContent()).resolves.toContain('Safety plan, version 1');
    await expect(page.getByTestId('safety-plan-view-warningSigns').textContent()).resolves.toBe(
      'Not sleeping, skipping meals.',
    );
    expect(await page.getByTestId('safety-plan-print').isVisible()).toBe(true);
  }, 120_000);
});
