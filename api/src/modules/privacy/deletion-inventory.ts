import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** Account deletion: the request, legal holds and the opt-out kept after a purge. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const DELETION_INVENTORY: readonly RecordType[] = [
  {
    entity: 'DeletionRequest',
    label: 'Account deletion request',
    fields:
      'When you asked, when the purge is due, your email (for the notices), which workspaces are deleted and which memberships removed, and when the account was hidden.',
    purpose: 'To hide the account at once, let you restore it within 30 days, and then purge it.',
    retention: 'deletion',
    providers: ['aws'],
    correction: {
      how: 'Cancel it by signing in and restoring your account within 30 days.',
      routes: [],
    },
  },
  {
    entity: 'LegalHold',
    label: 'Legal hold',
    fields: 'The reason an owner or admin gave, who set it and when.',
    purpose: 'To keep a workspace’s records while a legal matter needs them; it pauses their purge.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Owners and admins change the reason by setting the hold again, or lift it.',
      routes: [
        {
          update: 'PUT /v1/workspaces/:workspaceId/legal-hold',
          read: 'GET /v1/workspaces/:workspaceId/legal-hold',
          create: 'PUT /v1/workspaces/:workspaceId/legal-hold',
          fields: ['reason'],
        },
      ],
    },
  },
  {
    entity: 'MailOptOut',
    label: 'Optional-mail opt-out',
    fields: 'A SHA-256 fingerprint of the email address, why and when it opted out.',
    purpose: 'So a deleted account’s address never gets optional mail again.',
    retention: 'optOut',
    providers: ['aws'],
    correction: systemRecord('A fingerprint kept so a deleted address never gets optional mail again.'),
  },
];
