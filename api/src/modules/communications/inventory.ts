import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';
import { COMMUNICATION_FIELDS } from './schema.js';

/** What the communication log keeps, for the data inventory and the privacy page. */
export const COMMUNICATIONS_RECORD_TYPES: readonly RecordType[] = [
  {
    entity: 'Communication',
    label: 'Logged message',
    fields:
      'When it was sent or received and in which time zone, channel, direction, the counterpart’s label, subject, the message itself, linked incidents, notes added beside it; for a message imported from an exported thread, the SHA-256 fingerprints of the export and of the message’s own text, and the vault document that keeps the export’s original bytes.',
    purpose: 'The log of communications you keep for your case.',
    retention: 'workspace',
    // Sent to the configured AI provider only when a person asks for a summary of a period.
    providers: ['aws', 'openai', 'anthropic'],
    correction: {
      how: 'Edit a message you sent at any time. A message you received is kept as it arrived: correct when, how and with whom, and add a note beside it to correct or explain its content. The audit log keeps every change.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/communications/:communicationId',
          read: 'GET /v1/workspaces/:workspaceId/communications/:communicationId',
          create: 'POST /v1/workspaces/:workspaceId/communications',
          fields: COMMUNICATION_FIELDS.filter((field) => field !== 'direction'),
          fixed: {
            direction:
              'Whether you sent or received a message decides whether its words may change; log it again the right way and delete this one.',
          },
        },
      ],
    },
  },
  {
    entity: 'ImportedThread',
    label: 'Imported thread fingerprint',
    fields:
      'The SHA-256 fingerprint of an exported message thread you imported, its format, when it was first and last imported, how many times, and the first message it logged.',
    purpose: 'To tell you when you import the same thread again, so your log holds each message once.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Written by the service with each import of a thread.'),
  },
  {
    entity: 'AiSummary',
    label: 'AI-assisted summary',
    fields:
      'The period summarised, its sentences and the records each one cites, the prompt version, provider and model that suggested it, who reviewed and saved it, and when.',
    purpose: 'A neutral summary of a period for your lawyer or the court, that you reviewed and saved.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'A saved summary stays as you reviewed it, so it can be traced to its prompt and records. To change one, delete it and save a new summary of the period.',
      routes: [],
    },
  },
  {
    entity: 'AiUsage',
    label: 'AI actions used',
    fields: 'How many AI suggestions the workspace asked for in a month.',
    purpose: 'To keep the workspace within its plan’s monthly AI actions.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Counted by the service as AI suggestions are made.'),
  },
];
