import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type { Db } from './client.js';
import { buildPrefixRange } from './keys.js';

type Item = Record<string, unknown>;

export type PrefixQuery = {
  /** The partition, built with `tenantPk` or `platformPk`. */
  pk: string;
  /** Sort-key prefix of the items wanted, such as `MEMBER#`. */
  prefix: string;
  isNewestFirst?: boolean;
  isConsistent?: boolean;
};

/**
 * The key condition "sort key starts with `prefix`", written as the key range of `buildPrefixRange`.
 * DynamoDB answers both forms alike, from the sort key's order. DynamoDB Local, the embedded
 * default, answers `begins_with` by walking the whole partition (a tenant's partition holds every
 * person's history) and a range from its index, so reads do not slow as a tenant's data grows.
 */
export function prefixKeyCondition(
  names: { pk: 'PK' | 'GSI1PK'; sk: 'SK' | 'GSI1SK' },
  pk: string,
  prefix: string,
): { expression: string; values: Item } {
  const range = buildPrefixRange(prefix);
  return {
    expression: `${names.pk} = :pk AND ${names.sk} BETWEEN :from AND :to`,
    values: { ':pk': pk, ':from': range.from, ':to': range.to },
  };
}

/** The key condition of a main-table (or PHI-table) prefix query, on `PK` and `SK`. */
export const skPrefixCondition = (pk: string, prefix: string) =>
  prefixKeyCondition({ pk: 'PK', sk: 'SK' }, pk, prefix);

/** The Query input of a prefix query: its key condition, its order and its consistency. */
function buildPrefixInput(query: PrefixQuery) {
  const condition = skPrefixCondition(query.pk, query.prefix);
  return {
    KeyConditionExpression: condition.expression,
    ExpressionAttributeValues: condition.values,
    ScanIndexForward: query.isNewestFirst !== true,
    ConsistentRead: query.isConsistent === true,
  };
}

/** Every item a query of the main table matches, page after page. */
async function queryAllPages(
  db: Db,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({ ...input, TableName: db.mainTable, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** One page of the items of a partition under a sort-key prefix. */
export async function queryPrefixPage(
  db: Db,
  query: PrefixQuery & { limit: number; startKey?: Item },
): Promise<{ items: Item[]; lastKey?: Item }> {
  const result = await db.doc.send(
    new QueryCommand({
      ...buildPrefixInput(query),
      TableName: db.mainTable,
      Limit: query.limit,
      ExclusiveStartKey: query.startKey,
    }),
  );
  return {
    items: result.Items ?? [],
    ...(result.LastEvaluatedKey === undefined ? {} : { lastKey: result.LastEvaluatedKey }),
  };
}

/** Every item of a partition under a sort-key prefix, reading page after page. */
export function queryPrefixAll(db: Db, query: PrefixQuery): Promise<Item[]> {
  return queryAllPages(db, buildPrefixInput(query));
}

/** Every item of a GSI1 partition under a GSI1 sort-key prefix (an index read: eventually consistent). */
export function queryGsi1PrefixAll(db: Db, query: { gsi1pk: string; prefix: string }): Promise<Item[]> {
  const condition = prefixKeyCondition({ pk: 'GSI1PK', sk: 'GSI1SK' }, query.gsi1pk, query.prefix);
  return queryAllPages(db, {
    IndexName: 'GSI1',
    KeyConditionExpression: condition.expression,
    ExpressionAttributeValues: condition.values,
  });
}

export type FilteredQuery = Omit<QueryCommandInput, 'TableName' | 'Limit' | 'ExclusiveStartKey'>;

/**
 * Queries one filtered page may send. A filter that matches little would otherwise read the
 * tenant's whole partition inside one request (one Query per 25 items: ~400 at 10k incidents);
 * with this budget a request's cost never grows with the tenant's data.
 */
export const FILTERED_PAGE_MAX_QUERIES = 2;
/**
 * Items a follow-up Query reads: once a first Query left the page short, the filter is selective,
 * so the next one reads further ahead (well under DynamoDB's 1 MB per Query).
 */
const FOLLOW_UP_READ = 200;

/**
 * One page of a query with a filter. DynamoDB applies `Limit` before the filter, so this keeps
 * reading until `limit` items passed it, for at most `maxQueries` Queries. The last key is built
 * (by `keyOf`) from the last item returned, never from one that was read and dropped; when the
 * budget ran out first, the page is partial (possibly empty) and the last key is where reading
 * stopped, so the next page goes on from there and every item is still listed exactly once.
 */
export async function queryFilteredPage(
  db: Db,
  query: FilteredQuery,
  options: { limit: number; startKey?: Item; keyOf: (item: Item) => Item; maxQueries?: number },
): Promise<{ items: Item[]; lastKey?: Item }> {
  const maxQueries = options.maxQueries ?? FILTERED_PAGE_MAX_QUERIES;
  const collected: Item[] = [];
  let startKey = options.startKey;
  let hasMore = false;
  let queries = 0;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        ...query,
        TableName: db.mainTable,
        Limit: queries === 0 ? Math.max(options.limit, 25) : Math.max(options.limit, FOLLOW_UP_READ),
        ExclusiveStartKey: startKey,
      }),
    );
    queries += 1;
    collected.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    hasMore = startKey !== undefined;
  } while (collected.length < options.limit && hasMore && queries < maxQueries);
  if (collected.length < options.limit) {
    // Every item read was kept: go on from where DynamoDB stopped (nothing when it read to the end).
    return { items: collected, ...(startKey === undefined ? {} : { lastKey: startKey }) };
  }
  const items = collected.slice(0, options.limit);
  const last = items.at(-1);
  const isMore = collected.length > options.limit || hasMore;
  return { items, ...(isMore && last !== undefined ? { lastKey: options.keyOf(last) } : {}) };
}

