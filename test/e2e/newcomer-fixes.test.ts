import { describe, expect, it } from '@jest/globals';
import { clickNav, signInInBrowser } from '../support/browser.js';
import { uniqueEmail } from '../support/harness.js';
import { useBrowserStack } from '../support/browser-suite.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/**
 * What a newcomer tripped on, each kept fixed: the audit log readable with filters, the wellbeing
 * calendar with weekdays and dates, the privacy table's headings and processor names, the
 * documents search box styled, one storage figure on the documents and plan pages, and the
 * summaries page saying what it needs (and what still works) on a server with no AI provider.
 */
describe('browser: newcomer fixes', () => {
  let workspaceId = '';
  const suite = useBrowserStack({ viewport: DESKTOP });

  it('shows a calendar with weekdays and dates, and an audit log of changes or reads, readable on a phone', async () => {
    const { stack, page } = suite;
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('newcomer'));
    await page.getByTestId('new-incident').waitFor();
    workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    await clickNav(page, 'nav-wellbeing');
    await page.getByTestId('checkin-new').click();
    await page.getByTestId('checkin-mood').fill('7');
    await page.getByTestId('checkin-anxiety').fill('3');
    await page.getByTestId('checkin-save').click();
    await page.getByTestId('heat-map-day').first().waitFor();
    expect(await page.getByTestId('heat-map-weekday').allTextContents()).toEqual([
      'Sun',
      'Mon',
      'Tue',
      'Wed',
      'Thu',
      'Fri',
      'Sat',
    ]);
    expect(await page.getByTestId('heat-map-month').count()).toBeGreaterThanOrEqual(1);
    const dates = await page.getByTestId('heat-map-date').allTextContents();
    expect(dates.length).toBeGreaterThanOrEqual(7);
    expect(dates).toContain(String(new Date().getDate()));

    await page.setViewportSize(PHONE);
    await clickNav(page, 'nav-audit');
    await page.getByTestId('audit-entry').first().waitFor();
    expect(await page.getByTestId('audit-filter-changes').isChecked()).toBe(true);
    const changes = await page.getByTestId('audit-entry').allTextContents();
    expect(changes.some((text) => text.includes('Created the workspace'))).toBe(true);
    expect(changes.some((text) => /\.read|\.listed/.test(text))).toBe(false);
    // Readable on a phone: the time sits on one line, not squeezed to a few characters per line.
    const when = await page.locator('.audit-when').first().boundingBox();
    expect(when?.width ?? 0).toBeGreaterThan(120);
    expect(when?.height ?? 100).toBeLessThan(30);
    await page.locator('.audit-details summary').first().click();
    expect(await page.getByTestId('audit-hash').first().textContent()).toMatch(/^[0-9a-f]{64}$/);

    await page.getByTestId('audit-filter-reads').check();
    await page.getByText('wellbeing.checkin', { exact: false }).first().waitFor();
    const reads = await page.getByTestId('audit-entry').allTextContents();
    expect(reads.length).toBeGreaterThan(0);
    expect(reads.every((text) => text.includes('wellbeing.checkin'))).toBe(true);
    await page.getByTestId('audit-filter-all').check();
    await page.waitForFunction(
      (count) => document.querySelectorAll('[data-testid="audit-entry"]').length === count,
      changes.length + reads.length,
    );
    await page.setViewportSize(DESKTOP);
  }, 120_000);

  it('styles the documents search box and shows the same storage figure on the documents and plan pages', async () => {
    const { page } = suite;
    await clickNav(page, 'nav-documents');
    const search = page.getByTestId('document-search');
    await search.waitFor();
    const style = await search.evaluate((element) => {
      const computed = getComputedStyle(element);
      return { radius: computed.borderTopLeftRadius, height: element.getBoundingClientRect().height };
    });
    expect(style.radius).toBe('5px');
    expect(style.height).toBeGreaterThanOrEqual(44);

    const usage = (await page.getByTestId('storage-usage').textContent()) ?? '';
    const quota = /of (.+?) used/.exec(usage)?.[1] ?? '';
    expect(quota).not.toBe('');
    await clickNav(page, 'nav-billing');
    await page.getByTestId('billing-local').waitFor();
    await expect(page.getByTestId('billing-storage').textContent()).resolves.toBe(quota);
  }, 60_000);

  it('keeps the privacy table’s headings whole and names processors', async () => {
    const { stack, page } = suite;
    await page.goto(`${stack.spaUrl}/privacy`);
    await page.getByTestId('record-type').first().waitFor();
    // Each word of a column heading sits on one line.
    const splitWords = await page.evaluate(() =>
      Array.from(document.querySelectorAll('[data-testid="record-types"] th[scope="col"]')).flatMap((th) => {
        const node = th.firstChild;
        if (node === null || node.textContent === null) return [];
        const text = node.textContent;
        const broken: string[] = [];
        let start = 0;
        for (const word of text.split(' ')) {
          const range = document.createRange();
          range.setStart(node, start);
          range.setEnd(node, start + word.length);
          if (range.getClientRects().length > 1) broken.push(word);
          start += word.length + 1;
        }
        return broken;
      }),
    );
    expect(splitWords).toEqual([]);

    const names = await page.evaluate(async () => {
      const response = await fetch('/v1/privacy/inventory');
      const body = (await response.json()) as { subprocessors: { id: string; name: string }[] };
      return body.subprocessors;
    });
    const cells = await page.getByTestId('record-type-providers').allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      for (const shown of cell.split(', ').filter((part) => part !== '')) {
        expect(names.map((provider) => provider.name)).toContain(shown);
      }
    }
  }, 60_000);

  it('draws every text, number and date field at full height, and the library list in the page font', async () => {
    const { stack, page } = suite;
    // Number fields were once left to the browser's default: a 20 px sliver under the label.
    await page.setViewportSize(DESKTOP);
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/credentials/activities`);
    await page.getByTestId('activity-form').waitFor();
    const heights = await page
      .locator('input:not([type=checkbox]):not([type=radio]):not([type=file]):not([type=hidden]), select')
      .evaluateAll((fields) =>
        fields
          .filter((field) => field.getBoundingClientRect().width > 0)
          .map((field) => ({
            type: field.getAttribute('type') ?? field.tagName,
            height: field.getBoundingClientRect().height,
          })),
      );
    expect(heights.some((field) => field.type === 'number')).toBe(true);
    expect(Math.min(...heights.map((field) => field.height))).toBeGreaterThanOrEqual(40);

    await page.goto(`${stack.spaUrl}/w/${workspaceId}/library`);
    const hit = page.getByTestId('library-hit').first();
    await hit.waitFor();
    const fonts = await hit.evaluate((element) => ({
      hit: getComputedStyle(element).fontFamily,
      body: getComputedStyle(document.body).fontFamily,
    }));
    expect(fonts.hit).toBe(fonts.body);
    // With nothing open the results use more than one column's width of the page.
    const results = await page
      .getByTestId('library-results')
      .evaluate((list) => getComputedStyle(list).gridTemplateColumns);
    expect(results.split(' ').length).toBeGreaterThan(1);
  }, 60_000);

  it('P-AI-3 says on the summaries page that summaries need an AI provider, and what still works', async () => {
    const { stack, page } = suite;
    // It once said "Choose a period above" with no form above it.
    await page.goto(`${stack.spaUrl}/w/${workspaceId}/summaries`);
    const notice = page.getByTestId('ai-not-configured');
    await notice.getByText('Summaries need an AI provider').waitFor();
    const text = (await notice.textContent()) ?? '';
    for (const stillWorks of ['incidents', 'messages', 'timeline', 'court report', 'summaries saved here'])
      expect(text).toContain(stillWorks);
    await notice.getByRole('link', { name: 'timeline' }).waitFor();
    expect(await page.getByTestId('summary-form').count()).toBe(0);
    const empty = (await page.getByTestId('summaries-empty').textContent()) ?? '';
    expect(empty).not.toContain('above');
    expect(empty).toContain('without an AI provider');
  }, 60_000);
});
