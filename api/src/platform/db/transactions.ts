import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';

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
