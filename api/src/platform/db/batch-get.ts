import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { AppError } from '../errors.js';
import { waitBeforeRetry } from './backoff.js';
import type { Db } from './client.js';

/**
 * Reads many items by key with BatchGetItem, the one way table code does it: DynamoDB takes at
 * most 100 keys a request, refuses a request naming a key twice, and may leave keys unprocessed
 * when it sheds load, which must be retried, but not forever and not at once.
 */

/** The primary key of an item (both tables are keyed by `PK` and `SK`). */
export type ItemKey = { PK: string; SK: string };
type Item = Record<string, unknown>;

export type BatchGetOptions = {
  /**
   * The attributes to read of each item (all when absent). `PK` and `SK` are always read too, so
   * every item can be matched to the key that asked for it.
   */
  projection?: readonly string[];
};

export type BatchGetResult = {
  /** The items that exist, in the order their keys were first asked for. */
  items: Item[];
  /** The item stored under `key`, or undefined when there is none. */
  get: (key: ItemKey) => Item | undefined;
};

/** DynamoDB's most keys in one BatchGetItem. */
const BATCH_GET_MAX = 100;
/** Rounds for keys DynamoDB left unprocessed (it sheds load that way) before answering busy. */
const MAX_ROUNDS = 5;

const keyOf = (key: ItemKey): string => `${key.PK}\n${key.SK}`;

/** The request's projection: placeholders for every name, as some attributes are reserved words. */
function projectionOf(projection: readonly string[] | undefined) {
  if (projection === undefined) return {};
  const names = [...new Set(['PK', 'SK', ...projection])];
  return {
    ProjectionExpression: names.map((_, index) => `#p${index}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(names.map((name, index) => [`#p${index}`, name])),
  };
}

/** Reads one batch of at most 100 keys, retrying the unprocessed rest with backoff. */
async function readBatch(
  db: Db,
  table: string,
  keys: readonly ItemKey[],
  projection: ReturnType<typeof projectionOf>,
): Promise<Item[]> {
  const found: Item[] = [];
  let pending: Item[] = [...keys];
  for (let round = 1; pending.length > 0; round += 1) {
    if (round > MAX_ROUNDS)
      throw new AppError('busy', 'The database is busy. Try again in a moment.', { retryAfterSeconds: 1 });
    if (round > 1) await waitBeforeRetry(round - 1);
    const result: BatchGetCommandOutput = await db.doc.send(
      new BatchGetCommand({
        RequestItems: { [table]: { Keys: pending, ConsistentRead: true, ...projection } },
      }),
    );
    found.push(...(result.Responses?.[table] ?? []));
    pending = result.UnprocessedKeys?.[table]?.Keys ?? [];
  }
  return found;
}

/**
 * Every item of `table` stored under one of `keys` (consistent reads). Duplicate keys are read
 * once; batches of 100 keys go out side by side; keys DynamoDB leaves unprocessed are retried with
 * backoff, and a 503 `busy` answers when some are still unprocessed after five rounds.
 */
export async function batchGetAll(
  db: Db,
  table: string,
  keys: readonly ItemKey[],
  options: BatchGetOptions = {},
): Promise<BatchGetResult> {
  const unique = [...new Map(keys.map((key) => [keyOf(key), { PK: key.PK, SK: key.SK }])).values()];
  const projection = projectionOf(options.projection);
  const batches: ItemKey[][] = [];
  for (let start = 0; start < unique.length; start += BATCH_GET_MAX)
    batches.push(unique.slice(start, start + BATCH_GET_MAX));
  const read = await Promise.all(batches.map((batch) => readBatch(db, table, batch, projection)));
  const byKey = new Map<string, Item>();
  for (const item of read.flat()) byKey.set(keyOf({ PK: String(item.PK), SK: String(item.SK) }), item);
  const items: Item[] = [];
  for (const key of unique) {
    const item = byKey.get(keyOf(key));
    if (item !== undefined) items.push(item);
  }
  return { items, get: (key) => byKey.get(keyOf(key)) };
}
