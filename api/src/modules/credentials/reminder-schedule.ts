import type { FastifyInstance } from 'fastify';
import { startCronJob } from '../../platform/jobs/cron-job.js';
import { runCeReminders } from './reminders.js';

/** The run after start waits this long, so the server is listening and warm first. */
const FIRST_RUN_DELAY_MS = 30_000;

/**
 * Sends the CE renewal reminders in this process on CE_REMINDERS_SCHEDULE (a cron pattern in UTC,
 * daily by default; `off` turns it off), and once shortly after start, as a machine running the
 * embedded stack is often off at the scheduled hour. Safe to run twice, or in two processes at
 * once: each reminder's mark is written with its email, conditioned on not existing. Started by
 * `server.ts` only, so test apps and deployed functions never run it. Returns a stop function.
 */
export function startCeReminderSchedule(app: FastifyInstance): () => void {
  const pattern = app.deps.config.CE_REMINDERS_SCHEDULE;
  if (pattern === 'off') return () => undefined;
  return startCronJob({
    name: 'ce-reminders',
    pattern,
    firstRunDelayMs: FIRST_RUN_DELAY_MS,
    run: () => runCeReminders(app.deps),
    log: app.log,
  });
}
