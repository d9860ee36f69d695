import type { FastifyInstance } from 'fastify';
import { startCronJob } from '../../platform/jobs/cron-job.js';
import { runWeeklyResources } from './weekly-resources.js';

/** The run after start waits this long, so the server is listening and warm first. */
const FIRST_RUN_DELAY_MS = 60_000;

/**
 * Sends the weekly resources email in this process on LIBRARY_WEEKLY_SCHEDULE (a cron pattern in
 * UTC, Mondays by default; `off` turns it off), and once shortly after start, as a machine running
 * the embedded stack is often off at the scheduled hour: that run sends nothing to whoever already
 * had this week's email. Started by `server.ts` only. Returns a stop function.
 */
export function startWeeklyResourcesSchedule(app: FastifyInstance): () => void {
  const pattern = app.deps.config.LIBRARY_WEEKLY_SCHEDULE;
  if (pattern === 'off') return () => undefined;
  return startCronJob({
    name: 'library-weekly',
    pattern,
    firstRunDelayMs: FIRST_RUN_DELAY_MS,
    run: () => runWeeklyResources(app.deps),
    log: app.log,
  });
}
