import { isBillingEnabled } from '../../config.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { PLANS, smallestPlanAllowing, type Entitlements, type ModuleKey, type Plan } from './plans.js';
import { getBillingState, type BillingState } from './repo.js';

/** What a workspace may do right now, derived from the subscription state Stripe reported (P-PAY-2). */
export type Access = {
  plan: Plan;
  entitlements: Entitlements;
  /** Past due beyond the grace period (or unpaid): reads work, changes answer 402. */
  isReadOnly: boolean;
  graceEndsAt?: string;
  state?: BillingState;
};

const ACTIVE = new Set(['trialing', 'active']);

/** Pure: the access a subscription state gives at `now`. Ended or unknown states fall back to Free. */
export function resolveAccess(
  state: BillingState | undefined,
  options: { isBillingOn: boolean; graceDays: number; now: Date },
): Access {
  if (!options.isBillingOn)
    return { plan: PLANS.local, entitlements: PLANS.local.entitlements, isReadOnly: false };
  const base = state === undefined ? {} : { state };
  const status = state?.status;
  const paid =
    state === undefined || state.tier === 'free' || state.tier === 'local' ? undefined : PLANS[state.tier];
  if (paid !== undefined && status !== undefined && ACTIVE.has(status)) {
    return { ...base, plan: paid, entitlements: paid.entitlements, isReadOnly: false };
  }
  if (paid !== undefined && status === 'past_due') {
    const since = Date.parse(state?.pastDueSince ?? options.now.toISOString());
    const graceEnds = new Date(since + options.graceDays * 86_400_000);
    return {
      ...base,
      plan: paid,
      entitlements: paid.entitlements,
      isReadOnly: options.now.getTime() >= graceEnds.getTime(),
      graceEndsAt: graceEnds.toISOString(),
    };
  }
  if (paid !== undefined && status === 'unpaid') {
    return { ...base, plan: paid, entitlements: paid.entitlements, isReadOnly: true };
  }
  // Cancelled, expired or never paid: Free, and nothing is deleted.
  return { ...base, plan: PLANS.free, entitlements: PLANS.free.entitlements, isReadOnly: false };
}

/**
 * The one place that says what a workspace is entitled to: modules, storage quota, AI actions per
 * month, members. Other modules (the vault's quota, AI limits) read it from here.
 */
export async function getEntitlements(deps: AppDeps, tenantId: string): Promise<Access> {
  const isBillingOn = isBillingEnabled(deps.config);
  const state = isBillingOn ? await getBillingState(deps.db, tenantId) : undefined;
  return resolveAccess(state, { isBillingOn, graceDays: deps.config.BILLING_GRACE_DAYS, now: deps.now() });
}

function upgradeHint(isEnough: (entitlements: Entitlements) => boolean): string {
  const plan = smallestPlanAllowing(isEnough);
  return plan === undefined ? 'No plan allows this.' : `The ${plan.name} plan allows it.`;
}

/** 402 unless the workspace's plan includes `module` (and, for a change, is not read-only). */
export async function assertModuleAccess(
  deps: AppDeps,
  tenantId: string,
  module: ModuleKey,
  isWrite: boolean,
): Promise<void> {
  const access = await getEntitlements(deps, tenantId);
  if (!access.entitlements.modules.includes(module)) {
    throw new AppError(
      'payment_required',
      `The ${access.plan.name} plan does not include ${module}. ${upgradeHint((e) => e.modules.includes(module))}`,
    );
  }
  if (isWrite && access.isReadOnly) {
    throw new AppError(
      'payment_required',
      `Payment for this workspace is past due, so it is read-only. Update the payment method to keep the ${access.plan.name} plan.`,
    );
  }
}

/** 402 unless the plan has room for one more member, counting `current` members and pending invites. */
export async function assertMemberCapacity(deps: AppDeps, tenantId: string, current: number): Promise<void> {
  const access = await getEntitlements(deps, tenantId);
  const limit = access.entitlements.members;
  if (limit === null || current < limit) return;
  throw new AppError(
    'payment_required',
    `The ${access.plan.name} plan allows ${limit} members, invites included. ${upgradeHint((e) => e.members === null || e.members > current)}`,
  );
}
