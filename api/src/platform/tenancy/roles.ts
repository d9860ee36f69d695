/**
 * Roles and what each may do. The API enforces this table on every tenant route (P-ISO-3); the
 * SPA only mirrors it to hide buttons.
 */
export const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'workspace:read',
  'workspace:manage',
  'members:read',
  'members:manage',
  'invites:manage',
  'api-keys:manage',
  'audit:read',
  'incidents:read',
  'incidents:write',
  'feedback:send',
  'feedback:manage',
  'documents:read',
  'documents:write',
  'billing:manage',
  'wellbeing:use',
  'credentials:read',
  'credentials:write',
  'practice:use',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Wellbeing data and practice are private to their author whatever the role, so every member may
// keep their own.
const VIEWER: Permission[] = [
  'workspace:read',
  'members:read',
  'audit:read',
  'incidents:read',
  'feedback:send',
  'documents:read',
  'wellbeing:use',
  'credentials:read',
  'practice:use',
];
const MEMBER: Permission[] = [...VIEWER, 'incidents:write', 'documents:write', 'credentials:write'];
const ADMIN: Permission[] = [
  ...MEMBER,
  'workspace:manage',
  'members:manage',
  'invites:manage',
  'api-keys:manage',
  'feedback:manage',
  'billing:manage',
];

export const ROLE_PERMISSIONS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(ADMIN),
  admin: new Set(ADMIN),
  member: new Set(MEMBER),
  viewer: new Set(VIEWER),
};

/** What `role` may do, in the order of PERMISSIONS: what the API tells the SPA, so it needs no copy. */
export function listPermissions(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => ROLE_PERMISSIONS[role].has(permission));
}

/** Scopes an integrator's API key can carry; each grants the permission of the same name. */
export const API_KEY_SCOPES = [
  'incidents:read',
  'incidents:write',
  'audit:read',
  'documents:read',
  'documents:write',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function canRole(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

export function canScopes(scopes: readonly string[], permission: Permission): boolean {
  return (API_KEY_SCOPES as readonly string[]).includes(permission) && scopes.includes(permission);
}

/** Whether `actor` may give or take `role` (only owners manage owners). */
export function canAssignRole(actor: Role, role: Role): boolean {
  if (actor === 'owner') return true;
  return actor === 'admin' && role !== 'owner';
}
