import { systemRecord, type RecordType } from '../privacy/record-types.js';

/** Idempotency: the first answers of retried requests. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const IDEMPOTENCY_INVENTORY: readonly RecordType[] = [
  {
    entity: 'IdempotencyRecord',
    label: 'Repeated-request guard',
    fields:
      'The first response to a request sent with an Idempotency-Key; a response holding wellbeing data only encrypted under your workspace’s wellbeing key.',
    purpose: 'So a retried request is not applied twice.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('A copy of a response, kept for a day so a retry is not applied twice.'),
  },
];
