/**
 * Key composition for the main table, in one place. Tenant-owned items are always keyed
 * `TENANT#<tenantId>`; `tenantPk` refuses to build a key without a tenant id. The few items that
 * belong to no tenant use the prefixes in `PLATFORM_PREFIX`, and nowhere else may invent one.
 */

/** Prefixes of items that belong to no tenant. */
export const PLATFORM_PREFIX = {
  /** A person's profile and sign-in history (people can belong to several tenants). */
  user: 'USER#',
  /** Email → user id lookup, so one email is one person. */
  email: 'EMAIL#',
  /** Clerk user id → user id lookup. */
  clerkUser: 'CLERKUSER#',
  /** Magic-link sign-in tokens, by the SHA-256 of the token. */
  signInToken: 'SIGNINTOKEN#',
  /** Sessions, by the SHA-256 of the session id. */
  session: 'SESSION#',
  /** API keys, by the SHA-256 of the secret, pointing at their tenant. */
  apiKeyHash: 'APIKEYHASH#',
  /** Invite codes, by the SHA-256 of the code, pointing at their tenant. */
  inviteCode: 'INVITECODE#',
  /** Stored first responses of Idempotency-Key requests, per principal and key. */
  idempotency: 'IDEMPOTENCY#',
  /** Webhook events already processed, by provider and event id (the exactly-once ledger). */
  webhookEvent: 'WEBHOOKEVENT#',
  /** The delivery log of one webhook provider (ids, types, outcomes; no payloads). */
  webhookLog: 'WEBHOOKLOG#',
  /** Stripe customer id → the workspace it bills. */
  stripeCustomer: 'STRIPECUSTOMER#',
} as const;

export const TENANT_PREFIX = 'TENANT#';

const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;

/** Throws unless `id` is a plain identifier, so a key can never be widened by a crafted id. */
export function assertSafeId(id: string, what: string): void {
  if (!SAFE_ID.test(id)) throw new Error(`refusing to build a key from an unsafe ${what}`);
}

/** The partition key of every item a tenant owns. */
export function tenantPk(tenantId: string): string {
  if (typeof tenantId !== 'string' || tenantId === '') throw new Error('a tenant key needs a tenant id');
  assertSafeId(tenantId, 'tenant id');
  return `${TENANT_PREFIX}${tenantId}`;
}

/** A platform (tenant-less) key from a declared prefix. */
export function platformPk(prefix: keyof typeof PLATFORM_PREFIX, id: string): string {
  if (id === '') throw new Error(`a ${prefix} key needs an id`);
  return `${PLATFORM_PREFIX[prefix]}${id}`;
}

/** Sort-key prefixes of the item kinds that are listed by querying a prefix. */
export const SK_PREFIX = {
  member: 'MEMBER#',
  invite: 'INVITE#',
  apiKey: 'APIKEY#',
  auditEntry: 'AUDIT#',
  incident: 'INCIDENT#',
  signIn: 'SIGNIN#',
  webhookDelivery: 'DELIVERY#',
} as const;

/** Sort keys used under a tenant partition (and, for sign-ins, under a user's). */
export const SK = {
  workspace: () => 'WORKSPACE',
  member: (userId: string) => `${SK_PREFIX.member}${userId}`,
  invite: (inviteId: string) => `${SK_PREFIX.invite}${inviteId}`,
  apiKey: (keyId: string) => `${SK_PREFIX.apiKey}${keyId}`,
  auditHead: () => 'AUDITHEAD',
  auditEntry: (seq: number) => `${SK_PREFIX.auditEntry}${String(seq).padStart(12, '0')}`,
  incident: (incidentId: string) => `${SK_PREFIX.incident}${incidentId}`,
  signIn: (at: string, id: string) => `${SK_PREFIX.signIn}${at}#${id}`,
  /** The workspace's subscription state (P-PAY-1). */
  billing: () => 'BILLING',
  webhookDelivery: (receivedAt: string, id: string) => `${SK_PREFIX.webhookDelivery}${receivedAt}#${id}`,
} as const;

const MEMBERSHIP_PREFIX = 'MEMBERSHIP#';
const SESSION_OF_USER_PREFIX = 'SESSION#';

function incidentsPartition(tenantId: string): string {
  return `${tenantPk(tenantId)}#INCIDENTS`;
}

/** GSI1 keys, and the partitions and prefixes their queries read. */
export const GSI1 = {
  /** A member item, listed under its user so a person can see their workspaces. */
  membership: (userId: string, tenantId: string) => ({
    GSI1PK: platformPk('user', userId),
    GSI1SK: `${MEMBERSHIP_PREFIX}${tenantId}`,
  }),
  membershipsOfUser: (userId: string) => ({ GSI1PK: platformPk('user', userId), prefix: MEMBERSHIP_PREFIX }),
  /** Incidents of a tenant ordered by when they happened. */
  incidentByOccurrence: (tenantId: string, occurredAtUtc: string, incidentId: string) => ({
    GSI1PK: incidentsPartition(tenantId),
    GSI1SK: `${occurredAtUtc}#${incidentId}`,
  }),
  incidentsOfTenant: (tenantId: string) => ({ GSI1PK: incidentsPartition(tenantId) }),
  /** A session, listed under its user so every session of a person can be ended at once. */
  sessionOfUser: (userId: string, sessionHash: string) => ({
    GSI1PK: platformPk('user', userId),
    GSI1SK: `${SESSION_OF_USER_PREFIX}${sessionHash}`,
  }),
  sessionsOfUser: (userId: string) => ({
    GSI1PK: platformPk('user', userId),
    prefix: SESSION_OF_USER_PREFIX,
  }),
} as const;
