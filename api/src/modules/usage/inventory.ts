import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** Usage: daily totals that name no one. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const USAGE_INVENTORY: readonly RecordType[] = [
  {
    entity: 'PageCount',
    label: 'Usage totals',
    fields: 'Per day: how often each page was opened and each sign-up step reached. No user, no device.',
    purpose: 'To see which parts of the product are used.',
    retention: 'aggregate',
    providers: ['aws'],
    correction: systemRecord('Daily totals that identify no one.'),
  },
];
