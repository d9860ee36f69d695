import { chromium, type Browser, type Page } from 'playwright-core';
import { findFreePort } from '@holdfast/scripts/free-port';
import { createTestApp, readSignInToken, type TestApp } from './harness.js';
import { startSpa } from './servers.js';

export type BrowserStack = {
  t: TestApp;
  spaUrl: string;
  browser: Browser;
  page: Page;
  stop: () => Promise<void>;
};

/**
 * A listening test API, the built SPA proxying to it, and Debian's Chromium with one page open.
 * `env` adds API configuration; WEB_ORIGIN is set to the SPA's own port.
 */
export async function startBrowserStack(
  options: {
    env?: Record<string, string>;
    viewport?: { width: number; height: number };
    /** `localhost` for passkeys: WebAuthn refuses an IP address as the relying party. */
    host?: 'localhost' | '127.0.0.1';
  } = {},
): Promise<BrowserStack> {
  const host = options.host ?? '127.0.0.1';
  const apiPort = await findFreePort();
  const webPort = await findFreePort();
  const t = await createTestApp({ env: { WEB_ORIGIN: `http://${host}:${webPort}`, ...options.env } });
  await t.app.listen({ host: '127.0.0.1', port: apiPort });
  // On the port WEB_ORIGIN names, so links the API builds (Checkout's return, emails) open the SPA.
  const spa = await startSpa(`http://127.0.0.1:${apiPort}`, webPort);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 390, height: 844 } });
  return {
    t,
    spaUrl: spa.url.replace('127.0.0.1', host),
    browser,
    page,
    stop: async () => {
      await browser.close();
      await spa.stop();
      await t.app.close();
    },
  };
}

/** Signs a new person in through the SPA: the magic link from the local mail server, then the age check. */
export async function signInInBrowser(page: Page, spaUrl: string, email: string): Promise<void> {
  await page.goto(`${spaUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-sent').waitFor();
  const token = await readSignInToken(email);
  await page.goto(`${spaUrl}/auth/verify?token=${encodeURIComponent(token)}`);
  await page.getByTestId('age-confirm').check();
  await page.getByTestId('verify-submit').click();
}

/**
 * Signs a new person in through the SPA (`signInInBrowser`), waits until their first workspace
 * opens and returns its id, for the tests that go straight to one of its pages.
 */
export async function signInToWorkspace(page: Page, spaUrl: string, email: string): Promise<string> {
  await signInInBrowser(page, spaUrl, email);
  await page.waitForURL(/\/w\/[^/]+\//);
  return /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
}

/**
 * Follows a workspace navigation link by its test id (`nav-documents`). On a phone the links sit
 * behind the Menu button, which is opened first, as a person would.
 */
export async function clickNav(page: Page, testId: string): Promise<void> {
  const menu = page.getByTestId('nav-menu');
  if ((await menu.isVisible()) && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByTestId(testId).click();
}
