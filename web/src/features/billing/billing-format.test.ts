import { describe, expect, it } from 'vitest';
import type { Billing } from '../../lib/api/types';
import { formatDaysLeft, formatLimit, formatPrice, getBillingBanner } from './billing-format';

const base: Billing = {
  isEnabled: true,
  tier: 'plus',
  planName: 'Plus',
  isReadOnly: false,
  hasCustomer: true,
  entitlements: { modules: ['journal'], storageQuotaBytes: 1024, aiActionsPerMonth: 0, members: 2 },
  plans: [],
};

describe('billing banners', () => {
  it('shows nothing when billing is off, whatever the state says', () => {
    expect(getBillingBanner({ ...base, isEnabled: false, status: 'past_due' })).toBeUndefined();
  });

  it('warns about a trial only in its last week', () => {
    expect(getBillingBanner({ ...base, status: 'trialing', trialDaysLeft: 8 })).toBeUndefined();
    expect(getBillingBanner({ ...base, status: 'trialing', trialDaysLeft: 3 })).toEqual({
      kind: 'trial-ending',
      daysLeft: 3,
    });
  });

  it('puts a failed payment first, saying whether the workspace is read-only yet', () => {
    expect(
      getBillingBanner({ ...base, status: 'past_due', graceEndsAt: '2026-01-08T00:00:00.000Z' }),
    ).toEqual({
      kind: 'payment-failed',
      isReadOnly: false,
      graceEndsAt: '2026-01-08T00:00:00.000Z',
    });
    expect(getBillingBanner({ ...base, status: 'unpaid', isReadOnly: true })).toMatchObject({
      isReadOnly: true,
    });
  });

  it('formats limits and days for people', () => {
    expect(formatLimit(null, 'count')).toBe('Unlimited');
    expect(formatLimit(10 * 1024 ** 3, 'bytes')).toBe('10 GB');
    expect(formatLimit(512 * 1024 ** 2, 'bytes')).toBe('512 MB');
    expect(formatDaysLeft(1)).toBe('1 day left');
    expect(formatDaysLeft(0)).toBe('ends today');
  });
});

describe('plan prices', () => {
  it('turns Stripe’s smallest-unit amounts into the currency’s own amount, per cadence', () => {
    expect(formatPrice({ cadence: 'monthly', amount: 900, currency: 'usd' }, 'en-US')).toBe(
      '$9.00 per month',
    );
    expect(formatPrice({ cadence: 'yearly', amount: 19000, currency: 'eur' }, 'en-US')).toBe(
      '€190.00 per year',
    );
    // Yen has no minor unit: 1200 is ¥1,200.
    expect(formatPrice({ cadence: 'monthly', amount: 1200, currency: 'jpy' }, 'en-US')).toBe(
      '¥1,200 per month',
    );
  });
});
