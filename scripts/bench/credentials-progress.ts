/**
 * The CE dashboard of a busy clinician, against the embedded stack (DynamoDB Local) on this
 * machine: 5 licenses in 5 states and 2,000 CE activities over six years, with topic hours and
 * every format. Prints the time of the progress read as the route's service answers it (reads of
 * the licenses and the cycle tallies + computation, p50/p95), its CPU time in this process, the
 * DynamoDB requests and bytes per read, the size of the answer, and the same figures for the read
 * of every activity it replaces (the on-demand explanations still read that way). Targets (issue
 * 15): p95 ≤ 50 ms server-side and ≤ 2 DynamoDB requests per read. Exits 1 when either is missed,
 * or when the answer from the tallies differs from the computation over every activity.
 *
 * Usage: `pnpm bench:credentials [-- --activities 2000 --runs 100 --target 50]`.
 */
import { createId } from '@holdfast/api/platform/db/ids';
import { buildPutActivity } from '@holdfast/api/modules/credentials/activity-repo';
import { getAllocations, getProgress } from '@holdfast/api/modules/credentials/activity-service';
import type { Activity } from '@holdfast/api/modules/credentials/activity-schema';
import {
  createLicense,
  describeRenewal,
  listLicenses,
} from '@holdfast/api/modules/credentials/license-service';
import { listAllActivities } from '@holdfast/api/modules/credentials/activity-repo';
import { computeLicenseProgress } from '@holdfast/api/modules/credentials/progress';
import { reportFigure } from '../src/bench/figure.js';
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import {
  countDbBytes,
  countDbCalls,
  describeCalls,
  percentile,
  startBenchApp,
  writeAll,
} from './bench-app.js';

const arg = (name: string, fallback: number) =>
  Number(process.argv[process.argv.indexOf(`--${name}`) + 1] ?? '') || fallback;
const activityCount = arg('activities', 2000);
const runs = arg('runs', 100);
const targetMs = arg('target', 50);
const TARGET_REQUESTS = 2;

const DAY_MS = 86_400_000;
const FORMATS = ['live-in-person', 'live-online', 'self-study'] as const;
/** Five licenses a multi-state clinician might hold, each matched to a catalogue rule. */
const LICENSES = [
  { jurisdiction: 'CA', credentialType: 'LMFT' },
  { jurisdiction: 'TX', credentialType: 'LPC' },
  { jurisdiction: 'FL', credentialType: 'LMFT' },
  { jurisdiction: 'NY', credentialType: 'LCSW' },
  { jurisdiction: 'PA', credentialType: 'LPC' },
] as const;
/** Topic names the rules of those licenses use, so allocations have work to do. */
const TOPICS = ['Law and ethics', 'Ethics', 'Domestic violence', 'Suicide prevention (Act 74)', 'Telehealth'];

const day = (now: number, offset: number) => new Date(now + offset * DAY_MS).toISOString().slice(0, 10);

function benchActivities(now: number, userId: string): Activity[] {
  const createdAt = new Date(now).toISOString();
  return Array.from({ length: activityCount }, (_, i) => {
    const hours = 1 + (i % 8) * 0.5;
    const topic = TOPICS[i % TOPICS.length] ?? 'Ethics';
    return {
      id: createId(),
      title: `Benchmark course ${i + 1}: clinical practice update`,
      provider: `Provider ${i % 40}`,
      // Spread over six years, so each cycle holds a share and the rest is history.
      completedOn: day(now, -Math.floor((i / activityCount) * 6 * 365)),
      hours,
      format: FORMATS[i % FORMATS.length] ?? 'self-study',
      topics: i % 3 === 0 ? [] : [{ topic, hours: Math.min(hours, 2) }],
      notes: i % 10 === 0 ? 'Handout kept with the certificate.' : '',
      createdAt,
      updatedAt: createdAt,
      createdBy: userId,
      version: 1,
    };
  });
}

type Timing = { sorted: number[]; cpuMs: number; bytes: number };

/** Runs `read` `runs` times: wall-clock times (ascending), CPU time and DynamoDB bytes per read. */
async function measure(bytes: { bytes: number }, read: () => Promise<unknown>): Promise<Timing> {
  const times: number[] = [];
  bytes.bytes = 0;
  const cpu = process.cpuUsage();
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    await read();
    times.push(performance.now() - start);
  }
  const used = process.cpuUsage(cpu);
  return {
    sorted: times.sort((a, b) => a - b),
    cpuMs: (used.user + used.system) / 1000 / runs,
    bytes: bytes.bytes / runs,
  };
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const summary = (t: Timing) =>
  `p50 ${ms(percentile(t.sorted, 0.5))}, p95 ${ms(percentile(t.sorted, 0.95))}, max ${ms(t.sorted.at(-1) ?? 0)}; ` +
  `CPU ${ms(t.cpuMs)} a read; DynamoDB answers ${kb(t.bytes)} a read`;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' / ');

