import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../../platform/db/client.js';
import { platformPk, SK, SK_PREFIX } from '../../../platform/db/keys.js';
import { queryPrefixPage } from '../../../platform/db/query.js';
import type { Export } from './schema.js';

/** Export items: `USER#<u> / EXPORT#<id>`, the status of one export; the ZIP itself is in object storage. */

const FIELDS = [
  'id',
  'status',
  'phase',
  'done',
  'total',
  'createdAt',
  'completedAt',
  'expiresAt',
  'size',
  'fileCount',
  'manifestSha256',
  'error',
] as const;

export type ExportItem = Export & { objectKey: string; updatedAt: string };

function toItem(item: Record<string, unknown>): ExportItem {
  const result: Record<string, unknown> = { objectKey: item.objectKey, updatedAt: item.updatedAt };
  for (const field of FIELDS) if (item[field] !== undefined) result[field] = item[field];
  return result as ExportItem;
}

export async function putExport(db: Db, userId: string, item: ExportItem): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.mainTable,
      Item: { PK: platformPk('user', userId), SK: SK.export(item.id), entity: 'Export', ...item },
      ConditionExpression: 'attribute_not_exists(PK)',
    }),
  );
}

export async function updateExport(
  db: Db,
  userId: string,
  exportId: string,
  changes: Partial<Omit<ExportItem, 'id'>>,
): Promise<void> {
  const entries = Object.entries(changes).filter(([, value]) => value !== undefined);
  await db.doc.send(
    new UpdateCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('user', userId), SK: SK.export(exportId) },
      UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :v${i}`).join(', ')}`,
      ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
      ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:v${i}`, value])),
      ConditionExpression: 'attribute_exists(PK)',
    }),
  );
}

export async function getExport(db: Db, userId: string, exportId: string): Promise<ExportItem | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('user', userId), SK: SK.export(exportId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : toItem(result.Item);
}

/** The person's exports, newest first (ids are time-ordered). */
export async function listExports(db: Db, userId: string, limit: number): Promise<ExportItem[]> {
  const page = await queryPrefixPage(db, {
    pk: platformPk('user', userId),
    prefix: SK_PREFIX.export,
    isNewestFirst: true,
    isConsistent: true,
    limit,
  });
  return page.items.map(toItem);
}
