import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';
import { uniqueEmail } from '../support/harness.js';

const VIEWPORT = { width: 1280, height: 900 };

/** The workspace id in the page's URL (`/w/<id>/...`). */
function workspaceIdOf(page: Page): string {
  return /\/w\/([^/]+)\//.exec(new URL(page.url()).pathname)?.[1] ?? '';
}

/**
 * Wellbeing records shared one by one with a therapist, in Debian's Chromium with two people in
 * two browser contexts: the owner invites a therapist to chosen wellbeing records, shares one of two
 * check-ins from its row, the therapist reads only that one (no trend, nothing to write, none of
 * the owner's own pages), the owner's access log names the read, and taking it back empties the
 * therapist's list.
 */
describe('browser: wellbeing records shared one by one', () => {
  let stack: BrowserStack;
  let owner: Page;
  let proContext: BrowserContext;
  let pro: Page;

  beforeAll(async () => {
    stack = await startBrowserStack({ viewport: VIEWPORT });
    owner = stack.page;
    proContext = await stack.browser.newContext({ viewport: VIEWPORT });
    pro = await proContext.newPage();
  }, 90_000);

  afterAll(async () => {
    await proContext?.close();
    await stack?.stop();
  });

  it('P-SHARE-1 shares one check-in with a therapist, who reads only that one, and takes it back', async () => {
    const proEmail = uniqueEmail('wellbeing-therapist');
    await signInInBrowser(owner, stack.spaUrl, uniqueEmail('wellbeing-sharer'));
    await owner.getByTestId('new-incident').waitFor();
    const workspaceId = workspaceIdOf(owner);

    // Two check-ins, one to share and one to keep private.
    await owner.getByTestId('nav-wellbeing').click();
    for (const [mood, notes] of [
      ['3', 'Shared: a hard week at the exchanges.'],
      ['7', 'Private: better after the weekend.'],
    ] as const) {
      await owner.getByTestId('checkin-new').click();
      await owner.getByTestId('checkin-mood').fill(mood);
      await owner.getByTestId('checkin-anxiety').fill('5');
      await owner.getByTestId('checkin-sleepHours').fill('7');
      await owner.getByTestId('checkin-notes').fill(notes);
      await owner.getByTestId('checkin-save').click();
      await owner.getByTestId('checkin-row').filter({ hasText: notes }).waitFor();
    }

    // The therapist is invited to chosen wellbeing records only, and accepts.
    await owner.getByTestId('nav-professionals').click();
    await owner.getByTestId('professional-email').fill(proEmail);
    await owner.getByTestId('professional-profession').selectOption('therapist');
    await owner.getByTestId('professional-kind-wellbeing').check();
    await owner.getByTestId('professional-invite-submit').click();
    const code = (await owner.getByTestId('invite-code-value').textContent())?.trim() ?? '';
    await signInInBrowser(pro, stack.spaUrl, proEmail);
    await pro.getByTestId('shell-user-name').waitFor();
    await pro.goto(`${stack.spaUrl}/invites/accept`);
    await pro.getByTestId('invite-code').fill(code);
    await pro.getByTestId('invite-accept').click();
    await pro.waitForURL(new RegExp(`/w/${workspaceId}/`));

    // The owner shares the first check-in from its row (a fresh page: the member list read before
    // the therapist joined may be kept for up to 30 s).
    await owner.goto(`${stack.spaUrl}/w/${workspaceId}/wellbeing/check-ins`);
    const sharedRow = owner.getByTestId('checkin-row').filter({ hasText: 'Shared: a hard week' });
    await sharedRow.getByLabel('Share with').selectOption({ label: proEmail });
    await sharedRow.getByRole('button', { name: 'Share', exact: true }).click();
    await sharedRow.getByRole('list', { name: 'Shared with' }).getByText(proEmail).waitFor();

    // The therapist reads that one only: no trend of their own, nothing to create, no owner pages.
    await pro.goto(`${stack.spaUrl}/shared`);
    await pro.getByTestId('shared-open-wellbeing').click();
    await pro.getByTestId('checkin-row').first().waitFor();
    const rows = pro.getByTestId('checkin-row');
    expect(await rows.count()).toBe(1);
    await expect(rows.first().textContent()).resolves.toContain('Shared: a hard week');
    await expect(rows.first().textContent()).resolves.toContain('Shared with you (read only)');
    expect(await pro.getByTestId('checkin-new').count()).toBe(0);
    expect(await pro.getByTestId('trend-range-30').count()).toBe(0);
    expect(await pro.getByTestId('wellbeing-tab-safety-plan').count()).toBe(0);
    expect(await pro.getByTestId('wellbeing-tab-access-log').count()).toBe(0);
    const { violations } = await new AxeBuilder({ page: pro })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
      .setLegacyMode()
      .analyze();
    expect(
      violations
        .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
        .map((violation) => `${violation.id} ${violation.help}`),
    ).toEqual([]);

    // The owner's access log names the therapist's read.
    await owner.getByTestId('wellbeing-tab-access-log').click();
    await owner.getByTestId('access-log-entry').first().waitFor();
    await expect(owner.getByTestId('access-log').textContent()).resolves.toContain(proEmail);

    // Taken back: the therapist's list is empty after a reload.
    await owner.getByTestId('wellbeing-tab-check-ins').click();
    await owner
      .getByTestId('checkin-row')
      .filter({ hasText: 'Shared: a hard week' })
      .getByRole('button', { name: `Stop sharing with ${proEmail}` })
      .click();
    await owner
      .getByTestId('checkin-row')
      .filter({ hasText: 'Shared: a hard week' })
      .getByText('Private: only you can see this check-in.')
      .waitFor();
    await pro.reload();
    await pro.getByText('No check-ins here').waitFor();
    expect(await pro.getByTestId('checkin-row').count()).toBe(0);
  }, 180_000);
});
