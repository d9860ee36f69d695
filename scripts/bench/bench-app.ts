/**
 * What a benchmark against the embedded stack needs before it measures anything: DynamoDB Local,
 * s3rver and the local SES server on free ports, the API built on them with the background
 * workers off, and one person with their own workspace. Also the DynamoDB call counter and the
 * batch writer that seeds large data sets faster than one audited write at a time.
 */
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { buildApp } from '@holdfast/api/app';
import { loadConfig } from '@holdfast/api/config';
import type { Db } from '@holdfast/api/platform/db/client';
import { provisionUser } from '@holdfast/api/modules/identity/service';
import { listMyWorkspaces } from '@holdfast/api/modules/workspaces/service';
import { startStack } from '../src/stack/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export type BenchApp = {
  app: Awaited<ReturnType<typeof buildApp>>;
  user: { id: string; email: string };
  workspaceId: string;
  /** The actor of writes the benchmark makes as that person. */
  actor: { type: 'user'; id: string; label: string };
  stop: () => Promise<void>;
};

/** Starts the stack and the app, and provisions the benchmark's person. `env` adds configuration. */
export async function startBenchApp(env: Record<string, string> = {}): Promise<BenchApp> {
  const stack = await startStack({ tablePrefix: 'holdfast-bench', blobBucket: 'holdfast-bench-blobs' });
  const config = loadConfig({
    HOLDFAST_ENV: 'local',
    WEB_ORIGIN: 'http://127.0.0.1:5173',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    LOG_LEVEL: 'warn',
    MAIL_OUTBOX_POLL_MS: '0',
    PURGE_INTERVAL_MINUTES: '0',
    VAULT_SWEEP_INTERVAL_MINUTES: '0',
    ...env,
    ...stack.apiEnvironment,
  });
  const app = await buildApp(config);
  try {
    const user = await provisionUser(app.deps, { email: `bench-${Date.now()}@holdfast.local` });
    const [workspace] = await listMyWorkspaces(app.deps, user.id);
    if (workspace === undefined) throw new Error('the benchmark person has no workspace');
    return {
      app,
      user,
      workspaceId: workspace.id,
      actor: { type: 'user', id: user.id, label: user.email },
      stop: async () => {
        await app.close();
        await stack.stop();
      },
    };
  } catch (error) {
    await app.close();
    await stack.stop();
    throw error;
  }
}

/** Records the name of every command sent through `db` from now on; empty `calls` to start a count. */
export function countDbCalls(db: Db): { calls: string[] } {
  const counter = { calls: [] as string[] };
  db.doc.middlewareStack.add(
    (next, context) => async (args) => {
      counter.calls.push(context.commandName ?? 'unknown');
      return next(args);
    },
    { step: 'initialize', name: 'benchCallCounter' },
  );
  return counter;
}

/**
 * Adds up the size of every DynamoDB answer sent through `db` from now on, as the JSON of the
 * items the client hands back (the wire's attribute-value form adds a type tag per value;
 * DynamoDB Local sends large answers chunked, without a length); set `bytes` to 0 to start a count.
 */
export function countDbBytes(db: Db): { bytes: number } {
  const counter = { bytes: 0 };
  db.doc.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      counter.bytes += Buffer.byteLength(JSON.stringify(result.output ?? null));
      return result;
    },
    // Around the whole stack: reads answered on the direct path never reach the deserializer, so
    // this measures every answer alike, as the JSON of its items (close to DynamoDB's own JSON).
    { step: 'initialize', priority: 'high', name: 'benchByteCounter' },
  );
  return counter;
}

/** `3 x QueryCommand, 1 x GetCommand` from a list of command names. */
export function describeCalls(calls: readonly string[]): string {
  const byCommand = new Map<string, number>();
  for (const name of calls) byCommand.set(name, (byCommand.get(name) ?? 0) + 1);
  return [...byCommand].map(([name, count]) => `${count} x ${name}`).join(', ');
}

/** The `q` quantile of ascending `sorted` (nearest rank below). */
export function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** Puts every item with BatchWrite, 25 at a time, a few batches side by side, retrying what is left. */
export async function writeAll(db: Db, items: Record<string, unknown>[]): Promise<void> {
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (next < batches.length) {
        const batch = batches[next] ?? [];
        next += 1;
        let pending: Record<string, unknown>[] = batch.map((Item) => ({ PutRequest: { Item } }));
        while (pending.length > 0) {
          const result = await db.doc.send(
            new BatchWriteCommand({ RequestItems: { [db.mainTable]: pending } }),
          );
          pending = result.UnprocessedItems?.[db.mainTable] ?? [];
        }
      }
    }),
  );
}
