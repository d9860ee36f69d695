import type { TenantContext } from '../auth/principal.js';
import { canScopes, grantPermissions, type Permission } from './roles.js';

/**
 * Whether the caller of a tenant route also holds `permission`, for a route that answers more to
 * those who may read more (the timeline shows messages only to who may read messages). The same
 * rules the tenancy plugin applies before a route: an API key's scopes, a member's role, a
 * professional's grant.
 */
export function callerHolds(tenant: TenantContext, permission: Permission): boolean {
  return tenant.principal.type === 'api-key'
    ? canScopes(tenant.principal.scopes, permission)
    : grantPermissions(tenant.role, tenant.grant).has(permission);
}
