import type { Role, Workspace } from '../../lib/api/types';

/**
 * What the signed-in person may do in a workspace, as the API lists it with the workspace
 * (`permissions`). The SPA only uses it to hide buttons a role cannot use; the API enforces it on
 * every request (P-ISO-3), so the SPA keeps no copy of the role table.
 */
export type Permission = Workspace['permissions'][number];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  member: 'Member',
  viewer: 'Viewer',
  professional: 'Professional',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Everything, including managing other owners',
  admin: 'Manage members, invites and API keys, and write records',
  member: 'Read and write records',
  viewer: 'Read only',
  professional: 'Read only, the record kinds shared with them, until an end date',
};

/** Roles given by choosing one; a professional's access comes with its kinds and end date instead. */
export const ROLES = (Object.keys(ROLE_LABELS) as Role[]).filter((role) => role !== 'professional');

/** Whether a workspace's listed permissions include `permission`. */
export function hasPermission(
  workspace: { permissions: readonly Permission[] },
  permission: Permission,
): boolean {
  return workspace.permissions.includes(permission);
}

/** The roles `actor` may give or take: only owners manage owners. */
export function getAssignableRoles(actor: Role): Role[] {
  if (actor === 'owner') return ROLES;
  if (actor === 'admin') return ROLES.filter((role) => role !== 'owner');
  return [];
}
