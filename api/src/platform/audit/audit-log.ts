import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { waitBeforeRetry } from '../db/backoff.js';
import type { Db } from '../db/client.js';
import { createId } from '../db/ids.js';
import { SK_PREFIX, tenantPk } from '../db/keys.js';
import { queryPrefixAll, queryPrefixPage } from '../db/query.js';
import { getFailedConditionIndexes, isTransactionConflict, type TransactItem } from '../db/transactions.js';
import {
  verifyChain,
  type AuditActor,
  type AuditDetails,
  type AuditEntry,
  type ChainVerdict,
} from './audit-chain.js';
import { auditBusyError, buildPendingAuditItem, readAuditHead, sealAuditChain } from './audit-seal.js';
import { sealAfterCommit } from './audit-seal-rounds.js';

export { sealAuditChain } from './audit-seal.js';

export type { TransactItem } from '../db/transactions.js';

export type AuditEvent = {
  actor: AuditActor;
  action: string;
  target: { type: string; id: string };
  details?: AuditDetails;
};

/** A condition of one of the caller's own transaction items failed (index into `operations`). */
export class WriteConditionFailed extends Error {
  constructor(readonly failedIndexes: number[]) {
    super('a write condition failed');
    this.name = 'WriteConditionFailed';
  }
}

function isEventList(event: AuditEvent | readonly AuditEvent[]): event is readonly AuditEvent[] {
  return Array.isArray(event);
}

/** Attempts of a change whose transaction keeps colliding with another on the same items. */
const MAX_COMMIT_ATTEMPTS = 8;

/**
 * Commits `operations` and their audit entry in the same DynamoDB transaction, so a change and its
 * audit record exist together or not at all. The entry is written as pending, which touches no
 * item another change needs, so changes in one workspace do not wait for each other; it is then
 * sealed into the workspace's hash chain right away, best effort: when other writers keep the
 * chain busy, one of them or the next reader seals it (see audit-seal.ts, audit-seal-rounds.ts). Every reader of the
 * chain seals first. A collision that does not clear answers 503 with Retry-After, never 500.
 */
export async function commitWithAudit(
  db: Db,
  tenantId: string,
  operations: TransactItem[],
  event: AuditEvent | readonly AuditEvent[],
  now: () => Date = () => new Date(),
): Promise<void> {
  // A change that spans two kinds of record (messages imported with the file they came from) is
  // audited as one entry per kind, all written in the same transaction.
  const events = isEventList(event) ? event : [event];
  for (let attempt = 1; ; attempt += 1) {
    const at = now().toISOString();
    const pending = events.map((one) =>
      buildPendingAuditItem(db, tenantId, {
        at,
        id: createId(),
        actor: one.actor,
        action: one.action,
        target: one.target,
        details: one.details ?? {},
      }),
    );
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: [...operations, ...pending] }));
    } catch (error) {
      const failed = getFailedConditionIndexes(error);
      const own = (failed ?? []).filter((index) => index < operations.length);
      if (own.length > 0) throw new WriteConditionFailed(own);
      // Only the pending item's own guard failed (an id repeated), or another transaction held
      // one of the items for a moment: try again, with a fresh id, after a short random wait.
      if (failed === undefined && !isTransactionConflict(error)) throw error;
      if (attempt >= MAX_COMMIT_ATTEMPTS) throw auditBusyError();
      await waitBeforeRetry(attempt);
      continue;
    }
    await sealAfterCommit(db, tenantId);
    return;
  }
}

/** An audit entry as stored, without its keys. */
export function toAuditEntry(item: Record<string, unknown>): AuditEntry {
  return {
    seq: item.seq as number,
    at: item.at as string,
    actor: item.actor as AuditActor,
    action: item.action as string,
    target: item.target as AuditEntry['target'],
    details: item.details as AuditDetails,
    prevHash: item.prevHash as string,
    hash: item.hash as string,
  };
}

/**
 * One page of a tenant's audit entries, newest first unless `isOldestFirst`. The first page seals
 * waiting entries and reads consistently, so it shows every change committed before the request;
 * later pages follow on from it.
 */
export async function listAuditEntries(
  db: Db,
  tenantId: string,
  options: { limit: number; startKey?: Record<string, unknown>; isOldestFirst?: boolean },
): Promise<{ items: AuditEntry[]; lastKey?: Record<string, unknown> }> {
  const isFirstPage = options.startKey === undefined;
  if (isFirstPage) await sealAuditChain(db, tenantId);
  const page = await queryPrefixPage(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.auditEntry,
    isNewestFirst: options.isOldestFirst !== true,
    isConsistent: isFirstPage,
    limit: options.limit,
    ...(options.startKey === undefined ? {} : { startKey: options.startKey }),
  });
  return { ...page, items: page.items.map(toAuditEntry) };
}

/** Reads of the chain a verification makes while sealers keep moving its head. */
const VERIFY_SNAPSHOT_ATTEMPTS = 3;

/**
 * Seals waiting entries, then reads the whole chain oldest first and verifies every link and the
 * head. Sealers add entries only together with moving the head, so the chain is read between two
 * reads of an unmoved head: a change sealed meanwhile is never mistaken for a broken link.
 */
export async function verifyAuditChain(db: Db, tenantId: string): Promise<ChainVerdict> {
  await sealAuditChain(db, tenantId);
  for (let attempt = 1; attempt <= VERIFY_SNAPSHOT_ATTEMPTS; attempt += 1) {
    const before = await readAuditHead(db, tenantId);
    const items = await queryPrefixAll(db, {
      pk: tenantPk(tenantId),
      prefix: SK_PREFIX.auditEntry,
      isConsistent: true,
    });
    const head = await readAuditHead(db, tenantId);
    if (head?.seq === before?.seq) return verifyChain(items.map(toAuditEntry), head);
  }
  throw auditBusyError();
}
