import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Runs every check and test suite of the project in order, then prints one summary with the
 * number of tests passed and failed. Used by `scripts/test.sh` (the README test command) and CI.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORTS = join(ROOT, 'test', '.artifacts', 'reports');

type Step = {
  name: string;
  command: string[];
  cwd: string;
  report?: { kind: 'jest' | 'vitest'; file: string };
};

const jest = (project: string[], file: string): Step['command'] => [
  'node',
  '--experimental-vm-modules',
  'node_modules/jest/bin/jest.js',
  '--selectProjects',
  ...project,
  '--json',
  `--outputFile=${join(REPORTS, file)}`,
];

const STEPS: Step[] = [
  { name: 'format', command: ['pnpm', 'exec', 'prettier', '--check', '--log-level', 'warn', '.'], cwd: ROOT },
  { name: 'typecheck', command: ['pnpm', '-r', '--workspace-concurrency=1', 'typecheck'], cwd: ROOT },
  { name: 'lint', command: ['pnpm', '-r', '--workspace-concurrency=1', 'lint'], cwd: ROOT },
  {
    name: 'openapi in sync',
    command: ['pnpm', 'exec', 'tsx', 'src/scripts/print-openapi.ts', '--check'],
    cwd: join(ROOT, 'api'),
  },
  {
    // Redocly's recommended rules (api/redocly.yaml): zero errors and zero warnings.
    name: 'openapi lint',
    command: [
      'env',
      'REDOCLY_TELEMETRY=off',
      'REDOCLY_SUPPRESS_UPDATE_NOTICE=true',
      'pnpm',
      'exec',
      'redocly',
      'lint',
      'openapi.json',
    ],
    cwd: join(ROOT, 'api'),
  },
  {
    name: 'api types in sync',
    command: ['pnpm', 'exec', 'tsx', 'scripts/src/check-api-types.ts'],
    cwd: ROOT,
  },
  { name: 'promises', command: ['pnpm', 'exec', 'tsx', 'scripts/src/promises.ts'], cwd: ROOT },
  {
    name: 'infra tests',
    command: [
      'node',
      '--experimental-vm-modules',
      'node_modules/jest/bin/jest.js',
      '--json',
      `--outputFile=${join(REPORTS, 'infra.json')}`,
    ],
    cwd: join(ROOT, 'infra'),
    report: { kind: 'jest', file: 'infra.json' },
  },
  {
    name: 'web unit tests',
    command: [
      'pnpm',
      'exec',
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(REPORTS, 'web.json')}`,
    ],
    cwd: join(ROOT, 'web'),
    report: { kind: 'vitest', file: 'web.json' },
  },
  {
    name: 'web build',
    command: ['pnpm', 'exec', 'vite', 'build', '--logLevel', 'warn'],
    cwd: join(ROOT, 'web'),
  },
  // After the build: the first page's JavaScript (sign-in, the incident list) within 150 KB gzip.
  { name: 'web size budget', command: ['pnpm', 'exec', 'tsx', 'scripts/src/check-web-size.ts'], cwd: ROOT },
  // What gets published: no source maps, a robots.txt, a meta description, a first paint in #root.
  {
    name: 'web build contents',
    command: ['pnpm', 'exec', 'tsx', 'scripts/src/check-web-build.ts'],
    cwd: ROOT,
  },
  {
    name: 'api integration and security',
    command: jest(['integration', 'security'], 'api.json'),
    cwd: join(ROOT, 'test'),
    report: { kind: 'jest', file: 'api.json' },
  },
  {
    name: 'browser (e2e)',
    command: jest(['e2e'], 'e2e.json'),
    cwd: join(ROOT, 'test'),
    report: { kind: 'jest', file: 'e2e.json' },
  },
];

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const [command, ...args] = step.command;
    if (command === undefined) {
      resolve(1);
      return;
    }
    const child = spawn(command, args, {
      cwd: step.cwd,
      stdio: 'inherit',
      env: { ...process.env, FORCE_COLOR: '0' },
    });
    // A child killed by a signal has no exit code: that is a failure too.
    child.on('exit', (code) => resolve(code ?? 1));
    child.on('error', () => resolve(1));
  });
}

function readCounts(step: Step): { passed: number; failed: number } | undefined {
  if (step.report === undefined) return undefined;
  const path = join(REPORTS, step.report.file);
  if (!existsSync(path)) return undefined;
  const report = JSON.parse(readFileSync(path, 'utf8')) as { numPassedTests: number; numFailedTests: number };
  return { passed: report.numPassedTests, failed: report.numFailedTests };
}

async function main(): Promise<void> {
  rmSync(REPORTS, { recursive: true, force: true });
  mkdirSync(REPORTS, { recursive: true });
  const only = process.argv.slice(2);
  const results: {
    name: string;
    code: number;
    seconds: number;
    counts?: { passed: number; failed: number };
  }[] = [];
  for (const step of STEPS) {
    if (only.length > 0 && !only.some((name) => step.name.includes(name))) continue;
    process.stdout.write(`\n=== ${step.name} ===\n`);
    const started = Date.now();
    const code = await run(step);
    const counts = readCounts(step);
    results.push({
      name: step.name,
      code,
      seconds: (Date.now() - started) / 1000,
      ...(counts === undefined ? {} : { counts }),
    });
  }
  process.stdout.write('\n=== summary ===\n');
  let passed = 0;
  let failed = 0;
  for (const result of results) {
    const tests =
      result.counts === undefined ? '' : `  (${result.counts.passed} passed, ${result.counts.failed} failed)`;
    process.stdout.write(
      `${result.code === 0 ? 'ok  ' : 'FAIL'}  ${result.name.padEnd(30)} ${result.seconds.toFixed(1).padStart(6)} s${tests}\n`,
    );
    passed += result.counts?.passed ?? 0;
    failed += result.counts?.failed ?? 0;
    // A step that failed without a test report (typecheck, lint...) still counts as a failure.
    if (result.code !== 0 && (result.counts === undefined || result.counts.failed === 0)) failed += 1;
  }
  process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
  process.exit(results.some((r) => r.code !== 0) ? 1 : 0);
}

void main();
