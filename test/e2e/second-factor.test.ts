import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CDPSession } from 'playwright-core';
import { readSignInToken, uniqueEmail } from '../support/harness.js';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';
import { totpCode } from '../support/totp.js';

/**
 * Second factors in the browser, under the production default (owners need one): an authenticator
 * set up with a code computed here, the step-up prompt that retries the refused action, and a
 * passkey added and used through Chromium's virtual authenticator.
 */
describe('second factor in the browser', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack({
      viewport: { width: 1100, height: 800 },
      host: 'localhost',
      env: { ADMIN_SECOND_FACTOR: 'required' },
    });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  async function createKey(name: string) {
    const { page } = stack;
    await page.getByTestId('api-key-name').fill(name);
    await page.locator('[id="scope-incidents:read"]').check();
    await page.getByTestId('api-key-create').click();
  }

  it('P-AUTH-6 sets up an authenticator with a computed code; the step-up prompt then lets an owner create an API key', async () => {
    const { page, spaUrl } = stack;
    const email = uniqueEmail('browser-totp');
    await signInInBrowser(page, spaUrl, email);
    await page.getByTestId('new-incident').waitFor();
    const workspaceUrl = page.url().replace(/\/incidents.*$/, '');

    // Without a factor the action is refused and the prompt says to set one up.
    await page.goto(`${workspaceUrl}/api-keys`);
    await createKey('Sync');
    await page.getByTestId('step-up-enrol').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();

    await page.getByTestId('nav-security').click();
    await page.getByTestId('second-factor-required').waitFor();
    await page.getByTestId('totp-start').click();
    const secret = (await page.getByTestId('totp-secret').textContent()) ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    // The QR code is an image with a text alternative pointing to the key for typing by hand.
    const qr = page.getByRole('img', { name: /QR code to add Holdfast to your authenticator app/ });
    expect(await qr.getAttribute('data-testid')).toBe('totp-qr');
    expect(await qr.locator('path').count()).toBe(1);
    await page.getByTestId('totp-code').fill(totpCode(secret));
    await page.getByTestId('totp-confirm').click();
    await page.getByTestId('recovery-codes').waitFor();
    expect(await page.locator('[data-testid="recovery-codes"] li').count()).toBe(10);
    await page.getByTestId('recovery-codes-done').click();
    await page.getByTestId('totp-enrolled').waitFor();

    // This session just proved the factor: the key is created at once.
    await page.goto(`${workspaceUrl}/api-keys`);
    await createKey('Sync');
    await page.getByTestId('api-key-created').waitFor();
  }, 120_000);

  it('P-AUTH-6 adds a passkey with a virtual authenticator, and a new session proves it in the step-up prompt, which retries the action', async () => {
    const { page, spaUrl } = stack;
    const cdp: CDPSession = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const email = uniqueEmail('browser-passkey');
    // A new person in the same browser: the first test's session ends here.
    await page.context().clearCookies();
    await signInInBrowser(page, spaUrl, email);
    await page.getByTestId('new-incident').waitFor();
    const workspaceUrl = page.url().replace(/\/incidents.*$/, '');

    await page.getByTestId('nav-security').click();
    await page.getByTestId('passkey-name').fill('Test laptop');
    await page.getByTestId('passkey-add').click();
    await page.getByTestId('recovery-codes').waitFor();
    await page.getByTestId('recovery-codes-done').click();
    await expect(page.getByTestId('passkey-list').textContent()).resolves.toContain('Test laptop');

    // A new sign-in has proven nothing: the action opens the prompt, the passkey answers, the key is made.
    await page.context().clearCookies();
    await page.goto(`${spaUrl}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('sign-in-sent').waitFor();
    const token = await readSignInToken(email);
    await page.goto(`${spaUrl}/auth/verify?token=${encodeURIComponent(token)}`);
    await page.getByTestId('new-incident').waitFor();
    await page.goto(`${workspaceUrl}/api-keys`);
    await createKey('After step-up');
    await page.getByTestId('step-up-passkey').click();
    await page.getByTestId('api-key-created').waitFor();
  }, 120_000);
});