/** A filter on the items of a prefix query: its expression and the names and values it uses. */
export type ItemFilter = {
  expression: string;
  names?: Record<string, string>;
  /** Placeholders other than `:pk`, `:from` and `:to`, which the key condition uses. */
  values: Item;
};

/** What a prefix query with a filter may ask besides the partition and prefix. */
export type FilteredPrefixQuery = PrefixQuery & {
  /** Only the items that pass it are returned; every item when none is given. */
  filter?: ItemFilter;
  /**
   * The attributes each item returned carries besides `PK` and `SK` (which the page's cursor is
   * built from); the others, such as large binary ones, stay in the table. Every attribute when
   * none is given.
   */
  projection?: readonly string[];
};

/** The placeholder of the `index`th projected attribute; a filter may not use the same one. */
const projectedName = (index: number) => `#projected${index}`;

/** The projection expression of `projection` and the attribute names its placeholders stand for. */
function buildProjection(projection: readonly string[]): {
  expression: string;
  names: Record<string, string>;
} {
  const names = Object.fromEntries(projection.map((attribute, index) => [projectedName(index), attribute]));
  return { expression: ['PK', 'SK', ...Object.keys(names)].join(', '), names };
}

/**
 * One page of the items of a partition under a sort-key prefix that pass `filter` (read with
 * `queryFilteredPage`, so the Queries one page sends stay bounded), paged by the item's own key.
 */
export function queryPrefixFilteredPage(
  db: Db,
  query: FilteredPrefixQuery,
  options: { limit: number; startKey?: Item },
): Promise<{ items: Item[]; lastKey?: Item }> {
  const input = buildPrefixInput(query);
  const projection = query.projection === undefined ? undefined : buildProjection(query.projection);
  const filterNames = query.filter?.names ?? {};
  for (const name of Object.keys(projection?.names ?? {}))
    if (name in filterNames) throw new Error(`the filter's placeholder ${name} is the projection's own`);
  const names = { ...projection?.names, ...filterNames };
  return queryFilteredPage(
    db,
    {
      ...input,
      ...(query.filter === undefined ? {} : { FilterExpression: query.filter.expression }),
      ...(projection === undefined ? {} : { ProjectionExpression: projection.expression }),
      ...(Object.keys(names).length === 0 ? {} : { ExpressionAttributeNames: names }),
      ExpressionAttributeValues: { ...query.filter?.values, ...input.ExpressionAttributeValues },
    },
    {
      limit: options.limit,
      ...(options.startKey === undefined ? {} : { startKey: options.startKey }),
      keyOf: (item) => ({ PK: item.PK, SK: item.SK }),
    },
  );
}
