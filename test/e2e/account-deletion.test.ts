import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readMailbox, readSignInToken, uniqueEmail } from '../support/harness.js';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';

/**
 * A person deletes their account from the account page (typing their email), is signed out, signs
 * in again within the grace period, lands on the restore offer and restores everything.
 */
describe('account deletion and restore in the browser', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack({ viewport: { width: 1100, height: 800 } });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('P-RIGHT-3 deletes the account after a typed confirmation, then signing in within 30 days offers a copy of the data and the restore, which brings the account back', async () => {
    const { page, spaUrl } = stack;
    const email = uniqueEmail('browser-delete');
    await signInInBrowser(page, spaUrl, email);
    await page.getByTestId('new-incident').waitFor();
    const workspaceUrl = page.url();

    await page.getByTestId('nav-account').click();
    const section = page.getByTestId('account-delete-section');
    await section.waitFor();
    expect(await page.getByTestId('account-export-link').getAttribute('href')).toBe('/account/export');
    await section.getByTestId('deletion-workspaces').waitFor();
    await page.getByTestId('delete-confirmation').fill('not my email');
    await page.getByTestId('delete-account-submit').click();
    await page.getByTestId('field-error').waitFor();
    await page.getByTestId('delete-confirmation').fill(email);
    await page.getByTestId('delete-account-submit').click();
    await page.getByTestId('account-deleted').waitFor();
    expect((await readMailbox(email)).some((mail) => mail.subject.includes('scheduled for deletion'))).toBe(
      true,
    );

    // Signed out: the workspace is out of reach.
    await page.goto(workspaceUrl);
    await page.getByTestId('sign-in-email').waitFor();

    // Signing in again within the grace period offers only the restore.
    await page.getByLabel('Email').fill(email);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-sent').waitFor();
    const token = await readSignInToken(email);
    await page.goto(`${spaUrl}/auth/verify?token=${encodeURIComponent(token)}`);
    await page.getByTestId('restore-page').waitFor();
    await expect(page.getByTestId('restore-purge-after').textContent()).resolves.toMatch(/\d/);
    // A copy of the data can still be asked for before deciding.
    await page.getByTestId('export-start').click();
    await page.locator('[data-testid="export-item"][data-status="ready"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('export-download').waitFor();
    await page.getByTestId('restore-submit').click();
    await page.getByTestId('new-incident').waitFor();
    await page.goto(workspaceUrl);
    await page.getByTestId('new-incident').waitFor();
    expect((await readMailbox(email)).some((mail) => mail.subject.includes('is restored'))).toBe(true);
  }, 120_000);
});
