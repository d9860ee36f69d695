/**
 * Runs the account purge once and prints what it did: `pnpm --filter @holdfast/api purge`.
 * Reads the same environment as the API and uses the same adapters (built by buildApp).
 */
import { buildApp } from '../app.js';
import { loadProcessConfig } from '../config.js';
import { readSecretSettings } from '../platform/secrets/load-secrets.js';
import { runPurge } from '../modules/privacy/purge.js';

async function main(): Promise<void> {
  const app = await buildApp(await loadProcessConfig(readSecretSettings));
  try {
    const report = await runPurge(app.deps);
    process.stdout.write(
      `purged ${report.purged.length} account(s); ${report.held.length} paused by a legal hold; ${report.resumed.length} half-applied deletion(s) finished\n`,
    );
  } finally {
    await app.close();
  }
}

void main();
