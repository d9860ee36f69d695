import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { uniqueEmail } from '../support/harness.js';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';

/**
 * The library in Chromium with no embedding provider: search it (the page says search is by
 * words only), open a checklist, copy it into the workspace and tick a step, and start an incident
 * from a template with its text filled in.
 */
describe('the library in the browser', () => {
  let stack: BrowserStack;
  let page: Page;

  beforeAll(async () => {
    stack = await startBrowserStack({ viewport: { width: 1100, height: 900 } });
    page = stack.page;
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('searches the library, ticks a copied checklist and starts an incident from a template', async () => {
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('library-e2e'));
    await page.getByTestId('new-incident').waitFor();
    await page.getByTestId('nav-library').click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();

    await page.getByLabel('Search the library').fill('handover');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: 'Results for “handover”' }).waitFor();
    await expect(page.getByTestId('library-search-mode').textContent()).resolves.toContain(
      'no embedding provider',
    );
    await page.getByTestId('library-hit').filter({ hasText: 'Handover checklist' }).click();
    await page.getByTestId('library-item').getByRole('heading', { name: 'Handover checklist' }).waitFor();
    await page.getByRole('button', { name: 'Add to my checklists' }).click();

    const checklist = page.getByTestId('library-checklist').filter({ hasText: 'Handover checklist' });
    await checklist.getByTestId('library-checklist-progress').filter({ hasText: '0 of 6 done' }).waitFor();
    // The box shows what the server saved, so it turns ticked once the save comes back.
    await checklist.getByLabel(/Pack the children/).click();
    await checklist.getByTestId('library-checklist-progress').filter({ hasText: '1 of 6 done' }).waitFor();
    // Saved, not just shown: a reload still has the tick.
    await page.reload();
    await page
      .getByTestId('library-checklist')
      .filter({ hasText: 'Handover checklist' })
      .getByTestId('library-checklist-progress')
      .filter({ hasText: '1 of 6 done' })
      .waitFor();

    await page.getByLabel('Search the library').fill('missed exchange');
    await page.getByLabel('Kind').selectOption('template');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('library-hit').filter({ hasText: 'Missed exchange template' }).click();
    await page.getByRole('link', { name: 'Start an incident from this template' }).click();
    await page.getByRole('heading', { name: 'New incident' }).waitFor();
    const narrative = await page.getByTestId('incident-narrative').inputValue();
    expect(narrative).toContain('Scheduled exchange:');
  });
});
