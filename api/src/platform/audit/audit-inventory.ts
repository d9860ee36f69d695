import { systemRecord, type RecordType } from '../privacy/record-types.js';

/** Audit: the hash-chained log, its pending entries and heads, and what a purge leaves of them. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const AUDIT_INVENTORY: readonly RecordType[] = [
  {
    entity: 'AuditEntry',
    label: 'Audit log entry',
    fields: 'Who did what to which record, and when, chained by hashes so changes cannot be hidden.',
    purpose: 'To prove the history of the records.',
    retention: 'audit',
    providers: ['aws'],
    correction: systemRecord('A history cannot be rewritten: correcting a record adds a new entry.'),
  },
  {
    entity: 'AuditPending',
    label: 'Audit log entry, not yet chained',
    fields:
      'Who did what to which record, and when, written with the change; moments later it becomes a chained audit log entry.',
    purpose: 'So changes in one workspace are recorded without waiting for each other.',
    retention: 'audit',
    providers: ['aws'],
    correction: systemRecord('Becomes an audit log entry, which cannot be rewritten.'),
  },
  {
    entity: 'AuditHead',
    label: 'Audit log head',
    fields: 'The latest entry number and hash of a workspace audit log.',
    purpose: 'To extend the audit chain safely.',
    retention: 'audit',
    providers: ['aws'],
    correction: systemRecord('Follows the audit log.'),
  },
  {
    entity: 'PurgedAuditEntry',
    label: 'Audit entry of a purged workspace',
    fields: 'Entry number, time, actor id and action; the entry’s hash and the previous one. No content.',
    purpose: 'To keep the minimal record of who did what and when after a workspace is purged.',
    retention: 'audit',
    providers: ['aws'],
    correction: systemRecord('What remains of a purged log: actor id, action and time.'),
  },
  {
    entity: 'PurgedAuditHead',
    label: 'Audit log head of a purged workspace',
    fields: 'The last entry number and hash of the purged workspace’s log.',
    purpose: 'So the minimised log can be matched against an export taken before the purge.',
    retention: 'audit',
    providers: ['aws'],
    correction: systemRecord('Follows the purged log.'),
  },
];
