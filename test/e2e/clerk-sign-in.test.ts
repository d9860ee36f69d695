import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Page, Request } from 'playwright-core';
import { startBrowserStack, type BrowserStack } from '../support/browser.js';
import { clerkEnv, clerkSessionToken, startClerkApi } from '../support/clerk.js';
import { CLERK_JS_STAND_IN, CLERK_UI_STAND_IN } from '../support/clerk-js-stand-in.js';
import { watchPage } from '../support/web-vitals.js';

const VIEWPORT = { width: 1280, height: 900 };
/** The Frontend API host the test publishable key names: `@clerk/react` loads clerk-js from it. */
const CLERK_HOST = 'https://example.clerk.accounts.dev';

type StandIn = {
  completeSignIn: (userId: string, token: string) => void;
  renewToken: (token: string) => void;
  calls: () => StandInCall[];
};

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface Window {
    /** What support/clerk-js-stand-in.ts lets the test drive. */
    __clerkStandIn?: StandIn;
  }
}

type ApiCall = { method: string; path: string; authorization: string | undefined; status: number };
type StandInCall = { method: string; props?: { forceRedirectUrl?: string } | null };

/**
 * Every API call the page makes, in the order it made them, with the Authorization header it
 * carried and the status it got (0 until answered).
 */
function recordApiCalls(page: Page): ApiCall[] {
  const calls: ApiCall[] = [];
  const byRequest = new Map<Request, ApiCall>();
  page.on('request', (request) => {
    const { pathname } = new URL(request.url());
    if (!pathname.startsWith('/v1/')) return;
    const call = {
      method: request.method(),
      path: pathname,
      authorization: request.headers().authorization,
      status: 0,
    };
    byRequest.set(request, call);
    calls.push(call);
  });
  page.on('response', (response) => {
    const call = byRequest.get(response.request());
    if (call !== undefined) call.status = response.status();
  });
  return calls;
}

