import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';
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
    fields:
      'Title, provider, completion date, hours, format, hours per topic, certificate number, notes about the course, and the version of the AI prompt when its suggestions filled the fields.',
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
  {
    entity: 'CredentialShare',
    label: 'Verification link',
    fields:
      'Who the link is for, the name a verifier sees, which licenses, activities and documents it shows, its expiry, revocation and view count; a hash of its token.',
    purpose:
      'To let someone you choose check your credentials without signing in, until the link expires or you revoke it.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'A link is not edited: revoke it and create a new one with the right details.',
      routes: [],
    },
  },
  {
    entity: 'CredentialShareView',
    label: 'Verification link view',
    fields: 'When a verification link was opened.',
    purpose: 'To show you each time someone opened a link you shared.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Written when a link is opened; nothing in it was entered by a person.'),
  },
  {
    entity: 'CredentialShareLookup',
    label: 'Verification link index',
    fields: 'A hash of the link’s token and the workspace and link it belongs to.',
    purpose: 'To find a verification link when it is opened, without keeping its token.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Made with the link and removed when it is revoked.'),
  },
  {
    entity: 'CeReminder',
    label: 'CE reminder mark',
    fields: 'Which license cycle a renewal reminder was sent for, how many days before its end, and when.',
    purpose: 'To send each renewal reminder once.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Written when a reminder is sent; nothing in it was entered by a person.'),
  },
  {
    entity: 'CeCycleTally',
    label: 'CE cycle tally',
    fields: 'The hours of the CE activities in a license’s current cycle, per format and per required topic.',
    purpose: 'To show your CE progress without reading every activity each time.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord(
      'Summed from your activities and kept equal to them; correct the activities instead.',
    ),
  },
  {
    entity: 'CeTallyGuard',
    label: 'CE tally counter',
    fields: 'How many times the activities and the tallies were written.',
    purpose: 'To keep the CE cycle tallies exact when several changes happen at once.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Counts writes; nothing in it was entered by a person.'),
  },
];
