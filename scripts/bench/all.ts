// `pnpm bench`: runs every benchmark, one after the other (they share two cores, so running them
// side by side would measure each other), and prints one table of figure, target, measured and
// ratio, gathered from the `bench-figure` lines each benchmark prints (figure.ts), with a line
// saying the machine. Each benchmark's own output goes to .holdfast/bench/<name>.log.
//   pnpm bench             every benchmark at its full size (the Lighthouse one needs `vite build` first)
//   pnpm bench -- --quick  the short ones at a reduced size, a few minutes in all
//   --only a,b             only the named benchmarks; --verbose also shows their output as it comes
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseFigureLine, type BenchFigure } from '../src/bench/figure.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

type Bench = {
  name: string;
  /** The package folder the benchmark runs from (its own tsx and dependencies). */
  cwd: string;
  file: string;
  fullArgs: string[];
  /** Arguments of the quick mode; a benchmark without them is left out of it. */
  quickArgs?: string[];
  env?: Record<string, string>;
  quickEnv?: Record<string, string>;
};

const BENCHES: Bench[] = [
  {
    name: 'throughput',
    cwd: 'scripts',
    file: 'bench/throughput.ts',
    // The API from its built bundle in its own process, as production runs it, with its memory reported.
    fullArgs: [],
    quickArgs: ['--seconds', '2'],
  },
  {
    name: 'audit',
    cwd: 'scripts',
    file: 'bench/audit-writers.ts',
    fullArgs: [],
    quickArgs: ['--writers', '10', '--requests', '100'],
  },
  {
    name: 'phi',
    cwd: 'test',
    file: 'bench/phi-bench.ts',
    fullArgs: [],
    quickArgs: ['--writes', '200'],
  },
  { name: 'mail', cwd: 'scripts', file: 'bench/mail-outbox.ts', fullArgs: [], quickArgs: ['50'] },
  {
    name: 'library',
    cwd: 'scripts',
    file: 'bench/library-search.ts',
    fullArgs: [],
    quickArgs: ['--items', '2000'],
  },
  { name: 'export', cwd: 'scripts', file: 'src/bench/export.ts', fullArgs: [] },
  { name: 'web', cwd: 'test', file: 'bench/web-vitals-bench.ts', fullArgs: [] },
  {
    name: 'practice',
    cwd: 'scripts',
    file: 'bench/practice-next.ts',
    fullArgs: [],
    quickArgs: ['--cards', '500', '--attempts', '5000', '--runs', '50'],
  },
  {
    name: 'credentials',
    cwd: 'scripts',
    file: 'bench/credentials-progress.ts',
    fullArgs: [],
    quickArgs: ['--activities', '200', '--runs', '30'],
  },
  { name: 'lambda', cwd: 'scripts', file: 'bench/lambda-cold-start.ts', fullArgs: [], quickArgs: ['3'] },
];

const { values: options } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

/** Runs one benchmark to its end; its output goes to its log (and the terminal with --verbose). */
function runBench(bench: Bench, logPath: string): Promise<{ code: number; figures: BenchFigure[] }> {
  const args = options.quick ? (bench.quickArgs ?? []) : bench.fullArgs;
  const env = { ...process.env, ...bench.env, ...(options.quick ? bench.quickEnv : {}) };
  const cwd = join(ROOT, bench.cwd);
  const child = spawn(join(cwd, 'node_modules', '.bin', 'tsx'), [bench.file, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logPath);
  const figures: BenchFigure[] = [];
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    log.write(chunk);
    if (options.verbose) process.stdout.write(chunk);
    pending += chunk.toString('utf8');
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const figure = parseFigureLine(line);
      if (figure !== undefined) figures.push(figure);
    }
  });
  child.stderr.on('data', (chunk: Buffer) => {
    log.write(chunk);
    if (options.verbose) process.stderr.write(chunk);
  });
  return new Promise((resolvePromise) => {
    child.once('close', (code) => {
      log.end();
      const figure = parseFigureLine(pending);
      if (figure !== undefined) figures.push(figure);
      resolvePromise({ code: code ?? 1, figures });
    });
  });
}

function machineLine(): string {
  const [one, five] = loadavg();
  return (
    `machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GB, ` +
    `load average ${(one ?? 0).toFixed(2)} (5 min ${(five ?? 0).toFixed(2)}), node ${process.version}`
  );
}

async function main(): Promise<void> {
  const wanted = options.only?.split(',').map((name) => name.trim());
  const benches = BENCHES.filter(
    (bench) =>
      (wanted === undefined || wanted.includes(bench.name)) &&
      (!options.quick || bench.quickArgs !== undefined),
  );
  if (benches.length === 0)
    throw new Error(`no such benchmark; benchmarks: ${BENCHES.map((b) => b.name).join(', ')}`);
  const logDir = join(ROOT, '.holdfast', 'bench');
  mkdirSync(logDir, { recursive: true });
  const rows: BenchFigure[] = [];
  let failures = 0;
  const startLine = machineLine();
  for (const bench of benches) {
    const logPath = join(logDir, `${bench.name}.log`);
    const started = performance.now();
    process.stdout.write(`${bench.name}: running (output in ${logPath})\n`);
    const { code, figures } = await runBench(bench, logPath);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    process.stdout.write(`${bench.name}: ${code === 0 ? 'done' : `exit ${code}`} in ${seconds} s\n`);
    if (code !== 0) failures += 1;
    rows.push(...figures.map((figure) => ({ ...figure, figure: `${bench.name}: ${figure.figure}` })));
    if (code !== 0 && figures.length === 0)
      rows.push({
        figure: `${bench.name}: failed (see its log)`,
        target: '—',
        measured: `exit ${code}`,
        ratio: '—',
      });
  }
  const header: BenchFigure = { figure: 'figure', target: 'target', measured: 'measured', ratio: 'ratio' };
  const keys = ['figure', 'target', 'measured', 'ratio'] as const;
  const widths = keys.map((key) => Math.max(...[header, ...rows].map((row) => row[key].length)));
  const line = (row: BenchFigure) =>
    `| ${keys.map((key, i) => row[key].padEnd(widths[i] ?? 0)).join(' | ')} |`;
  process.stdout.write(
    [
      '',
      `${options.quick ? 'Quick' : 'Full'} benchmark run; at the start ${startLine}`,
      `at the end ${machineLine()}`,
      'Other work on the machine lowers every absolute figure; compare ratios.',
      '',
      line(header),
      `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
      ...rows.map(line),
      '',
    ].join('\n'),
  );
  if (failures > 0) process.exitCode = 1;
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
