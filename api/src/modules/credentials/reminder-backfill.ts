import type { AppDeps } from '../../platform/deps.js';
import { addReminderIndex, scanLicensesWithoutReminderIndex } from './license-repo.js';
import { reminderDueOf } from './license-service.js';

/**
 * Puts licenses written before the reminder index on it, each at the day its first reminder is
 * due (licenses with no reminder ahead are only marked as considered). A one-off maintenance
 * Scan, run once after the index is deployed (`pnpm --filter @holdfast/api backfill:job-indexes`);
 * safe to run again: a license already considered, or changed since the scan read it, is left
 * alone, and a reminder already sent is not sent again (its mark stays).
 */
export async function backfillReminderIndex(deps: AppDeps): Promise<{ updated: number }> {
  let updated = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await scanLicensesWithoutReminderIndex(deps.db, startKey);
    for (const { tenantId, license } of page.items) {
      if (await addReminderIndex(deps.db, tenantId, license, reminderDueOf(deps, license))) updated += 1;
    }
    startKey = page.lastKey;
  } while (startKey !== undefined);
  return { updated };
}
