// Web vitals of the production build, measured with Chromium's own performance APIs (Lighthouse
// is not part of this toolchain): the built SPA served by `vite preview` against a listening API on
// its own in-memory embedded stack, each page loaded RUNS times in a fresh browser profile, medians
// printed as one table. Run `vite build` first (`bash scripts/test.sh "web build"`), then:
//   pnpm bench:web            (RUNS=3; one desktop and one throttled phone profile)
// Desktop: 1350x940, no throttling. Phone: 412x823, CPU slowed 4x, 150 ms latency, 1.6 Mbit/s down
// (Lighthouse's mobile figures). FCP and LCP from paint entries; CLS from layout-shift entries;
// TBT as the sum of long tasks' time over 50 ms until the page is idle; JS figures from
// Chromium's code coverage (bytes of the scripts the page ran, and the bytes it never executed).
import type { Browser, BrowserContext } from 'playwright-core';
import { startStack } from '@holdfast/scripts/stack';
import { incidentBody, uniqueEmail } from '../support/harness.js';
import { signInInBrowser, startBrowserStack } from '../support/browser.js';

const RUNS = Number(process.env.RUNS ?? '3');

type Profile = {
  name: 'desktop' | 'phone';
  viewport: { width: number; height: number };
  cpuSlowdown: number;
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
};

const PROFILES: Profile[] = [
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

type Figures = { fcp: number; lcp: number; cls: number; tbt: number; jsKb: number; unusedJsKb: number };

declare global {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface Window {
    __vitals?: { lcp: number; cls: number; longTasks: { start: number; duration: number }[] };
  }
}

/** Loads `url` once in a fresh profile and reads its figures. */
async function measure(
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const embedded = await startStack({
    tablePrefix: 'holdfast-webbench',
    blobBucket: 'holdfast-webbench-blobs',
  });
  for (const [name, value] of Object.entries(embedded.apiEnvironment)) process.env[name] = value;
  process.env.HOLDFAST_TEST_MAIL_STORE = `${embedded.sesEndpoint}/store`;
  const stack = await startBrowserStack({ viewport: { width: 1350, height: 940 } });
  try {
    // A signed-in person with a workspace holding a screenful of incidents.
    await signInInBrowser(stack.page, stack.spaUrl, uniqueEmail('bench'));
    await stack.page.getByTestId('new-incident').waitFor();
    const workspaceId = /\/w\/([^/]+)\//u.exec(stack.page.url())?.[1] ?? '';
    const session = (await stack.page.context().cookies()).find((c) => c.name === 'hf_session')?.value ?? '';
    for (let index = 0; index < 12; index += 1) {
      await stack.t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${workspaceId}/incidents`,
        headers: { cookie: `hf_session=${session}`, 'x-holdfast-csrf': '1' },
        payload: incidentBody({
          narrative: `Exchange ${index + 1} started late; the children waited in the car.`,
        }),
      });
    }
    const cookie = { value: session, url: stack.spaUrl };
    const pages = [
      { name: 'sign-in', path: '/sign-in', ready: '[data-testid="sign-in-submit"]' },
      { name: 'privacy', path: '/privacy', ready: '[data-testid="privacy-page"]' },
      {
        name: 'incidents',
        path: `/w/${workspaceId}/incidents`,
        ready: '[data-testid="incident-list"]',
        cookie,
      },
      { name: 'documents', path: `/w/${workspaceId}/documents`, ready: 'h1', cookie },
      { name: 'wellbeing', path: `/w/${workspaceId}/wellbeing/check-ins`, ready: 'h1', cookie },
    ];
    const rows: string[] = [];
    for (const target of pages) {
      const cells: string[] = [target.name.padEnd(10)];
      for (const profile of PROFILES) {
        const runs: Figures[] = [];
        for (let run = 0; run < RUNS; run += 1)
          runs.push(
            await measure(
              stack.browser,
              profile,
              `${stack.spaUrl}${target.path}`,
              target.ready,
              target.cookie,
            ),
          );
        const m = (key: keyof Figures) => median(runs.map((figures) => figures[key]));
        cells.push(
          `${(m('fcp') / 1000).toFixed(2)} s / ${(m('lcp') / 1000).toFixed(2)} s / ${m('cls').toFixed(3)} / ${Math.round(m('tbt'))} ms`.padEnd(
            34,
          ),
        );
        if (profile.name === 'desktop')
          cells.push(`${m('jsKb').toFixed(0)} KB, ${m('unusedJsKb').toFixed(0)} KB unused`.padEnd(24));
      }
      rows.push(`| ${cells.join(' | ')} |`);
      process.stdout.write(`measured ${target.name}\n`);
    }
    process.stdout.write(
      [
        '',
        `Web vitals, production build, medians of ${RUNS} runs (FCP / LCP / CLS / TBT):`,
        '',
        `| ${'page'.padEnd(10)} | ${'desktop'.padEnd(34)} | ${'desktop JS (loaded, never run)'.padEnd(24)} | ${'phone (4x CPU, 150 ms, 1.6 Mbit/s)'.padEnd(34)} |`,
        `| ${'-'.repeat(10)} | ${'-'.repeat(34)} | ${'-'.repeat(24)} | ${'-'.repeat(34)} |`,
        ...rows,
        '',
      ].join('\n'),
    );
  } finally {
    await stack.stop();
    await embedded.stop();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
