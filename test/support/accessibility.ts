import { beforeAll } from '@jest/globals';
import AxeBuilder from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Page } from 'playwright-core';
import { useSessionInBrowser } from './api-seed.js';
import { useBrowserStack, type BrowserSuite } from './browser-suite.js';
import { signIn, uniqueEmail, type Session } from './harness.js';

/** The widths the SPA lays out differently: a laptop and a 390 px phone. */
export const DESKTOP = { width: 1280, height: 900 };
export const MOBILE = { width: 390, height: 844 };
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

export type PageCheck = {
  name: string;
  /** Path on the SPA, `:w` standing for the workspace id. */
  path: string;
  /** Selector of an element shown once the page has its data. */
  ready: string;
};

/** The selector of an element by its test id. */
export const tid = (testId: string) => `[data-testid="${testId}"]`;

/**
 * Runs axe (WCAG 2.1 A and AA rules) on the page as it is now and returns one line per serious or
 * critical finding, with its rule, impact, the elements' selectors and axe's help text.
 */
export async function audit(page: Page, name: string): Promise<string[]> {
  // Legacy mode runs axe in the page itself instead of opening a helper page per run to merge
  // results across cross-origin frames: the SPA has no frames, and the file runs in half the time.
  const builder = new AxeBuilder({ page }).withTags(WCAG_21_AA).setLegacyMode();
  const { violations } = await builder.analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${name}: ${violation.id} (${violation.impact ?? '?'}) ${violation.help}\n` +
        violation.nodes
          .map((node) => `    ${node.target.join(' ')} - ${node.failureSummary?.split('\n').join(' ') ?? ''}`)
          .join('\n'),
    );
}

/**
 * Opens a page, waits until its data has drawn and every loading placeholder is gone, and audits it
 * (with `inspect`, `audit` unless told). `workspaceId` replaces `:w` in the path.
 */
export async function visit(
  page: Page,
  spaUrl: string,
  workspaceId: string,
  check: PageCheck,
  inspect: (page: Page, name: string) => Promise<string[]> = audit,
): Promise<string[]> {
  await page.goto(`${spaUrl}${check.path.replace(':w', workspaceId)}`);
  await waitUntilDrawn(page, check.ready);
  return inspect(page, check.name);
}

/** Waits for the ready selector, then for loading placeholders and skeletons to be gone. */
export async function waitUntilDrawn(page: Page, ready: string): Promise<void> {
  await page.locator(ready).first().waitFor({ timeout: 15_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="loading"]') === null, undefined, {
    timeout: 15_000,
  });
}

/**
 * A finding when the page scrolls sideways: on a phone everything must fit the width, with wide
 * tables scrolling inside their own box rather than the whole page.
 */
export async function horizontalOverflow(page: Page, name: string): Promise<string[]> {
  const widths = await page.evaluate(() => ({
    scroll: document.scrollingElement?.scrollWidth ?? 0,
    viewport: window.innerWidth,
  }));
  return widths.scroll <= widths.viewport
    ? []
    : [`${name}: the page is ${widths.scroll} px wide on a ${widths.viewport} px screen`];
}

/** Audits the page as it is on a phone: axe's findings and any sideways scrolling. */
export async function auditOnPhone(page: Page, name: string): Promise<string[]> {
  return [...(await audit(page, name)), ...(await horizontalOverflow(page, name))];
}

/** Seeding the data of a suite's pages through the API can take a while on a busy machine. */
const SEED_TIMEOUT_MS = 90_000;

/** What an accessibility suite's tests read: set before the first test runs. */
export type AccessibilitySuite<Seeded> = BrowserSuite & {
  /** The signed-in person's workspace, which `:w` in a path stands for. */
  readonly workspaceId: string;
  /** What `seed` returned. */
  readonly seeded: Seeded;
  /** Opens a path on the SPA (`:w` standing for the workspace id). */
  open: (path: string) => Promise<void>;
  /** Opens a page, waits until it has drawn and inspects it (`audit` unless told). */
  check: (check: PageCheck, inspect?: (page: Page, name: string) => Promise<string[]>) => Promise<string[]>;
};

/**
 * One browser stack at desktop width for the tests of the enclosing `describe`, with a person
 * (their email labelled `label`) signed in, whose data `seed` writes through the API before the
 * browser takes over their session.
 */
export function useAccessibilitySuite<Seeded>(options: {
  label: string;
  env?: Record<string, string>;
  seed: (app: FastifyInstance, person: Session) => Promise<Seeded>;
}): AccessibilitySuite<Seeded> {
  const suite = useBrowserStack({
    viewport: DESKTOP,
    ...(options.env === undefined ? {} : { env: options.env }),
  });
  let seeded: { workspaceId: string; value: Seeded } | undefined;
  beforeAll(async () => {
    const { app } = suite.stack.t;
    const person = await signIn(app, uniqueEmail(options.label));
    const value = await options.seed(app, person);
    await useSessionInBrowser(suite.page, suite.stack.spaUrl, person);
    seeded = { workspaceId: person.workspaceId, value };
  }, SEED_TIMEOUT_MS);
  const read = () => {
    if (seeded === undefined) throw new Error('the suite is read before beforeAll seeded it');
    return seeded;
  };
  return {
    get stack() {
      return suite.stack;
    },
    get page() {
      return suite.page;
    },
    get workspaceId() {
      return read().workspaceId;
    },
    get seeded() {
      return read().value;
    },
    open: async (path) => {
      await suite.page.goto(`${suite.stack.spaUrl}${path.replace(':w', read().workspaceId)}`);
    },
    check: (check, inspect = audit) =>
      visit(suite.page, suite.stack.spaUrl, read().workspaceId, check, inspect),
  };
}
