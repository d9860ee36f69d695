import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { FakeAiProviders } from '../support/ai-providers.js';
import { uniqueEmail } from '../support/harness.js';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';

const RECEIVED = 'Running late, traffic on the bridge. Be there at 6.';
const DRAFT = 'Fine. As usual you are late, so I will wait until 6. Whatever.';
const CALM = 'I will wait at the school until 6.';
const SENTENCE = 'The other parent wrote that they were running late and would arrive at 6.';

/**
 * The communication log in Chromium, with AI answered by the local provider server: log a received
 * message, open it, ask for a calm rewrite of a reply, then summarise the month and save the
 * summary, whose citation links back to the message.
 */
describe('communications and AI help in the browser', () => {
  const fake = new FakeAiProviders();
  let stack: BrowserStack;
  let page: Page;

  beforeAll(async () => {
    await fake.start();
    stack = await startBrowserStack({
      // A provider time limit far beyond the cancel step, so only Cancel can end the first rewrite.
      env: fake.env({ OPENAI_MODEL: 'gpt-test-mini', AI_TIMEOUT_MS: '20000' }),
      viewport: { width: 1100, height: 900 },
    });
    page = stack.page;
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await fake.stop();
  });

  it('P-AI-2 logs a message, suggests a calm rewrite, and saves a reviewed summary citing the message', async () => {
    const email = uniqueEmail('comms-e2e');
    await signInInBrowser(page, stack.spaUrl, email);
    await page.getByTestId('new-incident').waitFor();
    const workspacePath = new URL(page.url()).pathname.replace(/\/incidents$/, '');

    // Log a received message, kept as it arrived.
    await page.goto(`${stack.spaUrl}${workspacePath}/communications`);
    await page.getByLabel('Message', { exact: true }).fill(RECEIVED);
    await page.getByRole('button', { name: 'Log message' }).click();
    await page.getByTestId('communication').filter({ hasText: RECEIVED }).waitFor();

    // Ask for a calm rewrite, watch it being written, and cancel it: the provider call is dropped
    // and the draft stays as written.
    await page.getByLabel('Your draft').fill(DRAFT);
    fake.replies.push({
      kind: 'stream-stall',
      value: { reply: `${CALM} ${CALM}`, removed: [], questionsToAnswer: [] },
    });
    await page.getByRole('button', { name: 'Rewrite calmly' }).click();
    await page.getByTestId('rewrite-progress').filter({ hasText: 'I will wait' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.getByTestId('rewrite-status').filter({ hasText: 'Cancelled' }).waitFor();
    await fake.waitForEarlyClose(fake.requests[0]);
    await expect(page.getByLabel('Your draft').inputValue()).resolves.toBe(DRAFT);

    // Ask again: the suggestion streams in, shown against the draft with what was left out and
    // why; the draft is kept until the person chooses to use the (edited) suggestion.
    fake.replies.push({
      kind: 'json',
      value: {
        reply: CALM,
        removed: [{ text: 'As usual you are late', reason: 'blame' }],
        questionsToAnswer: [],
      },
    });
    await page.getByRole('button', { name: 'Rewrite calmly' }).click();
    await page.getByTestId('rewrite-suggestion').waitFor();
    await expect(page.getByLabel('Suggested reply (editable)').inputValue()).resolves.toBe(CALM);
    await expect(page.getByLabel('Your draft').inputValue()).resolves.toBe(DRAFT);
    expect(fake.requests[0]?.body).toMatchObject({ store: false, input: DRAFT });
    expect(fake.requests[1]?.body).toMatchObject({ store: false, input: DRAFT, stream: true });
    const diff = page.getByTestId('rewrite-diff');
    await expect(diff.locator('del').first().textContent()).resolves.toContain('[removed: ');
    await expect(diff.locator('del').allTextContents()).resolves.toEqual(
      expect.arrayContaining([expect.stringContaining('As usual you are late')]),
    );
    await page.getByTestId('rewrite-removed').filter({ hasText: 'blame' }).waitFor();
    const accepted = `${CALM} Please let me know if that changes.`;
    await page.getByLabel('Suggested reply (editable)').fill(accepted);
    await diff.locator('ins').filter({ hasText: 'Please let me know' }).waitFor();
    await page.getByRole('button', { name: 'Use this as my draft' }).click();
    await expect(page.getByLabel('Your draft').inputValue()).resolves.toBe(accepted);
    await page.getByTestId('rewrite-original').filter({ hasText: DRAFT }).waitFor();
    expect(fake.requests).toHaveLength(2);

    // The message's own page, with a note added beside it.
    await page.getByTestId('communication-link').first().click();
    await page.getByTestId('message-content').filter({ hasText: RECEIVED }).waitFor();
    await page.getByLabel('Add a note').fill('They arrived at 6:20.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByTestId('message-notes').filter({ hasText: 'They arrived at 6:20.' }).waitFor();
    const messagePath = new URL(page.url()).pathname;

    // Summarise this month: the sentence cites the message; saving marks it AI-assisted and reviewed.
    fake.replies.push({
      kind: 'json',
      value: {
        sentences: [
          { text: SENTENCE, refs: ['M1'] },
          { text: 'The other parent is always late.', refs: [] },
        ],
      },
    });
    await page.goto(`${stack.spaUrl}${workspacePath}/summaries`);
    await page.getByTestId('summaries-empty').waitFor();
    await page.getByRole('button', { name: 'Suggest a summary' }).click();
    await page.getByTestId('summary-suggestion').waitFor();
    await expect(page.getByLabel('Sentence 1').inputValue()).resolves.toBe(SENTENCE);
    await page.getByTestId('summary-unsupported').filter({ hasText: 'cites no record' }).waitFor();
    await page.getByLabel('Sentence 1').fill(`${SENTENCE} (reviewed)`);
    await page.getByRole('button', { name: 'Save this summary' }).click();
    const saved = page.getByTestId('saved-summary');
    await saved.filter({ hasText: `${SENTENCE} (reviewed)` }).waitFor();
    await saved.getByTestId('summary-provenance').filter({ hasText: 'AI-assisted, reviewed by' }).waitFor();
    await saved.getByTestId('summary-provenance').filter({ hasText: 'summary-cited-v1' }).waitFor();

    // Only what a summary needs left for the provider: no email, no record ids (P-AI-1).
    const summaryRequest = fake.requests[2];
    expect(summaryRequest?.raw).toContain('M1');
    expect(summaryRequest?.raw).not.toContain(email);
    expect(summaryRequest?.raw).not.toContain(messagePath.split('/').pop() ?? 'missing id');

    // The citation is a link to the record it rests on.
    await saved.getByRole('link', { name: 'Message 1' }).click();
    await page.waitForURL((url) => url.pathname === messagePath);
    await page.getByTestId('message-content').filter({ hasText: RECEIVED }).waitFor();
  }, 120_000);
});
