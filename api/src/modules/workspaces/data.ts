import { rowsFrom, type DataHolder } from '../../platform/privacy/data-holders.js';
import * as invites from './invites.js';
import * as service from './service.js';

/** Workspaces: the person's memberships; a workspace's own item, its members and its invites. */
export const workspacesData: DataHolder = {
  owner: 'workspaces',
  entities: ['Workspace', 'Member', 'Invite', 'InviteCodeLookup'],
  notExported: {
    InviteCodeLookup: 'a hash of an invite code',
  },
  exportUser: (deps, userId) => [
    {
      name: 'workspaces',
      columns: ['id', 'name', 'role'],
      rows: () => rowsFrom(() => service.listMyWorkspaces(deps, userId)),
    },
  ],
  exportWorkspace: (deps, scope) => [
    {
      name: 'workspace',
      columns: ['id', 'name', 'role', 'createdAt'],
      rows: () => rowsFrom(async () => [await service.getWorkspace(deps, scope.tenantId, scope.role)]),
    },
    {
      name: 'members',
      columns: ['userId', 'email', 'displayName', 'role', 'joinedAt'],
      rows: () => rowsFrom(() => service.listMembers(deps, scope.tenantId)),
    },
    ...(scope.role === 'owner' || scope.role === 'admin'
      ? [
          {
            name: 'invites',
            columns: ['id', 'email', 'role', 'status', 'createdAt', 'expiresAt'],
            rows: () => rowsFrom(() => invites.listInvites(deps, scope.tenantId)),
          },
        ]
      : []),
  ],
  // The platform lookups that point into the workspace (invite code hashes).
  purgeWorkspace: (deps, tenantId) => invites.purgeInviteLookups(deps, tenantId),
};
