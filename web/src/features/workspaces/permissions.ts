import type { Role } from '../../lib/api/types';

/**
 * What each role may do, mirroring the API's table (api/src/platform/tenancy/roles.ts). The SPA
 * only uses it to hide buttons a role cannot use; the API enforces it on every request (P-ISO-3).
 */
export type Permission =
  | 'workspace:read'
  | 'workspace:manage'
  | 'members:read'
  | 'members:manage'
  | 'invites:manage'
  | 'api-keys:manage'
  | 'audit:read'
  | 'incidents:read'
  | 'incidents:write'
  | 'feedback:send'
  | 'feedback:manage'
  | 'billing:manage'
  | 'documents:read'
  | 'documents:write'
  | 'wellbeing:use';

const VIEWER: readonly Permission[] = [
  'workspace:read',
  'members:read',
  'audit:read',
  'incidents:read',
  'feedback:send',
  'documents:read',
  'wellbeing:use',
];
const MEMBER: readonly Permission[] = [...VIEWER, 'incidents:write', 'documents:write'];
const ADMIN: readonly Permission[] = [
  ...MEMBER,
  'workspace:manage',
  'members:manage',
  'invites:manage',
  'api-keys:manage',
  'feedback:manage',
  'billing:manage',
];

const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(ADMIN),
  admin: new Set(ADMIN),
  member: new Set(MEMBER),
  viewer: new Set(VIEWER),
};

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including managing other owners',
  admin: 'Manage members, invites and API keys, and write records',
  member: 'Read and write records',
  viewer: 'Read only',
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** Whether `role` may do `permission`. */
export function canRole(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/** The roles `actor` may give or take: only owners manage owners. */
export function getAssignableRoles(actor: Role): Role[] {
  if (actor === 'owner') return ROLES;
  if (actor === 'admin') return ROLES.filter((role) => role !== 'owner');
  return [];
}
