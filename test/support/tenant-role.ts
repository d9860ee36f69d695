import { runSimulation } from '@cloud-copilot/iam-simulate';
import type { AssumeRole } from '@holdfast/api/platform/db/db-credentials';
import {
  listTenantRoleLeadingKeys,
  TENANT_ITEM_ACTIONS,
  type SessionPolicy,
} from '@holdfast/api/platform/db/tenant-session-policy';
import { getTablePrefix } from '@holdfast/api/config';
import { getTableName, MAIN_TABLE, PHI_TABLE } from '@holdfast/api/table-definition';
import type { TestApp } from './harness.js';

/**
 * What the suites on tenant-scoped DynamoDB credentials share: the simulated account and tenant
 * role, a stand-in for STS, and IAM's decision on a request signed with a tenant's session.
 */

export const ACCOUNT = '123456789012';
export const TENANT_ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/holdfast-test-api-tenant`;
/** How long a session handed out by the stand-in for STS lasts. */
export const STS_SESSION_MS = 3_600_000;

/** A stand-in for STS that hands out a distinct key per session and records what it was asked. */
export function fakeSts(now: () => number) {
  const requests: Parameters<AssumeRole>[0][] = [];
  let isFailing = false;
  const assumeRole: AssumeRole = async (request) => {
    requests.push(request);
    if (isFailing) throw new Error('sts unavailable');
    return {
      // Letters and digits only: DynamoDB Local refuses any other key id (and accepts any such one).
      accessKeyId: `AKIA${request.sessionName.replace(/[^A-Za-z0-9]/gu, '')}${requests.length}`,
      secretAccessKey: 'secret',
      sessionToken: 'token',
      expiration: new Date(now() + STS_SESSION_MS),
    };
  };
  return { assumeRole, requests, fail: (value: boolean) => (isFailing = value) };
}

/** The table's ARN in the simulated account, as the API's session policy names it. */
export function tableArn(config: TestApp['config'], table: 'main' | 'phi'): string {
  const name = getTableName(getTablePrefix(config), table === 'main' ? MAIN_TABLE : PHI_TABLE);
  return `arn:aws:dynamodb:${config.AWS_REGION}:${ACCOUNT}:table/${name}`;
}

/**
 * What IAM decides for one request signed with a tenant's session: allowed only when both the
 * tenant role's own policy (item actions on `tables` and their indexes, capped by its ceiling, as
 * infra's TenantRoles grants it) and the session policy allow it.
 */
export async function decideAsTenant(request: {
  tenantId: string;
  action: string;
  /** The table (or index) the request names. */
  resource: string;
  leadingKeys: string[];
  tables: string[];
  sessionPolicy: SessionPolicy;
}): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: `arn:aws:sts::${ACCOUNT}:assumed-role/holdfast-test-api-tenant/tenant-${request.tenantId}`,
        action: request.action,
        resource: { resource: request.resource, accountId: ACCOUNT },
        contextVariables: { 'dynamodb:LeadingKeys': request.leadingKeys },
      },
      identityPolicies: [
        {
          name: 'TenantRolePolicy',
          policy: {
            Version: '2012-10-17',
            Statement: [
              {
                Effect: 'Allow',
                Action: [...TENANT_ITEM_ACTIONS],
                Resource: request.tables.flatMap((arn) => [arn, `${arn}/index/*`]),
                Condition: {
                  'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': listTenantRoleLeadingKeys() },
                },
              },
            ],
          },
        },
      ],
      sessionPolicy: request.sessionPolicy,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}
