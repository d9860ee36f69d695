// Wellbeing (PHI) throughput beside plaintext main-table items, and root-keyring (KMS) calls per
// 1,000 operations. Runs against its own in-memory embedded stack:
//   pnpm bench:phi [-- --writes 1000 --tenants 10,100 --rounds 3]
// Both sides do the same DynamoDB work (the item and its audit entry in one transaction, a read and
// its access-log entry); the PHI side adds encryption, key loading and the PHI table, so the ratio
// is their cost. The sides take turns in interleaved rounds, so a change in the machine's load
// touches both alike; each round's ratio is printed and the median reported. Besides wall-clock
// rates it prints CPU time per operation (this process, and DynamoDB Local) and DynamoDB calls per
// operation, which a loaded machine does not blur.
import { loadavg, cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { loadConfig, type Config } from '@holdfast/api/config';
import { reportFigure } from '@holdfast/scripts/bench-figure';
import { startStack } from '@holdfast/scripts/stack';
import { commitWithAudit } from '../../api/src/platform/audit/audit-log.js';
import { createDb, type Db } from '../../api/src/platform/db/client.js';
import { createId } from '../../api/src/platform/db/ids.js';
import { PhiStore } from '../../api/src/platform/phi/index.js';
import { median } from './median.js';
import { countDbCalls, findDynamoDbLocalPid, startCpuClock, type CpuSpent } from './phi-probes.js';

const { values: options } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    writes: { type: 'string', default: '1000' },
    tenants: { type: 'string', default: '10,100' },
    rounds: { type: 'string', default: '3' },
  },
});
const WRITES = Number(options.writes);
const TENANT_COUNTS = options.tenants.split(',').map(Number);
const ROUNDS = Number(options.rounds);
if (![WRITES, ROUNDS, ...TENANT_COUNTS].every((n) => Number.isSafeInteger(n) && n >= 1))
  throw new Error('--writes, --rounds and every --tenants count must be positive integers');

const actor = { type: 'user' as const, id: 'bench', label: 'bench@holdfast.local' };
const SENSITIVE_FIELDS = 6;

function checkInFields(i: number): Record<string, unknown> {
  return {
    mood: (i % 10) + 1,
    anxiety: ((i + 3) % 10) + 1,
    sleepHours: 6.5,
    symptoms: ['worry', 'fatigue'],
    triggers: ['work deadline'],
    notes: `Slept badly, long day at work; walked in the evening and felt a little better. #${i}`,
  };
}

/** One side's measure of one phase: wall time, CPU time and DynamoDB calls for `count` operations. */
type Phase = { ms: number; cpu: CpuSpent; calls: Map<string, number>; count: number };

type Probes = { databasePid: number | undefined; calls: ReturnType<typeof countDbCalls> };

/** Runs `perTenant` operations for every tenant in parallel, each tenant's one after another. */
async function measure(
  probes: Probes,
  tenants: string[],
  perTenant: number,
  work: (tenantId: string, i: number) => Promise<void>,
): Promise<Phase> {
  probes.calls.take();
  const stopCpu = startCpuClock(probes.databasePid);
  const started = performance.now();
  await Promise.all(
    tenants.map(async (tenantId) => {
      for (let i = 0; i < perTenant; i += 1) await work(tenantId, i);
    }),
  );
  const ms = performance.now() - started;
  return { ms, cpu: stopCpu(), calls: probes.calls.take(), count: tenants.length * perTenant };
}

/** Sums phases of one kind over the rounds. */
function total(phases: Phase[]): Phase {
  const calls = new Map<string, number>();
  for (const phase of phases)
    for (const [name, n] of phase.calls) calls.set(name, (calls.get(name) ?? 0) + n);
  const databaseMs = phases.every((p) => p.cpu.databaseMs !== undefined)
    ? phases.reduce((sum, p) => sum + (p.cpu.databaseMs ?? 0), 0)
    : undefined;
  return {
    ms: phases.reduce((sum, p) => sum + p.ms, 0),
    cpu: { selfMs: phases.reduce((sum, p) => sum + p.cpu.selfMs, 0), databaseMs },
    calls,
    count: phases.reduce((sum, p) => sum + p.count, 0),
  };
}

function describeCost(phase: Phase): string {
  const per = (n: number) => (n / phase.count).toFixed(2);
  const calls = [...phase.calls].map(([name, n]) => `${name} ${per(n)}`).join(', ');
  const database = phase.cpu.databaseMs === undefined ? 'n/a' : per(phase.cpu.databaseMs);
  return `CPU ms/op: process ${per(phase.cpu.selfMs)}, DynamoDB Local ${database}; DynamoDB calls/op: ${calls}`;
}

