import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../../platform/audit/audit-log.js';
import type { Db } from '../../../platform/db/client.js';
import { SK, tenantPk } from '../../../platform/db/keys.js';

/**
 * One item per thread fingerprint imported into a workspace (`TENANT#<t> / IMPORTEDTHREAD#<sha>`):
 * written in the import's own transaction, so of two imports of the same export at once only one
 * can create it, and the other learns the thread is already in the log.
 */
export type ImportedThread = {
  threadSha256: string;
  format: string;
  /** When the thread was first imported, and the first message that import logged. */
  importedAt: string;
  firstMessageId: string;
  /** The latest import of it (the first, or one the person asked for again). */
  lastImportedAt: string;
  importCount: number;
};

export const IMPORTED_THREAD_FIELDS: readonly (keyof ImportedThread)[] = [
  'threadSha256',
  'format',
  'importedAt',
  'firstMessageId',
  'lastImportedAt',
  'importCount',
];

function keyOf(tenantId: string, threadSha256: string) {
  return { PK: tenantPk(tenantId), SK: SK.importedThread(threadSha256) };
}

/** Presenter: the record's own fields, without keys or the entity name. */
export function toImportedThread(item: Record<string, unknown>): ImportedThread {
  return {
    threadSha256: String(item.threadSha256),
    format: String(item.format),
    importedAt: String(item.importedAt),
    firstMessageId: String(item.firstMessageId),
    lastImportedAt: String(item.lastImportedAt),
    importCount: Number(item.importCount),
  };
}

/**
 * Records an import of a thread. The first import creates the item; with `isRepeatAllowed` a later
 * one keeps the first import's date and message and counts itself. Without it the write is
 * conditional on no earlier import, which makes the transaction fail when there was one.
 */
export function buildRecordImportedThread(
  db: Db,
  tenantId: string,
  record: { threadSha256: string; format: string; at: string; firstMessageId: string },
  isRepeatAllowed: boolean,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: keyOf(tenantId, record.threadSha256),
      UpdateExpression:
        'SET entity = :entity, threadSha256 = :sha, #format = if_not_exists(#format, :format), ' +
        'importedAt = if_not_exists(importedAt, :at), firstMessageId = if_not_exists(firstMessageId, :first), ' +
        'lastImportedAt = :at ADD importCount :one',
      ...(isRepeatAllowed ? {} : { ConditionExpression: 'attribute_not_exists(PK)' }),
      ExpressionAttributeNames: { '#format': 'format' },
      ExpressionAttributeValues: {
        ':entity': 'ImportedThread',
        ':sha': record.threadSha256,
        ':format': record.format,
        ':at': record.at,
        ':first': record.firstMessageId,
        ':one': 1,
      },
    },
  };
}

export async function getImportedThread(
  db: Db,
  tenantId: string,
  threadSha256: string,
): Promise<ImportedThread | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: keyOf(tenantId, threadSha256), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : toImportedThread(result.Item);
}
