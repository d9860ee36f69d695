import { GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { waitBeforeRetry } from '../db/backoff.js';
import type { Db } from '../db/client.js';
import { skPrefixCondition } from '../db/query.js';
import { SK, SK_PREFIX, tenantPk } from '../db/keys.js';
import { isLostRace } from '../db/transactions.js';
import { AppError } from '../errors.js';
import {
  computeEntryHash,
  GENESIS_HASH,
  type AuditActor,
  type AuditDetails,
  type AuditEntry,
} from './audit-chain.js';

/**
 * Sealing links waiting audit entries into a workspace's hash chain.
 *
 * A change is committed together with a *pending* entry (actor, action, target, time, details),
 * which touches no shared item, so changes in one workspace never wait for each other. Sealing then
 * takes the pending entries oldest first and, in one transaction per batch, writes each as the
 * next numbered entry (hashed over its fields and the previous hash, exactly as the chain always
 * was), deletes the pending item, and moves the head. The transaction is conditional on the head
 * being where this sealer read it, on each entry number being free, and on each pending item
 * still existing: two sealers can never seal one pending entry twice, and the loser of a race
 * re-reads and carries on from the new head.
 */

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export type AuditHead = { seq: number; hash: string };

type PendingEntry = Omit<AuditEntry, 'seq' | 'prevHash' | 'hash'> & { sk: string };

/** At most 100 items per transaction: each entry takes two (entry + pending delete), the head one. */
const SEAL_BATCH = 49;
/** Lost races a reader tolerates before answering 503 (with the jittered waits, about 1-2 s). */
const READER_MAX_CONFLICTS = 12;
/** Batches one call seals at most (about 4,900 entries); more is a backlog for the next call. */
const MAX_BATCHES = 100;
const RETRY_AFTER_SECONDS = 1;

/** The error answered when the chain could not settle: 503 with Retry-After, never a 500. */
export function auditBusyError(): AppError {
  return new AppError(
    'busy',
    'Many changes are being recorded in this workspace at once. Try again in a moment.',
    { retryAfterSeconds: RETRY_AFTER_SECONDS },
  );
}

/** The head of a workspace's chain (its last entry's number and hash), or undefined before the first. */
export async function readAuditHead(db: Db, tenantId: string): Promise<AuditHead | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.auditHead() },
      ConsistentRead: true,
    }),
  );
  const item = result.Item;
  return item === undefined ? undefined : { seq: item.seq as number, hash: item.hash as string };
}

/** The item that waits, in the change's own transaction, to be sealed into the chain. */
export function buildPendingAuditItem(
  db: Db,
  tenantId: string,
  entry: {
    at: string;
    id: string;
    actor: AuditActor;
    action: string;
    target: AuditEntry['target'];
    details: AuditDetails;
  },
): TransactItem {
  const { id, ...fields } = entry;
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: tenantPk(tenantId), SK: SK.auditPending(entry.at, id), entity: 'AuditPending', ...fields },
      // A fresh id per attempt; the condition only guards against an id ever repeating.
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Up to one batch of pending entries, and whether more were left behind it. */
async function queryPending(
  db: Db,
  tenantId: string,
): Promise<{ pending: PendingEntry[]; hasMore: boolean }> {
  const keyCondition = skPrefixCondition(tenantPk(tenantId), SK_PREFIX.auditPending);
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      KeyConditionExpression: keyCondition.expression,
      ExpressionAttributeValues: keyCondition.values,
      ConsistentRead: true,
      Limit: SEAL_BATCH,
    }),
  );
  const pending = (result.Items ?? []).map((item) => ({
    sk: item.SK as string,
    at: item.at as string,
    actor: item.actor as AuditActor,
    action: item.action as string,
    target: item.target as AuditEntry['target'],
    details: item.details as AuditDetails,
  }));
  return { pending, hasMore: result.LastEvaluatedKey !== undefined };
}

function buildSealItems(
  db: Db,
  tenantId: string,
  head: AuditHead | undefined,
  pending: PendingEntry[],
): TransactItem[] {
  const pk = tenantPk(tenantId);
  const items: TransactItem[] = [];
  let previous: AuditHead = head ?? { seq: 0, hash: GENESIS_HASH };
  for (const { sk, ...fields } of pending) {
    const unsigned: Omit<AuditEntry, 'hash'> = { ...fields, seq: previous.seq + 1, prevHash: previous.hash };
    const entry: AuditEntry = { ...unsigned, hash: computeEntryHash(unsigned) };
    items.push(
      {
        Put: {
          TableName: db.mainTable,
          Item: { PK: pk, SK: SK.auditEntry(entry.seq), entity: 'AuditEntry', ...entry },
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      {
        Delete: {
          TableName: db.mainTable,
          Key: { PK: pk, SK: sk },
          ConditionExpression: 'attribute_exists(PK)',
        },
      },
    );
    previous = entry;
  }
  items.push({
    Put: {
      TableName: db.mainTable,
      Item: { PK: pk, SK: SK.auditHead(), entity: 'AuditHead', seq: previous.seq, hash: previous.hash },
      ConditionExpression: head === undefined ? 'attribute_not_exists(PK)' : 'seq = :seq',
      ...(head === undefined ? {} : { ExpressionAttributeValues: { ':seq': head.seq } }),
    },
  });
  return items;
}

export type SealOptions = {
  /** Lost races tolerated before giving up with the 503 error. */
  maxConflicts?: number;
};

/**
 * Links a workspace's pending audit entries into its chain, oldest first, until none is left.
 * Returns how many this call sealed; entries sealed by a concurrent sealer
 * count for that one. Throws the 503 `busy` error when it keeps losing races.
 */
export async function sealAuditChain(db: Db, tenantId: string, options: SealOptions = {}): Promise<number> {
  const maxConflicts = options.maxConflicts ?? READER_MAX_CONFLICTS;
  let conflicts = 0;
  let sealed = 0;
  for (let batches = 0; batches < MAX_BATCHES;) {
    // The head first: a sealer that commits in between moves it, and this transaction then fails.
    const head = await readAuditHead(db, tenantId);
    const { pending, hasMore } = await queryPending(db, tenantId);
    if (pending.length === 0) return sealed;
    try {
      await db.doc.send(
        new TransactWriteCommand({ TransactItems: buildSealItems(db, tenantId, head, pending) }),
      );
      sealed += pending.length;
      batches += 1;
      // The query ran after the call began and found every entry pending then: nothing committed
      // before the call is left, so there is no need to read the head and the queue once more.
      if (!hasMore) return sealed;
    } catch (error) {
      if (!isLostRace(error)) throw error;
      conflicts += 1;
      if (conflicts > maxConflicts) throw auditBusyError();
      await waitBeforeRetry(conflicts);
    }
  }
  throw auditBusyError();
}
