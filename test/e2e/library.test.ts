import { describe, expect, it } from '@jest/globals';
import { uniqueEmail } from '../support/harness.js';
import { signInInBrowser } from '../support/browser.js';
import { useBrowserStack } from '../support/browser-suite.js';

/**
 * The library in Chromium with no embedding provider: search it (the page says search is by
 * words only), open a checklist, copy it into the workspace and tick a step, and start an incident
 * from a template with its text filled in; start a message draft from a template, then switch
 * to another one from the communications page's picker without losing what was written.
 */
describe('the library in the browser', () => {
  const suite = useBrowserStack({ viewport: { width: 1100, height: 900 } });

  it('searches the library, ticks a copied checklist and starts an incident from a template', async () => {
    const { stack, page } = suite;
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

  it('starts a message draft from a library template, then from another one picked on the page', async () => {
    const { page } = suite;
    await page.getByTestId('nav-library').click();
    await page.getByRole('heading', { name: 'Library', level: 1 }).waitFor();
    await page.getByLabel('Search the library').fill('biff reply');
    await page.getByLabel('Kind').selectOption('template');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByTestId('library-hit').filter({ hasText: 'BIFF reply template' }).click();
    await page.getByRole('link', { name: 'Start a message draft from this template' }).click();
    await page.getByRole('heading', { name: 'Communications', level: 1 }).waitFor();

    const draft = page.getByLabel('Your draft');
    await expect(draft.inputValue()).resolves.toContain('[One sentence answering the practical question');
    await expect(page.getByTestId('draft-template-note').textContent()).resolves.toBe(
      'Started from the template “BIFF reply template”.',
    );

    // The person edits the draft; picking another template keeps their words one click away.
    const edited = 'Hi Sam,\n\nYes, Saturday at 10:00 at the usual place.\n\nThanks';
    await draft.fill(edited);
    await page.getByLabel('Start from a template').selectOption({ label: 'Schedule change request' });
    await page.getByRole('button', { name: 'Use this template' }).click();
    await page
      .getByTestId('draft-template-note')
      .filter({ hasText: 'Started from the template “Schedule change request”.' })
      .waitFor();
    await expect(draft.inputValue()).resolves.toContain('Could we swap [day, date] for [day, date]?');
    const kept = page.getByTestId('rewrite-original');
    await kept.getByText('Your original draft (kept)').click();
    await kept.getByRole('button', { name: 'Put my original back' }).click();
    await expect(draft.inputValue()).resolves.toBe(edited);

    // The template was applied once: a reload starts an empty draft, never the template again.
    await page.reload();
    await page.getByRole('heading', { name: 'Communications', level: 1 }).waitFor();
    await page.getByTestId('template-picker').waitFor();
    await expect(page.getByLabel('Your draft').inputValue()).resolves.toBe('');
    expect(await page.getByTestId('draft-template-note').count()).toBe(0);
  }, 120_000);
});
