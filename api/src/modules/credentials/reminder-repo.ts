import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { SK, tenantPk } from '../../platform/db/keys.js';

/** Marks of reminders sent: `TENANT#<t> / CEREMINDER#<license>#<cycle end>#<days before>`. */

export type ReminderMark = { licenseId: string; endsOn: string; daysBefore: number };

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
