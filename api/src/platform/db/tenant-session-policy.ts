import { tenantPk } from './keys.js';

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

export type SessionPolicy = {
  Version: '2012-10-17';
  Statement: {
    Sid: string;
    Effect: 'Allow';
    Action: string[];
    Resource: string[];
    Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': string[] } };
  }[];
};

/**
 * The session policy for `tenantId` over `tableArns` (each table's indexes included). The key
 * must be exactly `TENANT#<id>` or start with `TENANT#<id>#`: a bare `TENANT#<id>*` would also
 * match a tenant whose id merely starts with this one's.
 *
 * @throws Error when the id could widen the pattern, or no table is given.
 */
export function buildTenantSessionPolicy(tenantId: string, tableArns: readonly string[]): SessionPolicy {
  if (!TENANT_ID.test(tenantId)) throw new Error('a tenant session policy needs a plain tenant id');
  if (tableArns.length === 0) throw new Error('a tenant session policy needs at least one table');
  const partitionKey = tenantPk(tenantId);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'OwnTenantItemsOnly',
        Effect: 'Allow',
        Action: [...TENANT_ITEM_ACTIONS],
        Resource: tableArns.flatMap((arn) => [arn, `${arn}/index/*`]),
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [partitionKey, `${partitionKey}#*`] },
        },
      },
    ],
  };
}
