import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { skPrefixCondition } from '../db/query.js';
import { buildDateRange, tenantPk } from '../db/keys.js';
import { PHI_KEYS } from '../db/phi-keys.js';
import { toHeader, type PhiSealedHeader } from './phi-records.js';

type Item = Record<string, unknown>;

export type OwnerHeadersQuery = {
  kind: string;
  ownerId: string;
  from?: string;
  to?: string;
  isDeleted: boolean;
  isNewestFirst: boolean;
  limit: number;
  startKey?: Item;
};

/** One page of an owner's records of a kind, by their date (headers only, nothing decrypted). */
export async function queryOwnerHeaders(
  db: Db,
  table: string,
  tenantId: string,
  query: OwnerHeadersQuery,
): Promise<{ headers: PhiSealedHeader[]; lastKey?: Item }> {
  const range = buildDateRange(query.from, query.to);
  const collected: Item[] = [];
  let startKey = query.startKey;
  let hasMore = false;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: table,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
        FilterExpression: query.isDeleted ? 'attribute_exists(deletedAt)' : 'attribute_not_exists(deletedAt)',
        ExpressionAttributeValues: {
          ':pk': PHI_KEYS.ownerPartition(tenantId, query.kind, query.ownerId),
          ':from': range.from,
          ':to': range.to,
        },
        ScanIndexForward: !query.isNewestFirst,
        Limit: Math.max(query.limit, 25),
        ExclusiveStartKey: startKey,
      }),
    );
    collected.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    hasMore = startKey !== undefined;
  } while (collected.length < query.limit && hasMore);
  const items = collected.slice(0, query.limit);
  const last = items.at(-1);
  const isMore = collected.length > query.limit || (collected.length === query.limit && hasMore);
  return {
    headers: items.map(toHeader),
    ...(isMore && last !== undefined
      ? { lastKey: { PK: last.PK, SK: last.SK, GSI1PK: last.GSI1PK, GSI1SK: last.GSI1SK } }
      : {}),
  };
}

/** One page of the live records of a kind that others shared with `granteeId` (headers only). */
export async function querySharedHeaders(
  db: Db,
  table: string,
  tenantId: string,
  query: { kind: string; granteeId: string; limit: number; startKey?: Item },
): Promise<{ headers: PhiSealedHeader[]; lastKey?: Item }> {
  const sharesPrefix = PHI_KEYS.sharesOf(query.granteeId, query.kind);
  const { expression, values } = skPrefixCondition(tenantPk(tenantId), sharesPrefix);
  const page = await db.doc.send(
    new QueryCommand({
      TableName: table,
      KeyConditionExpression: expression,
      ExpressionAttributeValues: values,
      Limit: query.limit,
      ExclusiveStartKey: query.startKey,
    }),
  );
  const keys = (page.Items ?? []).map((share) => ({
    PK: tenantPk(tenantId),
    SK: PHI_KEYS.record(share.kind as string, share.id as string),
  }));
  const found: Item[] = [];
  if (keys.length > 0) {
    const result = await db.doc.send(
      new BatchGetCommand({ RequestItems: { [table]: { Keys: keys, ConsistentRead: true } } }),
    );
    found.push(...(result.Responses?.[table] ?? []));
  }
  const headers = found
    .map(toHeader)
    .filter((h) => h.deletedAt === undefined && h.sharedWith.includes(query.granteeId))
    .sort((a, b) => (a.sortDate < b.sortDate ? 1 : -1));
  return { headers, ...(page.LastEvaluatedKey === undefined ? {} : { lastKey: page.LastEvaluatedKey }) };
}
