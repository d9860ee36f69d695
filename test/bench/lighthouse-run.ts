// One Lighthouse 12 run of one page in Debian's Chromium. Chromium is launched by us (not by
// chrome-launcher, which is not a dependency of this package) with the flags the browser tests
// use, and Lighthouse attaches to its debugging port; each run gets a fresh browser so no cache,
// service worker or compiled code carries over from the previous run.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import lighthouse, { desktopConfig, type Flags, type Result } from 'lighthouse';
import { findFreePort, waitFor } from '@holdfast/scripts/free-port';

export type Preset = 'desktop' | 'mobile';

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

export type LighthouseFigures = {
  performance: number;
  accessibility: number;
  bestPractices: number;
  seo: number;
  fcpMs: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
  /** Audits of the four categories that did not pass, with Lighthouse's own title. */
  failing: { id: string; title: string; displayValue: string }[];
};

function categoryScore(result: Result, id: (typeof CATEGORIES)[number]): number {
  return Math.round((result.categories[id]?.score ?? 0) * 100);
}

function auditValue(result: Result, id: string): number {
  return result.audits[id]?.numericValue ?? Number.NaN;
}

/** The audits of the scored categories that failed (score below 0.9; informative ones skipped). */
function failingAudits(result: Result): LighthouseFigures['failing'] {
  const ids = new Set<string>();
  for (const category of CATEGORIES)
    for (const ref of result.categories[category]?.auditRefs ?? []) ids.add(ref.id);
  const failing: LighthouseFigures['failing'] = [];
  for (const id of ids) {
    const audit = result.audits[id];
    if (audit === undefined || audit.score === null || audit.score >= 0.9) continue;
    failing.push({ id, title: audit.title, displayValue: audit.displayValue ?? '' });
  }
  return failing;
}

/**
 * Runs Lighthouse once on `url` with the desktop or the default (mobile) preset. `cookie` is sent
 * on every request of the page as a header: Lighthouse clears the origin's storage before loading,
 * so a cookie set in the browser would be gone; a header survives and is what a signed-in browser sends.
 * `reportPath`, when given, receives the whole Lighthouse result as JSON: its diagnostic audits
 * (bytes, unused JavaScript, main-thread work, request chains) say why a score is what it is.
 */
export async function runLighthouse(
  url: string,
  preset: Preset,
  cookie?: string,
  reportPath?: string,
): Promise<LighthouseFigures> {
  const port = await findFreePort();
  const profileDir = await mkdtemp(join(tmpdir(), 'holdfast-lighthouse-'));
  const chromium = spawn(
    '/usr/bin/chromium',
    [...CHROMIUM_FLAGS, `--remote-debugging-port=${port}`, `--user-data-dir=${profileDir}`, 'about:blank'],
    { stdio: 'ignore' },
  );
  try {
    await waitFor(
      'Chromium debugging port',
      async () => (await fetch(`http://127.0.0.1:${port}/json/version`)).ok,
      30_000,
    );
    const flags: Flags = {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
      ...(cookie === undefined ? {} : { extraHeaders: { Cookie: cookie } }),
    };
    const runner = await lighthouse(url, flags, preset === 'desktop' ? desktopConfig : undefined);
    if (runner === undefined) throw new Error(`Lighthouse returned no result for ${url}`);
    const result = runner.lhr;
    if (reportPath !== undefined) {
      await mkdir(dirname(reportPath), { recursive: true });
      await writeFile(reportPath, JSON.stringify(result));
    }
    if (result.runtimeError !== undefined)
      throw new Error(`Lighthouse could not load ${url}: ${result.runtimeError.message}`);
    return {
      performance: categoryScore(result, 'performance'),
      accessibility: categoryScore(result, 'accessibility'),
      bestPractices: categoryScore(result, 'best-practices'),
      seo: categoryScore(result, 'seo'),
      fcpMs: auditValue(result, 'first-contentful-paint'),
      lcpMs: auditValue(result, 'largest-contentful-paint'),
      tbtMs: auditValue(result, 'total-blocking-time'),
      cls: auditValue(result, 'cumulative-layout-shift'),
      failing: failingAudits(result),
    };
  } finally {
    await new Promise<void>((resolve) => {
      if (chromium.exitCode !== null) resolve();
      else {
        chromium.once('exit', () => resolve());
        chromium.kill('SIGTERM');
      }
    });
    await rm(profileDir, { recursive: true, force: true });
  }
}