/** Serves the clerk-js and Clerk UI stand-ins where Clerk's servers would; records what was asked. */
async function standInForClerkServers(page: Page): Promise<string[]> {
  const requested: string[] = [];
  await page.route(`${CLERK_HOST}/**`, async (route) => {
    const url = route.request().url();
    requested.push(url);
    const isClerkJs = url.includes('/npm/@clerk/clerk-js@');
    const isClerkUi = url.includes('/npm/@clerk/ui@');
    if (!isClerkJs && !isClerkUi) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({
      status: 200,
      // The script is loaded with crossorigin="anonymous", as from Clerk's CDN.
      headers: { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' },
      body: isClerkJs ? CLERK_JS_STAND_IN : CLERK_UI_STAND_IN,
    });
  });
  return requested;
}

function standInCalls(page: Page): Promise<StandInCall[]> {
  return page.evaluate(() => window.__clerkStandIn?.calls() ?? []);
}

/**
 * Clerk sign-in in the SPA, in Debian's Chromium, against the API started with Clerk configured
 * (a locally generated key pair, a test publishable key). The browser cannot reach Clerk, so the
 * clerk-js script `@clerk/react` loads from Clerk's servers is answered by a stand-in
 * (support/clerk-js-stand-in.ts), and "signing in" is handing it a session token the test minted
 * with the private key, as clerk-js holds one after its own form. Proven: the SPA loads Clerk only
 * when the API says it is on, offers it beside the email link, opens Clerk's sign-in, reaches the
 * person's workspace with every API call carrying the token (which the API verifies for real and
 * which makes the account on first sign-in), asks for the token on each call (a renewed one is used
 * at once), and signs out of both. Not proven: Clerk's hosted UI, its Frontend API, its cookies and
 * its own token renewal.
 */
describe('browser: Clerk sign-in, with clerk-js stood in', () => {
  let clerkApi: Awaited<ReturnType<typeof startClerkApi>>;
  let stack: BrowserStack;

  beforeAll(async () => {
    clerkApi = await startClerkApi();
    stack = await startBrowserStack({ env: clerkEnv(clerkApi.url), viewport: VIEWPORT });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await clerkApi?.close();
  });

  it('P-AUTH-1 offers Clerk beside the email link; a Clerk session reaches the workspace with its token on every call; sign-out ends both', async () => {
    const { page, spaUrl, t } = stack;
    const watch = await watchPage(page);
    const clerkRequests = await standInForClerkServers(page);
    const calls = recordApiCalls(page);
    const clerkUserId = `user_${randomUUID().replace(/-/g, '').slice(0, 24)}`;

    // The sign-in page offers Clerk and keeps the email link beside it.
    await page.goto(`${spaUrl}/sign-in`);
    const clerkButton = page.getByTestId('clerk-sign-in-button');
    await page.waitForFunction(() => {
      const button = document.querySelector('[data-testid="clerk-sign-in-button"]');
      return button instanceof HTMLButtonElement && !button.disabled;
    });
    expect(await clerkButton.textContent()).toBe('Sign in with Clerk');
    await page.getByTestId('sign-in-email').waitFor();
    expect(clerkRequests.some((url) => url.includes('/npm/@clerk/clerk-js@'))).toBe(true);
    expect(watch.consoleErrors).toEqual([]);

    // Clerk's sign-in opens (in the stand-in: recorded), to come back to the home page.
    await clerkButton.click();
    const opened = (await standInCalls(page)).find((call) => call.method === 'openSignIn');
    expect(opened?.props?.forceRedirectUrl).toBe('/');

    // Clerk's form succeeds: clerk-js now holds a session whose token the API's key verifies.
    const firstToken = clerkSessionToken(clerkUserId);
    const signedInFrom = calls.length;
    await page.evaluate(([userId, token]) => window.__clerkStandIn?.completeSignIn(userId, token), [
      clerkUserId,
      firstToken,
    ] as const);
    await page.waitForURL(/\/w\/[^/]+\/incidents$/u);
    await page.getByTestId('shell-user-name').waitFor();

    // The person the token names, with the account and workspace the first sign-in made.
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { authorization: `Bearer ${firstToken}` },
    });
    expect(me.statusCode).toBe(200);
    const { user, workspaces } = me.json<{
      user: { displayName: string };
      workspaces: { id: string; name: string }[];
    }>();
    expect(await page.getByTestId('shell-user-name').textContent()).toContain(user.displayName);
    expect(new URL(page.url()).pathname).toBe(`/w/${workspaces[0]?.id ?? '?'}/incidents`);

    // Every call since carried the token, and the signed-in ones succeeded.
    const afterSignIn = calls.slice(signedInFrom);
    expect(afterSignIn.length).toBeGreaterThan(2);
    expect(afterSignIn.filter((call) => call.authorization !== `Bearer ${firstToken}`)).toEqual([]);
    expect(afterSignIn.filter((call) => call.status >= 400)).toEqual([]);
    expect(afterSignIn.some((call) => call.path === '/v1/me' && call.status === 200)).toBe(true);

    // Clerk renews the token: the next calls carry the new one (the app asks on every call), and
    // a reload finds the person still signed in rather than on the sign-in page.
    const renewedToken = clerkSessionToken(clerkUserId);
    await page.evaluate((token) => window.__clerkStandIn?.renewToken(token), renewedToken);
    const reloadedFrom = calls.length;
    await page.reload();
    await page.waitForURL(/\/w\/[^/]+\/incidents$/u);
    await page.getByTestId('shell-user-name').waitFor();
    // (Except the one call that says whether Clerk is used at all, asked before Clerk loads.)
    const afterReload = calls.slice(reloadedFrom).filter((call) => call.path !== '/v1/auth/config');
    expect(afterReload.some((call) => call.path === '/v1/me' && call.status === 200)).toBe(true);
    expect(afterReload.filter((call) => call.authorization !== `Bearer ${renewedToken}`)).toEqual([]);
    expect((await standInCalls(page)).filter((call) => call.method === 'getToken').length).toBeGreaterThan(2);

    // Sign-out ends the API's side and Clerk's, and the page goes back to the sign-in choices.
    await page.getByTestId('sign-out').click();
    await page.waitForURL(/\/sign-in/u);
    await page.getByTestId('clerk-sign-in-button').waitFor();
    expect((await standInCalls(page)).some((call) => call.method === 'signOut')).toBe(true);
    const signOutCall = calls.find((call) => call.path === '/v1/auth/sign-out');
    expect(signOutCall?.status).toBe(204);
    expect(signOutCall?.authorization).toBe(`Bearer ${renewedToken}`);
    // Opened again, the page is a signed-out visitor's: no call carries a token any more.
    const signedOutFrom = calls.length;
    await page.reload();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="clerk-sign-in-button"]:not([disabled])') !== null,
    );
    const afterSignOut = calls.slice(signedOutFrom);
    expect(afterSignOut.some((call) => call.path === '/v1/auth/session')).toBe(true);
    expect(afterSignOut.filter((call) => call.authorization !== undefined)).toEqual([]);
    expect(await page.evaluate(() => window.localStorage.getItem('holdfast.signedInWith'))).toBeNull();
    // Signed out means signed out: the API no longer sees anyone from this page.
    const session = await page.evaluate(async (): Promise<unknown> =>
      (await fetch('/v1/auth/session')).json(),
    );
    expect(session).toEqual({ isSignedIn: false });
    expect(watch.consoleErrors).toEqual([]);
  }, 90_000);
});

describe('browser: sign-in without Clerk (the embedded default)', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack({ viewport: VIEWPORT });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('P-AUTH-1 offers only the email link and never loads Clerk', async () => {
    const { page, spaUrl } = stack;
    const watch = await watchPage(page);
    const clerkRequests = await standInForClerkServers(page);
    await page.goto(`${spaUrl}/sign-in`);
    await page.getByTestId('sign-in-email').waitFor();
    expect(await page.getByTestId('clerk-sign-in').count()).toBe(0);
    expect(await page.getByText('Clerk').count()).toBe(0);
    expect(clerkRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  }, 60_000);
});
