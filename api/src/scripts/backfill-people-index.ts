/**
 * Adds the people-index keys (GSI2) to profiles made before the index existed:
 * `pnpm --filter @holdfast/api backfill:people`. Run once after deploying the index; safe to run
 * again (it only touches profiles still without the keys). Until it has run, the policy notice
 * would miss those people, so a deployment runs it before announcing a policy change.
 */
import { buildApp } from '../app.js';
import { loadProcessConfig } from '../config.js';
import { readSecretSettings } from '../platform/secrets/load-secrets.js';
import { backfillPeopleIndex } from '../modules/identity/people-repo.js';

async function main(): Promise<void> {
  const app = await buildApp(await loadProcessConfig(readSecretSettings));
  try {
    const { updated } = await backfillPeopleIndex(app.deps.db);
    process.stdout.write(`added ${updated} profile(s) to the people index\n`);
  } finally {
    await app.close();
  }
}

void main();
