import { BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { skPrefixCondition } from './query.js';

const BATCH = 25;
const MAX_UNPROCESSED_RETRIES = 8;

type Key = { PK: string; SK: string };

async function deleteKeys(db: Db, keys: Key[]): Promise<void> {
  let pending = keys.map((Key) => ({ DeleteRequest: { Key } }));
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > MAX_UNPROCESSED_RETRIES)
      throw new Error('the table kept refusing deletes; try again later');
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.mainTable]: pending } }));
    pending = (result.UnprocessedItems?.[db.mainTable] ?? []).flatMap((request) =>
      request.DeleteRequest?.Key === undefined
        ? []
        : [{ DeleteRequest: { Key: request.DeleteRequest.Key as Key } }],
    );
  }
}

/** Deletes the items of a partition (under a sort-key prefix when one is given), a page at a time. */
async function deleteItems(db: Db, pk: string, prefix?: string): Promise<number> {
  // The key condition is the same for every page: built once per sweep.
  const condition =
    prefix === undefined ? { expression: 'PK = :pk', values: { ':pk': pk } } : skPrefixCondition(pk, prefix);
  let removed = 0;
  for (;;) {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.mainTable,
        KeyConditionExpression: condition.expression,
        ExpressionAttributeValues: condition.values,
        ProjectionExpression: 'PK, SK',
        ConsistentRead: true,
        Limit: 100,
      }),
    );
    const keys = (page.Items ?? []) as Key[];
    if (keys.length === 0) return removed;
    for (let index = 0; index < keys.length; index += BATCH)
      await deleteKeys(db, keys.slice(index, index + BATCH));
    removed += keys.length;
  }
}

/**
 * Deletes every item of one main-table partition (a purged workspace's `TENANT#<id>`, a purged
 * person's `USER#<id>`), a page at a time. It only ever deletes, so running it again after a crash
 * simply finishes the job; it returns how many items it removed.
 */
export async function deletePartition(db: Db, pk: string): Promise<number> {
  return deleteItems(db, pk);
}

/**
 * Deletes every item of a partition under one sort-key prefix (one person's records inside a
 * workspace); like `deletePartition`, safe to run again after a crash.
 */
export async function deletePrefix(db: Db, pk: string, prefix: string): Promise<number> {
  return deleteItems(db, pk, prefix);
}
