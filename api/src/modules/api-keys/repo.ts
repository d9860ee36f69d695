import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { setDeletionFlag, SUSPENDED_FLAG } from '../../platform/db/deletion-flags.js';
import { platformPk, SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll } from '../../platform/db/query.js';
import type { ApiKey } from './schema.js';

/** API key items: `TENANT#<t> / APIKEY#<id>`, and the platform lookup from a secret's hash to its key. */

export type ApiKeyItem = ApiKey & { createdBy: string };

export function buildCreateApiKeyItems(
  db: Db,
  tenantId: string,
  key: ApiKeyItem,
  secretHash: string,
): TransactItem[] {
  return [
    {
      Put: {
        TableName: db.mainTable,
        Item: { PK: tenantPk(tenantId), SK: SK.apiKey(key.id), entity: 'ApiKey', secretHash, ...key },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          PK: platformPk('apiKeyHash', secretHash),
          SK: SK.apiKeyBySecret(),
          entity: 'ApiKeyLookup',
          tenantId,
          keyId: key.id,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

function pickApiKey(item: Record<string, unknown>): ApiKeyItem {
  return {
    id: item.id as string,
    name: item.name as string,
    scopes: item.scopes as ApiKey['scopes'],
    prefix: item.prefix as string,
    createdAt: item.createdAt as string,
    createdBy: item.createdBy as string,
    ...(typeof item.lastUsedAt === 'string' ? { lastUsedAt: item.lastUsedAt } : {}),
    ...(typeof item.revokedAt === 'string' ? { revokedAt: item.revokedAt } : {}),
  };
}

export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKeyItem[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.apiKey,
    isNewestFirst: true,
  });
  return items.map(pickApiKey);
}

export async function getApiKey(
  db: Db,
  tenantId: string,
  keyId: string,
): Promise<(ApiKeyItem & { secretHash: string }) | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.apiKey(keyId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined
    ? undefined
    : { ...pickApiKey(result.Item), secretHash: result.Item.secretHash as string };
}

/** Revokes a key: marks it and removes its hash lookup, so it stops authenticating at once. */
export function buildRevokeApiKeyItems(
  db: Db,
  tenantId: string,
  keyId: string,
  secretHash: string,
  at: string,
): TransactItem[] {
  return [
    {
      Update: {
        TableName: db.mainTable,
        Key: { PK: tenantPk(tenantId), SK: SK.apiKey(keyId) },
        UpdateExpression: 'SET revokedAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':at': at },
      },
    },
    {
      Delete: {
        TableName: db.mainTable,
        Key: { PK: platformPk('apiKeyHash', secretHash), SK: SK.apiKeyBySecret() },
      },
    },
  ];
}

/** The secret hashes of a workspace's API keys (for the purge to delete their lookups). */
export async function listApiKeySecretHashes(db: Db, tenantId: string): Promise<string[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.apiKey,
    isConsistent: true,
  });
  return items.flatMap((item) => (typeof item.secretHash === 'string' ? [item.secretHash] : []));
}

export async function deleteApiKeyLookup(db: Db, secretHash: string): Promise<void> {
  await db.doc.send(
    new DeleteCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('apiKeyHash', secretHash), SK: SK.apiKeyBySecret() },
    }),
  );
}

/**
 * Suspends (or resumes) API keys of a workspace on behalf of `userId`'s deletion: all of them, or
 * only those `createdBy` is given for. Revoked keys stay revoked.
 */
export async function setApiKeysSuspended(
  db: Db,
  tenantId: string,
  userId: string,
  at: string | undefined,
  options: { createdBy?: string } = {},
): Promise<void> {
  const keys = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.apiKey,
    isConsistent: true,
  });
  for (const key of keys) {
    if (options.createdBy !== undefined && key.createdBy !== options.createdBy) continue;
    await setDeletionFlag(
      db,
      { PK: tenantPk(tenantId), SK: SK.apiKey(key.id as string) },
      SUSPENDED_FLAG,
      at === undefined ? undefined : { at, by: userId },
      userId,
      'attribute_not_exists(revokedAt)',
    );
  }
}

/** The unrevoked API keys a person created in a workspace, with their secret hashes. */
export async function listLiveApiKeysCreatedBy(
  db: Db,
  tenantId: string,
  userId: string,
): Promise<{ id: string; secretHash: string }[]> {
  const keys = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.apiKey,
    isConsistent: true,
  });
  return keys
    .filter((key) => key.createdBy === userId && key.revokedAt === undefined)
    .map((key) => ({ id: key.id as string, secretHash: key.secretHash as string }));
}

/** Renames a live API key (a revoked one keeps the name it had when it stopped working). */
export function buildRenameApiKeyItem(db: Db, tenantId: string, keyId: string, name: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.apiKey(keyId) },
      UpdateExpression: 'SET #name = :name',
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': name },
    },
  };
}