/** The PHI and plaintext sides of one tenant count, in interleaved rounds. */
async function runTenantCount(
  db: Db,
  config: Config,
  probes: Probes,
  size: { tenantCount: number; perTenant: number; rounds: number },
) {
  const { tenantCount, perTenant, rounds } = size;
  const tenants = Array.from({ length: tenantCount }, () => createId());
  const writer = new PhiStore(db, config);
  const phases = {
    phiWrite: [] as Phase[],
    plainWrite: [] as Phase[],
    phiRead: [] as Phase[],
    plainRead: [] as Phase[],
  };
  let readRootCalls = 0;
  for (let round = 0; round < rounds; round += 1) {
    const ids = new Map<string, string[]>(tenants.map((t) => [t, []]));
    const phiWrite = () =>
      measure(probes, tenants, perTenant, async (tenantId, i) => {
        const id = createId();
        ids.get(tenantId)?.push(id);
        await writer.write(
          { tenantId, actor },
          [
            {
              type: 'create',
              kind: 'checkin',
              id,
              ownerId: 'bench',
              sortDate: new Date().toISOString(),
              fields: checkInFields(i),
            },
          ],
          { action: 'wellbeing.check-in.created', kind: 'checkin', id, ownerId: 'bench' },
        );
      });
    const plainWrite = () =>
      measure(probes, tenants, perTenant, async (tenantId, i) => {
        const id = createId();
        await commitWithAudit(
          db,
          tenantId,
          [
            {
              Put: {
                TableName: db.mainTable,
                Item: { PK: `TENANT#${tenantId}`, SK: `BENCH#${id}`, id, ...checkInFields(i) },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
          ],
          { actor, action: 'bench.created', target: { type: 'bench', id } },
        );
      });
    // Every round reads in a fresh store, as a new process would: its key cache starts cold.
    const reader = new PhiStore(db, config);
    const phiRead = () =>
      measure(probes, tenants, perTenant, async (tenantId, i) => {
        const id = ids.get(tenantId)?.[i] ?? '';
        const header = await reader.getHeader(tenantId, 'checkin', id);
        if (header === undefined) throw new Error('missing record');
        await reader.open({ tenantId, actor }, [header], 'wellbeing.check-in.read');
      });
    const plainRead = () =>
      measure(probes, tenants, perTenant, async (tenantId, i) => {
        const id = ids.get(tenantId)?.[i] ?? '';
        await db.doc.send(
          new GetCommand({
            TableName: db.mainTable,
            Key: { PK: `TENANT#${tenantId}`, SK: `BENCH#${id}` },
            ConsistentRead: true,
          }),
        );
        await commitWithAudit(db, tenantId, [], {
          actor,
          action: 'bench.read',
          target: { type: 'bench', id },
        });
      });
    // Alternate which side goes first, so neither always meets a warmer (or busier) machine.
    if (round % 2 === 0) {
      phases.phiWrite.push(await phiWrite());
      phases.plainWrite.push(await plainWrite());
      phases.phiRead.push(await phiRead());
      phases.plainRead.push(await plainRead());
    } else {
      phases.plainWrite.push(await plainWrite());
      phases.phiWrite.push(await phiWrite());
      phases.plainRead.push(await plainRead());
      phases.phiRead.push(await phiRead());
    }
    readRootCalls += reader.rootKeyringCalls;
  }
  const ratios = (phi: Phase[], plain: Phase[]) => phi.map((p, i) => (plain[i]?.ms ?? 0) / p.ms);
  return {
    tenantCount,
    writeRatios: ratios(phases.phiWrite, phases.plainWrite),
    readRatios: ratios(phases.phiRead, phases.plainRead),
    phiWrite: total(phases.phiWrite),
    plainWrite: total(phases.plainWrite),
    phiRead: total(phases.phiRead),
    plainRead: total(phases.plainRead),
    writeRootCalls: writer.rootKeyringCalls,
    readRootCalls,
  };
}

type Result = Awaited<ReturnType<typeof runTenantCount>>;

/** How many of one side's operations' CPU time the other's takes, per operation. */
function cpuRatio(plain: Phase, phi: Phase): string {
  const perOp = (phase: Phase) => (phase.cpu.selfMs + (phase.cpu.databaseMs ?? 0)) / phase.count;
  return (perOp(plain) / perOp(phi)).toFixed(2);
}

function printResult(result: Result, config: Config): void {
  const rate = (phase: Phase) => ((phase.count / phase.ms) * 1000).toFixed(1);
  const list = (values: number[]) => values.map((v) => v.toFixed(2)).join(' ');
  const perThousand = (calls: number, ops: number) => ((calls / ops) * 1000).toFixed(1);
  const writes = result.phiWrite.count;
  const lines = [
    `PHI benchmark, ${result.tenantCount} tenants: ${writes} check-ins per side (${SENSITIVE_FIELDS} sensitive fields each) in ${ROUNDS} interleaved rounds; load ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} on ${cpus().length} cores`,
    `  writes  PHI/plain by round ${list(result.writeRatios)} -> median ${median(result.writeRatios).toFixed(2)}   (PHI ${rate(result.phiWrite)}/s, plaintext ${rate(result.plainWrite)}/s)`,
    `          PHI   ${describeCost(result.phiWrite)}`,
    `          plain ${describeCost(result.plainWrite)}`,
    `  reads   PHI/plain by round ${list(result.readRatios)} -> median ${median(result.readRatios).toFixed(2)}   (PHI ${rate(result.phiRead)}/s, plaintext ${rate(result.plainRead)}/s)`,
    `          PHI   ${describeCost(result.phiRead)}`,
    `          plain ${describeCost(result.plainRead)}`,
    `  CPU ratio plain/PHI (process + DynamoDB Local, less blurred by load): writes ${cpuRatio(result.plainWrite, result.phiWrite)}, reads ${cpuRatio(result.plainRead, result.phiRead)}`,
    `  root keyring (KMS) calls: ${result.writeRootCalls} for ${writes} writes = ${perThousand(result.writeRootCalls, writes)} per 1,000 (one per tenant per key cache period: ${config.PHI_KEY_CACHE_SECONDS} s, ${config.PHI_KEY_CACHE_MAX_USES} uses)`,
    `  root keyring (KMS) calls: ${result.readRootCalls} for ${result.phiRead.count} reads, a cold cache each round = ${perThousand(result.readRootCalls, result.phiRead.count)} per 1,000`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function reportResult(result: Result): void {
  const suffix = `${result.tenantCount} tenants`;
  for (const [name, ratios] of [
    ['writes', result.writeRatios],
    ['reads', result.readRatios],
  ] as const) {
    const measured = median(ratios);
    reportFigure({
      figure: `PHI ${name} over plaintext ${name}, ${suffix}`,
      target: '≥ 0.7',
      measured: measured.toFixed(2),
      ratio: (measured / 0.7).toFixed(2),
    });
  }
  const kmsPerThousand = (result.writeRootCalls / result.phiWrite.count) * 1000;
  // One root call per tenant per cache period: a tenant's first write creates its key.
  const bound = (result.tenantCount / result.phiWrite.count) * 1000;
  reportFigure({
    figure: `KMS calls per 1,000 PHI writes, ${suffix}`,
    target: `≤ ${bound.toFixed(0)}`,
    measured: kmsPerThousand.toFixed(1),
    ratio: (kmsPerThousand / bound).toFixed(2),
  });
  if (result.writeRootCalls > result.tenantCount) process.exitCode = 1;
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const stack = await startStack({ tablePrefix: 'holdfast-bench', blobBucket: 'holdfast-bench-blobs' });
  try {
    const config = loadConfig({
      HOLDFAST_ENV: 'local',
      WEB_ORIGIN: 'http://127.0.0.1:5173',
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      PHI_KEY_CACHE_SECONDS: '300',
      ...stack.apiEnvironment,
    });
    const db = createDb(config);
    const probes = { databasePid: findDynamoDbLocalPid(), calls: countDbCalls(db) };
    try {
      // A warm-up, not reported: the first operations of each kind pay for loading code, compiling
      // it (here and in DynamoDB Local) and opening connections, which would fall on whichever
      // side went first.
      await runTenantCount(db, config, probes, { tenantCount: 10, perTenant: 10, rounds: 2 });
      for (const tenantCount of TENANT_COUNTS) {
        const perTenant = Math.max(1, Math.round(WRITES / tenantCount / ROUNDS));
        const result = await runTenantCount(db, config, probes, { tenantCount, perTenant, rounds: ROUNDS });
        printResult(result, config);
        reportResult(result);
      }
    } finally {
      probes.calls.restore();
      db.destroy();
    }
  } finally {
    await stack.stop();
  }
}

await main();
