import type { DataHolder } from '../privacy/data-holders.js';

/** The webhook ledger and delivery log: provider event ids, types and outcomes, no payloads. */
export const webhookData: DataHolder = {
  owner: 'webhooks',
  entities: ['WebhookEvent', 'WebhookDelivery'],
  notExported: {
    WebhookEvent: 'a provider’s event id, kept so a repeated delivery has no second effect',
    WebhookDelivery: 'an operations log of deliveries (ids, types, outcomes), kept 30 days',
  },
};
