import { systemRecord, type RecordType } from '../../platform/privacy/record-types.js';

/** Workspaces: the workspace, its members and invitations. Entries of the data inventory (privacy/inventory.ts assembles them). */
export const WORKSPACES_INVENTORY: readonly RecordType[] = [
  {
    entity: 'Workspace',
    label: 'Workspace',
    fields: 'Name, creation time, owner.',
    purpose: 'To keep a case or practice and its records together.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Owners and admins rename it in Settings.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId',
          read: 'GET /v1/workspaces/:workspaceId',
          create: 'POST /v1/workspaces',
          fields: ['name'],
        },
      ],
    },
  },
  {
    entity: 'Member',
    label: 'Membership',
    fields: 'Account, role, display name and email as shown to the workspace, joined time.',
    purpose: 'To decide who may see and change the workspace.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Your name as a workspace shows it follows your profile, so changing it there changes it everywhere; owners and admins change roles.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/members/:userId',
          read: 'GET /v1/workspaces/:workspaceId/members',
          fields: ['role'],
        },
        {
          update: 'PATCH /v1/me',
          read: 'GET /v1/workspaces/:workspaceId/members',
          fields: ['displayName'],
        },
      ],
    },
  },
  {
    entity: 'Invite',
    label: 'Invitation',
    fields: 'Invited email, role, who invited, status, a hash of the invite code.',
    purpose: 'To let someone join a workspace.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'An invitation is not changed once sent: revoke it and send a new one to the right address or with the right role.',
      routes: [],
    },
  },
  {
    entity: 'InviteCodeLookup',
    label: 'Invitation code index',
    fields: 'A hash of the invite code and the workspace it opens.',
    purpose: 'To find an invitation from its code.',
    retention: 'workspace',
    providers: ['aws'],
    correction: systemRecord('Made with the invitation and removed with it.'),
  },
];
