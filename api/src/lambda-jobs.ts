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
import { runCeReminders, type ReminderReport } from './modules/credentials/reminders.js';
import { runWeeklyResources, type WeeklyResourcesReport } from './modules/library/weekly-resources.js';
import { runPurge } from './modules/privacy/purge.js';
import { sweepOrphans, SWEEP_GRACE_MS } from './modules/vault/service.js';
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

/** Counts only: how many stored objects were looked at and how many nothing referenced. */
export type VaultSweepResult = { scanned: number; removed: number };

/** `lambda-jobs.sweepVault`: removes stored bytes no record references, once older than the grace period. */
export async function sweepVault(): Promise<VaultSweepResult> {
  const app = await getApp();
  const report = await sweepOrphans(app.deps, { olderThanMs: SWEEP_GRACE_MS });
  const result = { scanned: report.scanned, removed: report.removed.length };
  app.log.info({ job: 'vault-sweep', ...result }, 'vault sweep');
  return result;
}

/** `lambda-jobs.sendCeReminders`: the CE renewal reminders due today, each sent once however often it runs. */
export async function sendCeReminders(): Promise<ReminderReport> {
  const app = await getApp();
  const report = await runCeReminders(app.deps);
  app.log.info({ job: 'ce-reminders', ...report }, 'CE reminders');
  return report;
}

/** `lambda-jobs.sendWeeklyResources`: this week's resources email to each person who turned it on, once. */
export async function sendWeeklyResources(): Promise<WeeklyResourcesReport> {
  const app = await getApp();
  const report = await runWeeklyResources(app.deps);
  app.log.info({ job: 'library-weekly', ...report }, 'weekly resources');
  return report;
}
