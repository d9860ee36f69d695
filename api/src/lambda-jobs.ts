/**
 * AWS Lambda entries of the scheduled jobs, each invoked by its own EventBridge Scheduler
 * schedule. Every job is idempotent and safe to run twice or in parallel (the purge and the
 * outbox drain already are, being run by several processes on one machine); a failure throws,
 * so the invocation is retried and then lands in the schedule's dead-letter queue, which alarms.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { loadProcessConfig } from './config.js';
import { drainOutbox, type DrainResult } from './modules/notifications/outbox.js';
import { runPurge } from './modules/privacy/purge.js';
import { readSecretSettings } from './platform/secrets/load-secrets.js';

let built: Promise<FastifyInstance> | undefined;

function getApp(): Promise<FastifyInstance> {
  built ??= (async () => buildApp(await loadProcessConfig(readSecretSettings)))().catch((error: unknown) => {
    built = undefined;
    throw error;
  });
  return built;
}

/** Counts only: the job's log line and answer never name an account or a recipient. */
export type PurgeJobResult = { purged: number; held: number; resumed: number };

/** `lambda-jobs.purge`: the account purge, once. */
export async function purge(): Promise<PurgeJobResult> {
  const app = await getApp();
  const report = await runPurge(app.deps);
  const result = { purged: report.purged.length, held: report.held.length, resumed: report.resumed.length };
  app.log.info({ job: 'purge', ...result }, 'account purge');
  return result;
}

/** `lambda-jobs.drainMailOutbox`: one pass over the mail outbox. */
export async function drainMailOutbox(): Promise<DrainResult> {
  const app = await getApp();
  const result = await drainOutbox(app.deps);
  app.log.info({ job: 'outbox', outbox: result }, 'outbox drained');
  return result;
}
