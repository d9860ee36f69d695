import { Cron } from 'croner';
import type { FastifyBaseLogger } from 'fastify';

export type CronJob = {
  /** Names the job in logs. */
  name: string;
  /** A cron pattern, read in UTC. */
  pattern: string;
  /** A first run this long after start, for a machine that is often off at the scheduled time. */
  firstRunDelayMs: number;
  /** One run; answers counts to log (never names or addresses). */
  run: () => Promise<Record<string, number>>;
  log: FastifyBaseLogger;
};

/**
 * Runs `job` in this process on its cron pattern and once after `firstRunDelayMs`. A run never
 * overlaps the previous one (croner's `protect` skips a tick while one is running); a failure is
 * logged by its error name and the next tick runs as usual. Timers do not keep the process alive.
 * Returns a function that stops the job.
 */
export function startCronJob(job: CronJob): () => void {
  const cron = new Cron(job.pattern, { name: job.name, timezone: 'UTC', protect: true, unref: true }, () =>
    job
      .run()
      .then((counts) => job.log.info({ job: job.name, ...counts }, `${job.name} ran`))
      .catch((error: unknown) =>
        job.log.error(
          { job: job.name, errorName: error instanceof Error ? error.name : 'unknown' },
          `${job.name} failed`,
        ),
      ),
  );
  const first = setTimeout(() => void cron.trigger(), job.firstRunDelayMs);
  first.unref();
  return () => {
    clearTimeout(first);
    cron.stop();
  };
}
