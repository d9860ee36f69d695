import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import type { ItemCache } from '../db/item-cache.js';
import { SK, tenantPk } from '../db/keys.js';

/**
 * Whether a workspace asks every person who opens it for a second factor (off when the workspace
 * is gone). Read through the same cached workspace item as safety mode: turning the requirement
 * on drops this process's copy at once and reaches other processes within the cache's TTL.
 */
export async function isSecondFactorRequiredIn(
  db: Db,
  tenantId: string,
  cache?: ItemCache,
): Promise<boolean> {
  const key = { PK: tenantPk(tenantId), SK: SK.workspace() };
  const load = async () =>
    (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: key, ConsistentRead: true }))).Item;
  const item = cache === undefined ? await load() : await cache.read(key, load);
  return item?.secondFactorRequired === true;
}
