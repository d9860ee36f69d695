import { buildLeadingKeysPattern, PLATFORM_PREFIX, TENANT_PREFIX, tenantPk } from './keys.js';

/**
 * The session policy the API passes to `sts:AssumeRole` for one tenant's requests: with it, the
 * session's DynamoDB credentials reach only items whose partition key is that tenant's, whatever
 * the code asks for. A session policy can only narrow the role's own policy, never widen it.
 */

/**
 * Item actions whose requests carry partition keys DynamoDB checks against `dynamodb:LeadingKeys`
 * (transactions are authorized as these). Scan and PartiQL are left out: a scan names no key, so
 * the condition could not confine it.
 */
export const TENANT_ITEM_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
] as const;

// The API's tenant ids (SAFE_ID in keys.ts): letters, digits, '-' and '_' only, so an id can never
// carry a policy wildcard ('*', '?') or a key separator ('#').
const TENANT_ID = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Platform (tenant-less) items a tenant's request writes or checks in one transaction with its own
 * items, each with the operation that needs it. A call of a tenant's request that names only these
 * besides the tenant's partition is signed with a session of that tenant that also allows exactly
 * the prefixes the call names (`linked` below), not with the runtime's broad role.
 */
export const TENANT_LINKED_PLATFORM_PREFIXES = {
  outbox: 'an email queued with the change that causes it (an invite, a credential request, a notice)',
  inviteCode: 'an invite and the lookup of its code, created and revoked together',
  apiKeyHash: 'an API key and the lookup of its secret hash, created and revoked together',
  credentialShareToken: 'a verification link and the lookup of its token',
  credentialRequestInbox: "an organisation's credential request and the entry in the person's inbox",
  ceLinkCode: "a training provider's link code and the lookup of the code",
  stripeCustomer: 'the Stripe customer → workspace pointer, written when the workspace goes to Checkout',
  user: "a person's pointer to a workspace they practise in, written with the attempt",
} as const satisfies Partial<Record<keyof typeof PLATFORM_PREFIX, string>>;

/** A platform prefix a tenant's transaction may name, by its name in `PLATFORM_PREFIX`. */
export type LinkedPlatformPrefix = keyof typeof TENANT_LINKED_PLATFORM_PREFIXES;

const LINKED_NAMES = Object.keys(TENANT_LINKED_PLATFORM_PREFIXES) as LinkedPlatformPrefix[];

/** Whether a prefix name may be linked to a tenant's items in one call. */
export function isLinkedPlatformPrefix(name: string): name is LinkedPlatformPrefix {
  return (LINKED_NAMES as string[]).includes(name);
}

/**
 * The partition keys the tenant role itself allows (its identity policy, in infra): any tenant's
 * items (each session narrows them to one) and the linked platform prefixes, nothing else, so even
 * a session policy written wrongly could not reach sessions, sign-in tokens or the webhook ledger.
 */
export function listTenantRoleLeadingKeys(): string[] {
  return [
    buildLeadingKeysPattern(TENANT_PREFIX),
    ...LINKED_NAMES.map((name) => buildLeadingKeysPattern(PLATFORM_PREFIX[name])),
  ];
}

type Statement = {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
  Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': string[] } };
};

export type SessionPolicy = { Version: '2012-10-17'; Statement: Statement[] };

/** Platform prefixes one call of a tenant's request names besides the tenant's own partition. */
export type LinkedItems = {
  /** The table the platform items live in (the main table; never the PHI table). */
  tableArn: string;
  prefixes: readonly LinkedPlatformPrefix[];
};

/**
 * The session policy for `tenantId` over `tableArns` (each table's indexes included). The key
 * must be exactly `TENANT#<id>` or start with `TENANT#<id>#`: a bare `TENANT#<id>*` would also
 * match a tenant whose id merely starts with this one's.
 *
 * With `linked`, a second statement allows, on that table only (not its indexes), a request whose
 * partition keys are the tenant's own or start with exactly those platform prefixes: the session
 * of one kind of transaction (an invite with its code and its email, ...). `ForAllValues` checks
 * every key of a request against one statement, so the tenant's own keys are listed in it again.
 *
 * @throws Error when the id could widen the pattern, or no table is given.
 */
export function buildTenantSessionPolicy(
  tenantId: string,
  tableArns: readonly string[],
  linked?: LinkedItems,
): SessionPolicy {
  if (!TENANT_ID.test(tenantId)) throw new Error('a tenant session policy needs a plain tenant id');
  if (tableArns.length === 0) throw new Error('a tenant session policy needs at least one table');
  const partitionKey = tenantPk(tenantId);
  const ownKeys = [partitionKey, `${partitionKey}#*`];
  const statements: Statement[] = [
    {
      Sid: 'OwnTenantItemsOnly',
      Effect: 'Allow',
      Action: [...TENANT_ITEM_ACTIONS],
      Resource: tableArns.flatMap((arn) => [arn, `${arn}/index/*`]),
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ownKeys } },
    },
  ];
  if (linked !== undefined && linked.prefixes.length > 0) {
    const prefixes = [...new Set(linked.prefixes)].sort();
    if (!prefixes.every(isLinkedPlatformPrefix))
      throw new Error('a tenant session policy links only the declared platform prefixes');
    statements.push({
      Sid: 'OwnTenantWithNamedPlatformItems',
      Effect: 'Allow',
      Action: [...TENANT_ITEM_ACTIONS],
      Resource: [linked.tableArn],
      Condition: {
        'ForAllValues:StringLike': {
          'dynamodb:LeadingKeys': [
            ...ownKeys,
            ...prefixes.map((name) => buildLeadingKeysPattern(PLATFORM_PREFIX[name])),
          ],
        },
      },
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
