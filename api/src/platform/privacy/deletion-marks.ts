import type { TransactItem } from '../audit/audit-log.js';
import type { Db } from '../db/client.js';
import { platformPk, SK, tenantPk } from '../db/keys.js';

/**
 * The marks an account deletion and a workspace purge leave on other modules' items, written in
 * the same transaction as the privacy module's own records, so each decision stays atomic: the
 * profile's `deletionRequestedAt` (the identity module reads it to hide the account) and the
 * workspace's `purgeStartedAt` (a legal hold and the purge's start are decided by conditions on
 * each other's items). They are part of the deletion contract, like the suspension flags in
 * `db/deletion-flags.ts`, so no module hands another its transaction items.
 */

/** Marks the profile as scheduled for deletion (once), or with `at` undefined clears the mark. */
export function buildProfileDeletionMark(db: Db, userId: string, at: string | undefined): TransactItem {
  const Key = { PK: platformPk('user', userId), SK: SK.profile() };
  return at === undefined
    ? {
        Update: {
          TableName: db.mainTable,
          Key,
          UpdateExpression: 'REMOVE deletionRequestedAt',
          ConditionExpression: 'attribute_exists(PK)',
        },
      }
    : {
        Update: {
          TableName: db.mainTable,
          Key,
          UpdateExpression: 'SET deletionRequestedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletionRequestedAt)',
          ExpressionAttributeValues: { ':at': at },
        },
      };
}

/**
 * Marks a workspace as being purged. The purge commits it together with a check that the
 * workspace carries no legal hold, and setting a hold checks this mark, so a hold set a moment
 * earlier wins and none can be set once the purge has begun.
 */
export function buildWorkspacePurgeLock(db: Db, tenantId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.workspace() },
      UpdateExpression: 'SET purgeStartedAt = if_not_exists(purgeStartedAt, :at)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}

/** A condition that the workspace exists and its purge has not begun (for setting a legal hold). */
export function buildWorkspaceNotPurgingCheck(db: Db, tenantId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.workspace() },
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(purgeStartedAt)',
    },
  };
}
