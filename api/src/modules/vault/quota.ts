import { getEntitlements } from '../billing/entitlements.js';
import { smallestPlanAllowing, type Tier } from '../billing/plans.js';
import type { AppDeps } from '../../platform/deps.js';

export type StorageQuota = {
  bytes: number;
  tier: Tier;
  planName: string;
  /** The smallest plan with more storage than this one, to name when an upload does not fit. */
  largerPlan?: { name: string; quotaBytes: number };
};

/**
 * The one place the vault learns a workspace's storage quota: the storage of the plan billing
 * says the workspace is on now (a cancelled subscription means Free). With billing off, the local
 * plan's quota is `VAULT_LOCAL_PLAN_QUOTA_BYTES`, and no plan is on offer.
 */
export async function getStorageQuota(deps: AppDeps, tenantId: string): Promise<StorageQuota> {
  const access = await getEntitlements(deps, tenantId);
  const base = { tier: access.plan.tier, planName: access.plan.name };
  if (access.plan.tier === 'local') return { ...base, bytes: deps.config.VAULT_LOCAL_PLAN_QUOTA_BYTES };
  // No sold plan has unlimited storage; should one, the largest safe number stands for it.
  const bytes = access.entitlements.storageQuotaBytes ?? Number.MAX_SAFE_INTEGER;
  const larger = smallestPlanAllowing((e) => e.storageQuotaBytes === null || e.storageQuotaBytes > bytes);
  return {
    ...base,
    bytes,
    ...(larger === undefined
      ? {}
      : {
          largerPlan: {
            name: larger.name,
            quotaBytes: larger.entitlements.storageQuotaBytes ?? Number.MAX_SAFE_INTEGER,
          },
        }),
  };
}
