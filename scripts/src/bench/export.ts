/**
 * Export benchmark (P-RIGHT-1: the export is streamed, so memory stays flat as it grows).
 * Starts the embedded stack in memory, seeds one person with 10,000 incidents and 100 files and
 * another with twice that, then builds each export in a fresh process while sampling its resident
 * memory from /proc. Prints the peak RSS and the time of each, and the time ratio. Exits 1 when a
 * peak reaches 256 MB or twice the data takes more than 2.2 times as long.
 *
 * Usage: pnpm --filter @holdfast/scripts bench:export [-- --incidents 10000 --files 100]
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStack } from '../stack/index.js';
import { reportFigure } from './figure.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const PEAK_TARGET_MB = 256;
const RATIO_TARGET = 2.2;
const SCRIPTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name: string, fallback: number) =>
  Number(process.argv[process.argv.indexOf(`--${name}`) + 1] ?? '') || fallback;
const incidents = arg('incidents', 10_000);
const files = arg('files', 100);

function rssBytes(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return Number(match?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** Runs the worker; returns its last stdout line as JSON and its peak RSS (sampled every 20 ms). */
function runWorker(
  env: Record<string, string>,
  args: string[],
): Promise<{ result: Record<string, unknown>; peakRss: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/bench/export-worker.ts', ...args], {
      cwd: SCRIPTS_DIR,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    let peakRss = 0;
    const timer = setInterval(() => {
      if (child.pid !== undefined) peakRss = Math.max(peakRss, rssBytes(child.pid));
    }, 20);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) return reject(new Error(`worker ${args[0] ?? ''} exited with ${String(code)}`));
      const line = output.trim().split('\n').at(-1) ?? '{}';
      resolvePromise({ result: JSON.parse(line) as Record<string, unknown>, peakRss });
    });
  });
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

async function main(): Promise<void> {
  const stack = await startStack({ tablePrefix: 'holdfast-bench', blobBucket: 'holdfast-bench-blobs' });
  const env = {
    ...stack.apiEnvironment,
    HOLDFAST_ENV: 'local',
    WEB_ORIGIN: 'http://127.0.0.1:5173',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    LOG_LEVEL: 'warn',
  };
  try {
    const runs: { label: string; seconds: number; peak: number; size: number }[] = [];
    for (const scale of [1, 2]) {
      const label = `${incidents * scale} incidents + ${files * scale} files`;
      process.stdout.write(`seeding ${label}…\n`);
      const seeded = await runWorker(env, ['seed', String(incidents * scale), String(files * scale)]);
      const userId = String(seeded.result.userId);
      const exported = await runWorker(env, ['export', userId]);
      const run = {
        label,
        seconds: Number(exported.result.seconds),
        peak: exported.peakRss,
        size: Number(exported.result.size),
      };
      runs.push(run);
      process.stdout.write(
        `export of ${label}: ${run.seconds.toFixed(2)} s, ZIP ${mb(run.size)} MB, peak RSS ${mb(run.peak)} MB\n`,
      );
    }
    const [one, two] = runs;
    if (one === undefined || two === undefined) throw new Error('missing runs');
    const ratio = two.seconds / one.seconds;
    const peak = Math.max(one.peak, two.peak);
    process.stdout.write(
      `time ratio (2x data): ${ratio.toFixed(2)} (target ≤ ${RATIO_TARGET}); peak RSS ${mb(peak)} MB (target < ${PEAK_TARGET_MB} MB)\n`,
    );
    reportFigure({
      figure: `export peak RSS, ${two.label} (MB)`,
      target: `< ${PEAK_TARGET_MB}`,
      measured: mb(peak),
      ratio: (peak / (PEAK_TARGET_MB * 1024 * 1024)).toFixed(2),
    });
    reportFigure({
      figure: 'export time at 2x data over 1x',
      target: `≤ ${RATIO_TARGET}`,
      measured: ratio.toFixed(2),
      ratio: (ratio / RATIO_TARGET).toFixed(2),
    });
    if (peak >= PEAK_TARGET_MB * 1024 * 1024 || ratio > RATIO_TARGET) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

await main();
