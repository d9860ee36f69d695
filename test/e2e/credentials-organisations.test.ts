import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BrowserContext, Page } from 'playwright-core';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';
import { uniqueEmail } from '../support/harness.js';

const VIEWPORT = { width: 1024, height: 900 };
const PHONE = { width: 390, height: 844 };
const DAY_MS = 86_400_000;
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

/** The credentials area of the workspace the page has open. */
function areaOf(page: Page, spaUrl: string): string {
  const workspaceId = /\/w\/([^/]+)\//.exec(new URL(page.url()).pathname)?.[1] ?? '';
  return `${spaUrl}/w/${workspaceId}/credentials`;
}

/** Whether the page is wider than the window (a phone would scroll sideways). */
function overflows(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
}

/**
 * Organisation credentialing in Debian's Chromium, with two people in two browser contexts: a
 * clinic asks a nurse for a CA LMFT license; the nurse shares theirs from their own workspace and
 * the clinic's checklist turns complete; the nurse withdraws and the checklist shows it missing.
 */
describe('browser: organisation credentialing', () => {
  let stack: BrowserStack;
  let clinic: Page;
  let nurseContext: BrowserContext;
  let nurse: Page;

  beforeAll(async () => {
    stack = await startBrowserStack({ viewport: VIEWPORT });
    clinic = stack.page;
    nurseContext = await stack.browser.newContext({ viewport: VIEWPORT });
    nurse = await nurseContext.newPage();
  }, 90_000);

  afterAll(async () => {
    await nurseContext?.close();
    await stack?.stop();
  });

  it('a clinic requests a license, the nurse shares it (checklist complete), then withdraws it (checklist missing), on a phone too', async () => {
    const nurseEmail = uniqueEmail('org-nurse');
    await signInInBrowser(clinic, stack.spaUrl, uniqueEmail('org-clinic'));
    await clinic.waitForURL(/\/w\/[^/]+\//);
    const clinicArea = areaOf(clinic, stack.spaUrl);

    // The clinic makes its workspace an organisation and asks, with errors shown at the field first.
    await clinic.goto(`${clinicArea}/organisation`);
    await clinic.getByTestId('organisation-empty').waitFor();
    const setup = clinic.getByTestId('organisation-form');
    await setup.getByLabel('Kind of organisation').selectOption('clinic');
    await setup.getByLabel('Organisation name').fill('Harbor Clinic');
    await setup.getByRole('button', { name: 'Make this workspace an organisation' }).click();
    await clinic.getByTestId('organisation-name').getByText('Harbor Clinic').waitFor();
    await clinic.getByTestId('org-requests-empty').waitFor();

    const form = clinic.getByTestId('request-form');
    await form.getByLabel('Their email').fill('not-an-email');
    await form.getByLabel('Their name').fill('Dana Rivera');
    await form.getByLabel('Jurisdiction of license 1').fill('ca');
    await form.getByRole('button', { name: 'Send request' }).click();
    await form.getByTestId('field-error').first().waitFor();
    await form.getByLabel('Their email').fill(nurseEmail);
    await form.getByLabel('Credential type of license 1').selectOption('LMFT');
    await form.getByRole('button', { name: 'Send request' }).click();
    await clinic
      .getByTestId('organisation-announcement')
      .getByText(`Request sent to ${nurseEmail}.`)
      .waitFor();
    const entry = clinic.getByTestId('org-request').first();
    await expect(entry.getByTestId('org-checklist-status').getAttribute('data-status')).resolves.toBe(
      'missing',
    );
    await entry.getByTestId('org-checklist-item').getByText('CA LMFT license').waitFor();

    // The nurse holds the license in their own workspace and shares it.
    await signInInBrowser(nurse, stack.spaUrl, nurseEmail);
    await nurse.waitForURL(/\/w\/[^/]+\//);
    const nurseArea = areaOf(nurse, stack.spaUrl);
    await nurse.goto(`${nurseArea}/licenses`);
    const licenseForm = nurse.getByTestId('license-form');
    await licenseForm.getByLabel('Jurisdiction').fill('CA');
    await licenseForm.getByLabel('Credential type').selectOption('LMFT');
    await licenseForm.getByLabel('License number').fill('LMFT-ORG-1');
    await licenseForm.getByLabel('Expires').fill(day(400));
    await licenseForm.getByRole('button', { name: 'Add license' }).click();
    await nurse.getByTestId('licenses-table').getByRole('link', { name: 'CA LMFT' }).waitFor();

    await nurse.getByTestId('credentials-tab-requests').click();
    const received = nurse.getByTestId('received-request').first();
    await received.getByRole('heading', { name: 'Harbor Clinic' }).waitFor();
    await received.getByText('CA LMFT license').waitFor();
    await received.getByTestId('received-status').getByText('Waiting for your answer').waitFor();
    await received.locator('summary', { hasText: 'Choose what to share' }).click();
    await received.getByLabel('CA LMFT LMFT-ORG-1').check();
    await received.getByRole('button', { name: 'Share with Harbor Clinic' }).click();
    await nurse.getByTestId('received-announcement').getByText('Shared with Harbor Clinic.').waitFor();
    await received.getByTestId('received-status').getByText('Shared').waitFor();

    await clinic.reload();
    await expect(
      clinic
        .getByTestId('org-request')
        .first()
        .getByTestId('org-checklist-status')
        .getAttribute('data-status'),
    ).resolves.toBe('complete');
    await clinic.getByTestId('org-request').first().getByText('expires', { exact: false }).waitFor();

    // Both pages fit a 390 px phone without sideways scrolling.
    await clinic.setViewportSize(PHONE);
    await nurse.setViewportSize(PHONE);
    await clinic.getByTestId('org-request').first().waitFor();
    expect(await overflows(clinic)).toBe(false);
    expect(await overflows(nurse)).toBe(false);

    // The nurse withdraws: the clinic's checklist shows the license missing again.
    await received.getByTestId('received-withdraw').click();
    await received.getByRole('button', { name: 'Yes, withdraw' }).click();
    await nurse.getByTestId('received-announcement').getByText('Withdrawn from Harbor Clinic.').waitFor();
    await received.getByTestId('received-status').getByText('Withdrawn').waitFor();
    await clinic.reload();
    const after = clinic.getByTestId('org-request').first();
    await after.getByTestId('org-request-status').getByText('Withdrawn by the person').waitFor();
    await expect(after.getByTestId('org-checklist-status').getAttribute('data-status')).resolves.toBe(
      'missing',
    );
  }, 180_000);
});
