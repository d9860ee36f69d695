import type { Db } from '../db/client.js';
import { SK_PREFIX, tenantPk } from '../db/keys.js';
import { queryFilteredPrefixPage } from '../db/filtered-page.js';
import type { AuditEntry } from './audit-chain.js';
import { sealAuditChain, toAuditEntry } from './audit-log.js';

type Item = Record<string, unknown>;

/**
 * One page, newest first, of a workspace's audit entries whose action starts with `actionPrefix`
 * and whose details name `ownerId` as the person the access concerned: the access logs a person
 * reads ("who opened my wellbeing data", "what my attorney looked at").
 */
export async function queryOwnerEntries(
  db: Db,
  tenantId: string,
  filter: { actionPrefix: string; ownerId: string },
  options: { limit: number; startKey?: Item },
): Promise<{ items: AuditEntry[]; lastKey?: Item }> {
  // Waiting entries are sealed first, so the log shows every access made before this request.
  if (options.startKey === undefined) await sealAuditChain(db, tenantId);
  const page = await queryFilteredPrefixPage(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.auditEntry,
    filter: {
      expression: 'begins_with(#action, :action) AND #details.#ownerId = :owner',
      names: { '#action': 'action', '#details': 'details', '#ownerId': 'ownerId' },
      values: { ':action': filter.actionPrefix, ':owner': filter.ownerId },
    },
    limit: options.limit,
    ...(options.startKey === undefined ? {} : { startKey: options.startKey }),
  });
  return {
    items: page.items.map(toAuditEntry),
    ...(page.lastKey === undefined ? {} : { lastKey: page.lastKey }),
  };
}
