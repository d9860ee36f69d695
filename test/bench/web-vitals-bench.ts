// Web vitals of the production build: Lighthouse 12.2.3 (desktop and mobile presets, simulated
// throttling) in Debian's Chromium on the built SPA served by `vite preview`, against a listening
// API on its own in-memory embedded stack, signed in with a real session for the workspace pages.
// Medians of RUNS runs per page and preset, printed as one table with the targets. Run `vite build`
// first (`bash scripts/test.sh "web build"`), then:
//   pnpm bench:web                                  (3 runs, every page)
//   pnpm bench:web -- --runs 1 --pages sign-in,privacy --audits
//                                                   (quick look; --audits lists failing audits)
//   pnpm bench:web -- --save .holdfast/bench/lighthouse
//                                                   (also keeps each run's whole Lighthouse result
//                                                   as <page>-<preset>-<run>.json in that folder)
//   pnpm bench:web -- --chromium                    (Chromium's own performance entries and the
//                                                   JavaScript each page never ran, instead of Lighthouse)
// Scores depend on the machine's load: the table's first line says the load average.
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reportFigure } from '@holdfast/scripts/bench-figure';
import { measure, PROFILES, type Figures } from './chromium-vitals.js';
import { runLighthouse, type LighthouseFigures, type Preset } from './lighthouse-run.js';
import { median } from './median.js';
import { startWebBench, type BenchPage, type WebBench } from './web-bench-stack.js';

// `pnpm bench:web -- --runs 1` hands the `--` on; it separates nothing here.
const { values: options } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    runs: { type: 'string', default: process.env.RUNS ?? '3' },
    pages: { type: 'string' },
    audits: { type: 'boolean', default: false },
    chromium: { type: 'boolean', default: false },
    save: { type: 'string' },
  },
});
const RUNS = Math.max(1, Number(options.runs));
// `pnpm bench:web` runs in test/; a relative --save folder is meant from where it was typed.
const SAVE_FROM = process.env.INIT_CWD ?? process.cwd();

const TARGETS = {
  desktopPerformance: 95,
  mobilePerformance: 90,
  accessibility: 100,
  bestPractices: 100,
  publicSeo: 95,
  cls: 0.02,
};

function machineLine(): string {
  const [one, five] = loadavg();
  return `${cpus().length} cores, load average ${(one ?? 0).toFixed(2)} (5 min ${(five ?? 0).toFixed(2)}), node ${process.version}`;
}

/** Medians of RUNS Lighthouse runs of one page with one preset; failing audits of every run. */
async function lighthouseMedians(
  bench: WebBench,
  page: BenchPage,
  preset: Preset,
): Promise<{ figures: LighthouseFigures; failing: Map<string, string> }> {
  const runs: LighthouseFigures[] = [];
  for (let run = 0; run < RUNS; run += 1)
    runs.push(
      await runLighthouse(
        `${bench.stack.spaUrl}${page.path}`,
        preset,
        page.isPublic ? undefined : bench.sessionCookie,
        options.save === undefined
          ? undefined
          : resolve(SAVE_FROM, options.save, `${page.name}-${preset}-${run + 1}.json`),
      ),
    );
  const m = (key: Exclude<keyof LighthouseFigures, 'failing'>) => median(runs.map((figures) => figures[key]));
  const failing = new Map<string, string>();
  for (const figures of runs)
    for (const audit of figures.failing) failing.set(audit.id, `${audit.title} ${audit.displayValue}`.trim());
  return {
    figures: {
      performance: m('performance'),
      accessibility: m('accessibility'),
      bestPractices: m('bestPractices'),
      seo: m('seo'),
      fcpMs: m('fcpMs'),
      lcpMs: m('lcpMs'),
      tbtMs: m('tbtMs'),
      cls: m('cls'),
      failing: [],
    },
    failing,
  };
}

/** `value` marked with `✗` when it misses its target. */
function cell(value: string, isMet: boolean): string {
  return isMet ? value : `${value} ✗`;
}

