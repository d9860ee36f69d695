import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../../platform/audit/audit-log.js';
import type { Db } from '../../../platform/db/client.js';
import { SK, SK_PREFIX, SK_PREFIX_OF, tenantPk } from '../../../platform/db/keys.js';
import { queryPrefixAll, queryPrefixFilteredPage, queryPrefixPage } from '../../../platform/db/query.js';
import {
  COMPLETION_FIELDS,
  REPORT_FIELDS,
  type CompletionReport,
  type ReportedCompletion,
} from './schema.js';

/**
 * Reported completion items:
 * - `TENANT#<person> / CECOMPLETION#<id>`: the completion waiting for (or decided by) the person,
 *   with the provider's workspace as an internal attribute, so a decision reaches its report;
 * - `TENANT#<provider> / CEREPORT#<linkId>#<id>`: the same report on the provider's side.
 */

type Item = Record<string, unknown>;

/**
 * A completion as stored. `isCounted`: it holds a slot of its link's pending count (completions
 * stored before the count existed do not, so deciding them frees nothing).
 */
export type CompletionItem = {
  completion: ReportedCompletion;
  providerWorkspaceId: string;
  isCounted: boolean;
};

const completionKey = (tenantId: string, completionId: string) => ({
  PK: tenantPk(tenantId),
  SK: SK.ceCompletion(completionId),
});
const reportKey = (tenantId: string, linkId: string, completionId: string) => ({
  PK: tenantPk(tenantId),
  SK: SK.ceCompletionReport(linkId, completionId),
});

function pick<T>(item: Item, fields: readonly (keyof T)[]): T {
  const picked: Item = {};
  for (const field of fields)
    if (item[field as string] !== undefined) picked[field as string] = item[field as string];
  return picked as T;
}

export const toCompletion = (item: Item): ReportedCompletion =>
  pick<ReportedCompletion>(item, COMPLETION_FIELDS);
export const toReport = (item: Item): CompletionReport => pick<CompletionReport>(item, REPORT_FIELDS);

/**
 * The completion in the person's workspace and the provider's copy of its report, together (with
 * the link's pending count, see `buildCountPending`).
 */
export function buildPutCompletion(
  db: Db,
  put: { personWorkspaceId: string; providerWorkspaceId: string; completion: ReportedCompletion },
): TransactItem[] {
  const { completion } = put;
  const report = toReport(completion);
  return [
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          ...completionKey(put.personWorkspaceId, completion.id),
          entity: 'CeCompletion',
          ...completion,
          providerWorkspaceId: put.providerWorkspaceId,
          isCounted: true,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          ...reportKey(put.providerWorkspaceId, completion.linkId, completion.id),
          entity: 'CeCompletionReport',
          ...report,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

function toCompletionItem(item: Item): CompletionItem {
  return {
    completion: toCompletion(item),
    providerWorkspaceId: String(item.providerWorkspaceId),
    isCounted: item.isCounted === true,
  };
}

export async function getCompletion(
  db: Db,
  tenantId: string,
  completionId: string,
): Promise<CompletionItem | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: completionKey(tenantId, completionId),
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : toCompletionItem(result.Item);
}

/** One page of a person's reported completions, newest first, of one status when asked. */
export async function queryCompletions(
  db: Db,
  tenantId: string,
  options: { status?: ReportedCompletion['status']; limit: number; startKey?: Item },
): Promise<{ items: ReportedCompletion[]; lastKey?: Item }> {
  const pk = tenantPk(tenantId);
  const page =
    options.status === undefined
      ? await queryPrefixPage(db, {
          pk,
          prefix: SK_PREFIX.ceCompletion,
          isNewestFirst: true,
          isConsistent: true,
          limit: options.limit,
          ...(options.startKey === undefined ? {} : { startKey: options.startKey }),
        })
      : await queryPrefixFilteredPage(
          db,
          {
            pk,
            prefix: SK_PREFIX.ceCompletion,
            isNewestFirst: true,
            isConsistent: true,
            filter: {
              expression: '#status = :status',
              names: { '#status': 'status' },
              values: { ':status': options.status },
            },
          },
          options,
        );
  return {
    items: page.items.map(toCompletion),
    ...(page.lastKey === undefined ? {} : { lastKey: page.lastKey }),
  };
}

/** One page of what a provider reported through one link, newest first. */
export async function queryReports(
  db: Db,
  providerWorkspaceId: string,
  linkId: string,
  options: { limit: number; startKey?: Item },
): Promise<{ items: CompletionReport[]; lastKey?: Item }> {
  const page = await queryPrefixPage(db, {
    pk: tenantPk(providerWorkspaceId),
    prefix: SK_PREFIX_OF.reportsOfLink(linkId),
    isNewestFirst: true,
    isConsistent: true,
    ...options,
  });
  return { ...page, items: page.items.map(toReport) };
}

export async function hasReport(db: Db, providerWorkspaceId: string, linkId: string, completionId: string) {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: reportKey(providerWorkspaceId, linkId, completionId),
      ProjectionExpression: 'PK',
    }),
  );
  return result.Item !== undefined;
}

/** The person's decision on a completion, only while it is pending. */
export function buildDecide(
  db: Db,
  tenantId: string,
  decision: { completionId: string; status: 'accepted' | 'declined'; at: string; activityId: string | null },
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: completionKey(tenantId, decision.completionId),
      UpdateExpression:
        'SET #status = :status, #decidedAt = :at, #activityId = :activityId, #version = #version + :one',
      ConditionExpression: 'attribute_exists(PK) AND #status = :pending',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#decidedAt': 'decidedAt',
        '#activityId': 'activityId',
        '#version': 'version',
      },
      ExpressionAttributeValues: {
        ':status': decision.status,
        ':at': decision.at,
        ':activityId': decision.activityId,
        ':pending': 'pending',
        ':one': 1,
      },
    },
  };
}

/** The same decision on the provider's copy of the report. */
export function buildDecideReport(
  db: Db,
  providerWorkspaceId: string,
  decision: { linkId: string; completionId: string; status: 'accepted' | 'declined'; at: string },
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: reportKey(providerWorkspaceId, decision.linkId, decision.completionId),
      UpdateExpression: 'SET #status = :status, #decidedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#status': 'status', '#decidedAt': 'decidedAt' },
      ExpressionAttributeValues: { ':status': decision.status, ':at': decision.at },
    },
  };
}

/** The completions still waiting for the person that came through one link (a purge's read). */
export async function listPendingOfLink(db: Db, tenantId: string, linkId: string): Promise<CompletionItem[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.ceCompletion,
    isConsistent: true,
  });
  return items
    .map(toCompletionItem)
    .filter(({ completion }) => completion.linkId === linkId && completion.status === 'pending');
}

/** Removes a completion that still waits (one the person decided meanwhile stays as decided). */
export function buildDropPending(db: Db, tenantId: string, completionId: string): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: completionKey(tenantId, completionId),
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending' },
    },
  };
}
