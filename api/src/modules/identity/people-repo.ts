import { QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { PLATFORM_PREFIX, platformPk, SK } from '../../platform/db/keys.js';
import { GSI2 } from '../../platform/db/index-keys.js';
import { isConditionFailed } from '../../platform/db/transactions.js';

/**
 * The people index (GSI2 `PEOPLE` partition): every profile item carries `GSI2.person` keys, and
 * nothing else does, so reading every person is a Query of one index partition rather than a Scan
 * of the table. Only a job that must reach everyone (the policy notice) reads it; jobs for some
 * people read their own sparse index (the weekly email's consents, the CE reminders' due days).
 */

type Item = Record<string, unknown>;

/** A person as jobs that write to everyone (the policy notice) need them. */
export type Person = { id: string; email: string; displayName: string };

/** One page of people from the index, in user-id order. */
export async function queryPeoplePage(
  db: Db,
  startKey: Item | undefined,
): Promise<{ items: Person[]; lastKey?: Item }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      IndexName: 'GSI2',
      KeyConditionExpression: 'GSI2PK = :people',
      ExpressionAttributeValues: { ':people': GSI2.people().GSI2PK },
      ProjectionExpression: 'id, email, displayName',
      ExclusiveStartKey: startKey,
    }),
  );
  return {
    items: (result.Items ?? []).map((item) => ({
      id: item.id as string,
      email: item.email as string,
      displayName: item.displayName as string,
    })),
    ...(result.LastEvaluatedKey === undefined ? {} : { lastKey: result.LastEvaluatedKey }),
  };
}

/**
 * Adds the people-index keys to every profile written before the index existed. Idempotent: it
 * only touches profiles without them, and a profile deleted meanwhile is left alone. A one-off
 * maintenance Scan, run once after the index is deployed (`pnpm --filter @holdfast/api
 * backfill:people`); new profiles get the keys when they are made.
 */
export async function backfillPeopleIndex(db: Db): Promise<{ updated: number }> {
  let updated = 0;
  let startKey: Item | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.mainTable,
        FilterExpression: 'begins_with(PK, :user) AND SK = :profile AND attribute_not_exists(GSI2PK)',
        ExpressionAttributeValues: { ':user': PLATFORM_PREFIX.user, ':profile': SK.profile() },
        ProjectionExpression: 'id',
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const userId = item.id as string;
      const keys = GSI2.person(userId);
      try {
        await db.doc.send(
          new UpdateCommand({
            TableName: db.mainTable,
            Key: { PK: platformPk('user', userId), SK: SK.profile() },
            UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk',
            ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(GSI2PK)',
            ExpressionAttributeValues: { ':pk': keys.GSI2PK, ':sk': keys.GSI2SK },
          }),
        );
        updated += 1;
      } catch (error) {
        // Purged since the scan read it, or a concurrent run got there first: nothing to do.
        if (!isConditionFailed(error)) throw error;
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return { updated };
}
