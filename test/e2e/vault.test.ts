import { createHash } from 'node:crypto';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from '@jest/globals';
import { signInInBrowser } from '../support/browser.js';
import { pdfBytes, pngBytes } from '../support/files.js';
import { uniqueEmail } from '../support/harness.js';
import { useBrowserStack } from '../support/browser-suite.js';

/**
 * The vault in Debian's Chromium: upload two files at once with progress bars and the in-browser
 * SHA-256 check, attach one to an incident, open its PDF preview, and read its fingerprint.
 */
describe('browser vault', () => {
  const suite = useBrowserStack({
    env: { VAULT_SWEEP_INTERVAL_MINUTES: '0' },
    viewport: { width: 1024, height: 900 },
  });

  it('uploads two files with progress and a verified fingerprint, attaches one to an incident, previews it and shows its fingerprint, corrects its details (P-RIGHT-2); damaged bytes show as damaged (P-FILE-1, P-CRED-1)', async () => {
    const { stack, page } = suite;
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('vault'));

    await page.getByTestId('new-incident').click();
    await page.getByTestId('incident-occurred-at').fill('2026-10-03T17:45');
    await page.getByTestId('incident-category').selectOption('late-pickup');
    await page.getByTestId('incident-narrative').fill('Pickup was late; the court order says 5pm.');
    await page.getByTestId('incident-save').click();
    await page.getByTestId('incident-narrative-text').waitFor();
    const incidentUrl = page.url();

    const order = pdfBytes('Custody order');
    const photo = pngBytes('screenshot');
    await page.getByTestId('nav-documents').click();
    await page.getByTestId('upload-input').setInputFiles([
      { name: 'custody-order.pdf', mimeType: 'application/pdf', buffer: order },
      { name: 'screenshot.png', mimeType: 'image/png', buffer: photo },
    ]);
    const items = page.getByTestId('upload-item');
    await expect(items.count()).resolves.toBe(2);
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('[data-testid="upload-item"]')).every(
          (item) => item.getAttribute('data-state') === 'verified',
        ),
      undefined,
      { timeout: 20_000 },
    );
    for (let i = 0; i < 2; i += 1) {
      const progress = items.nth(i).getByTestId('upload-progress');
      const [value, max] = await Promise.all([progress.getAttribute('value'), progress.getAttribute('max')]);
      expect(Number(value)).toBe(Number(max));
      expect(Number(max)).toBeGreaterThan(1);
      await expect(items.nth(i).getByTestId('upload-status').textContent()).resolves.toContain('Verified');
    }
    await expect(page.getByTestId('document-row').count()).resolves.toBe(2);

    await page.goto(incidentUrl);
    await page.getByTestId('attach-document').selectOption({ label: 'custody-order' });
    await page.getByTestId('attach-submit').click();
    const attached = page.getByTestId('attachment-row');
    await attached.first().waitFor();
    await expect(attached.count()).resolves.toBe(1);
    await attached.first().getByRole('link').click();

    const preview = page.getByTestId('pdf-preview');
    await preview.waitFor();
    await page.waitForFunction(
      () => document.querySelector('[data-testid="pdf-preview"]')?.getAttribute('data-state') !== 'rendering',
      undefined,
      { timeout: 20_000 },
    );
    expect(await preview.getAttribute('data-state')).toBe('rendered');
    const fingerprint = await page.getByTestId('document-fingerprint').textContent();
    expect(fingerprint?.trim()).toBe(createHash('sha256').update(order).digest('hex'));
    await page.getByTestId('copy-fingerprint').waitFor();

    // The details typed about a file can be corrected; the file and its fingerprint stay.
    await page.getByTestId('document-edit').click();
    await page.getByTestId('document-edit-title').fill('Custody order (signed)');
    await page.getByTestId('document-edit-category').selectOption('court-order');
    await page.getByTestId('document-edit-date').fill('2026-03-02');
    await page.getByTestId('document-edit-tags').fill('final');
    await page.getByTestId('document-edit-save').click();
    await page.getByText('Details saved.').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Custody order (signed)' }).waitFor();
    await expect(page.getByTestId('document-detail').textContent()).resolves.toContain(
      fingerprint?.trim() ?? '-',
    );
    const details = (await page.locator('.detail-list').first().textContent()) ?? '';
    expect(details).toContain('2026-03-02');
    expect(details).toContain('final');

    // Bytes damaged in storage are not shown: the page says the file is damaged.
    const workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: process.env.S3_ENDPOINT,
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    try {
      await s3.send(
        new PutObjectCommand({
          Bucket: process.env.BLOB_BUCKET,
          Key: `tenants/${workspaceId}/blobs/${fingerprint?.trim() ?? ''}`,
          Body: Buffer.concat([order, Buffer.from('tampered')]),
        }),
      );
    } finally {
      s3.destroy();
    }
    await page.reload();
    await page.getByTestId('file-damaged').waitFor();
    await expect(page.getByTestId('file-damaged').textContent()).resolves.toContain('File damaged');
  }, 120_000);
});
