import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { createId, createSecret, hashSecret } from '../db/ids.js';
import type { ItemCache, ItemKey } from '../db/item-cache.js';
import { platformPk, SK, tenantPk } from '../db/keys.js';
import type { ApiKeyScope } from '../tenancy/roles.js';

/** Prefix that makes Holdfast keys recognisable (and findable by secret scanners). */
export const API_KEY_PREFIX = 'hf_';

/** A new key: the id, the secret shown once, and the hash that is all we keep. */
export function mintApiKey(): { keyId: string; secret: string; secretHash: string; displayPrefix: string } {
  const keyId = createId();
  const secret = `${API_KEY_PREFIX}${createSecret(32)}`;
  return { keyId, secret, secretHash: hashSecret(secret), displayPrefix: secret.slice(0, 10) };
}

export type ResolvedApiKey = { tenantId: string; keyId: string; scopes: ApiKeyScope[]; name: string };

/**
 * Looks a presented secret up by its hash, then re-reads the key under its tenant so that a
 * revoked key stops working at once. Records the last-used time (at most once a minute). With
 * `cache`, both reads are served from copies at most a few seconds old; a revocation made by
 * this process drops them at once (see ItemCache).
 */
export async function resolveApiKey(
  db: Db,
  secret: string,
  now: Date,
  cache?: ItemCache,
): Promise<ResolvedApiKey | undefined> {
  if (!secret.startsWith(API_KEY_PREFIX)) return undefined;
  const read = async (key: ItemKey) => {
    const load = async () => (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: key }))).Item;
    return cache === undefined ? load() : cache.read(key, load);
  };
  const pointer = (await read({
    PK: platformPk('apiKeyHash', hashSecret(secret)),
    SK: SK.apiKeyBySecret(),
  })) as { tenantId: string; keyId: string } | undefined;
  if (pointer === undefined) return undefined;
  const key = (await read({ PK: tenantPk(pointer.tenantId), SK: SK.apiKey(pointer.keyId) })) as
    | { scopes: ApiKeyScope[]; name: string; revokedAt?: string; suspendedAt?: string; lastUsedAt?: string }
    | undefined;
  // A key is suspended while the account that created it, or the workspace's sole owner, is deleted.
  if (key === undefined || key.revokedAt !== undefined || key.suspendedAt !== undefined) return undefined;
  const lastUsed = key.lastUsedAt === undefined ? 0 : Date.parse(key.lastUsedAt);
  if (now.getTime() - lastUsed > 60_000) {
    await db.doc
      .send(
        new UpdateCommand({
          TableName: db.mainTable,
          Key: { PK: tenantPk(pointer.tenantId), SK: SK.apiKey(pointer.keyId) },
          UpdateExpression: 'SET lastUsedAt = :now',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      )
      .catch(() => undefined);
  }
  return { tenantId: pointer.tenantId, keyId: pointer.keyId, scopes: key.scopes, name: key.name };
}
