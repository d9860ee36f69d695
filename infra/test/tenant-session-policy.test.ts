import { describe, expect, it } from '@jest/globals';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import {
  buildTenantSessionPolicy,
  TENANT_ITEM_ACTIONS,
} from '@holdfast/api/platform/db/tenant-session-policy';

const ACCOUNT = '123456789012';
const TABLE = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/holdfast-prod-main`;
const ROLE_SESSION = `arn:aws:sts::${ACCOUNT}:assumed-role/holdfast-prod-api-tenant/tenant-01J0TENANTA`;
const TENANT = '01J0TENANTA';

/** The role's own identity policy as ApiService grants it: item access to the named table. */
const ROLE_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: [...TENANT_ITEM_ACTIONS], Resource: [TABLE, `${TABLE}/index/*`] }],
};

/** What AWS decides for one request of the tenant's session, by the role and session policies. */
async function decide(action: string, leadingKeys: string[], resource = TABLE): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: ROLE_SESSION,
        action,
        resource: { resource, accountId: ACCOUNT },
        contextVariables: { 'dynamodb:LeadingKeys': leadingKeys },
      },
      identityPolicies: [{ name: 'ApiRolePolicy', policy: ROLE_POLICY }],
      sessionPolicy: buildTenantSessionPolicy(TENANT, [TABLE]),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
  return result.overallResult;
}

describe('buildTenantSessionPolicy', () => {
  it('allows item actions on the tables and their indexes only for the tenant’s own partition keys', () => {
    const policy = buildTenantSessionPolicy(TENANT, [TABLE]);
    expect(policy.Statement).toEqual([
      {
        Sid: 'OwnTenantItemsOnly',
        Effect: 'Allow',
        Action: [...TENANT_ITEM_ACTIONS],
        Resource: [TABLE, `${TABLE}/index/*`],
        Condition: {
          'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`TENANT#${TENANT}`, `TENANT#${TENANT}#*`] },
        },
      },
    ]);
    expect(JSON.stringify(policy)).not.toMatch(/dynamodb:(Scan|\*|PartiQL)/);
  });

  it('refuses an id that could widen the pattern, and an empty table list', () => {
    for (const id of ['', '*', 'A*', 'A?', 'A#B', 'a b']) {
      expect(() => buildTenantSessionPolicy(id, [TABLE])).toThrow('plain tenant id');
    }
    expect(() => buildTenantSessionPolicy(TENANT, [])).toThrow('at least one table');
  });
});

describe('the tenant session evaluated by an IAM policy simulator', () => {
  it('allows the tenant’s own items, on the table and its indexes', async () => {
    expect(await decide('dynamodb:GetItem', [`TENANT#${TENANT}`])).toBe('Allowed');
    expect(await decide('dynamodb:PutItem', [`TENANT#${TENANT}`])).toBe('Allowed');
    expect(await decide('dynamodb:Query', [`TENANT#${TENANT}`], `${TABLE}/index/GSI1`)).toBe('Allowed');
    expect(await decide('dynamodb:BatchWriteItem', [`TENANT#${TENANT}`, `TENANT#${TENANT}#AUDIT`])).toBe(
      'Allowed',
    );
  });

  it('denies another tenant, including one whose id starts with this one’s', async () => {
    expect(await decide('dynamodb:GetItem', ['TENANT#01J0TENANTB'])).toBe('ImplicitlyDenied');
    expect(await decide('dynamodb:GetItem', [`TENANT#${TENANT}X`])).toBe('ImplicitlyDenied');
    expect(await decide('dynamodb:BatchGetItem', [`TENANT#${TENANT}`, 'TENANT#01J0TENANTB'])).toBe(
      'ImplicitlyDenied',
    );
  });

  it('denies platform items (sign-in tokens, webhook ledger, suppression list)', async () => {
    for (const key of ['SIGNINTOKEN#abc', 'WEBHOOK#stripe#evt_1', 'SUPPRESSION#person@example.test']) {
      expect(await decide('dynamodb:GetItem', [key])).toBe('ImplicitlyDenied');
      expect(await decide('dynamodb:PutItem', [key])).toBe('ImplicitlyDenied');
    }
  });

  it('denies a scan, which names no key', async () => {
    expect(await decide('dynamodb:Scan', [])).toBe('ImplicitlyDenied');
  });
});
