import { TransactionCanceledException, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';

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

type DocTransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

type ItemPart = {
  Item?: Record<string, unknown>;
  Key?: Record<string, unknown>;
  ExpressionAttributeValues?: Record<string, unknown>;
};

const MARSHALL_OPTIONS = { removeUndefinedValues: true, convertEmptyValues: false } as const;

function marshallPart(part: ItemPart): Record<string, unknown> {
  const marshalled: Record<string, unknown> = { ...part };
  for (const name of ['Item', 'Key', 'ExpressionAttributeValues'] as const) {
    const values = part[name];
    if (values !== undefined) marshalled[name] = marshall(values, MARSHALL_OPTIONS);
  }
  return marshalled;
}

/**
 * The low-level (`@aws-sdk/client-dynamodb`) form of a document-client transaction item, for
 * callers that commit with `TransactWriteItemsCommand` (for example the webhook ledger).
 */
export function toRawTransactItem(item: DocTransactItem): TransactWriteItem {
  const raw: Record<string, unknown> = {};
  for (const [kind, part] of Object.entries(item)) {
    if (part !== undefined) raw[kind] = marshallPart(part);
  }
  // Put, Update, Delete or ConditionCheck, with its values marshalled: the same shape, typed raw.
  return raw;
}
