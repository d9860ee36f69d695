import { chromium, type Browser, type Page } from 'playwright-core';
import { findFreePort } from '@holdfast/scripts/free-port';
import { createTestApp, readSignInToken, type TestApp } from './harness.js';
import { startSpa } from './servers.js';

export type BrowserStack = {
  t: TestApp;
  spa: { url: string; stop: () => Promise<void> };
  browser: Browser;
  page: Page;
  stop: () => Promise<void>;
};

/**
 * The API listening on a free port, the built SPA served in front of it, and Debian's Chromium
 * with one page open (phone-sized unless a viewport is given).
 */
export async function startBrowserStack(
  viewport: { width: number; height: number } = { width: 390, height: 844 },
): Promise<BrowserStack> {
  const apiPort = await findFreePort();
  const webPort = await findFreePort();
  const t = await createTestApp({ env: { WEB_ORIGIN: `http://127.0.0.1:${webPort}` } });
  await t.app.listen({ host: '127.0.0.1', port: apiPort });
  const spa = await startSpa(`http://127.0.0.1:${apiPort}`);
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
  const page = await browser.newPage({ viewport });
  return {
    t,
    spa,
    browser,
    page,
    stop: async () => {
      await browser.close();
      await spa.stop();
      await t.app.close();
    },
  };
}

/** Signs `email` in through the SPA's pages with the link from the local mail server (new accounts confirm 18+). */
export async function signInThroughBrowser(page: Page, spaUrl: string, email: string): Promise<void> {
  await page.goto(`${spaUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-sent').waitFor();
  const token = await readSignInToken(email);
  await page.goto(`${spaUrl}/auth/verify?token=${encodeURIComponent(token)}`);
  await page.getByTestId('age-confirm').check();
  await page.getByTestId('verify-submit').click();
}
