import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** Privacy: policy notices sent and data exports. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const NOTICE_AND_EXPORT_INVENTORY: readonly RecordType[] = [
  {
    entity: 'PolicyNotice',
    label: 'Policy notice',
    fields: 'Which privacy policy version you were told about, and when.',
    purpose: 'To tell you about material policy changes once, before they take effect.',
    retention: 'account',
    providers: ['aws'],
    correction: systemRecord('When you were told of a policy version: history.'),
  },
  {
    entity: 'Export',
    label: 'Data export',
    fields:
      'When you asked for an export, its progress, size, the SHA-256 of its manifest; the ZIP itself in file storage.',
    purpose: 'To build your export in the background and let you download it.',
    retention: 'short',
    providers: ['aws'],
    correction: systemRecord('Ask for a new export at any time.'),
  },
];
