import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK } from '../../platform/db/keys.js';

/** Policy notices: `USER#<u> / POLICYNOTICE#<version>`, one per person and announced version. */

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
