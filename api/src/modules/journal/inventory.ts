import { type RecordType } from '../../platform/privacy/record-types.js';
import { INCIDENT_FIELDS } from './schema.js';

/** Journal: incidents. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const JOURNAL_INVENTORY: readonly RecordType[] = [
  {
    entity: 'Incident',
    label: 'Incident',
    fields:
      'When and where it happened, who was involved, children present, category, narrative, witnesses, time zone.',
    purpose: 'The record you keep for your case.',
    retention: 'workspace',
    // Sent to the configured AI provider only when a person asks for a summary of a period.
    providers: ['aws', 'openai', 'anthropic'],
    correction: {
      how: 'Edit it at any time; the audit log keeps the record of every change.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/incidents/:incidentId',
          read: 'GET /v1/workspaces/:workspaceId/incidents/:incidentId',
          create: 'POST /v1/workspaces/:workspaceId/incidents',
          fields: [...INCIDENT_FIELDS],
        },
      ],
    },
  },
];
