import { BatchGetCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { waitBeforeRetry } from '../../../platform/db/backoff.js';
import type { Db } from '../../../platform/db/client.js';
import { AppError } from '../../../platform/errors.js';
import { organisationKey, requestKey, toOrganisation, toRequestItem, type RequestItem } from './repo.js';
import type { Organisation } from './schema.js';

/**
 * The requests a person was sent and the organisations that sent them, read across organisations'
 * partitions in one BatchGetItem (DynamoDB takes up to 100 keys in one), instead of one read each.
 */

type Key = { PK: string; SK: string };
type Item = Record<string, unknown>;

/** DynamoDB's most keys in one BatchGetItem. */
const BATCH_GET_MAX = 100;
/** Rounds for keys DynamoDB left unprocessed (it sheds load that way) before answering busy. */
const MAX_ROUNDS = 5;

const keyOf = (key: Key) => `${key.PK}\n${key.SK}`;

/** Every item of `keys` that exists, by key; the unprocessed remainder is retried a bounded number of times. */
async function batchGet(db: Db, keys: readonly Key[]): Promise<Map<string, Item>> {
  // BatchGetItem refuses a request naming the same key twice.
  const unique = [...new Map(keys.map((key) => [keyOf(key), key])).values()];
  const found = new Map<string, Item>();
  for (let start = 0; start < unique.length; start += BATCH_GET_MAX) {
    let pending: Item[] = unique.slice(start, start + BATCH_GET_MAX);
    for (let round = 1; pending.length > 0; round += 1) {
      if (round > MAX_ROUNDS)
        throw new AppError('busy', 'The database is busy. Try again in a moment.', { retryAfterSeconds: 1 });
      if (round > 1) await waitBeforeRetry(round - 1);
      const result: BatchGetCommandOutput = await db.doc.send(
        new BatchGetCommand({ RequestItems: { [db.mainTable]: { Keys: pending, ConsistentRead: true } } }),
      );
      for (const item of result.Responses?.[db.mainTable] ?? [])
        found.set(keyOf({ PK: String(item.PK), SK: String(item.SK) }), item);
      pending = result.UnprocessedKeys?.[db.mainTable]?.Keys ?? [];
    }
  }
  return found;
}

export type RequestsRead = {
  request: (organisationId: string, requestId: string) => RequestItem | undefined;
  organisation: (organisationId: string) => Organisation | undefined;
};

/** The named requests and organisation profiles, each looked up by the ids it was asked by. */
export async function getRequestsAndOrganisations(
  db: Db,
  wanted: {
    requests: readonly { organisationId: string; requestId: string }[];
    organisationIds: readonly string[];
  },
): Promise<RequestsRead> {
  const found = await batchGet(db, [
    ...wanted.requests.map(({ organisationId, requestId }) => requestKey(organisationId, requestId)),
    ...wanted.organisationIds.map(organisationKey),
  ]);
  return {
    request: (organisationId, requestId) => {
      const item = found.get(keyOf(requestKey(organisationId, requestId)));
      return item === undefined ? undefined : toRequestItem(item);
    },
    organisation: (organisationId) => {
      const item = found.get(keyOf(organisationKey(organisationId)));
      return item === undefined ? undefined : toOrganisation(item);
    },
  };
}
