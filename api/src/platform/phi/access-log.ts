import type { AuditEntry } from '../audit/audit-chain.js';
import { queryOwnerEntries } from '../audit/owner-entries.js';
import type { Db } from '../db/client.js';

type Item = Record<string, unknown>;

/**
 * One page of the access log of one person's wellbeing data, newest first: the audit entries of
 * reads and writes of records they own ("who opened my wellbeing data"). The entries live in the
 * tenant's audit log in the main table; `PhiStore.listAccessLog` answers with this.
 */
export async function queryAccessLog(
  db: Db,
  tenantId: string,
  ownerId: string,
  options: { limit: number; startKey?: Item },
): Promise<{ items: AuditEntry[]; lastKey?: Item }> {
  return queryOwnerEntries(db, tenantId, { actionPrefix: 'wellbeing.', ownerId }, options);
}
