import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Fastify, { type FastifyInstance } from 'fastify';
import { ConfigError, loadConfig } from '@holdfast/api/config';
import { startCronJob } from '@holdfast/api/platform/jobs/cron-job';
import { startCeReminderSchedule } from '@holdfast/api/modules/credentials/reminder-schedule';
import { createTestApp, type TestApp } from '../support/harness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const BASE_ENV = {
  HOLDFAST_ENV: 'local',
  WEB_ORIGIN: 'http://127.0.0.1:5173',
  SESSION_SECRET: 'schedule-test-secret-0123456789abcdef',
};
type LogLine = { msg: string; job?: string; errorName?: string; sent?: number };

/** The in-process schedule of the CE reminders: its setting, and the cron job that runs it. */
describe('CE reminders on a schedule', () => {
  let logged: LogLine[];
  let logger: FastifyInstance;
  beforeAll(() => {
    logged = [];
    logger = Fastify({
      logger: {
        level: 'info',
        stream: { write: (line: string) => void logged.push(JSON.parse(line) as LogLine) },
      },
    });
  });
  afterAll(async () => {
    await logger.close();
  });

  it('runs daily at 08:00 UTC by default, turns off with `off`, and refuses a malformed pattern at start', () => {
    expect(loadConfig(BASE_ENV).CE_REMINDERS_SCHEDULE).toBe('0 8 * * *');
    expect(loadConfig({ ...BASE_ENV, CE_REMINDERS_SCHEDULE: 'off' }).CE_REMINDERS_SCHEDULE).toBe('off');
    expect(() => loadConfig({ ...BASE_ENV, CE_REMINDERS_SCHEDULE: 'every day at eight' })).toThrow(
      ConfigError,
    );
    expect(() => loadConfig({ ...BASE_ENV, CE_REMINDERS_SCHEDULE: '61 8 * * *' })).toThrow(
      /CE_REMINDERS_SCHEDULE/,
    );
  });

  it('runs once soon after start and then on its pattern, never two runs at once; a failed run is logged by name and the next one still runs; stop ends it', async () => {
    let running = 0;
    let mostAtOnce = 0;
    let runs = 0;
    const stop = startCronJob({
      name: 'test-job',
      pattern: '* * * * * *',
      firstRunDelayMs: 0,
      log: logger.log,
      run: async () => {
        runs += 1;
        running += 1;
        mostAtOnce = Math.max(mostAtOnce, running);
        // Longer than a tick, so the next second comes while this run is still going.
        await sleep(1500);
        running -= 1;
        if (runs === 1) throw new TypeError('first run fails');
        return { sent: runs };
      },
    });
    try {
      await sleep(4800);
    } finally {
      stop();
    }
    const runsAtStop = runs;
    expect(runsAtStop).toBeGreaterThanOrEqual(2);
    expect(mostAtOnce).toBe(1);
    expect(logged.some((line) => line.job === 'test-job' && line.errorName === 'TypeError')).toBe(true);
    expect(logged.some((line) => line.job === 'test-job' && typeof line.sent === 'number')).toBe(true);
    await sleep(2500);
    expect(runs).toBe(runsAtStop);
  }, 15_000);

  describe('in an app', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ env: { CE_REMINDERS_SCHEDULE: 'off' } });
    });
    afterAll(async () => {
      await t.app.close();
    });

    it('starts nothing when turned off', () => {
      const stop = startCeReminderSchedule(t.app);
      expect(stop()).toBeUndefined();
    });
  });
});
