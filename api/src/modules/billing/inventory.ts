import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** Billing: the subscription and the Stripe customer index. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const BILLING_INVENTORY: readonly RecordType[] = [
  {
    entity: 'BillingState',
    label: 'Subscription',
    fields:
      'Plan, billing cadence, Stripe customer and subscription ids, status, trial end and renewal dates. No card data.',
    purpose: 'To give the workspace what its plan includes.',
    retention: 'workspace',
    providers: ['aws', 'stripe'],
    correction: {
      how: 'Change the plan on the Plan page, and payment details in the billing portal.',
      routes: [],
    },
  },
  {
    entity: 'StripeCustomerLookup',
    label: 'Stripe customer index',
    fields: 'A Stripe customer id and the workspace it pays for.',
    purpose: 'To match Stripe’s notices to the workspace.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Set from the payment provider’s customer id.'),
  },
];
