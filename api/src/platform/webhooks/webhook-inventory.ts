import { systemRecord, type RecordType } from '../privacy/record-types.js';

/** Webhooks: the exactly-once ledger and the delivery log. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const WEBHOOK_INVENTORY: readonly RecordType[] = [
  {
    entity: 'WebhookEvent',
    label: 'Processed provider event',
    fields: 'A provider’s event id and what its effect was.',
    purpose: 'So a repeated notice from Stripe, Clerk or the mail provider has no second effect.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('What a provider sent and what it did; history, not something you entered.'),
  },
  {
    entity: 'WebhookDelivery',
    label: 'Provider notice log',
    fields: 'Id, type, time, outcome and duration of each notice; no content.',
    purpose: 'To operate and debug the connections to providers.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('An operations log without content.'),
  },
];
