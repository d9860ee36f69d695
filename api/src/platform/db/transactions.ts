import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { TransactWriteCommand, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';

/** One write of a transaction, as the repos build them. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * Commits the writes several modules' repos built, all or none: how a service makes one change
 * that spans modules (an account's deletion, a workspace's purge lock, an email queued with the
 * change that causes it) without sending a DynamoDB command itself. A write that is audited goes
 * through `commitWithAudit` instead.
 */
export async function commitTransaction(db: Db, items: TransactItem[]): Promise<void> {
  await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
}

/** Indexes of the transaction items whose condition failed, or undefined for other errors. */
export function getFailedConditionIndexes(error: unknown): number[] | undefined {
  if (!(error instanceof TransactionCanceledException)) return undefined;
  const reasons = error.CancellationReasons ?? [];
  const failed = reasons.flatMap((reason, index) =>
    reason.Code === 'ConditionalCheckFailed' ? [index] : [],
  );
  return failed.length > 0 ? failed : undefined;
}

/** Whether a single-item write failed its condition. */
export function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

/** Cancellation reasons that only say another writer got there first; retrying may succeed. */
const RACE_REASONS = new Set(['None', 'ConditionalCheckFailed', 'TransactionConflict']);

/** Whether a transaction was cancelled because it collided with another one on the same items. */
export function isTransactionConflict(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TransactionConflictException') return true;
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).some((reason) => reason.Code === 'TransactionConflict');
}

/**
 * Whether a transaction was cancelled only by conditions and collisions (no validation or capacity
 * reason): for a writer whose conditions guard a shared item, that means it lost a race.
 */
export function isLostRace(error: unknown): boolean {
  if (error instanceof Error && error.name === 'TransactionConflictException') return true;
  if (!(error instanceof TransactionCanceledException)) return false;
  return (error.CancellationReasons ?? []).every((reason) => RACE_REASONS.has(reason.Code ?? 'None'));
}
