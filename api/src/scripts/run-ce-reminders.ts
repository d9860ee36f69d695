/**
 * Sends the CE renewal reminders due today, once each: `pnpm --filter @holdfast/api ce-reminders`
 * (run daily by the scheduler; running it twice sends nothing more). Reads the same environment as
 * the API and uses the same adapters (built by buildApp).
 */
import { buildApp } from '../app.js';
import { loadProcessConfig } from '../config.js';
import { readSecretSettings } from '../platform/secrets/load-secrets.js';
import { runCeReminders } from '../modules/credentials/reminders.js';

async function main(): Promise<void> {
  const app = await buildApp(await loadProcessConfig(readSecretSettings));
  try {
    const report = await runCeReminders(app.deps);
    process.stdout.write(
      `CE reminders: ${report.due} due, ${report.sent} sent, ${report.alreadySent} already sent\n`,
    );
  } finally {
    await app.close();
  }
}

void main();
