/**
 * The Lambda bundle's size and cold start: builds `api/dist/lambda/`, then, in a fresh Node
 * process per run (a new container has nothing loaded), times the import of the bundle and its
 * first answer (`GET /health` through the handler, which builds the app against the embedded
 * stack). The entry's size counts the chunks it imports statically (what a cold start parses);
 * the libraries loaded on first use count only in the total. Targets: entry ≤ 5 MB, import to
 * first answer ≤ 800 ms. Usage: `pnpm bench:lambda [runs]`.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { buildLambdaBundles, LAMBDA_BUNDLE_DIR, measureBundle } from '@holdfast/api/scripts/build-lambda';
import { reportFigure } from '../src/bench/figure.js';
import { startStack } from '../src/stack/index.js';

const RUNS = Number(process.argv[2] ?? 5);
const BUNDLE_BUDGET_BYTES = 5 * 1024 * 1024;
const INIT_BUDGET_MS = 800;
const run = promisify(execFile);

/** One cold run: wall-clock and CPU milliseconds from the start of the import. */
type Sample = { importMs: number; firstAnswerMs: number; importCpuMs: number; firstAnswerCpuMs: number };

/**
 * Runs in the child: import, one invocation, prints the two durations as JSON, in wall-clock time
 * and in CPU time (user + system of every thread: the compiler and GC threads too), so a figure
 * taken on a loaded machine can still be compared.
 */
const PROBE = `
const started = performance.now();
const startCpu = process.cpuUsage();
const { handler } = await import(process.env.BUNDLE);
const imported = performance.now();
const importCpu = process.cpuUsage(startCpu);
const event = { version: '2.0', routeKey: '$default', rawPath: '/health', rawQueryString: '', headers: { host: 'api.holdfast.test' },
  requestContext: { http: { method: 'GET', path: '/health', protocol: 'HTTP/1.1', sourceIp: '203.0.113.10', userAgent: 'bench' }, requestId: 'bench', stage: '$default' },
  isBase64Encoded: false };
const result = await handler(event, { callbackWaitsForEmptyEventLoop: true, awsRequestId: 'bench' });
const answered = performance.now();
const answerCpu = process.cpuUsage(startCpu);
if (result.statusCode !== 200) throw new Error('health answered ' + result.statusCode);
const cpuMs = (usage) => (usage.user + usage.system) / 1000;
process.stdout.write(JSON.stringify({ importMs: imported - started, firstAnswerMs: answered - started,
  importCpuMs: cpuMs(importCpu), firstAnswerCpuMs: cpuMs(answerCpu) }));
process.exit(0);
`;

async function main(): Promise<void> {
  const { entryBytes, totalBytes } = measureBundle(await buildLambdaBundles());
  const bundle = `${LAMBDA_BUNDLE_DIR}/lambda.mjs`;
  const stack = await startStack({ tablePrefix: 'holdfast-bench', blobBucket: 'holdfast-bench-blobs' });
  try {
    const env = {
      ...process.env,
      ...stack.apiEnvironment,
      BUNDLE: bundle,
      HOLDFAST_ENV: 'local',
      WEB_ORIGIN: 'http://127.0.0.1:5173',
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
      MAIL_OUTBOX_POLL_MS: '0',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    };
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', PROBE], { env });
      samples.push(JSON.parse(stdout) as Sample);
    }
    const median = (values: number[]) =>
      [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
    const importMs = median(samples.map((sample) => sample.importMs));
    const firstAnswerMs = median(samples.map((sample) => sample.firstAnswerMs));
    const importCpuMs = median(samples.map((sample) => sample.importCpuMs));
    const firstAnswerCpuMs = median(samples.map((sample) => sample.firstAnswerCpuMs));
    const verdict = (ok: boolean) => (ok ? 'within target' : 'OVER TARGET');
    const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
    process.stdout.write(
      `lambda entry        ${megabytes(entryBytes)} with its static chunks (target ≤ 5 MB: ${verdict(entryBytes <= BUNDLE_BUDGET_BYTES)})\n` +
        `lambda code         ${megabytes(totalBytes)} in all, with the chunks loaded on first use\n` +
        `import              median ${importMs.toFixed(0)} ms over ${RUNS} cold runs (CPU ${importCpuMs.toFixed(0)} ms)\n` +
        `import→first answer median ${firstAnswerMs.toFixed(0)} ms (target ≤ ${INIT_BUDGET_MS} ms: ${verdict(firstAnswerMs <= INIT_BUDGET_MS)}; CPU ${firstAnswerCpuMs.toFixed(0)} ms)\n` +
        `load average        ${(loadavg()[0] ?? 0).toFixed(2)} (other work on the machine lengthens both times)\n`,
    );
    reportFigure({
      figure: 'entry bundle parsed at cold start',
      target: '≤ 5 MB',
      measured: megabytes(entryBytes),
      ratio: (entryBytes / BUNDLE_BUDGET_BYTES).toFixed(2),
    });
    reportFigure({
      figure: 'code in all (with first-use chunks)',
      target: '—',
      measured: megabytes(totalBytes),
      ratio: '—',
    });
    reportFigure({
      figure: 'import (median)',
      target: '—',
      measured: `${importMs.toFixed(0)} ms`,
      ratio: '—',
    });
    reportFigure({
      figure: 'import CPU time (median)',
      target: '—',
      measured: `${importCpuMs.toFixed(0)} ms`,
      ratio: '—',
    });
    reportFigure({
      figure: 'import to first answer CPU time (median)',
      target: '—',
      measured: `${firstAnswerCpuMs.toFixed(0)} ms`,
      ratio: '—',
    });
    reportFigure({
      figure: 'import to first answer (median)',
      target: `≤ ${INIT_BUDGET_MS} ms`,
      measured: `${firstAnswerMs.toFixed(0)} ms`,
      ratio: (firstAnswerMs / INIT_BUDGET_MS).toFixed(2),
    });
  } finally {
    await stack.stop();
  }
}

await main();
