import { loadProcessConfig } from './config.js';
import { readSecretSettings } from './platform/secrets/load-secrets.js';
import { buildApp } from './app.js';
import { startPurgeSchedule } from './modules/privacy/purge-schedule.js';
import { startCeReminderSchedule } from './modules/credentials/reminder-schedule.js';
import { startWeeklyResourcesSchedule } from './modules/library/weekly-schedule.js';

/** Reads the configuration, builds the app, listens, and closes gracefully on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = await loadProcessConfig(readSecretSettings);
  const app = await buildApp(config);
  const stopPurge = startPurgeSchedule(app);
  const stopCeReminders = startCeReminderSchedule(app);
  const stopWeeklyResources = startWeeklyResourcesSchedule(app);
  const close = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopPurge();
    stopCeReminders();
    stopWeeklyResources();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void close('SIGINT'));
  process.once('SIGTERM', () => void close('SIGTERM'));
  await app.listen({ host: config.HOST, port: config.PORT });
}

void main();
