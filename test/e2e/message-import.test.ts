import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FakeAiProviders } from '../support/ai-providers.js';
import { uniqueEmail } from '../support/harness.js';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';

const RECEIVED_LINE = 'You are late AGAIN. Typical.';
const SENT = 'I will be at the school at 3:15 on Friday.';
const THREAD = `Message 1 of 2
Sent: 10/03/2026 at 05:30 PM
From: Jordan Lee
To: Sam Lee
Subject: Pickup Friday

${RECEIVED_LINE}
----------
Message 2 of 2
Sent: 10/04/2026 at 09:15 AM
From: Sam Lee
To: Jordan Lee
Subject: Re: Pickup Friday

${SENT}
`;

/**
 * Importing an exported thread in Chromium: paste it, preview every message as it would be logged,
 * log them all, then find them in the log and on the timeline beside the incidents. The plan page
 * shows the month's AI actions against the quota.
 */
describe('message thread import in the browser', () => {
  const fake = new FakeAiProviders();
  let stack: BrowserStack;
  let page: Page;
  let workspacePath = '';

  beforeAll(async () => {
    await fake.start();
    stack = await startBrowserStack({
      env: fake.env({ AI_LOCAL_PLAN_ACTIONS_PER_MONTH: '25' }),
      viewport: { width: 1100, height: 900 },
    });
    page = stack.page;
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await fake.stop();
  });

  it('previews a pasted thread, logs it whole, and shows the messages on the timeline', async () => {
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('import-e2e'));
    await page.getByTestId('new-incident').waitFor();
    workspacePath = new URL(page.url()).pathname.replace(/\/incidents$/, '');

    await page.goto(`${stack.spaUrl}${workspacePath}/communications`);
    await page.getByTestId('import-link').click();
    await page.getByLabel('Or paste the thread').fill(THREAD);
    await page.getByLabel('Your name as the export prints it').fill('Sam Lee');
    await page.getByLabel('Time zone of the export’s dates').selectOption('America/Chicago');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByTestId('import-preview').waitFor();
    const rows = page.getByTestId('import-preview-row');
    await expect(rows.count()).resolves.toBe(2);
    await expect(rows.nth(0).innerText()).resolves.toContain('Received');
    await expect(rows.nth(1).innerText()).resolves.toContain('Sent');

    // Nothing is saved before the person confirms.
    await page.getByRole('button', { name: 'Log 2 messages' }).click();
    await page.getByTestId('communication').filter({ hasText: RECEIVED_LINE }).waitFor();
    await page.getByTestId('communication').filter({ hasText: SENT }).waitFor();

    // The message shows the export's fingerprint and offers the original, byte for byte.
    await page
      .getByTestId('communication')
      .filter({ hasText: RECEIVED_LINE })
      .getByTestId('communication-link')
      .click();
    const fingerprint = await page.getByTestId('message-original-fingerprint').innerText();
    const href = (await page.getByTestId('message-original-download').getAttribute('href')) ?? '';
    const original = await page.request.get(new URL(href, stack.spaUrl).toString());
    expect(original.status()).toBe(200);
    const bytes = await original.body();
    expect(bytes.toString('utf8')).toBe(THREAD);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(fingerprint.trim());

    await page.goto(`${stack.spaUrl}${workspacePath}/timeline?from=2026-10-01&to=2026-10-31`);
    await page.getByTestId('timeline-message').filter({ hasText: RECEIVED_LINE }).waitFor();
    await expect(page.getByTestId('timeline-message').count()).resolves.toBe(2);
    await page.getByLabel('Show').selectOption('incidents');
    await page.getByRole('button', { name: 'Show', exact: true }).click();
    await page.getByTestId('timeline-empty').waitFor();
  }, 120_000);

  it('importing the same thread again says when it was imported and logs it only when asked', async () => {
    await page.goto(`${stack.spaUrl}${workspacePath}/communications/import`);
    await page.getByLabel('Or paste the thread').fill(THREAD);
    await page.getByLabel('Your name as the export prints it').fill('Sam Lee');
    await page.getByLabel('Time zone of the export’s dates').selectOption('America/Chicago');
    await page.getByRole('button', { name: 'Preview' }).click();
    const notice = page.getByTestId('import-already');
    await notice.waitFor();
    await expect(notice.innerText()).resolves.toContain('imported on');
    await expect(page.getByRole('button', { name: 'Log 2 messages' }).count()).resolves.toBe(0);
    await page.getByRole('button', { name: 'Import again (2 messages)' }).click();
    await page.getByTestId('communication').nth(3).waitFor();
    await expect(page.getByTestId('communication').filter({ hasText: SENT }).count()).resolves.toBe(2);
  }, 120_000);

  it('the plan page shows the AI actions used this month against the quota', async () => {
    await page.goto(`${stack.spaUrl}${workspacePath}/billing`);
    await page.getByTestId('billing-ai-usage').waitFor();
    await expect(page.getByTestId('billing-ai-used').innerText()).resolves.toBe('0 of 25');
  }, 60_000);
});
