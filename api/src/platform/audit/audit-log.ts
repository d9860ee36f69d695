import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { SK, SK_PREFIX, tenantPk } from '../db/keys.js';
import { queryPrefixAll, queryPrefixPage } from '../db/query.js';
import { getFailedConditionIndexes } from '../db/transactions.js';
import {
  computeEntryHash,
  GENESIS_HASH,
  verifyChain,
  type AuditActor,
  type AuditDetails,
  type AuditEntry,
  type ChainVerdict,
} from './audit-chain.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

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

const MAX_CHAIN_RETRIES = 8;

type HeadItem = { seq: number; hash: string };

async function readHead(db: Db, tenantId: string): Promise<HeadItem> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.auditHead() },
      ConsistentRead: true,
    }),
  );
  const item = result.Item as HeadItem | undefined;
  return item === undefined ? { seq: 0, hash: GENESIS_HASH } : { seq: item.seq, hash: item.hash };
}

/**
 * Commits `operations` and one audit entry in the same DynamoDB transaction, so a change and its
 * audit record exist together or not at all. The entry extends the tenant's hash chain: the head
 * item is updated under a condition on its sequence number, and a concurrent writer makes this
 * retry with the new head.
 */
export async function commitWithAudit(
  db: Db,
  tenantId: string,
  operations: TransactItem[],
  event: AuditEvent,
  now: () => Date = () => new Date(),
): Promise<AuditEntry> {
  const pk = tenantPk(tenantId);
  for (let attempt = 0; attempt < MAX_CHAIN_RETRIES; attempt += 1) {
    const head = await readHead(db, tenantId);
    const unsigned: Omit<AuditEntry, 'hash'> = {
      seq: head.seq + 1,
      at: now().toISOString(),
      actor: event.actor,
      action: event.action,
      target: event.target,
      details: event.details ?? {},
      prevHash: head.hash,
    };
    const entry: AuditEntry = { ...unsigned, hash: computeEntryHash(unsigned) };
    const auditItems: TransactItem[] = [
      {
        Put: {
          TableName: db.mainTable,
          Item: { PK: pk, SK: SK.auditEntry(entry.seq), entity: 'AuditEntry', ...entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Put: {
          TableName: db.mainTable,
          Item: { PK: pk, SK: SK.auditHead(), entity: 'AuditHead', seq: entry.seq, hash: entry.hash },
          ConditionExpression: head.seq === 0 ? 'attribute_not_exists(PK)' : 'seq = :seq',
          ...(head.seq === 0 ? {} : { ExpressionAttributeValues: { ':seq': head.seq } }),
        },
      },
    ];
    try {
      await db.doc.send(new TransactWriteCommand({ TransactItems: [...operations, ...auditItems] }));
      return entry;
    } catch (error) {
      const failed = getFailedConditionIndexes(error);
      if (failed === undefined) {
        if (error instanceof Error && error.name === 'TransactionConflictException') continue;
        if (error instanceof Error && error.name === 'TransactionCanceledException') continue;
        throw error;
      }
      const own = failed.filter((index) => index < operations.length);
      if (own.length > 0) throw new WriteConditionFailed(own);
      // Only the chain moved under us: another change was audited first. Retry on the new head.
    }
  }
  throw new Error('the audit chain stayed busy; giving up');
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

/** One page of a tenant's audit entries, newest first unless `isOldestFirst`. */
export async function listAuditEntries(
  db: Db,
  tenantId: string,
  options: { limit: number; startKey?: Record<string, unknown>; isOldestFirst?: boolean },
): Promise<{ items: AuditEntry[]; lastKey?: Record<string, unknown> }> {
  const page = await queryPrefixPage(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.auditEntry,
    isNewestFirst: options.isOldestFirst !== true,
    limit: options.limit,
    ...(options.startKey === undefined ? {} : { startKey: options.startKey }),
  });
  return { ...page, items: page.items.map(toAuditEntry) };
}

/** Reads the whole chain oldest first and verifies every link and the head. */
export async function verifyAuditChain(db: Db, tenantId: string): Promise<ChainVerdict> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.auditEntry,
    isConsistent: true,
  });
  const entries = items.map(toAuditEntry);
  const head = await readHead(db, tenantId);
  return verifyChain(entries, head.seq === 0 ? undefined : head);
}