async function benchLighthouse(bench: WebBench, pages: BenchPage[]): Promise<void> {
  const header = [
    'page',
    'desktop perf',
    'a11y',
    'best practices',
    'SEO',
    'mobile perf',
    'CLS desktop / mobile',
    'mobile FCP / LCP / TBT',
  ];
  const rows: string[][] = [];
  const notes: string[] = [];
  for (const page of pages) {
    const desktop = await lighthouseMedians(bench, page, 'desktop');
    const mobile = await lighthouseMedians(bench, page, 'mobile');
    const d = desktop.figures;
    const p = mobile.figures;
    // Accessibility, best practices and SEO count at their worse of the two presets.
    const accessibility = Math.min(d.accessibility, p.accessibility);
    const bestPractices = Math.min(d.bestPractices, p.bestPractices);
    const seo = Math.min(d.seo, p.seo);
    rows.push([
      page.name,
      cell(String(d.performance), d.performance >= TARGETS.desktopPerformance),
      cell(String(accessibility), accessibility >= TARGETS.accessibility),
      cell(String(bestPractices), bestPractices >= TARGETS.bestPractices),
      page.isPublic ? cell(String(seo), seo >= TARGETS.publicSeo) : `${seo} (signed in)`,
      cell(String(p.performance), p.performance >= TARGETS.mobilePerformance),
      cell(`${d.cls.toFixed(3)} / ${p.cls.toFixed(3)}`, Math.max(d.cls, p.cls) <= TARGETS.cls),
      `${(p.fcpMs / 1000).toFixed(2)} s / ${(p.lcpMs / 1000).toFixed(2)} s / ${Math.round(p.tbtMs)} ms`,
    ]);
    reportFigure({
      figure: `Lighthouse ${page.name}: performance desktop / mobile`,
      target: `≥ ${TARGETS.desktopPerformance} / ≥ ${TARGETS.mobilePerformance}`,
      measured: `${d.performance} / ${p.performance}`,
      ratio: Math.min(
        d.performance / TARGETS.desktopPerformance,
        p.performance / TARGETS.mobilePerformance,
      ).toFixed(2),
    });
    reportFigure({
      figure: `Lighthouse ${page.name}: a11y / best practices${page.isPublic ? ' / SEO' : ''} / CLS`,
      target: `${TARGETS.accessibility} / ${TARGETS.bestPractices}${page.isPublic ? ` / ≥ ${TARGETS.publicSeo}` : ''} / ≤ ${TARGETS.cls}`,
      measured: `${accessibility} / ${bestPractices}${page.isPublic ? ` / ${seo}` : ''} / ${Math.max(d.cls, p.cls).toFixed(3)}`,
      ratio: '—',
    });
    // Each row as soon as it is known, so a run cut short still leaves its figures.
    process.stdout.write(`measured ${(rows.at(-1) ?? []).join(' | ')}\n`);
    if (options.audits)
      for (const [preset, failing] of [
        ['desktop', desktop.failing],
        ['mobile', mobile.failing],
      ] as const)
        for (const [id, text] of failing) notes.push(`${page.name} ${preset}: ${id}: ${text}`);
  }
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((text, column) => text.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  process.stdout.write(
    [
      '',
      `Lighthouse 12.2.3, production build, medians of ${RUNS} run(s); ${machineLine()}`,
      `Targets: perf ≥ ${TARGETS.desktopPerformance} desktop, ≥ ${TARGETS.mobilePerformance} mobile; a11y ${TARGETS.accessibility}; best practices ${TARGETS.bestPractices}; SEO ≥ ${TARGETS.publicSeo} on public pages; CLS ≤ ${TARGETS.cls} (✗ marks a miss)`,
      '',
      line(header),
      line(widths.map((width) => '-'.repeat(width))),
      ...rows.map(line),
      '',
      ...(notes.length > 0 ? ['Failing audits:', ...notes.map((note) => `- ${note}`), ''] : []),
    ].join('\n'),
  );
}

async function benchChromium(bench: WebBench, pages: BenchPage[]): Promise<void> {
  const rows: string[] = [];
  for (const target of pages) {
    const cells: string[] = [target.name.padEnd(14)];
    for (const profile of PROFILES) {
      const runs: Figures[] = [];
      for (let run = 0; run < RUNS; run += 1)
        runs.push(
          await measure(
            bench.stack.browser,
            profile,
            `${bench.stack.spaUrl}${target.path}`,
            target.ready,
            target.isPublic
              ? undefined
              : { value: bench.sessionCookie.replace(/^hf_session=/u, ''), url: bench.stack.spaUrl },
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
      `Web vitals, production build, medians of ${RUNS} runs (FCP / LCP / CLS / TBT); ${machineLine()}`,
      '',
      `| ${'page'.padEnd(14)} | ${'desktop'.padEnd(34)} | ${'desktop JS (loaded, never run)'.padEnd(24)} | ${'phone (4x CPU, 150 ms, 1.6 Mbit/s)'.padEnd(34)} |`,
      `| ${'-'.repeat(14)} | ${'-'.repeat(34)} | ${'-'.repeat(24)} | ${'-'.repeat(34)} |`,
      ...rows,
      '',
    ].join('\n'),
  );
}

async function main(): Promise<void> {
  const bench = await startWebBench();
  try {
    const wanted = options.pages?.split(',').map((name) => name.trim());
    const pages =
      wanted === undefined ? bench.pages : bench.pages.filter((page) => wanted.includes(page.name));
    if (pages.length === 0)
      throw new Error(`no such page; pages: ${bench.pages.map((page) => page.name).join(', ')}`);
    if (options.chromium) await benchChromium(bench, pages);
    else await benchLighthouse(bench, pages);
  } finally {
    await bench.stop();
  }
}

void main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
