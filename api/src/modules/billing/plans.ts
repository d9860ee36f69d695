import type { Config } from '../../config.js';

/**
 * Every plan and what it includes, in one place. `null` means unlimited. The local plan is what
 * every workspace has when billing is off (no Stripe key): everything, clearly labelled as local.
 */

export const MODULES = ['journal', 'vault', 'credentials', 'practice', 'library', 'wellbeing', 'ai'] as const;
export type ModuleKey = (typeof MODULES)[number];

export const TIERS = ['local', 'free', 'plus', 'pro'] as const;
export type Tier = (typeof TIERS)[number];
export type PaidTier = 'plus' | 'pro';
export const CADENCES = ['monthly', 'yearly'] as const;
export type Cadence = (typeof CADENCES)[number];

export type Entitlements = {
  modules: ModuleKey[];
  storageQuotaBytes: number | null;
  aiActionsPerMonth: number | null;
  members: number | null;
};

export type Plan = {
  tier: Tier;
  name: string;
  /** Order of the plans from least to most, to name the smallest plan that allows something. */
  rank: number;
  trialDays: number;
  entitlements: Entitlements;
};

const GB = 1024 ** 3;

export const PLANS: Record<Tier, Plan> = {
  local: {
    tier: 'local',
    name: 'Local (billing off)',
    rank: 99,
    trialDays: 0,
    entitlements: { modules: [...MODULES], storageQuotaBytes: null, aiActionsPerMonth: null, members: null },
  },
  free: {
    tier: 'free',
    name: 'Free',
    rank: 0,
    trialDays: 0,
    entitlements: {
      modules: ['journal', 'vault'],
      storageQuotaBytes: GB / 2,
      aiActionsPerMonth: 0,
      members: 2,
    },
  },
  plus: {
    tier: 'plus',
    name: 'Plus',
    rank: 1,
    trialDays: 14,
    entitlements: {
      modules: ['journal', 'vault', 'credentials', 'practice', 'library', 'ai'],
      storageQuotaBytes: 10 * GB,
      aiActionsPerMonth: 200,
      members: 5,
    },
  },
  pro: {
    tier: 'pro',
    name: 'Pro',
    rank: 2,
    trialDays: 14,
    entitlements: {
      modules: [...MODULES],
      storageQuotaBytes: 100 * GB,
      aiActionsPerMonth: 2000,
      members: 25,
    },
  },
};

/** The plans a workspace can buy, in order. */
export const PAID_TIERS: readonly PaidTier[] = ['plus', 'pro'];

/** The plan key of a paid tier and cadence, such as `plus_monthly`. */
export function planKeyOf(tier: PaidTier, cadence: Cadence): string {
  return `${tier}_${cadence}`;
}

/** The Stripe price of a paid plan (config is validated to hold all four when billing is on). */
export function priceIdOf(config: Config, tier: PaidTier, cadence: Cadence): string | undefined {
  const prices: Record<string, string | undefined> = {
    plus_monthly: config.STRIPE_PRICE_PLUS_MONTHLY,
    plus_yearly: config.STRIPE_PRICE_PLUS_YEARLY,
    pro_monthly: config.STRIPE_PRICE_PRO_MONTHLY,
    pro_yearly: config.STRIPE_PRICE_PRO_YEARLY,
  };
  return prices[planKeyOf(tier, cadence)];
}

/** The paid plan a Stripe price id stands for, or undefined for a price we do not sell. */
export function planOfPrice(
  config: Config,
  priceId: string,
): { tier: PaidTier; cadence: Cadence } | undefined {
  for (const tier of PAID_TIERS) {
    for (const cadence of CADENCES) {
      if (priceIdOf(config, tier, cadence) === priceId) return { tier, cadence };
    }
  }
  return undefined;
}

/** The smallest paid plan that satisfies `isEnough`, for a 402 that names it. */
export function smallestPlanAllowing(isEnough: (entitlements: Entitlements) => boolean): Plan | undefined {
  return PAID_TIERS.map((tier) => PLANS[tier]).find((plan) => isEnough(plan.entitlements));
}
