import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** API keys: integrators’ keys and the index that recognises them. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const API_KEYS_INVENTORY: readonly RecordType[] = [
  {
    entity: 'ApiKey',
    label: 'API key',
    fields: 'Name, scopes, a hash of the secret, created and last-used times.',
    purpose: 'To let an integrator use the API for a workspace.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Rename it in Settings; for other scopes make a new key and revoke this one.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/api-keys/:keyId',
          read: 'GET /v1/workspaces/:workspaceId/api-keys',
          create: 'POST /v1/workspaces/:workspaceId/api-keys',
          fields: ['name'],
          fixed: {
            scopes:
              'A key’s power never grows after it is handed out: make a new key with the scopes you need and revoke this one.',
          },
        },
      ],
    },
  },
  {
    entity: 'ApiKeyLookup',
    label: 'API key index',
    fields: 'A hash of the secret and the workspace it belongs to.',
    purpose: 'To recognise an API key on each request.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Made with the key and removed when it is revoked.'),
  },
];
