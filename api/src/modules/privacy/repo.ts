import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { PLATFORM_PREFIX, platformPk, SK } from '../../platform/db/keys.js';

/** Policy notices: `USER#<u> / POLICYNOTICE#<version>`, one per person and announced version. */

type Item = Record<string, unknown>;

export async function hasPolicyNotice(db: Db, userId: string, version: string): Promise<boolean> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('user', userId), SK: SK.policyNotice(version) },
      ConsistentRead: true,
    }),
  );
  return result.Item !== undefined;
}

/** Records, once, that a user was told about a policy version; false when already recorded. */
export async function recordPolicyNotice(
  db: Db,
  userId: string,
  version: string,
  at: string,
): Promise<boolean> {
  try {
    await db.doc.send(
      new PutCommand({
        TableName: db.mainTable,
        Item: {
          PK: platformPk('user', userId),
          SK: SK.policyNotice(version),
          entity: 'PolicyNotice',
          version,
          at,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
    return true;
  } catch (error) {
    if ((error as { name?: string }).name === 'ConditionalCheckFailedException') return false;
    throw error;
  }
}

/** Every account, page by page (a maintenance job's read; the table has no per-user index). */
export async function* scanUsers(db: Db): AsyncGenerator<{ id: string; email: string; displayName: string }> {
  let startKey: Item | undefined;
  do {
    const page = await db.doc.send(
      new ScanCommand({
        TableName: db.mainTable,
        FilterExpression: 'begins_with(PK, :user) AND SK = :profile',
        ExpressionAttributeValues: { ':user': PLATFORM_PREFIX.user, ':profile': SK.profile() },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? [])
      yield { id: item.id as string, email: item.email as string, displayName: item.displayName as string };
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
}
