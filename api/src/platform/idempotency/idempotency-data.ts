import type { DataHolder } from '../privacy/data-holders.js';

/** Stored first responses of retried requests: short-lived copies of answers already given. */
export const idempotencyData: DataHolder = {
  owner: 'idempotency',
  entities: ['IdempotencyRecord'],
  notExported: { IdempotencyRecord: 'a copy, kept for a day, of an answer the API already gave' },
};
