/**
 * Adds the scheduled jobs' index keys to items made before those indexes existed:
 * `pnpm --filter @holdfast/api backfill:job-indexes`. Run once after deploying them; safe to run
 * again. Until it has run, the CE reminders miss licenses added before the reminder index, and
 * the weekly resources email misses people who turned it on before the consent index.
 */
import { buildApp } from '../app.js';
import { loadProcessConfig } from '../config.js';
import { readSecretSettings } from '../platform/secrets/load-secrets.js';
import { backfillReminderIndex } from '../modules/credentials/reminder-backfill.js';
import { backfillWeeklyResourcesConsent } from '../modules/notifications/consent-index-repo.js';

async function main(): Promise<void> {
  const app = await buildApp(await loadProcessConfig(readSecretSettings));
  try {
    const licenses = await backfillReminderIndex(app.deps);
    process.stdout.write(`added ${licenses.updated} license(s) to the CE reminder index\n`);
    const consents = await backfillWeeklyResourcesConsent(app.deps.db);
    process.stdout.write(`added ${consents.updated} person(s) to the weekly resources consent index\n`);
  } finally {
    await app.close();
  }
}

void main();
