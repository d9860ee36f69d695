/**
 * Roles and what each may do. The API enforces this table on every tenant route (P-ISO-3); the
 * SPA only mirrors it to hide buttons. A professional (attorney, therapist, mediator...) holds a
 * time-limited, read-only grant whose permissions come from the record kinds the person chose.
 */
export const ROLES = ['owner', 'admin', 'member', 'viewer', 'professional'] as const;
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
  'communications:read',
  'summaries:read',
  'feedback:send',
  'feedback:manage',
  'documents:read',
  'documents:write',
  'billing:manage',
  'wellbeing:use',
  'wellbeing:read',
  'credentials:read',
  'credentials:write',
  'practice:use',
  'library:read',
  'library:write',
  'ce:completions:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

// Wellbeing data and practice are private to their author whatever the role, so every member may
// keep their own.
const VIEWER: Permission[] = [
  'workspace:read',
  'members:read',
  'audit:read',
  'incidents:read',
  'communications:read',
  'summaries:read',
  'feedback:send',
  'documents:read',
  'wellbeing:use',
  'wellbeing:read',
  'credentials:read',
  'practice:use',
  'library:read',
];
const MEMBER: Permission[] = [
  ...VIEWER,
  'incidents:write',
  'documents:write',
  'credentials:write',
  'library:write',
  // A training provider's staff report completions for the people who linked the workspace.
  'ce:completions:write',
];
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
  // Only what the grant's kinds add (see grantPermissions): seeing the workspace itself.
  professional: new Set<Permission>(['workspace:read']),
};

/** Record kinds a person can share with a professional, each read-only. */
export const SHARED_KINDS = ['incidents', 'communications', 'documents', 'wellbeing'] as const;
export type SharedKind = (typeof SHARED_KINDS)[number];

/** The one permission each shared kind gives; wellbeing reaches only the records shared one by one. */
const KIND_PERMISSION: Record<SharedKind, Permission> = {
  incidents: 'incidents:read',
  communications: 'communications:read',
  documents: 'documents:read',
  wellbeing: 'wellbeing:read',
};

/** Whom a person can give professional access. */
export const PROFESSIONS = [
  'family-attorney',
  'therapist',
  'mediator',
  'guardian-ad-litem',
  'parenting-coordinator',
] as const;
export type Profession = (typeof PROFESSIONS)[number];

/** A professional's grant: what they may read, until when, and for whom (their reads go to that person's log). */
export type ProfessionalGrant = {
  kinds: SharedKind[];
  endsAt: string;
  grantedBy: string;
  profession: Profession;
};

/** The permissions of a role, widened for a professional by the kinds of their grant (nothing else). */
export function grantPermissions(
  role: Role,
  grant?: { kinds: readonly SharedKind[] },
): ReadonlySet<Permission> {
  if (role !== 'professional' || grant === undefined) return ROLE_PERMISSIONS[role];
  return new Set([...ROLE_PERMISSIONS.professional, ...grant.kinds.map((kind) => KIND_PERMISSION[kind])]);
}

/** What `role` may do, in the order of PERMISSIONS: what the API tells the SPA, so it needs no copy. */
export function listPermissions(role: Role, grant?: { kinds: readonly SharedKind[] }): Permission[] {
  const allowed = grantPermissions(role, grant);
  return PERMISSIONS.filter((permission) => allowed.has(permission));
}

/** Scopes an integrator's API key can carry; each grants the permission of the same name. */
export const API_KEY_SCOPES = [
  'incidents:read',
  'incidents:write',
  'audit:read',
  'documents:read',
  'documents:write',
  'ce:completions:write',
  // Search and read the library (shipped items, the workspace's additions and checklists); no writes.
  'library:read',
] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export function canRole(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].has(permission);
}

/**
 * Permissions a key's scope carries under another name: communications and summaries were read
 * with incidents:read before they had their own.
 */
const SCOPE_OF: Partial<Record<Permission, ApiKeyScope>> = {
  'communications:read': 'incidents:read',
  'summaries:read': 'incidents:read',
};

export function canScopes(scopes: readonly string[], permission: Permission): boolean {
  const scope = SCOPE_OF[permission] ?? permission;
  return (API_KEY_SCOPES as readonly string[]).includes(scope) && scopes.includes(scope);
}

/** Whether `actor` may give or take `role` (only owners manage owners). */
export function canAssignRole(actor: Role, role: Role): boolean {
  if (actor === 'owner') return true;
  return actor === 'admin' && role !== 'owner';
}
