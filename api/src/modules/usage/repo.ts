import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK } from '../../platform/db/keys.js';

/** Daily usage counters: `ANALYTICS#<day> / <kind>#<name>`, a count and nothing else. */

/** Adds one to a day's counter: the only thing usage counting ever stores. */
export async function incrementCount(db: Db, day: string, kind: string, name: string): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('analyticsDay', day), SK: SK.pageCount(kind, name) },
      UpdateExpression: 'SET entity = :entity, kind = :kind, #name = :name ADD #count :one',
      ExpressionAttributeNames: { '#name': 'name', '#count': 'count' },
      ExpressionAttributeValues: { ':entity': 'PageCount', ':kind': kind, ':name': name, ':one': 1 },
    }),
  );
}

export async function readDayCounts(
  db: Db,
  day: string,
): Promise<{ kind: string; name: string; count: number }[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': platformPk('analyticsDay', day) },
      ConsistentRead: true,
    }),
  );
  return (result.Items ?? []).map((item) => ({
    kind: item.kind as string,
    name: item.name as string,
    count: item.count as number,
  }));
}
