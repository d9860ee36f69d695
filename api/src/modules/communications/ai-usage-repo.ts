import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { SK, tenantPk } from '../../platform/db/keys.js';

/** AI usage items: `TENANT#<t> / AIUSAGE#<YYYY-MM>`, one counter per workspace and month. */

function isConditionFailed(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

function keyOf(tenantId: string, month: string) {
  return { PK: tenantPk(tenantId), SK: SK.aiUsage(month) };
}

export async function getAiActionsUsed(db: Db, tenantId: string, month: string): Promise<number> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: keyOf(tenantId, month), ConsistentRead: true }),
  );
  const count: unknown = result.Item?.actions;
  return typeof count === 'number' ? count : 0;
}

/**
 * Counts one AI action, unless the month already holds `limit` (none when `limit` is null). The
 * check and the increment are one conditional update, so two requests at once cannot both take the
 * last action. Returns false when the month is full.
 */
export async function reserveAiAction(
  db: Db,
  tenantId: string,
  month: string,
  limit: number | null,
): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: keyOf(tenantId, month),
        UpdateExpression: 'SET entity = :entity ADD actions :one',
        ExpressionAttributeValues: {
          ':entity': 'AiUsage',
          ':one': 1,
          ...(limit === null ? {} : { ':limit': limit }),
        },
        ...(limit === null
          ? {}
          : { ConditionExpression: 'attribute_not_exists(actions) OR actions < :limit' }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** Gives back an action whose provider call failed: nothing was produced, so nothing is charged. */
export async function releaseAiAction(db: Db, tenantId: string, month: string): Promise<void> {
  await db.doc
    .send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: keyOf(tenantId, month),
        UpdateExpression: 'ADD actions :minusOne',
        ConditionExpression: 'actions > :zero',
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    )
    .catch((error: unknown) => {
      if (!isConditionFailed(error)) throw error;
    });
}
