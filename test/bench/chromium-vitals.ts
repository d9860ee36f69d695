// Web vitals from Chromium's own performance APIs (the figures `pnpm bench:web -- --chromium` prints
// beside Lighthouse's): each page loaded in a fresh browser context on a desktop and a throttled
// phone profile. Desktop: 1350x940, no throttling. Phone: 412x823, CPU slowed 4x, 150 ms latency,
// 1.6 Mbit/s down (Lighthouse's mobile figures). FCP and LCP from paint entries; CLS from
// layout-shift entries; TBT as the sum of long tasks' time over 50 ms until the page is idle; JS
// figures from Chromium's code coverage (bytes of the scripts the page ran, and the bytes it never executed).
import type { Browser, BrowserContext } from 'playwright-core';

export type Profile = {
  name: 'desktop' | 'phone';
  viewport: { width: number; height: number };
  cpuSlowdown: number;
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
};

export const PROFILES: Profile[] = [
  { name: 'desktop', viewport: { width: 1350, height: 940 }, cpuSlowdown: 1 },
  {
    name: 'phone',
    viewport: { width: 412, height: 823 },
    cpuSlowdown: 4,
    network: {
      latency: 150,
      downloadThroughput: (1.6 * 1024 * 1024) / 8,
      uploadThroughput: (750 * 1024) / 8,
    },
  },
];

export type Figures = {
  fcp: number;
  lcp: number;
  cls: number;
  tbt: number;
  jsKb: number;
  unusedJsKb: number;
};

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface Window {
    __vitals?: { lcp: number; cls: number; longTasks: { start: number; duration: number }[] };
  }
}

/** Loads `url` once in a fresh profile and reads its figures. */
export async function measure(
  browser: Browser,
  profile: Profile,
  url: string,
  readySelector: string,
  cookie?: { value: string; url: string },
): Promise<Figures> {
  const context: BrowserContext = await browser.newContext({ viewport: profile.viewport });
  if (cookie !== undefined) await context.addCookies([{ name: 'hf_session', ...cookie }]);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuSlowdown });
  if (profile.network !== undefined) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, ...profile.network });
  }
  await page.addInitScript(() => {
    const vitals = { lcp: 0, cls: 0, longTasks: [] as { start: number; duration: number }[] };
    window.__vitals = vitals;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) vitals.lcp = entry.startTime;
    }).observe({ type: 'largest-contentful-paint', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & {
        value: number;
        hadRecentInput: boolean;
      })[])
        if (!entry.hadRecentInput) vitals.cls += entry.value;
    }).observe({ type: 'layout-shift', buffered: true });
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        vitals.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.coverage.startJSCoverage({ resetOnNavigation: false });
  await page.goto(url);
  await page.locator(readySelector).first().waitFor({ timeout: 60_000 });
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(500);
  const coverage = await page.coverage.stopJSCoverage();
  const figures = await page.evaluate(() => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0;
    const vitals = window.__vitals ?? { lcp: 0, cls: 0, longTasks: [] };
    const tbt = vitals.longTasks
      .filter((task) => task.start + task.duration > fcp)
      .reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0);
    return { fcp, lcp: vitals.lcp, cls: vitals.cls, tbt };
  });
  let total = 0;
  let used = 0;
  for (const entry of coverage) {
    if (!new URL(entry.url).pathname.startsWith('/assets/')) continue;
    const size = entry.source?.length ?? 0;
    total += size;
    // Function ranges nest: a block counts as used by its innermost range (the last that covers it).
    const counts = new Uint8Array(size);
    for (const fn of entry.functions)
      for (const range of fn.ranges) counts.fill(range.count > 0 ? 1 : 0, range.startOffset, range.endOffset);
    used += counts.reduce((sum, isUsed) => sum + isUsed, 0);
  }
  await context.close();
  return { ...figures, jsKb: total / 1024, unusedJsKb: (total - used) / 1024 };
}
