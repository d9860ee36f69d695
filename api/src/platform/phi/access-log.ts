import type { AuditEntry } from '../audit/audit-chain.js';
import { sealAuditChain, toAuditEntry } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import { SK_PREFIX, tenantPk } from '../db/keys.js';
import { queryFilteredPage } from '../db/query.js';

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
  // Waiting entries are sealed first, so the log shows every access made before this request.
  if (options.startKey === undefined) await sealAuditChain(db, tenantId);
  const page = await queryFilteredPage(
    db,
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      FilterExpression: 'begins_with(#action, :wellbeing) AND #details.#ownerId = :owner',
      ExpressionAttributeNames: { '#action': 'action', '#details': 'details', '#ownerId': 'ownerId' },
      ExpressionAttributeValues: {
        ':pk': tenantPk(tenantId),
        ':prefix': SK_PREFIX.auditEntry,
        ':wellbeing': 'wellbeing.',
        ':owner': ownerId,
      },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
    {
      limit: options.limit,
      ...(options.startKey === undefined ? {} : { startKey: options.startKey }),
      keyOf: (item) => ({ PK: item.PK, SK: item.SK }),
    },
  );
  return {
    items: page.items.map(toAuditEntry),
    ...(page.lastKey === undefined ? {} : { lastKey: page.lastKey }),
  };
}
