import { PLATFORM_PREFIX } from './keys.js';
import {
  buildTenantSessionPolicy,
  isLinkedPlatformPrefix,
  type LinkedPlatformPrefix,
} from './tenant-session-policy.js';
import { isPlatformKey, type LeadingKeys } from './leading-keys.js';

/** Credentials as the AWS SDK takes them (`AwsCredentialIdentity`). */
export type Credentials = {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
};

/** One `sts:AssumeRole` call (the STS client in production, a stand-in in tests). */
export type AssumeRole = (request: {
  roleArn: string;
  sessionName: string;
  /** A session policy (JSON) that narrows the role; absent for the platform role. */
  policy?: string;
  durationSeconds: number;
}) => Promise<Credentials & { expiration: Date }>;

/**
 * Whose credentials a DynamoDB call is sent with:
 * - `tenant`: inside a tenant's request, any call that names a tenant's partition (its own, or by a
 *   bug another's, which IAM then refuses); with `linkedPrefixes` when the call also names platform
 *   items of those declared prefixes (an invite with its code and its email, in one transaction):
 *   the tenant's session then allows exactly those prefixes too;
 * - `platform`: a call that names only platform (tenant-less) partitions;
 * - `base`: outside any tenant's request (jobs, sign-in, webhooks), a scan, or a tenant's call that
 *   names a platform prefix no tenant operation is declared to need: the runtime's own role.
 */
export type CredentialChoice =
  | { kind: 'tenant'; tenantId: string; linkedPrefixes?: LinkedPlatformPrefix[] }
  | { kind: 'platform' }
  | { kind: 'base' };

const PREFIX_NAMES = Object.keys(PLATFORM_PREFIX) as (keyof typeof PLATFORM_PREFIX)[];

/** The declared prefixes the platform keys name (sorted, once each), or undefined if one is not declared. */
function readLinkedPrefixes(platformKeys: readonly string[]): LinkedPlatformPrefix[] | undefined {
  const names = new Set<LinkedPlatformPrefix>();
  for (const key of platformKeys) {
    const name = PREFIX_NAMES.find((candidate) => key.startsWith(PLATFORM_PREFIX[candidate]));
    if (name === undefined || !isLinkedPlatformPrefix(name)) return undefined;
    names.add(name);
  }
  return [...names].sort();
}

/** Chooses the credentials of one call from the request's tenant and the partitions the call names. */
export function chooseCredentials(
  requestTenantId: string | undefined,
  leading: LeadingKeys,
): CredentialChoice {
  const { keys } = leading;
  if (keys.length === 0) return { kind: 'base' };
  const platformKeys = keys.filter(isPlatformKey);
  if (platformKeys.length === keys.length) return { kind: 'platform' };
  if (requestTenantId === undefined) return { kind: 'base' };
  if (platformKeys.length === 0) return { kind: 'tenant', tenantId: requestTenantId };
  const linkedPrefixes = readLinkedPrefixes(platformKeys);
  if (linkedPrefixes === undefined) return { kind: 'base' };
  return { kind: 'tenant', tenantId: requestTenantId, linkedPrefixes };
}

/** Resolves a choice to credentials; `undefined` means the client's default credentials. */
export type DbCredentials = { resolve: (choice: CredentialChoice) => Promise<Credentials | undefined> };

/** The embedded default and any deployment without tenant roles: the default credentials for every call. */
export const DEFAULT_DB_CREDENTIALS: DbCredentials = { resolve: async () => undefined };

type CachedSession = { credentials: Promise<Credentials & { expiration: Date }>; refreshAt: number };

export type AssumedRoleOptions = {
  assumeRole: AssumeRole;
  /** The role every tenant session assumes, narrowed by that tenant's session policy. */
  tenantRoleArn: string;
  /** The narrow role for platform items; unset, they use the default credentials. */
  platformRoleArn?: string;
  /** The tables (ARNs) the tenant session policy names. */
  tableArns: readonly string[];
  /** The table of the platform items a tenant's call may link (the main table); the first table by default. */
  linkedTableArn?: string;
  now: () => number;
  /** Session length asked of STS (15 minutes to the role's maximum). */
  durationSeconds?: number;
  /** A cached session is renewed this long before it expires, so no call is signed with a dying one. */
  refreshMarginMs?: number;
};

/** Sessions kept at most; beyond it the ones nearest their renewal are dropped first. */
const MAX_CACHED_SESSIONS = 10_000;

/**
 * Credentials from `sts:AssumeRole`: one session per tenant, narrowed by the tenant session policy
 * to that tenant's partitions, and one platform session; each cached for its life minus a margin.
 * Concurrent calls for a tenant share one AssumeRole; a failed one is not cached.
 */
export function createAssumedRoleCredentials(options: AssumedRoleOptions): DbCredentials {
  const durationSeconds = options.durationSeconds ?? 3600;
  const marginMs = options.refreshMarginMs ?? 5 * 60_000;
  const sessions = new Map<string, CachedSession>();

  const session = (cacheKey: string, request: Parameters<AssumeRole>[0]): Promise<Credentials> => {
    const now = options.now();
    const cached = sessions.get(cacheKey);
    if (cached !== undefined && now < cached.refreshAt) return cached.credentials;
    if (sessions.size >= MAX_CACHED_SESSIONS) evictSoonest(sessions);
    const credentials = options.assumeRole(request);
    // Until STS answers, callers share the call; once it has, the session lives until its margin.
    const entry: CachedSession = { credentials, refreshAt: Number.POSITIVE_INFINITY };
    sessions.set(cacheKey, entry);
    credentials.then(
      (answer) => {
        entry.refreshAt = answer.expiration.getTime() - marginMs;
      },
      () => {
        if (sessions.get(cacheKey) === entry) sessions.delete(cacheKey);
      },
    );
    return credentials;
  };

  return {
    resolve: async (choice) => {
      if (choice.kind === 'base') return undefined;
      if (choice.kind === 'platform') {
        if (options.platformRoleArn === undefined) return undefined;
        return session('platform', {
          roleArn: options.platformRoleArn,
          sessionName: 'holdfast-platform',
          durationSeconds,
        });
      }
      // One session per tenant and per set of linked prefixes: a handful of kinds of transaction.
      const linked = choice.linkedPrefixes ?? [];
      const linkedTableArn = options.linkedTableArn ?? options.tableArns[0] ?? '';
      return session(`tenant:${choice.tenantId}${linked.length > 0 ? `+${linked.join(',')}` : ''}`, {
        roleArn: options.tenantRoleArn,
        sessionName: `tenant-${choice.tenantId}`.slice(0, 64),
        policy: JSON.stringify(
          buildTenantSessionPolicy(
            choice.tenantId,
            options.tableArns,
            linked.length > 0 ? { tableArn: linkedTableArn, prefixes: linked } : undefined,
          ),
        ),
        durationSeconds,
      });
    },
  };
}

function evictSoonest(sessions: Map<string, CachedSession>): void {
  const soonest = [...sessions.entries()].sort((a, b) => a[1].refreshAt - b[1].refreshAt);
  for (const [key] of soonest.slice(0, Math.ceil(sessions.size / 10))) sessions.delete(key);
}
