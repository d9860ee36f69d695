import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { buildDueBound, GSI1, parseCeReminderDue } from '../../platform/db/index-keys.js';
import { SK, tenantPk } from '../../platform/db/keys.js';

/** Marks of reminders sent: `TENANT#<t> / CEREMINDER#<license>#<cycle end>#<days before>`. */

export type ReminderMark = { licenseId: string; endsOn: string; daysBefore: number };

/** A license whose next reminder is due, as the reminder index lists it. */
export type DueReminder = { tenantId: string; licenseId: string; dueOn: string; sortKey: string };

type Item = Record<string, unknown>;

function keyOf(tenantId: string, mark: ReminderMark) {
  return { PK: tenantPk(tenantId), SK: SK.ceReminder(mark.licenseId, mark.endsOn, mark.daysBefore) };
}

export async function hasReminder(db: Db, tenantId: string, mark: ReminderMark): Promise<boolean> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: keyOf(tenantId, mark), ConsistentRead: true }),
  );
  return result.Item !== undefined;
}

/** The mark, written with the email's enqueue; a second run's write fails its condition. */
export function buildPutReminder(db: Db, tenantId: string, mark: ReminderMark, sentAt: string): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { ...keyOf(tenantId, mark), entity: 'CeReminder', ...mark, sentAt },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/**
 * One page of licenses whose next reminder is due on or before `today`, earliest first: a Query
 * of the sparse reminder index, which holds only licenses with a reminder still ahead, so a run
 * reads the licenses it concerns and nothing else. Only the index keys are read.
 */
export async function queryDueRemindersPage(
  db: Db,
  today: string,
  startKey: Item | undefined,
): Promise<{ items: DueReminder[]; lastKey?: Item }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :today',
      ExpressionAttributeValues: { ':pk': GSI1.ceRemindersDue().GSI1PK, ':today': buildDueBound(today) },
      ProjectionExpression: 'GSI1SK',
      ExclusiveStartKey: startKey,
    }),
  );
  const items: DueReminder[] = [];
  for (const item of result.Items ?? []) {
    const sortKey = item.GSI1SK as string;
    const parsed = parseCeReminderDue(sortKey);
    if (parsed !== undefined) items.push({ ...parsed, sortKey });
  }
  return {
    items,
    ...(result.LastEvaluatedKey === undefined ? {} : { lastKey: result.LastEvaluatedKey }),
  };
}
