import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { signInToWorkspace } from '../support/browser.js';
import { DESKTOP_VIEWPORT, useBrowserStackWithAi } from '../support/browser-suite.js';
import { pdfBytes } from '../support/files.js';
import { uniqueEmail } from '../support/harness.js';

/** The fake provider's reading: the title sure, the date unsure, the certificate number missing. */
const ANSWER = {
  title: { value: 'Ethics for telehealth', confidence: 0.96, note: null },
  provider: { value: 'Coast CE Institute', confidence: 0.9, note: null },
  completedOn: { value: '2026-04-18', confidence: 0.4, note: 'date partly illegible' },
  hours: { value: 3, confidence: 0.95, note: null },
  format: { value: 'live-online', confidence: 0.85, note: null },
  topics: { value: [{ topic: 'law and ethics', hours: 3 }], confidence: 0.8, note: null },
  certificateNumber: { value: null, confidence: 0, note: null },
};

/**
 * Reading a CE certificate in Debian's Chromium against a local provider server: upload it,
 * "Read it for me", see the suggested fields with the unsure and missing ones flagged at the field,
 * correct them and save; nothing is saved before that.
 */
describe('browser: CE certificate read with AI', () => {
  const suite = useBrowserStackWithAi(
    { OPENAI_MODEL: 'gpt-test-mini', VAULT_SWEEP_INTERVAL_MINUTES: '0' },
    { viewport: DESKTOP_VIEWPORT },
  );

  it('P-AI-2 fills the activity form with flagged suggestions from an uploaded certificate; the person corrects and saves it', async () => {
    const { stack, page, ai } = suite;
    const workspaceId = await signInToWorkspace(page, stack.spaUrl, uniqueEmail('certificate-ai'));
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/credentials/activities`);

    const certificate = pdfBytes('Certificate: Ethics for telehealth, 3 CE hours');
    await page
      .getByLabel('Certificate (PDF or image, optional)')
      .setInputFiles({ name: 'Jordan-cert.pdf', mimeType: 'application/pdf', buffer: certificate });
    await page.getByText('Jordan-cert.pdf is uploaded.').waitFor({ timeout: 20_000 });
    ai.replies.push({ kind: 'json', value: ANSWER });
    await page.getByRole('button', { name: 'Read it for me' }).click();
    await page.getByText('The fields below are filled with suggestions').waitFor();

    // Only the file's bytes went to the provider, under a neutral name.
    expect(ai.requests).toHaveLength(1);
    expect(ai.requests[0]?.raw).toContain(certificate.toString('base64'));
    expect(ai.requests[0]?.raw).not.toContain('Jordan-cert');

    const form = page.getByTestId('activity-form');
    await expect(form.getByLabel('Title').inputValue()).resolves.toBe('Ethics for telehealth');
    await expect(form.getByLabel('Hours', { exact: true }).inputValue()).resolves.toBe('3');
    await expect(form.getByLabel('Format').inputValue()).resolves.toBe('live-online');
    await expect(form.getByLabel('Topic 1', { exact: true }).inputValue()).resolves.toBe('Law and ethics');
    await expect(form.getByTestId('flag-completedOn').textContent()).resolves.toMatch(/40%.*illegible/);
    await expect(form.getByTestId('flag-certificateNumber').textContent()).resolves.toContain(
      'Not found on the certificate',
    );
    // The flag is read with its field by a screen reader.
    const dateHint = await form.getByLabel('Completed on').getAttribute('aria-describedby');
    expect(dateHint).not.toBeNull();

    // Nothing is saved until the person saves.
    await page.getByText('No activities yet').waitFor();

    await form.getByLabel('Completed on').fill('2026-04-19');
    await form.getByLabel('Certificate number (optional)').fill('CCE-0042');
    await form.getByRole('button', { name: 'Log activity' }).click();
    await form.getByText('The activity was logged.').waitFor();
    const activity = page.getByTestId('activities-list').locator('li.card').first();
    await activity.getByText('Certificate number: CCE-0042').waitFor();
    await expect(activity.getByTestId('extracted-with').textContent()).resolves.toContain(
      'certificate-extraction-v1',
    );
    // The certificate it was read from is kept with the activity, by its SHA-256.
    await activity.locator('summary', { hasText: 'Certificate' }).click();
    const sha256 = createHash('sha256').update(certificate).digest('hex');
    await activity.getByTestId('certificate-list').getByText(sha256).waitFor();
    // Upload, reading and saving go through the whole embedded stack: room for a busy machine.
  }, 150_000);
});
