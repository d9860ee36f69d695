import type { FastifyInstance } from 'fastify';
import { runPurge } from './purge.js';

/**
 * Runs the account purge in this process every PURGE_INTERVAL_MINUTES (and once shortly after
 * start). Runs never overlap; the purge itself is safe when two processes run it at once.
 * Returns a function that stops the schedule.
 */
export function startPurgeSchedule(app: FastifyInstance): () => void {
  const minutes = app.deps.config.PURGE_INTERVAL_MINUTES;
  if (minutes === 0) return () => undefined;
  let isRunning = false;
  const tick = () => {
    if (isRunning) return;
    isRunning = true;
    runPurge(app.deps)
      .then(({ purged, held }) => {
        if (purged.length > 0 || held.length > 0)
          app.log.info({ purged: purged.length, held: held.length }, 'account purge');
      })
      .catch((error: unknown) =>
        app.log.error({ errorName: error instanceof Error ? error.name : 'unknown' }, 'account purge failed'),
      )
      .finally(() => {
        isRunning = false;
      });
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, minutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
