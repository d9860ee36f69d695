import type { ApiKeyScope, ProfessionalGrant, Role } from '../tenancy/roles.js';

/** A signed-in person (magic-link session or Clerk token). */
export type UserPrincipal = {
  type: 'user';
  userId: string;
  email: string;
  /** How the request proved who it is; cookies need the CSRF header on changes. */
  via: 'session-cookie' | 'clerk';
  sessionHash?: string;
  /** The account is scheduled for deletion: only its status, restore and sign-out are open. */
  isPendingDeletion?: boolean;
  /**
   * When this session last proved a second factor (ISO time): recorded on the session by the
   * second-factor module, or read from Clerk's factor-verification age. Administrative routes
   * compare it with SECOND_FACTOR_MAX_AGE_HOURS (step-up).
   */
  secondFactorAt?: string;
};

/** An integrator's API key, bound to one tenant and a set of scopes. */
export type ApiKeyPrincipal = {
  type: 'api-key';
  keyId: string;
  tenantId: string;
  scopes: ApiKeyScope[];
  label: string;
};

export type Principal = UserPrincipal | ApiKeyPrincipal;

/** The tenant a request acts in, resolved before any data access. */
export type TenantContext = {
  tenantId: string;
  /** The member's role; an API key acts as a member limited by its scopes. */
  role: Role;
  principal: Principal;
  /** A professional's grant: the kinds they may read, until when, and whose log their reads go to. */
  grant?: ProfessionalGrant;
};

/** Audit actor for a principal. */
export function toActor(principal: Principal): { type: 'user' | 'api-key'; id: string; label: string } {
  return principal.type === 'user'
    ? { type: 'user', id: principal.userId, label: principal.email }
    : { type: 'api-key', id: principal.keyId, label: principal.label };
}

/** Key under which idempotency records and rate limits are kept for a principal. */
export function principalKey(principal: Principal): string {
  return principal.type === 'user' ? `user:${principal.userId}` : `key:${principal.keyId}`;
}
