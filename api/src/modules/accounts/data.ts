import { rowsFrom, type DataHolder } from '../../platform/privacy/data-holders.js';
import * as service from './service.js';
import * as repo from './repo.js';

/** Accounts: the person's profile, sign-ins and memberships; a workspace's members and invites. */
export const accountsData: DataHolder = {
  owner: 'accounts',
  entities: [
    'User',
    'EmailLookup',
    'ClerkLookup',
    'SignIn',
    'SignInToken',
    'EmailChangeToken',
    'Session',
    'Workspace',
    'Member',
    'Invite',
    'InviteCodeLookup',
  ],
  notExported: {
    EmailLookup: 'an index of the profile’s email, which is exported',
    ClerkLookup: 'an index of the sign-in provider id',
    SignInToken: 'a hash of a one-time link that expires within 15 minutes',
    EmailChangeToken: 'a hash of a one-time confirmation link that expires within an hour',
    Session: 'a hash of a session secret',
    InviteCodeLookup: 'a hash of an invite code',
  },
  exportUser: (deps, userId) => [
    {
      name: 'profile',
      columns: ['id', 'email', 'displayName', 'createdAt'],
      rows: () =>
        rowsFrom(async () => {
          const user = await repo.getUser(deps.db, userId);
          return user === undefined
            ? []
            : [{ id: user.id, email: user.email, displayName: user.displayName, createdAt: user.createdAt }];
        }),
    },
    {
      name: 'sign-ins',
      columns: ['at', 'method', 'userAgent'],
      rows: () => rowsFrom(() => repo.listSignIns(deps.db, userId, 1000)),
    },
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
            rows: () => rowsFrom(() => service.listInvites(deps, scope.tenantId)),
          },
        ]
      : []),
  ],
  // The platform lookups that point into the workspace (invite code hashes).
  purgeWorkspace: (deps, tenantId) => service.purgeWorkspaceLookups(deps, tenantId),
  // What points at the person outside their own partition: email and Clerk lookups, sessions, the Clerk user.
  purgeUser: (deps, userId) => service.purgeUserLookups(deps, userId),
};
