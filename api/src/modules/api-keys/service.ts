import { commitWithAudit, WriteConditionFailed } from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { mintApiKey } from '../../platform/auth/api-key-secrets.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { ApiKeyScope } from '../../platform/tenancy/roles.js';
import * as repo from './repo.js';
import type { ApiKey } from './schema.js';

/**
 * Integrators' API keys of a workspace: created with a secret shown once, listed without it,
 * renamed, revoked. The account deletion suspends, resumes and (at the purge) revokes them through
 * the functions at the end.
 */

export async function createApiKey(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: { name: string; scopes: ApiKeyScope[] },
): Promise<{ apiKey: ApiKey; secret: string }> {
  const minted = mintApiKey();
  const apiKey: repo.ApiKeyItem = {
    id: minted.keyId,
    name: input.name,
    scopes: [...new Set(input.scopes)],
    prefix: minted.displayPrefix,
    createdAt: deps.now().toISOString(),
    createdBy: actor.id,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    repo.buildCreateApiKeyItems(deps.db, tenantId, apiKey, minted.secretHash),
    {
      actor,
      action: 'api_key.created',
      target: { type: 'api_key', id: apiKey.id },
      details: { scopes: apiKey.scopes },
    },
    deps.now,
  );
  const { createdBy: _createdBy, ...shown } = apiKey;
  return { apiKey: shown, secret: minted.secret };
}

export async function listApiKeys(deps: AppDeps, tenantId: string): Promise<ApiKey[]> {
  return (await repo.listApiKeys(deps.db, tenantId)).map(({ createdBy: _createdBy, ...key }) => key);
}

export async function revokeApiKey(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  keyId: string,
): Promise<void> {
  const key = await repo.getApiKey(deps.db, tenantId, keyId);
  if (key === undefined) throw new AppError('not_found');
  if (key.revokedAt !== undefined) return;
  try {
    await commitWithAudit(
      deps.db,
      tenantId,
      repo.buildRevokeApiKeyItems(deps.db, tenantId, keyId, key.secretHash, deps.now().toISOString()),
      {
        actor,
        action: 'api_key.revoked',
        target: { type: 'api_key', id: keyId },
      },
      deps.now,
    );
  } catch (error) {
    if (!(error instanceof WriteConditionFailed)) throw error;
  }
}

export async function renameApiKey(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  keyId: string,
  name: string,
): Promise<ApiKey> {
  try {
    await commitWithAudit(
      deps.db,
      tenantId,
      [repo.buildRenameApiKeyItem(deps.db, tenantId, keyId, name)],
      {
        actor,
        action: 'api_key.renamed',
        target: { type: 'api_key', id: keyId },
        details: { fields: ['name'] },
      },
      deps.now,
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed)
      throw new AppError('not_found', 'No live API key with this id.');
    throw error;
  }
  const key = await repo.getApiKey(deps.db, tenantId, keyId);
  if (key === undefined) throw new AppError('not_found');
  const { createdBy: _createdBy, secretHash: _secretHash, ...shown } = key;
  return shown;
}

/**
 * Deletes the hash lookups of a workspace's API keys (the platform items that point into a
 * workspace being purged). Reads them from the workspace's partition, so it runs before that
 * partition is swept; deleting a lookup that is gone is a no-op, so it is safe to run again.
 */
export async function purgeApiKeyLookups(deps: AppDeps, tenantId: string): Promise<void> {
  for (const hash of await repo.listApiKeySecretHashes(deps.db, tenantId)) {
    await repo.deleteApiKeyLookup(deps.db, hash);
  }
}

/**
 * Suspends (`at` set) or resumes (`at` undefined) a workspace's API keys on behalf of `userId`'s
 * account deletion: all of them, or only those `createdBy` is given for. Safe to repeat.
 */
export async function setApiKeysSuspendedForDeletion(
  deps: AppDeps,
  tenantId: string,
  userId: string,
  at: string | undefined,
  options: { createdBy?: string } = {},
): Promise<void> {
  await repo.setApiKeysSuspended(deps.db, tenantId, userId, at, options);
}

/**
 * The purge's step for the keys a person created in a workspace that stays: each live one is
 * revoked by `actor`, audit-logged with the reason. A key revoked meanwhile is skipped.
 */
export async function revokeApiKeysOfPurgedUser(
  deps: AppDeps,
  tenantId: string,
  userId: string,
  actor: AuditActor,
): Promise<void> {
  const at = deps.now().toISOString();
  for (const key of await repo.listLiveApiKeysCreatedBy(deps.db, tenantId, userId)) {
    try {
      await commitWithAudit(
        deps.db,
        tenantId,
        repo.buildRevokeApiKeyItems(deps.db, tenantId, key.id, key.secretHash, at),
        {
          actor,
          action: 'api_key.revoked',
          target: { type: 'api_key', id: key.id },
          details: { reason: 'account_purged' },
        },
        deps.now,
      );
    } catch (error) {
      if (!(error instanceof WriteConditionFailed)) throw error;
    }
  }
}
