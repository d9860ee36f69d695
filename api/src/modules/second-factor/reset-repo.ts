import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK } from '../../platform/db/keys.js';
import type { ResetItem } from './repo.js';

/**
 * Support's scheduled reset of a person's factors (`USER#<id> / SECONDFACTOR#RESET`): one at a
 * time, in the person's own partition, so the account purge removes it with the rest.
 */

function resetKey(userId: string) {
  return { PK: platformPk('user', userId), SK: SK.secondFactorReset() };
}

/** Schedules the reset; refused (a failed condition) while another one is scheduled. */
export function buildPutReset(db: Db, userId: string, reset: ResetItem): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { ...resetKey(userId), entity: 'SecondFactorReset', ...reset },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Ends the scheduled reset (cancelled or completed); the condition makes either happen once. */
export function buildDeleteReset(db: Db, userId: string, requestedAt: string): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: resetKey(userId),
      ConditionExpression: 'requestedAt = :requestedAt',
      ExpressionAttributeValues: { ':requestedAt': requestedAt },
    },
  };
}