async function main(): Promise<void> {
  const bench = await startBenchApp();
  try {
    const { deps } = bench.app;
    const now = deps.now().getTime();
    const loadAtStart = load();
    for (const [index, license] of LICENSES.entries())
      await createLicense(deps, bench.workspaceId, bench.actor, {
        ...license,
        number: `BENCH-${index + 1}`,
        issuedOn: day(now, -400 - index * 30),
        expiresOn: day(now, 300 + index * 30),
      });
    const seeding = performance.now();
    const items = benchActivities(now, bench.user.id).map(
      (activity) => buildPutActivity(deps.db, bench.workspaceId, activity).Put?.Item ?? {},
    );
    await writeAll(deps.db, items);
    const seeded = (performance.now() - seeding) / 1000;

    // Seeded around the service, so the first read sums the tallies from every activity.
    const firstStart = performance.now();
    await getProgress(deps, bench.workspaceId);
    const firstMs = performance.now() - firstStart;
    for (let i = 0; i < 10; i += 1) await getProgress(deps, bench.workspaceId);
    const counter = countDbCalls(deps.db);
    const bytes = countDbBytes(deps.db);
    const progress = await getProgress(deps, bench.workspaceId);
    const perRead = [...counter.calls];
    const answerJson = JSON.stringify(progress);
    const serialising = performance.now();
    for (let i = 0; i < runs; i += 1) JSON.stringify(progress);
    const serialiseMs = (performance.now() - serialising) / runs;

    // Before, the answer also carried the explanations of the 200 newest activities.
    const explanationsJson = JSON.stringify(await getAllocations(deps, bench.workspaceId));
    const tallyRead = await measure(bytes, () => getProgress(deps, bench.workspaceId));

    // What the read did before the tallies, and what the on-demand explanations still do.
    const today = day(now, 0);
    const readEveryActivity = async () => {
      const [licenses, activities] = await Promise.all([
        listLicenses(deps, bench.workspaceId),
        listAllActivities(deps.db, bench.workspaceId),
      ]);
      return licenses.map((license) =>
        computeLicenseProgress(license, describeRenewal(license), activities, today),
      );
    };
    const everyActivity = await measure(bytes, readEveryActivity);
    const isExact = isDeepStrictEqual(await readEveryActivity(), progress.licenses);

    const [licenses, activities] = await Promise.all([
      listLicenses(deps, bench.workspaceId),
      listAllActivities(deps.db, bench.workspaceId),
    ]);
    const pure: number[] = [];
    for (let i = 0; i < runs; i += 1) {
      const start = performance.now();
      for (const license of licenses)
        computeLicenseProgress(license, describeRenewal(license), activities, today);
      pure.push(performance.now() - start);
    }
    pure.sort((a, b) => a - b);

    const p95 = percentile(tallyRead.sorted, 0.95);
    const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(26)} ${value}\n`);
    line('load average (1/5/15 min)', `${loadAtStart} at start, ${load()} at end`);
    line(
      'workspace',
      `${licenses.length} licenses, ${activities.length} activities (seeded in ${seeded.toFixed(1)} s)`,
    );
    line('current cycles', progress.licenses.map((l) => `${l.label} ${l.total.earned} h`).join(', '));
    line('runs', String(runs));
    line('progress read (tallies)', summary(tallyRead));
    line('first read (sums tallies)', ms(firstMs));
    line(
      'answer',
      `${kb(Buffer.byteLength(answerJson))}, JSON.stringify ${serialiseMs.toFixed(2)} ms ` +
        `(with the explanations, as before: ${kb(Buffer.byteLength(answerJson) + Buffer.byteLength(explanationsJson))})`,
    );
    line('every activity (before)', summary(everyActivity));
    line('computation over all', `p50 ${ms(percentile(pure, 0.5))}, p95 ${ms(percentile(pure, 0.95))}`);
    line('DynamoDB per read', `${perRead.length} (${describeCalls(perRead)})`);
    line('tallies = computation', isExact ? 'yes' : 'NO');
    const isTimeMet = p95 <= targetMs;
    const isRequestsMet = perRead.length <= TARGET_REQUESTS;
    line('target time', `p95 <= ${targetMs} ms: ${isTimeMet ? 'met' : 'MISSED'}`);
    line('target requests', `<= ${TARGET_REQUESTS} per read: ${isRequestsMet ? 'met' : 'MISSED'}`);
    reportFigure({
      figure: `CE progress read p95 (${activities.length} activities)`,
      target: `≤ ${targetMs} ms`,
      measured: `${p95.toFixed(1)} ms`,
      ratio: (p95 / targetMs).toFixed(2),
    });
    reportFigure({
      figure: 'DynamoDB requests per progress read',
      target: `≤ ${TARGET_REQUESTS}`,
      measured: String(perRead.length),
      ratio: (perRead.length / TARGET_REQUESTS).toFixed(2),
    });
    if (!isTimeMet || !isRequestsMet || !isExact) process.exitCode = 1;
  } finally {
    await bench.stop();
  }
}

await main();
