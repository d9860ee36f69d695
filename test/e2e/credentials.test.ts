import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { signInInBrowser } from '../support/browser.js';
import { pdfBytes } from '../support/files.js';
import { uniqueEmail } from '../support/harness.js';
import { useBrowserStack } from '../support/browser-suite.js';

const DAY_MS = 86_400_000;
/** A date `offset` days from today, as a date input takes it. */
const day = (offset: number) => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

/** The body of a file the page downloads when `click` runs. */
async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFile(await file.path());
}

/**
 * Credentials in Debian's Chromium: a license, a CE activity with topic hours and its certificate,
 * the progress it makes, the transcript downloads, and a verification link opened signed out.
 */
describe('browser credentials', () => {
  const suite = useBrowserStack({
    env: { VAULT_SWEEP_INTERVAL_MINUTES: '0' },
    viewport: { width: 1024, height: 900 },
  });

  it('adds a license, logs an activity with topic hours and a certificate, shows progress, downloads the transcript, and opens a verification link signed out with the file’s SHA-256 (P-CRED-1, P-CRED-2)', async () => {
    const { stack, page } = suite;
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('credentials'));
    await page.waitForURL(/\/w\/[^/]+\//);
    const workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    const area = `${stack.spaUrl}/w/${workspaceId}/credentials`;

    // A California LMFT license whose current cycle holds today.
    await page.goto(`${area}/licenses`);
    const licenseForm = page.getByTestId('license-form');
    await licenseForm.getByLabel('Jurisdiction').fill('ca');
    await licenseForm.getByLabel('Credential type').selectOption('LMFT');
    await licenseForm.getByLabel('License number').fill('LMFT-E2E-1');
    await licenseForm.getByLabel('Issued').fill(day(-300));
    await licenseForm.getByLabel('Expires').fill(day(400));
    await licenseForm.getByRole('button', { name: 'Add license' }).click();
    await page.getByTestId('licenses-table').getByRole('link', { name: 'CA LMFT' }).waitFor();

    // A live online course: 6 hours, all of them Law and ethics, with its certificate.
    await page.getByTestId('credentials-tab-activities').click();
    const activityForm = page.getByTestId('activity-form');
    await activityForm.getByLabel('Title').fill('Ethics in telehealth practice');
    await activityForm.getByLabel('Provider').fill('Coast CE Institute');
    await activityForm.getByLabel('Completed on').fill(day(-10));
    await activityForm.getByLabel('Hours', { exact: true }).fill('6');
    await activityForm.getByLabel('Format').selectOption('live-online');
    await activityForm.getByLabel('Topic 1', { exact: true }).fill('Law and ethics');
    await activityForm.getByLabel('Hours of topic 1').fill('6');
    await activityForm.getByRole('button', { name: 'Log activity' }).click();
    await activityForm.getByText('The activity was logged.').waitFor();
    const activity = page.getByTestId('activities-list').locator('li.card').first();
    await activity.getByText('Topics: Law and ethics (6 h)').waitFor();
    await activity.getByText('6 h of Law and ethics counted for CA LMFT.').waitFor();

    const certificate = pdfBytes('Certificate of completion: 6 hours, Law and ethics');
    const sha256 = createHash('sha256').update(certificate).digest('hex');
    await activity.locator('summary', { hasText: 'Certificate' }).click();
    await activity
      .getByLabel('Upload a certificate or document (PDF or image)')
      .setInputFiles({ name: 'ethics-certificate.pdf', mimeType: 'application/pdf', buffer: certificate });
    await activity.getByText('ethics-certificate.pdf was stored and verified.').waitFor({ timeout: 20_000 });
    await expect(activity.getByTestId('certificate-list').textContent()).resolves.toContain(sha256);

    // Progress: 6 of 36 hours in total, the 6 hours of Law and ethics met.
    await page.getByTestId('credentials-tab-progress').click();
    const card = page.getByTestId('license-progress');
    await card.getByText('6 of 36 h, 30 h to go').waitFor();
    await card.getByText('6 of 6 h, 0 h to go').waitFor();

    // The transcript of the cycle, as CSV and as PDF.
    const csv = await download(page, () => card.getByTestId('transcript-csv').click());
    expect(csv.toString('utf8')).toContain('Ethics in telehealth practice');
    expect(csv.toString('utf8')).toContain('Coast CE Institute');
    const pdf = await download(page, () => card.getByTestId('transcript-pdf').click());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // A verification link with the license, the activity and the certificate.
    await page.getByTestId('credentials-tab-shares').click();
    const shareForm = page.getByTestId('share-form');
    await shareForm.getByLabel('Who is it for?').fill('Acme Clinic onboarding');
    await shareForm.getByLabel('Your name as the verifier sees it').fill('Sam Rivera, LMFT');
    await shareForm.getByLabel('CA LMFT LMFT-E2E-1').check();
    await shareForm.getByLabel(/Ethics in telehealth practice/).check();
    await shareForm.getByLabel('ethics-certificate').check();
    await shareForm.getByRole('button', { name: 'Create link' }).click();
    const url = ((await page.getByTestId('share-url').textContent()) ?? '').trim();
    expect(url).toMatch(/\/verify\//);

    // Opened in a fresh context: no cookies, no session.
    const verifier = await stack.browser.newContext();
    try {
      const anonymous = await verifier.newPage();
      await anonymous.goto(url);
      await expect(anonymous.getByTestId('verify-holder').textContent()).resolves.toBe('Sam Rivera, LMFT');
      await expect(anonymous.getByTestId('verify-licenses').textContent()).resolves.toContain('LMFT-E2E-1');
      await expect(anonymous.getByTestId('verify-activities-list').textContent()).resolves.toContain(
        'Ethics in telehealth practice',
      );
      await expect(anonymous.getByTestId('verify-documents-list').textContent()).resolves.toContain(sha256);
      await anonymous
        .getByTestId('verify-file')
        .setInputFiles({ name: 'copy.pdf', mimeType: 'application/pdf', buffer: certificate });
      await expect(anonymous.getByTestId('verify-result').textContent()).resolves.toContain(
        'copy.pdf matches “ethics-certificate” exactly.',
      );
    } finally {
      await verifier.close();
    }

    // The holder sees the opening in the link's log.
    await page.reload();
    await expect(page.getByTestId('share-view-count').first().textContent()).resolves.toBe('1');
  }, 150_000);
});
