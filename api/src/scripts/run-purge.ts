/**
 * Runs the account purge once and prints what it did: `pnpm --filter @holdfast/api purge`.
 * Reads the same environment as the API.
 */
import { loadConfigOrExit } from '../config.js';
import { createBlobStore } from '../platform/blobs/blob-store.js';
import { createDb } from '../platform/db/client.js';
import { CursorCodec } from '../platform/db/cursor.js';
import { createMailer } from '../platform/email/mailer.js';
import { runPurge } from '../modules/privacy/purge.js';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const db = createDb(config);
  const blobs = createBlobStore(config);
  const mailer = createMailer(config);
  try {
    const report = await runPurge({
      config,
      db,
      blobs,
      mailer,
      cursors: new CursorCodec(config.SESSION_SECRET),
      now: () => new Date(),
    });
    process.stdout.write(
      `purged ${report.purged.length} account(s); ${report.held.length} paused by a legal hold\n`,
    );
  } finally {
    db.destroy();
    blobs.destroy();
    mailer.destroy();
  }
}

void main();
