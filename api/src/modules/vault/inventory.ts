import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** Vault: documents, their stored bytes, storage used and attachments. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const VAULT_INVENTORY: readonly RecordType[] = [
  {
    entity: 'Document',
    label: 'Document',
    fields:
      'Title, description, category, tags, date of the document, file name, type, size, SHA-256 fingerprint, who uploaded it.',
    purpose: 'The evidence you keep: letters, orders, screenshots, certificates.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit its title, description, category, tags and date; the file itself is evidence and never changes: upload the right file and delete this one.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/documents/:documentId',
          read: 'GET /v1/workspaces/:workspaceId/documents/:documentId',
          fields: ['title', 'description', 'category', 'tags', 'documentDate'],
        },
      ],
    },
  },
  {
    entity: 'Blob',
    label: 'Stored file',
    fields: 'The file bytes (in file storage) by their SHA-256, size and how many documents use them.',
    purpose: 'To keep each file once and prove it is unchanged.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord(
      'The bytes of a file you uploaded, named by their fingerprint: upload a new file instead.',
    ),
  },
  {
    entity: 'VaultUsage',
    label: 'Storage used',
    fields: 'How many bytes the workspace’s files take.',
    purpose: 'To keep the workspace within its storage quota.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Counted by the service from your files.'),
  },
  {
    entity: 'Attachment',
    label: 'Attachment',
    fields: 'Which document is attached to which record, by whom and when.',
    purpose: 'To link evidence to the incident it supports.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Detach the document and attach the right one.',
      routes: [],
    },
  },
  {
    entity: 'DocumentLink',
    label: 'Attachment index',
    fields: 'The records a document is attached to.',
    purpose: 'So deleting a document finds its attachments.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Follows the attachments.'),
  },
];
