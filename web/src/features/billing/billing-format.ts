import type { Billing, Entitlements } from '../../lib/api/types';

export type PlanPrice = Billing['plans'][number]['prices'][number];

/** Days before the trial's end from which the banner shows. */
export const TRIAL_BANNER_DAYS = 7;

export type BillingBanner =
  | { kind: 'trial-ending'; daysLeft: number }
  | { kind: 'payment-failed'; isReadOnly: boolean; graceEndsAt?: string };

/** The banner a workspace's billing state calls for, if any: payment trouble first, then a trial ending. */
export function getBillingBanner(billing: Billing): BillingBanner | undefined {
  if (!billing.isEnabled) return undefined;
  if (billing.status === 'past_due' || billing.status === 'unpaid') {
    return {
      kind: 'payment-failed',
      isReadOnly: billing.isReadOnly,
      ...(billing.graceEndsAt === undefined ? {} : { graceEndsAt: billing.graceEndsAt }),
    };
  }
  if (
    billing.status === 'trialing' &&
    billing.trialDaysLeft !== undefined &&
    billing.trialDaysLeft <= TRIAL_BANNER_DAYS
  ) {
    return { kind: 'trial-ending', daysLeft: billing.trialDaysLeft };
  }
  return undefined;
}

const GB = 1024 ** 3;

/** A limit for people: "Unlimited", or the number with its unit. */
export function formatLimit(value: number | null, unit: 'bytes' | 'count'): string {
  if (value === null) return 'Unlimited';
  if (unit === 'count') return String(value);
  return value >= GB ? `${Math.round((value / GB) * 10) / 10} GB` : `${Math.round(value / 1024 ** 2)} MB`;
}

const MODULE_LABELS: Record<Entitlements['modules'][number], string> = {
  journal: 'Journal',
  vault: 'Document vault',
  credentials: 'Credentials',
  practice: 'Practice',
  library: 'Library',
  wellbeing: 'Wellbeing',
  ai: 'AI assistance',
};

export function formatModules(modules: Entitlements['modules']): string {
  return modules.map((module) => MODULE_LABELS[module]).join(', ');
}

/** "14 days left" / "1 day left" / "ends today". */
export function formatDaysLeft(days: number): string {
  if (days <= 0) return 'ends today';
  return `${days} ${days === 1 ? 'day' : 'days'} left`;
}

/**
 * A plan's price for people, such as "$9.00 per month". Stripe gives amounts in the currency's
 * smallest unit; the currency's own number of decimals turns that into the amount shown.
 */
export function formatPrice(price: PlanPrice, locale?: string): string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency: price.currency.toUpperCase() });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  return `${format.format(price.amount / 10 ** decimals)} per ${price.cadence === 'monthly' ? 'month' : 'year'}`;
}

/** Statuses in which a subscription exists (paid, trialing or owing): Checkout is done with. */
export const LIVE_STATUSES: ReadonlySet<string> = new Set(['trialing', 'active', 'past_due', 'unpaid']);
