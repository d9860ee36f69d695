// Wellbeing (PHI) throughput beside plaintext main-table items, and root-keyring (KMS) calls per
// 1,000 operations. Runs against its own in-memory embedded stack:
//   pnpm --filter @holdfast/test bench:phi   (WRITES=1000 TENANTS=10 to change the load)
// Both sides do the same DynamoDB work (the item and its audit entry in one transaction); the PHI
// side adds field encryption, key loading and the PHI table, so the ratio is their cost.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { loadConfig } from '@holdfast/api/config';
import { reportFigure } from '@holdfast/scripts/bench-figure';
import { startStack } from '@holdfast/scripts/stack';
import { commitWithAudit } from '../../api/src/platform/audit/audit-log.js';
import { createDb } from '../../api/src/platform/db/client.js';
import { createId } from '../../api/src/platform/db/ids.js';
import { PhiStore } from '../../api/src/platform/phi/index.js';

const WRITES = Number(process.env.WRITES ?? '1000');
const TENANTS = Number(process.env.TENANTS ?? '10');
const actor = { type: 'user' as const, id: 'bench', label: 'bench@holdfast.local' };

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

/** Runs `perTenant` for every tenant in parallel, each tenant's operations one after another. */
async function timed(
  tenants: string[],
  perTenant: number,
  work: (tenantId: string, i: number) => Promise<void>,
): Promise<number> {
  const started = performance.now();
  await Promise.all(
    tenants.map(async (tenantId) => {
      for (let i = 0; i < perTenant; i += 1) await work(tenantId, i);
    }),
  );
  return performance.now() - started;
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
    const phi = new PhiStore(db, config);
    const tenants = Array.from({ length: TENANTS }, () => createId());
    const perTenant = Math.ceil(WRITES / TENANTS);
    const total = perTenant * TENANTS;
    const ids = new Map<string, string[]>(tenants.map((t) => [t, []]));

    const phiWriteMs = await timed(tenants, perTenant, async (tenantId, i) => {
      const id = createId();
      ids.get(tenantId)?.push(id);
      await phi.write(
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
    const callsAfterWrites = phi.rootKeyringCalls;

    const plainWriteMs = await timed(tenants, perTenant, async (tenantId, i) => {
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

    // Reads in a fresh process-like store (cold key cache), each opened and access-logged.
    const reader = new PhiStore(db, config);
    const phiReadMs = await timed(tenants, perTenant, async (tenantId, i) => {
      const id = ids.get(tenantId)?.[i] ?? '';
      const header = await reader.getHeader(tenantId, 'checkin', id);
      if (header === undefined) throw new Error('missing record');
      await reader.open({ tenantId, actor }, [header], 'wellbeing.check-in.read');
    });
    const plainReadMs = await timed(tenants, perTenant, async (tenantId, i) => {
      const id = ids.get(tenantId)?.[i] ?? '';
      await db.doc.send(
        new GetCommand({
          TableName: db.mainTable,
          Key: { PK: `TENANT#${tenantId}`, SK: `BENCH#${id}` },
          ConsistentRead: true,
        }),
      );
      await commitWithAudit(db, tenantId, [], { actor, action: 'bench.read', target: { type: 'bench', id } });
    });

    const perSecond = (ms: number) => (total / ms) * 1000;
    const lines = [
      `PHI benchmark: ${total} check-ins (6 encrypted fields each) over ${TENANTS} tenants, key cache age ${config.PHI_KEY_CACHE_SECONDS} s`,
      `  writes  PHI ${perSecond(phiWriteMs).toFixed(1)}/s   plaintext ${perSecond(plainWriteMs).toFixed(1)}/s   ratio PHI/plain ${(plainWriteMs / phiWriteMs).toFixed(2)}`,
      `  reads   PHI ${perSecond(phiReadMs).toFixed(1)}/s   plaintext ${perSecond(plainReadMs).toFixed(1)}/s   ratio PHI/plain ${(plainReadMs / phiReadMs).toFixed(2)}`,
      `  root keyring (KMS) calls: ${callsAfterWrites} for ${total} writes = ${((callsAfterWrites / total) * 1000).toFixed(1)} per 1,000 (target <= 10)`,
      `  root keyring (KMS) calls: ${reader.rootKeyringCalls} for ${total} reads with a cold cache = ${((reader.rootKeyringCalls / total) * 1000).toFixed(1)} per 1,000`,
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    const writeRatio = plainWriteMs / phiWriteMs;
    const readRatio = plainReadMs / phiReadMs;
    const kmsPerThousand = (callsAfterWrites / total) * 1000;
    reportFigure({
      figure: 'PHI writes over plaintext writes',
      target: '≥ 0.7',
      measured: writeRatio.toFixed(2),
      ratio: (writeRatio / 0.7).toFixed(2),
    });
    reportFigure({
      figure: 'PHI reads over plaintext reads',
      target: '≥ 0.7',
      measured: readRatio.toFixed(2),
      ratio: (readRatio / 0.7).toFixed(2),
    });
    reportFigure({
      figure: `KMS calls per 1,000 PHI writes, ${TENANTS} tenants`,
      target: '≤ 10',
      measured: kmsPerThousand.toFixed(1),
      ratio: (kmsPerThousand / 10).toFixed(2),
    });
    db.destroy();
    if ((callsAfterWrites / total) * 1000 > 10) process.exitCode = 1;
  } finally {
    await stack.stop();
  }
}

await main();
