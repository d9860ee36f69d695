import type { Db } from './client.js';
import { queryFilteredPage } from './query.js';

type Item = Record<string, unknown>;

/** A filter over the items' own attributes, with its placeholders (`#status = :status`). */
export type ItemFilter = {
  expression: string;
  names: Record<string, string>;
  values: Record<string, unknown>;
};

/**
 * One page, newest first, of the items of a partition under a sort-key prefix that pass `filter`,
 * read consistently. DynamoDB filters after it reads, so the page is filled across several
 * Queries (see `queryFilteredPage` for the budget); the last key is that of the last item
 * returned, or where reading stopped, so the next page goes on exactly from there.
 */
export async function queryFilteredPrefixPage(
  db: Db,
  query: { pk: string; prefix: string; filter: ItemFilter; limit: number; startKey?: Item },
): Promise<{ items: Item[]; lastKey?: Item }> {
  const page = await queryFilteredPage(
    db,
    {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      FilterExpression: query.filter.expression,
      ExpressionAttributeNames: query.filter.names,
      ExpressionAttributeValues: { ...query.filter.values, ':pk': query.pk, ':prefix': query.prefix },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
    {
      limit: query.limit,
      ...(query.startKey === undefined ? {} : { startKey: query.startKey }),
      keyOf: (item) => ({ PK: item.PK, SK: item.SK }),
    },
  );
  return { items: page.items, ...(page.lastKey === undefined ? {} : { lastKey: page.lastKey }) };
}
