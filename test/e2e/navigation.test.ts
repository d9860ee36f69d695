import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { signInInBrowser } from '../support/browser.js';
import { uniqueEmail } from '../support/harness.js';
import { useBrowserStack } from '../support/browser-suite.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** Boxes of the visible header and navigation controls that reach past the right edge. */
async function findOffScreen(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    return Array.from(
      document.querySelectorAll<HTMLElement>('.app-header a, .app-header button, .area-nav a'),
    )
      .filter((element) => element.offsetParent !== null)
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.left < 0 || box.right > width + 0.5;
      })
      .map((element) => element.textContent ?? '');
  });
}

/** Visible controls whose whole text is exactly `label`. */
async function countControls(page: Page, label: string): Promise<number> {
  return page.evaluate(
    (text) =>
      Array.from(document.querySelectorAll<HTMLElement>('a, button')).filter(
        (element) => element.offsetParent !== null && element.textContent?.trim() === text,
      ).length,
    label,
  );
}

/**
 * The workspace navigation, grouped by area of work: every page in reach at 1280 px with nothing
 * off-screen and "Feedback" once; on a phone it folds behind a Menu button that works from the
 * keyboard, and the account links (Sign out among them) fold into it too.
 */
describe('browser: navigation by area', () => {
  const suite = useBrowserStack({ viewport: DESKTOP });

  it('shows every area at 1280 px with nothing off-screen, and "Feedback" once', async () => {
    const { stack, page } = suite;
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('nav-desktop'));
    await page.getByTestId('new-incident').waitFor();
    const nav = page.getByRole('navigation', { name: 'Workspace sections' });
    const areas = await nav.getByRole('heading').allTextContents();
    expect(areas).toEqual(['Records', 'Wellbeing', 'Credentials', 'Practice', 'Library', 'Workspace']);
    for (const testId of ['nav-incidents', 'nav-documents', 'nav-billing', 'nav-audit', 'nav-feedback']) {
      expect(await page.getByTestId(testId).isVisible()).toBe(true);
    }
    expect(await page.getByTestId('nav-menu').isVisible()).toBe(false);
    expect(await findOffScreen(page)).toEqual([]);
    expect(await countControls(page, 'Feedback')).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

    await page.getByTestId('nav-billing').click();
    await page.getByTestId('billing-local').waitFor();
    expect(await page.getByTestId('nav-billing').getAttribute('aria-current')).toBe('page');
  }, 120_000);

  it('folds into a Menu button on a phone: aria-expanded, focus into the menu, Escape back, a link closes it', async () => {
    const { page } = suite;
    await page.setViewportSize(PHONE);
    await page.getByTestId('nav-incidents').waitFor({ state: 'hidden' });
    const menu = page.getByTestId('nav-menu');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await menu.getAttribute('aria-controls')).toBe('area-nav');

    await menu.focus();
    await page.keyboard.press('Enter');
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'nav-incidents',
    );
    expect(await findOffScreen(page)).toEqual([]);

    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('nav-menu');
    expect(await page.getByTestId('nav-documents').isVisible()).toBe(false);

    await menu.click();
    await page.getByTestId('nav-documents').click();
    await page.waitForURL(/\/documents$/);
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await findOffScreen(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  }, 120_000);

  it('keeps the phone header to about one row above the workspace switcher, with Sign out in the Menu', async () => {
    const { page } = suite;
    await page.setViewportSize(PHONE);
    const menu = page.getByTestId('nav-menu');
    await menu.waitFor();
    // Menu, Feedback, Account, Security and Sign out once took three rows (~230 px of 844).
    const headerHeight = await page.evaluate(
      () => document.querySelector('.app-header')?.getBoundingClientRect().height ?? 0,
    );
    expect(headerHeight).toBeGreaterThan(0);
    expect(headerHeight).toBeLessThanOrEqual(120);
    expect(await page.getByTestId('sign-out').isVisible()).toBe(false);

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    const signOut = page.getByRole('navigation', { name: 'Workspace sections' }).getByTestId('sign-out');
    await signOut.waitFor();
    expect(await page.getByTestId('nav-account').isVisible()).toBe(true);
    expect(await findOffScreen(page)).toEqual([]);
    await signOut.click();
    await page.waitForURL(/\/sign-in/);
  }, 120_000);
});
