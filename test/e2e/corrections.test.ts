import { describe, expect, it } from '@jest/globals';
import { readEmailChangeToken, readSignInToken, uniqueEmail } from '../support/harness.js';
import { signInInBrowser } from '../support/browser.js';
import { useBrowserStack } from '../support/browser-suite.js';

/**
 * A person corrects what they entered, in Chromium: their display name (seen by the members of
 * their workspace), an API key's name, the message and screenshot of feedback they sent, and
 * their email address through the link mailed to the new one, opened in a signed-out browser.
 */
describe('correcting one’s own data in the browser', () => {
  const suite = useBrowserStack({ viewport: { width: 1100, height: 800 } });

  it('P-RIGHT-2 corrects the display name, an API key name, feedback and the email address', async () => {
    const { stack, page } = suite;
    const oldEmail = uniqueEmail('correct');
    const newEmail = uniqueEmail('corrected');
    await signInInBrowser(page, stack.spaUrl, oldEmail);
    await page.getByTestId('new-incident').waitFor();
    const workspacePath = new URL(page.url()).pathname.replace(/\/incidents$/, '');

    // Display name: saved on the Account page, shown in the header and to the workspace's members.
    await page.getByTestId('nav-account').click();
    await page.getByTestId('profile-name').fill('  Robin Amended ');
    await page.getByTestId('profile-name-save').click();
    await page.getByTestId('profile-name-status').filter({ hasText: 'Name saved' }).waitFor();
    await page.getByTestId('shell-user-name').filter({ hasText: 'Robin Amended' }).waitFor();
    await expect(page.getByTestId('profile-name').inputValue()).resolves.toBe('Robin Amended');
    await page.goto(`${stack.spaUrl}${workspacePath}/members`);
    await page.getByTestId('member-row').filter({ hasText: 'Robin Amended' }).waitFor();

    // API key: renamed in place; the list shows the new name.
    await page.getByTestId('nav-api-keys').click();
    await page.getByTestId('api-key-name').fill('Case system');
    await page.getByTestId('api-key-create').click();
    await page.getByTestId('api-key-done').click();
    await page.getByTestId('api-key-rename').click();
    await page.getByTestId('api-key-rename-input').fill('Smith & Co case system');
    await page.getByTestId('api-key-rename-save').click();
    await page.getByTestId('api-key-row-name').filter({ hasText: 'Smith & Co case system' }).waitFor();
    expect(await page.getByTestId('api-key-row-name').count()).toBe(1);

    // Feedback: sent with a screenshot, then corrected and the screenshot removed from "Your feedback".
    await page.getByTestId('feedback-open').click();
    await page.getByTestId('feedback-message').fill('The export buton is hard to find.');
    await page.getByTestId('feedback-capture').click();
    await page.getByTestId('feedback-screenshot').waitFor({ timeout: 20_000 });
    await page.getByTestId('feedback-send').click();
    await page.getByTestId('feedback-sent').waitFor();
    await page.getByTestId('feedback-mine-link').click();
    const item = page.getByTestId('my-feedback-item');
    await item.waitFor();
    expect(await item.getByTestId('feedback-edited').count()).toBe(0);
    await expect(item.getByTestId('my-feedback-state').getAttribute('data-state')).resolves.toBe('open');
    await item.getByTestId('my-feedback-edit').click();
    await item.getByTestId('my-feedback-edit-message').fill('The export button is hard to find.');
    await item.getByTestId('my-feedback-save').click();
    await item.getByTestId('my-feedback-message').filter({ hasText: 'export button is' }).waitFor();
    await item.getByTestId('feedback-edited').waitFor();
    await item.getByRole('button', { name: 'Show screenshot' }).click();
    await page.waitForFunction(
      () => (document.querySelector<HTMLImageElement>('img.feedback-screenshot')?.naturalWidth ?? 0) > 0,
    );
    await item.getByTestId('my-feedback-remove-screenshot').click();
    await item.getByTestId('my-feedback-remove-screenshot-confirm').click();
    await page.getByTestId('my-feedback-status').filter({ hasText: 'Screenshot removed.' }).waitFor();
    await item.getByRole('button', { name: 'Show screenshot' }).waitFor({ state: 'detached' });
    expect(await item.getByTestId('my-feedback-remove-screenshot').count()).toBe(0);

    // Email: the link goes to the new address; opened while signed out, it waits for sign-in.
    await page.getByTestId('nav-account').click();
    await page.getByTestId('email-change-input').fill(newEmail);
    await page.getByTestId('email-change-submit').click();
    await expect(page.getByTestId('email-change-sent').textContent()).resolves.toContain(newEmail);
    const token = await readEmailChangeToken(newEmail);

    const signedOut = await stack.browser.newPage({ viewport: { width: 1100, height: 800 } });
    try {
      await signedOut.goto(`${stack.spaUrl}/account/email-change?token=${encodeURIComponent(token)}`);
      await signedOut.getByLabel('Email').fill(oldEmail);
      await signedOut.getByTestId('sign-in-submit').click();
      await signedOut.getByTestId('sign-in-sent').waitFor();
      await signedOut.goto(
        `${stack.spaUrl}/auth/verify?token=${encodeURIComponent(await readSignInToken(oldEmail))}`,
      );
      await expect(signedOut.getByTestId('email-change-new-address').textContent()).resolves.toBe(newEmail);
      expect(new URL(signedOut.url()).search).toBe('');
      await signedOut.getByTestId('email-change-account-link').click();
      await expect(signedOut.getByTestId('profile-email').textContent()).resolves.toBe(newEmail);
      // The link works once: opened again, the page says why it does not and leads back.
      await signedOut.goto(`${stack.spaUrl}/account/email-change?token=${encodeURIComponent(token)}`);
      await expect(signedOut.getByTestId('email-change-failed').textContent()).resolves.toContain(
        'already used',
      );
      await signedOut.getByTestId('email-change-account-link').waitFor();
    } finally {
      await signedOut.close();
    }
  }, 90_000);
});
