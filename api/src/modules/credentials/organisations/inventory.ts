import { systemRecord, type RecordType } from '../../../platform/privacy/record-types.js';

/** Organisation credentialing: entries of the data inventory (privacy/inventory.ts assembles them). */
export const CREDENTIAL_ORGANISATIONS_INVENTORY: readonly RecordType[] = [
  {
    entity: 'CredentialOrganisation',
    label: 'Organisation profile',
    fields: 'What kind of organisation the workspace is (clinic, agency, hospital…) and the name people see.',
    purpose: 'To let an organisation ask people for their credentials under its own name.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'An owner or admin changes the kind and name on the organisation page.',
      routes: [
        {
          update: 'PUT /v1/workspaces/:workspaceId/credentials/organisation',
          read: 'GET /v1/workspaces/:workspaceId/credentials/organisation',
          create: 'PUT /v1/workspaces/:workspaceId/credentials/organisation',
          fields: ['kind', 'name'],
        },
      ],
    },
  },
  {
    entity: 'CredentialRequest',
    label: 'Credential request',
    fields:
      'The address and name of the person asked, a note, the licenses and documents asked for, whether and when they answered or withdrew, and when the organisation cancelled it.',
    purpose: 'To keep an organisation’s credentialing checklist of the people it asked.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'A request is not edited: ask again with the right details.',
      routes: [],
    },
  },
  {
    entity: 'CredentialRequestInbox',
    label: 'Waiting credential request',
    fields: 'A hash of the address asked, the organisation’s name and kind, and when it asked.',
    purpose: 'To show a person the requests waiting for them, whichever workspace they open.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord(
      'Made with the request and removed when the person answers it or the organisation cancels it.',
    ),
  },
  {
    entity: 'CredentialOrgShare',
    label: 'Credentials shared with an organisation',
    fields:
      'Which organisation and request, which licenses, activities and documents you shared, when, and when you withdrew them (removed when the organisation cancels its request).',
    purpose: 'To let an organisation you answered read exactly those records until you withdraw them.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'A share is not edited: withdraw it; the organisation can ask again.',
      routes: [],
    },
  },
];
