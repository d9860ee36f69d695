import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import { batchGetAll } from '../../platform/db/batch-get.js';
import type { Db } from '../../platform/db/client.js';
import { SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll, queryPrefixPage } from '../../platform/db/query.js';
import { buildVersionedUpdate } from '../../platform/db/updates.js';
import { ACTIVITY_STORED_FIELDS, type Activity } from './activity-schema.js';

/** CE activity items: `TENANT#<t> / CEACTIVITY#<id>` (ids are time-ordered, so newest last). */

export function toActivity(item: Record<string, unknown>): Activity {
  const activity: Record<string, unknown> = {};
  for (const field of ACTIVITY_STORED_FIELDS) if (item[field] !== undefined) activity[field] = item[field];
  return activity as Activity;
}

export function buildPutActivity(db: Db, tenantId: string, activity: Activity): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: tenantPk(tenantId), SK: SK.ceActivity(activity.id), entity: 'CeActivity', ...activity },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getActivity(
  db: Db,
  tenantId: string,
  activityId: string,
): Promise<Activity | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.ceActivity(activityId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : toActivity(result.Item);
}

/** The activities among `activityIds` that exist, in the order asked for (one batch read per 100). */
export async function getActivitiesByIds(
  db: Db,
  tenantId: string,
  activityIds: readonly string[],
): Promise<Activity[]> {
  const found = await batchGetAll(
    db,
    db.mainTable,
    activityIds.map((id) => ({ PK: tenantPk(tenantId), SK: SK.ceActivity(id) })),
  );
  return found.items.map(toActivity);
}

/** One page of activities, newest entered first. */
export async function queryActivities(
  db: Db,
  tenantId: string,
  options: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ items: Activity[]; lastKey?: Record<string, unknown> }> {
  const page = await queryPrefixPage(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.ceActivity,
    isNewestFirst: true,
    ...options,
  });
  return { ...page, items: page.items.map(toActivity) };
}

/** Every activity of a workspace, for the progress of each license cycle. */
export async function listAllActivities(
  db: Db,
  tenantId: string,
  options: { isConsistent?: boolean } = {},
): Promise<Activity[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.ceActivity,
    isConsistent: options.isConsistent === true,
  });
  return items.map(toActivity);
}

export function buildUpdateActivity(
  db: Db,
  tenantId: string,
  activityId: string,
  changes: Record<string, unknown>,
  expectedVersion: number,
): TransactItem {
  return buildVersionedUpdate(db, { PK: tenantPk(tenantId), SK: SK.ceActivity(activityId) }, changes, {
    expectedVersion,
  });
}

/** Deletes the activity as it was read (`expectedVersion`), so the tallies lose exactly that one. */
export function buildDeleteActivity(
  db: Db,
  tenantId: string,
  activityId: string,
  expectedVersion: number,
): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.ceActivity(activityId) },
      ConditionExpression: 'attribute_exists(PK) AND version = :version',
      ExpressionAttributeValues: { ':version': expectedVersion },
    },
  };
}
