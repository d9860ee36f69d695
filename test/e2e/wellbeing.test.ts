import { describe, expect, it } from '@jest/globals';
import { signInInBrowser } from '../support/browser.js';
import { DESKTOP_VIEWPORT, useBrowserStack } from '../support/browser-suite.js';
import { uniqueEmail } from '../support/harness.js';

/**
 * Wellbeing in Debian's Chromium: record a check-in and find it on the trend chart (and in its
 * table), write a safety plan, change it, and open the earlier version.
 */
describe('browser: wellbeing', () => {
  const suite = useBrowserStack({ viewport: DESKTOP_VIEWPORT });

  it('records a check-in, sees it on the chart, edits the safety plan and opens its earlier version', async () => {
    const { stack, page } = suite;
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('wellbeing'));

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
