// The one batch read of table code, against a stub client that plays DynamoDB's part: at most
// 100 keys a request, and keys left unprocessed when it sheds load.
import { describe, expect, it } from '@jest/globals';
import { BatchGetCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, type ItemKey } from '@holdfast/api/platform/db/batch-get';
import type { Db } from '@holdfast/api/platform/db/client';

const TABLE = 'stub-main';
type Item = Record<string, unknown>;
type BatchInput = {
  Keys: ItemKey[];
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
};

/**
 * A client whose BatchGetItem answers from `stored`; `unprocessed(round, keys)` names the keys it
 * leaves for a later round. Every request it received is kept, in order.
 */
function stubDb(stored: Item[], unprocessed: (round: number, keys: ItemKey[]) => ItemKey[] = () => []) {
  const requests: BatchInput[] = [];
  const byKey = new Map(stored.map((item) => [`${String(item.PK)}\n${String(item.SK)}`, item]));
  const send = (async (command: unknown) => {
    if (!(command instanceof BatchGetCommand)) throw new Error('only BatchGetItem is stubbed');
    const input = command.input.RequestItems?.[TABLE] as BatchInput;
    requests.push(input);
    if (new Set(input.Keys.map((key) => `${key.PK}\n${key.SK}`)).size !== input.Keys.length)
      throw new Error('ValidationException: Provided list of item keys contains duplicates');
    if (input.Keys.length > 100) throw new Error('ValidationException: too many keys');
    const left = unprocessed(requests.length, input.Keys);
    const served = input.Keys.filter((key) => !left.includes(key));
    return {
      Responses: {
        [TABLE]: served.flatMap((key) => byKey.get(`${key.PK}\n${key.SK}`) ?? []),
      },
      ...(left.length === 0 ? {} : { UnprocessedKeys: { [TABLE]: { Keys: left } } }),
    };
  }) as Db['doc']['send'];
  const db: Db = { doc: { send } as Db['doc'], mainTable: TABLE, destroy: () => undefined };
  return { db, requests };
}

const key = (n: number): ItemKey => ({ PK: 'TENANT#t1', SK: `THING#${String(n).padStart(4, '0')}` });
const item = (n: number): Item => ({ ...key(n), name: `thing ${n}`, secret: 'kept' });

describe('batchGetAll', () => {
  it('reads in batches of 100, asks for each key once and answers in the order asked', async () => {
    const stored = Array.from({ length: 250 }, (_, n) => item(n));
    const { db, requests } = stubDb(stored);
    const asked = [key(249), key(3), key(3), ...Array.from({ length: 240 }, (_, n) => key(n)), key(999)];
    const found = await batchGetAll(db, TABLE, asked);
    expect(requests.map((request) => request.Keys.length)).toEqual([100, 100, 42]);
    expect(requests.every((request) => request.ConsistentRead === true)).toBe(true);
    const expectedOrder = [249, 3, ...Array.from({ length: 240 }, (_, n) => n).filter((n) => n !== 3)];
    expect(found.items.map((found) => found.SK)).toEqual(expectedOrder.map((n) => key(n).SK));
    expect(found.get(key(7))).toEqual(item(7));
    expect(found.get(key(999))).toBeUndefined();
  });

  it('retries keys left unprocessed until every one is read', async () => {
    const stored = Array.from({ length: 10 }, (_, n) => item(n));
    // Each of the first three rounds leaves all but one key for later.
    const { db, requests } = stubDb(stored, (round, keys) => (round <= 3 ? keys.slice(1) : []));
    const found = await batchGetAll(
      db,
      TABLE,
      stored.map((_, n) => key(n)),
    );
    expect(requests.map((request) => request.Keys.length)).toEqual([10, 9, 8, 7]);
    expect(found.items).toEqual(stored);
  });

  it('answers 503 busy when keys are still unprocessed after five rounds', async () => {
    // One key is read at once; the other is never served.
    const { db, requests } = stubDb([item(1), item(2)], (round, keys) =>
      round === 1 ? keys.slice(1) : keys,
    );
    const started = Date.now();
    await expect(batchGetAll(db, TABLE, [key(1), key(2)])).rejects.toMatchObject({
      code: 'busy',
      status: 503,
      extra: { retryAfterSeconds: 1 },
    });
    expect(requests).toHaveLength(5);
    // Rounds after the first wait (with jitter) rather than retrying at once; bounded, so quick.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('reads only the projected attributes, always with the key so items can be matched', async () => {
    const { db, requests } = stubDb([item(1)]);
    await batchGetAll(db, TABLE, [key(1)], { projection: ['name', 'SK'] });
    const [request] = requests;
    expect(request?.ProjectionExpression).toBe('#p0, #p1, #p2');
    expect(request?.ExpressionAttributeNames).toEqual({ '#p0': 'PK', '#p1': 'SK', '#p2': 'name' });
  });

  it('sends nothing for no keys', async () => {
    const { db, requests } = stubDb([]);
    const found = await batchGetAll(db, TABLE, []);
    expect(found.items).toEqual([]);
    expect(requests).toHaveLength(0);
  });
});
