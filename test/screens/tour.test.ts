import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { seedDemo } from '@holdfast/scripts/seed-demo';
import { startBrowserStack, type BrowserStack } from '../support/browser.js';
import { readSignInToken } from '../support/harness.js';
import { watchPage } from '../support/web-vitals.js';

/**
 * The screenshot tour (`pnpm screens`, not part of the test command): every page of the product as
 * the demo person sees it, at desktop and phone widths and in the dark scheme, written to
 * `.holdfast/screens/<mode>/<page>.png` for a person to look through. It fails when a page shows
 * the error screen or logs a console error, so a broken page is named even before anyone looks.
 */
const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.holdfast', 'screens');

const MODES: Record<string, BrowserContextOptions> = {
  desktop: { viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  phone: { viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true, hasTouch: true },
  dark: { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
};

/** Pages outside a workspace, by name. */
const ACCOUNT_PAGES: Record<string, string> = {
  workspaces: '/workspaces',
  shared: '/shared',
  account: '/account',
  security: '/account/security',
  export: '/account/export',
  email: '/account/email',
  privacy: '/privacy',
};

/** Pages of the demo workspace, by name (paths under `/w/<id>/`). */
const WORKSPACE_PAGES: Record<string, string> = {
  incidents: 'incidents',
  'incident-new': 'incidents/new',
  timeline: 'timeline',
  communications: 'communications',
  'message-import': 'communications/import',
  summaries: 'summaries',
  report: 'report',
  documents: 'documents',
  'wellbeing-check-ins': 'wellbeing/check-ins',
  'wellbeing-safety-plan': 'wellbeing/safety-plan',
  'wellbeing-complaints': 'wellbeing/complaints',
  'wellbeing-care-notes': 'wellbeing/care-notes',
  'wellbeing-access-log': 'wellbeing/access-log',
  'credentials-licenses': 'credentials/licenses',
  'credentials-activities': 'credentials/activities',
  'credentials-progress': 'credentials/progress',
  'credentials-shares': 'credentials/shares',
  'credentials-organisation': 'credentials/organisation',
  'credentials-requests': 'credentials/requests',
  'credentials-providers': 'credentials/providers',
  practice: 'practice',
  'practice-progress': 'practice/progress',
  'practice-assessment': 'practice/assessments',
  'practice-own-skills': 'practice/own',
  library: 'library',
  'role-guide': 'role-guide',
  members: 'members',
  professionals: 'professionals',
  settings: 'settings',
  'api-keys': 'api-keys',
  audit: 'audit',
  billing: 'billing',
  feedback: 'feedback',
};

/**
 * Console errors a page shows by design, by page name. The organisation page asks for the
 * workspace's organisation, and the demo workspace is not one: that answers 404, which Chromium
 * logs as a failed resource.
 */
const EXPECTED_CONSOLE_ERRORS: Record<string, RegExp> = {
  'credentials-organisation': /status of 404 \(Not Found\)/,
};

async function signInAsDemo(page: Page, spaUrl: string, email: string): Promise<void> {
  await page.goto(`${spaUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('sign-in-sent').waitFor();
  await page.goto(`${spaUrl}/auth/verify?token=${encodeURIComponent(await readSignInToken(email))}`);
  // The demo person has confirmed their age already; the page may sign them in without a step.
  const submit = page.getByTestId('verify-submit');
  await submit.or(page.getByTestId('shell-user-name')).first().waitFor();
  if (await submit.isVisible()) {
    const age = page.getByTestId('age-confirm');
    if (await age.isVisible()) await age.check();
    await submit.click();
  }
  await page.getByTestId('shell-user-name').waitFor();
}

/** Opens each page in a fresh tab, waits for its data, and saves a full-page picture. */
async function photograph(
  browser: Browser,
  cookie: { name: string; value: string; url: string },
  mode: string,
  pages: [string, string][],
): Promise<string[]> {
  const problems: string[] = [];
  const context = await browser.newContext(MODES[mode]);
  await context.addCookies([cookie]);
  await mkdir(join(OUT, mode), { recursive: true });
  for (const [name, url] of pages) {
    const page = await context.newPage();
    const watch = await watchPage(page);
    await page.goto(url);
    await page.waitForLoadState('networkidle');
    await page.waitForFunction(() => document.querySelector('[data-testid="loading"]') === null);
    await page.screenshot({ path: join(OUT, mode, `${name}.png`), fullPage: true });
    // Wider than the screen: a phone shows the page zoomed out or scrolling sideways.
    const overflow =
      (await page.evaluate(() => document.documentElement.scrollWidth)) - (MODES[mode]?.viewport?.width ?? 0);
    if (overflow > 0) problems.push(`${mode} ${name}: ${overflow} px wider than the screen`);
    const heading = (await page.locator('h1').first().textContent()) ?? '';
    if (heading.includes('Something went wrong')) problems.push(`${mode} ${name}: the error screen`);
    const expected = EXPECTED_CONSOLE_ERRORS[name];
    problems.push(
      ...watch.consoleErrors
        .filter((error) => expected === undefined || !expected.test(error))
        .map((error) => `${mode} ${name}: ${error}`),
    );
    await page.close();
  }
  await context.close();
  return problems;
}

describe('screenshot tour', () => {
  let stack: BrowserStack;

  beforeAll(async () => {
    stack = await startBrowserStack({ viewport: MODES.desktop?.viewport ?? { width: 1280, height: 900 } });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('photographs every page at desktop, phone and dark, with no error screen or console error', async () => {
    const demo = await seedDemo(stack.t.app.deps);
    await signInAsDemo(stack.page, stack.spaUrl, demo.email);
    const session = (await stack.page.context().cookies()).find((cookie) => cookie.name === 'hf_session');
    const cookie = { name: 'hf_session', value: session?.value ?? '', url: stack.spaUrl };
    const base = `${stack.spaUrl}/w/${demo.workspaceId}`;
    const pages: [string, string][] = [
      ...Object.entries(ACCOUNT_PAGES).map(([name, path]): [string, string] => [
        name,
        `${stack.spaUrl}${path}`,
      ]),
      ...Object.entries(WORKSPACE_PAGES).map(([name, path]): [string, string] => [name, `${base}/${path}`]),
    ];
    const problems: string[] = [];
    for (const mode of Object.keys(MODES))
      problems.push(...(await photograph(stack.browser, cookie, mode, pages)));
    expect(problems).toEqual([]);
  }, 2_400_000);
});
