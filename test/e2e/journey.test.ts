import { describe, expect, it } from '@jest/globals';
import { sendEmail } from '@holdfast/api/modules/notifications/service';
import { readMailbox, uniqueEmail } from '../support/harness.js';
import { clickNav, signInInBrowser } from '../support/browser.js';
import { useBrowserStack } from '../support/browser-suite.js';

/**
 * A person's first session, in Debian's Chromium: sign in with the link read from the local mail
 * server, record an incident, find it on the timeline, correct it, verify the audit chain, sign out.
 */
describe('browser journey', () => {
  const suite = useBrowserStack();

  it('signs in by magic link, records, edits and audits an incident, then signs out (P-AUTH-1, P-AGE-1, P-AUD-2)', async () => {
    const { stack, page } = suite;
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('browser'));

    await page.getByTestId('new-incident').click();
    await page.getByTestId('incident-occurred-at').fill('2026-10-03T17:45');
    await page.getByTestId('incident-category').selectOption('late-pickup');
    await page.getByTestId('incident-location').fill('School parking lot');
    await page.getByTestId('incident-narrative').fill('Pickup was 45 minutes late; no message was sent.');
    await page.getByTestId('incident-save').click();
    await expect(page.getByTestId('incident-narrative-text').textContent()).resolves.toContain(
      '45 minutes late',
    );

    await clickNav(page, 'nav-timeline');
    const entry = page.getByTestId('timeline-entry').first();
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('School parking lot');

    await clickNav(page, 'nav-incidents');
    await page.getByTestId('incident-row').first().getByRole('link').first().click();
    await page.getByTestId('incident-edit').click();
    await page.getByTestId('incident-narrative').fill('Pickup was 50 minutes late; no message was sent.');
    await page.getByTestId('incident-save').click();
    await expect(page.getByTestId('incident-narrative-text').textContent()).resolves.toContain(
      '50 minutes late',
    );

    await clickNav(page, 'nav-audit');
    await page.getByTestId('audit-entry').first().waitFor();
    expect(await page.getByTestId('audit-entry').count()).toBe(3);
    await page.getByTestId('audit-verify').click();
    const status = page.getByTestId('audit-verify-status');
    await page.waitForFunction(
      () =>
        ['valid', 'broken', 'error'].includes(
          document.querySelector('[data-testid="audit-verify-status"]')?.getAttribute('data-state') ?? '',
        ),
      undefined,
      { timeout: 10_000 },
    );
    expect(await status.getAttribute('data-state')).toBe('valid');
    await expect(status.textContent()).resolves.toMatch(/3/);

    // On a phone the account links are in the Menu.
    await clickNav(page, 'sign-out');
    await page.waitForURL(/\/sign-in/);
    const me = await page.evaluate(async () => (await fetch('/v1/me', { credentials: 'include' })).status);
    expect(me).toBe(401);
  }, 120_000);

  it('opts in to optional email, then unsubscribes from the email’s link without signing in (P-MAIL-1, P-MAIL-2)', async () => {
    const { stack, page } = suite;
    const email = uniqueEmail('browser-mail');
    await signInInBrowser(page, stack.spaUrl, email);
    // In the workspace first: on a phone its Menu is where the account links are.
    await page.getByTestId('new-incident').waitFor();
    await clickNav(page, 'nav-account');
    await page.getByTestId('nav-email-preferences').click();
    const tips = page.getByLabel('Getting-started tips');
    expect(await tips.isChecked()).toBe(false);
    await tips.check();
    await page.getByTestId('email-prefs-status').getByText('Saved').waitFor();

    const userId = await page.evaluate(async () => {
      const response = await fetch('/v1/me', { credentials: 'include' });
      return ((await response.json()) as { user: { id: string } }).user.id;
    });
    await sendEmail(stack.t.app.deps, {
      dedupeKey: `e2e-${userId}`,
      to: email,
      userId,
      template: 'onboardingTips',
      data: { tips: [{ title: 'Log an incident', body: 'While it is fresh.' }] },
    });
    const mail = (await readMailbox(email)).find((m) => m.subject === 'Getting started with Holdfast');
    const link = mail?.headers?.find((h) => h.name === 'List-Unsubscribe')?.value ?? '';
    const token = /\/u\/([^>]+)>$/.exec(link)?.[1] ?? '';

    await clickNav(page, 'sign-out');
    await page.waitForURL(/\/sign-in/);
    await page.goto(`${stack.spaUrl}/unsubscribe?token=${encodeURIComponent(token)}`);
    await page.getByTestId('unsubscribe-confirm').click();
    await page.getByTestId('unsubscribe-done').waitFor();
    await page.goto(`${stack.spaUrl}/unsubscribe?token=${encodeURIComponent(`${token}x`)}`);
    await page.getByTestId('unsubscribe-invalid').waitFor();
  }, 120_000);
});
