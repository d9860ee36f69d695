import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { isConditionFailed } from './transactions.js';

/** The attribute pair an item carries while an account deletion has suspended it. */
export const SUSPENDED_FLAG = { at: 'suspendedAt', by: 'suspendedBy' };

/**
 * Sets (or, with `value` undefined, removes) a pair of deletion flags on one item, such as
 * `suspendedAt`/`suspendedBy`. Setting only happens where the flag is not already set; removing
 * only where it was set by `by`, so one person's restore never undoes another's deletion. A
 * missing item or a flag owned by someone else is skipped, which makes every call safe to repeat.
 * Shared by the modules whose items an account deletion hides (workspaces, members, API keys).
 */
export async function setDeletionFlag(
  db: Db,
  key: { PK: string; SK: string },
  flag: { at: string; by: string },
  value: { at: string; by: string } | undefined,
  byOwner: string,
  extraCondition?: string,
): Promise<void> {
  const names = { '#at': flag.at, '#by': flag.by };
  const command =
    value === undefined
      ? new UpdateCommand({
          TableName: db.mainTable,
          Key: key,
          UpdateExpression: 'REMOVE #at, #by',
          ConditionExpression: 'attribute_exists(PK) AND #by = :by',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':by': byOwner },
        })
      : new UpdateCommand({
          TableName: db.mainTable,
          Key: key,
          UpdateExpression: 'SET #at = :at, #by = :by',
          ConditionExpression: `attribute_exists(PK) AND attribute_not_exists(#at)${extraCondition === undefined ? '' : ` AND ${extraCondition}`}`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':at': value.at, ':by': value.by },
        });
  try {
    await db.doc.send(command);
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
