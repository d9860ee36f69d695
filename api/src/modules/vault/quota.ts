import type { AppDeps } from '../../platform/deps.js';

export type StorageQuota = { bytes: number; plan: string };

/**
 * The one place the vault learns a workspace's storage quota. Every workspace is on the local plan
 * until billing exists; billing will answer here from the workspace's plan.
 */
export function getStorageQuota(deps: AppDeps, _tenantId: string): Promise<StorageQuota> {
  return Promise.resolve({ bytes: deps.config.VAULT_LOCAL_PLAN_QUOTA_BYTES, plan: 'local' });
}
