import type { RecordType } from '../../platform/privacy/record-types.js';
import { ACTIVITY_FIELDS } from './activity-schema.js';
import { LICENSE_FIELDS } from './schema.js';

/** What the credentials module keeps, for the data inventory and the privacy page. */
export const CREDENTIALS_RECORD_TYPES: readonly RecordType[] = [
  {
    entity: 'License',
    label: 'License',
    fields:
      'Jurisdiction, credential type, license number, issue, expiry and first-licensed dates, supervisor status, status, notes, and your own renewal numbers where they differ from the catalogue.',
    purpose: 'To track each license’s renewal cycle and continuing-education requirements.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit the license at any time, and set your own renewal numbers on its page.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/credentials/licenses/:licenseId',
          read: 'GET /v1/workspaces/:workspaceId/credentials/licenses/:licenseId',
          create: 'POST /v1/workspaces/:workspaceId/credentials/licenses',
          fields: [...LICENSE_FIELDS],
        },
      ],
    },
  },
  {
    entity: 'CeActivity',
    label: 'CE activity',
    fields: 'Title, provider, completion date, hours, format, hours per topic, notes about the course.',
    purpose: 'To total continuing-education hours toward each license’s renewal.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit the activity at any time.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/credentials/activities/:activityId',
          read: 'GET /v1/workspaces/:workspaceId/credentials/activities/:activityId',
          create: 'POST /v1/workspaces/:workspaceId/credentials/activities',
          fields: [...ACTIVITY_FIELDS],
        },
      ],
    },
  },
];
