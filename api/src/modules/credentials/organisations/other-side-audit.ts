import type { AuditEvent, TransactItem } from '../../../platform/audit/audit-log.js';
import { buildPendingAuditItem } from '../../../platform/audit/audit-seal.js';
import type { Db } from '../../../platform/db/client.js';
import { createId } from '../../../platform/db/ids.js';

/**
 * The audit entry of the other workspace a change touches (the organisation when a person shares
 * or withdraws, the person when the organisation's side changes), written in the same transaction
 * as the change and its own workspace's entry, so both logs hold it or neither does. It waits as
 * pending and is sealed into that workspace's chain by its next reader or writer.
 */
export function buildOtherSideAudit(db: Db, tenantId: string, event: AuditEvent, at: Date): TransactItem {
  return buildPendingAuditItem(db, tenantId, {
    at: at.toISOString(),
    id: createId(),
    actor: event.actor,
    action: event.action,
    target: event.target,
    details: event.details ?? {},
  });
}
