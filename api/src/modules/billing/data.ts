import { rowsFrom, type DataHolder } from '../../platform/privacy/data-holders.js';
import * as repo from './repo.js';

/**
 * Billing: the workspace's plan state (owners and admins see it in the export). A purged workspace
 * has its Stripe subscription cancelled; payment records stay with Stripe (P-RIGHT-4).
 */
export const billingData: DataHolder = {
  owner: 'billing',
  entities: ['BillingState', 'StripeCustomerLookup'],
  notExported: { StripeCustomerLookup: 'an index from the Stripe customer id to the workspace' },
  exportWorkspace: (deps, scope) =>
    scope.role === 'owner' || scope.role === 'admin'
      ? [
          {
            name: 'billing',
            columns: [
              'tier',
              'planKey',
              'cadence',
              'status',
              'trialEnd',
              'currentPeriodEnd',
              'cancelAtPeriodEnd',
            ],
            rows: () =>
              rowsFrom(async () => {
                const state = await repo.getBillingState(deps.db, scope.tenantId);
                return state === undefined ? [] : [state];
              }),
          },
        ]
      : [],
  purgeWorkspace: async (deps, tenantId) => {
    const state = await repo.getBillingState(deps.db, tenantId);
    if (state?.subscriptionId === undefined || deps.stripe === undefined) return;
    try {
      await deps.stripe.subscriptions.cancel(state.subscriptionId);
    } catch (error) {
      // Already cancelled or gone: the purge's goal is met; anything else is retried next run.
      if ((error as { code?: string }).code !== 'resource_missing') throw error;
    }
  },
};
