import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../../platform/audit/audit-log.js';
import type { Db } from '../../../platform/db/client.js';
import { SK, SK_PREFIX, tenantPk } from '../../../platform/db/keys.js';
import { queryPrefixPage } from '../../../platform/db/query.js';
import { buildVersionedDelete } from '../../../platform/db/updates.js';
import { SUMMARY_STORED_FIELDS, type Summary } from './schema.js';

/** Summary items: `TENANT#<t> / SUMMARY#<id>`; ids are ULIDs, so the prefix lists them by creation. */

/** Presenter: only the summary's own fields leave the repo. */
export function toSummary(item: Record<string, unknown>): Summary {
  const summary: Record<string, unknown> = {};
  for (const field of SUMMARY_STORED_FIELDS) if (item[field] !== undefined) summary[field] = item[field];
  return summary as Summary;
}

function keyOf(tenantId: string, summaryId: string) {
  return { PK: tenantPk(tenantId), SK: SK.summary(summaryId) };
}

export function buildPutSummary(db: Db, tenantId: string, summary: Summary): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { ...keyOf(tenantId, summary.id), entity: 'AiSummary', ...summary },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getSummary(db: Db, tenantId: string, summaryId: string): Promise<Summary | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: keyOf(tenantId, summaryId), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : toSummary(result.Item);
}

export function buildDeleteSummary(
  db: Db,
  tenantId: string,
  summaryId: string,
  expectedVersion: number,
): TransactItem {
  return buildVersionedDelete(db, keyOf(tenantId, summaryId), expectedVersion);
}

/** One page of summaries, newest first. */
export async function querySummaries(
  db: Db,
  tenantId: string,
  options: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ items: Summary[]; lastKey?: Record<string, unknown> }> {
  const page = await queryPrefixPage(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.summary,
    isNewestFirst: true,
    limit: options.limit,
    ...(options.startKey === undefined ? {} : { startKey: options.startKey }),
  });
  return { ...page, items: page.items.map(toSummary) };
}
