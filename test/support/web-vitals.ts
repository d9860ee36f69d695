import type { Page, Request } from 'playwright-core';

/** What a page did while it loaded: its layout shifts (CLS), console errors and API requests. */
export type PageWatch = {
  consoleErrors: string[];
  apiRequests: string[];
  /** The cumulative layout shift so far, and what moved (for a failure message). */
  readLayoutShift: () => Promise<{ cls: number; sources: string[] }>;
};

type ShiftRecord = { value: number; hadRecentInput: boolean; sources: string[] };

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface Window {
    __holdfastShifts?: ShiftRecord[];
  }
}

/**
 * Watches every document the page loads from now on: a PerformanceObserver for `layout-shift`
 * entries (buffered, so shifts before the app's script ran count too), console errors and
 * uncaught exceptions, and the API paths requested.
 */
export async function watchPage(page: Page): Promise<PageWatch> {
  const watch: PageWatch = {
    consoleErrors: [],
    apiRequests: [],
    readLayoutShift: async () => {
      const shifts = await page.evaluate(() => window.__holdfastShifts ?? []);
      // CLS as Chrome defines it for a page load: shifts not caused by the person's own input.
      const counted = shifts.filter((shift) => !shift.hadRecentInput);
      return {
        cls: counted.reduce((sum, shift) => sum + shift.value, 0),
        sources: counted.map((shift) => `${shift.value.toFixed(4)}: ${shift.sources.join(', ')}`),
      };
    },
  };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(error.message));
  page.on('request', (request: Request) => {
    const { pathname } = new URL(request.url());
    if (pathname.startsWith('/v1/')) watch.apiRequests.push(`${request.method()} ${pathname}`);
  });
  await page.addInitScript(() => {
    const shifts: ShiftRecord[] = [];
    window.__holdfastShifts = shifts;
    type LayoutShift = PerformanceEntry & {
      value: number;
      hadRecentInput: boolean;
      sources?: { node?: Node | null }[];
    };
    const describe = (node: Node | null | undefined): string => {
      if (!(node instanceof Element)) return node?.nodeName ?? '?';
      const testId = node.getAttribute('data-testid');
      return `${node.tagName.toLowerCase()}${node.className === '' ? '' : `.${String(node.className).split(' ').join('.')}`}${testId === null ? '' : `[${testId}]`}`;
    };
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as LayoutShift[]) {
        shifts.push({
          value: entry.value,
          hadRecentInput: entry.hadRecentInput,
          sources: (entry.sources ?? []).map((source) => describe(source.node)),
        });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  return watch;
}

/** Holds every answer to API paths matching `pattern` for `ms`, as a slow phone network would. */
export async function delayApi(page: Page, pattern: RegExp, ms: number): Promise<void> {
  await page.route(
    (url) => pattern.test(url.pathname),
    async (route) => {
      await new Promise((resolve) => setTimeout(resolve, ms));
      await route.continue();
    },
  );
}

/**
 * Holds every answer to API paths matching `pattern` until `release()` is called: the page's data
 * arriving after its frame has drawn, however early the page asked for it (a signed-in page asks
 * for its data as soon as its script runs, beside the session check).
 */
export async function holdApi(page: Page, pattern: RegExp): Promise<{ release: () => void }> {
  let release = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(
    (url) => pattern.test(url.pathname),
    async (route) => {
      await released;
      await route.continue();
    },
  );
  return { release };
}
