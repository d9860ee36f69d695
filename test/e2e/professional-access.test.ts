import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';
import { uniqueEmail } from '../support/harness.js';

const PLACE = '14 Maple Street, Springfield';
const WITHHELD = 'withheld (safety mode)';
const VIEWPORT = { width: 1280, height: 900 };

/** The workspace id in the page's URL (`/w/<id>/...`). */
function workspaceIdOf(page: Page): string {
  return /\/w\/([^/]+)\//.exec(new URL(page.url()).pathname)?.[1] ?? '';
}

/** What the API answers the page's own session for `path` (cookies included). */
async function statusFor(page: Page, path: string): Promise<number> {
  return page.evaluate(async (url) => (await fetch(url, { credentials: 'include' })).status, path);
}

/** Serious or critical WCAG 2.1 A/AA findings of axe on the page as it is now, one line each. */
async function axeFindings(page: Page, name: string): Promise<string[]> {
  await page.waitForFunction(() => document.querySelector('[data-testid="loading"]') === null);
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode()
    .analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${name}: ${violation.id} ${violation.help} (${violation.nodes.length})`);
}

/**
 * Professional access and safety mode in Debian's Chromium, with two people in two browser
 * contexts: the owner records an incident with a place, turns safety mode on and invites a
 * therapist to read incidents only; the therapist sees it under "Shared with you", reads the
 * incident with its place withheld and cannot reach documents; the owner reads the log of what
 * was read and revokes; the share is then gone for the therapist.
 */
describe('browser: professional access and safety mode', () => {
  let stack: BrowserStack;
  let owner: Page;
  let proContext: BrowserContext;
  let pro: Page;

  beforeAll(async () => {
    stack = await startBrowserStack({ viewport: VIEWPORT });
    owner = stack.page;
    proContext = await stack.browser.newContext({ viewport: VIEWPORT });
    pro = await proContext.newPage();
  }, 90_000);

  afterAll(async () => {
    await proContext?.close();
    await stack?.stop();
  });

  it('P-SHARE-1 P-SAFE-1 invite a therapist to incidents, who reads them with the place withheld and nothing else; the owner sees the reads and revokes', async () => {
    const proEmail = uniqueEmail('therapist');
    const findings: string[] = [];
    await signInInBrowser(owner, stack.spaUrl, uniqueEmail('sharer'));

    await owner.getByTestId('new-incident').click();
    await owner.getByTestId('incident-occurred-at').fill('2026-10-03T17:45');
    await owner.getByTestId('incident-category').selectOption('late-pickup');
    await owner.getByTestId('incident-location').fill(PLACE);
    await owner.getByTestId('incident-narrative').fill('Pickup was 45 minutes late; no message was sent.');
    await owner.getByTestId('incident-save').click();
    await owner.getByTestId('incident-narrative-text').waitFor();
    const workspaceId = workspaceIdOf(owner);

    // Safety mode: off by default (no quick exit), on after the switch, with the quick exit shown.
    await owner.getByTestId('nav-settings').click();
    const safetySwitch = owner.getByTestId('safety-mode-switch');
    expect(await safetySwitch.getAttribute('aria-checked')).toBe('false');
    expect(await owner.getByTestId('quick-exit').count()).toBe(0);
    await safetySwitch.click();
    await owner.getByTestId('safety-mode-on').waitFor();
    expect(await safetySwitch.getAttribute('aria-checked')).toBe('true');
    await owner.getByTestId('quick-exit').waitFor();
    findings.push(...(await axeFindings(owner, 'settings')));

    // The invite form: the end date defaults to 90 days; a missing kind is named at its field.
    await owner.getByTestId('nav-professionals').click();
    const endsOn = await owner.getByTestId('professional-ends-on').inputValue();
    const days = Math.round((Date.parse(`${endsOn}T12:00:00Z`) - Date.now()) / 86_400_000);
    expect(days).toBeGreaterThanOrEqual(89);
    expect(days).toBeLessThanOrEqual(91);
    await owner.getByTestId('professional-email').fill(proEmail);
    await owner.getByTestId('professional-profession').selectOption('therapist');
    await owner.getByTestId('professional-invite-submit').click();
    await expect(owner.getByTestId('field-error').first().textContent()).resolves.toContain(
      'at least one kind',
    );
    findings.push(...(await axeFindings(owner, 'invite form with an error')));
    await owner.getByTestId('professional-kind-incidents').check();
    await owner.getByTestId('professional-invite-submit').click();
    const code = (await owner.getByTestId('invite-code-value').textContent())?.trim() ?? '';
    expect(code.length).toBeGreaterThan(5);
    await expect(owner.getByTestId('grant-row').textContent()).resolves.toContain('Invite not yet accepted');

    // The therapist, in a browser context of their own, accepts and finds the share.
    await signInInBrowser(pro, stack.spaUrl, proEmail);
    // Signed in (the session cookie set) before opening the next page.
    await pro.getByTestId('shell-user-name').waitFor();
    await pro.goto(`${stack.spaUrl}/invites/accept`);
    await pro.getByTestId('invite-code').fill(code);
    await pro.getByTestId('invite-accept').click();
    await pro.waitForURL(new RegExp(`/w/${workspaceId}/incidents`));
    await pro.getByTestId('nav-shared').click();
    const shared = pro.getByTestId('shared-item');
    await shared.waitFor();
    await expect(shared.textContent()).resolves.toContain('therapist');
    expect(await pro.getByTestId('shared-open-incidents').count()).toBe(1);
    expect(await pro.getByTestId('shared-open-documents').count()).toBe(0);
    expect(await pro.getByTestId('shared-open-communications').count()).toBe(0);
    findings.push(...(await axeFindings(pro, 'shared with you')));

    // Read-only incidents with the place withheld; documents, not shared, refused by the API.
    await pro.getByTestId('shared-open-incidents').click();
    await pro.getByTestId('incident-row').first().waitFor();
    expect(await pro.getByTestId('new-incident').count()).toBe(0);
    await pro.getByTestId('incident-row').first().getByRole('link').first().click();
    await pro.getByTestId('incident-narrative-text').waitFor();
    const detail = (await pro.locator('main').textContent()) ?? '';
    expect(detail).toContain(WITHHELD);
    expect(detail).not.toContain('Maple Street');
    expect(await pro.getByTestId('incident-edit').count()).toBe(0);
    expect(await statusFor(pro, `/v1/workspaces/${workspaceId}/documents`)).toBe(403);
    // The owner still sees the place.
    await owner.goto(`${stack.spaUrl}/w/${workspaceId}/incidents`);
    await owner.getByTestId('incident-row').first().getByRole('link').first().click();
    await owner.getByTestId('incident-narrative-text').waitFor();
    await expect(owner.locator('main').textContent()).resolves.toContain(PLACE);

    // The owner's log names the therapist and what they opened.
    await owner.getByTestId('nav-professionals').click();
    await expect(owner.getByTestId('grant-row').textContent()).resolves.toContain('Active');
    findings.push(...(await axeFindings(owner, 'professionals with a grant')));
    await owner.getByTestId('professional-reads-link').click();
    await owner.getByTestId('professional-read').first().waitFor();
    const log = (await owner.getByTestId('professional-reads').textContent()) ?? '';
    expect(log).toContain(proEmail);
    expect(log).toContain('Incidents: one record');
    expect(log).toContain('Incidents: the list');
    findings.push(...(await axeFindings(owner, 'reads log')));

    // Revoking ends it at once: gone from the owner's list and from the therapist's.
    await owner.getByTestId('nav-professionals').click();
    await owner.getByTestId('grant-revoke').click();
    await owner.getByTestId('grant-revoke-confirm').click();
    await owner.getByTestId('grants-empty').waitFor();
    await pro.goto(`${stack.spaUrl}/shared`);
    await pro.getByTestId('shared-empty').waitFor();
    expect(await statusFor(pro, `/v1/workspaces/${workspaceId}/incidents`)).toBe(404);
    expect(findings.join('\n')).toBe('');
  }, 180_000);
});
