import { describe, expect, it } from '@jest/globals';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { PLATFORM_PREFIX } from '@holdfast/api/platform/db/keys';
import {
  buildTenantSessionPolicy,
  isLinkedPlatformPrefix,
  listTenantRoleLeadingKeys,
  TENANT_ITEM_ACTIONS,
  TENANT_LINKED_PLATFORM_PREFIXES,
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

/** The tenant role's own policy as infra's TenantRoles grants it: item actions, capped by its ceiling. */
function tenantRolePolicy(resources: string[]) {
  return {
    name: 'TenantRolePolicy',
    policy: {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Action: [...TENANT_ITEM_ACTIONS],
          Resource: resources,
          Condition: {
            'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': listTenantRoleLeadingKeys() },
          },
        },
      ],
    },
  };
}

describe('a tenant session for a transaction that links platform items', () => {
  const linked = { tableArn: TABLE, prefixes: ['outbox', 'inviteCode'] as const };
  const PHI = `arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/holdfast-prod-phi`;

  /** What AWS decides for one request of the session, by the tenant role's policy and the session policy. */
  async function decideLinked(action: string, leadingKeys: string[], resource = TABLE): Promise<string> {
    const result = await runSimulation(
      {
        request: {
          principal: ROLE_SESSION,
          action,
          resource: { resource, accountId: ACCOUNT },
          contextVariables: { 'dynamodb:LeadingKeys': leadingKeys },
        },
        identityPolicies: [tenantRolePolicy([TABLE, `${TABLE}/index/*`, PHI, `${PHI}/index/*`])],
        sessionPolicy: buildTenantSessionPolicy(TENANT, [TABLE, PHI], linked),
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
    return result.overallResult;
  }

  it('adds one statement on the main table naming the tenant’s keys and exactly the linked prefixes', () => {
    const policy = buildTenantSessionPolicy(TENANT, [TABLE, PHI], linked);
    expect(policy.Statement).toHaveLength(2);
    expect(policy.Statement[1]).toEqual({
      Sid: 'OwnTenantWithNamedPlatformItems',
      Effect: 'Allow',
      Action: [...TENANT_ITEM_ACTIONS],
      Resource: [TABLE],
      Condition: {
        'ForAllValues:StringLike': {
          'dynamodb:LeadingKeys': [`TENANT#${TENANT}`, `TENANT#${TENANT}#*`, 'INVITECODE#*', 'OUTBOX#*'],
        },
      },
    });
    // No linked prefix: the same policy as before, one statement.
    expect(buildTenantSessionPolicy(TENANT, [TABLE], { tableArn: TABLE, prefixes: [] })).toEqual(
      buildTenantSessionPolicy(TENANT, [TABLE]),
    );
  });

  it('refuses a prefix no tenant operation is declared to link', () => {
    const prefixes: unknown[] = ['session'];
    expect(() =>
      buildTenantSessionPolicy(TENANT, [TABLE], {
        tableArn: TABLE,
        prefixes: prefixes.filter((name): name is 'outbox' => typeof name === 'string'),
      }),
    ).toThrow('declared platform prefixes');
  });

  it('declares why each linked prefix is needed, and never sessions, sign-in tokens or the webhook ledger', () => {
    for (const why of Object.values(TENANT_LINKED_PLATFORM_PREFIXES)) expect(why.length).toBeGreaterThan(20);
    for (const name of [
      'session',
      'signInToken',
      'webhookEvent',
      'webhookLog',
      'emailSuppression',
      'rateLimit',
    ])
      expect(isLinkedPlatformPrefix(name)).toBe(false);
    expect(listTenantRoleLeadingKeys()).toEqual([
      'TENANT#*',
      ...Object.keys(TENANT_LINKED_PLATFORM_PREFIXES).map(
        (name) => `${PLATFORM_PREFIX[name as keyof typeof PLATFORM_PREFIX]}*`,
      ),
    ]);
  });

  it('P-ISO-1 allows the transaction’s own items and the linked prefixes, nothing of another tenant', async () => {
    for (const action of ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'])
      expect(await decideLinked(action, [`TENANT#${TENANT}`, 'INVITECODE#h1', 'OUTBOX#m1'])).toBe('Allowed');
    expect(await decideLinked('dynamodb:PutItem', ['OUTBOX#m1'])).toBe('Allowed');
    // Another tenant, alone or beside the linked items, is refused.
    expect(await decideLinked('dynamodb:PutItem', ['TENANT#01J0TENANTB', 'OUTBOX#m1'])).toBe(
      'ImplicitlyDenied',
    );
    expect(await decideLinked('dynamodb:GetItem', [`TENANT#${TENANT}X`])).toBe('ImplicitlyDenied');
    // A platform prefix the call did not name, a declared one included, is refused.
    for (const key of ['SESSION#s', 'SIGNINTOKEN#t', 'WEBHOOKEVENT#stripe#evt_1', 'APIKEYHASH#h', 'USER#u'])
      expect(await decideLinked('dynamodb:PutItem', [`TENANT#${TENANT}`, key])).toBe('ImplicitlyDenied');
    // The linked prefixes only on the main table, never the PHI table or an index.
    expect(await decideLinked('dynamodb:PutItem', ['OUTBOX#m1'], PHI)).toBe('ImplicitlyDenied');
    expect(await decideLinked('dynamodb:Query', ['OUTBOX#m1'], `${TABLE}/index/GSI1`)).toBe(
      'ImplicitlyDenied',
    );
    // The tenant's own items stay reachable on both tables.
    expect(await decideLinked('dynamodb:GetItem', [`TENANT#${TENANT}`], PHI)).toBe('Allowed');
  });

  it('the tenant role’s own ceiling refuses undeclared platform items even under a wider session policy', async () => {
    const result = await runSimulation(
      {
        request: {
          principal: ROLE_SESSION,
          action: 'dynamodb:GetItem',
          resource: { resource: TABLE, accountId: ACCOUNT },
          contextVariables: { 'dynamodb:LeadingKeys': ['SESSION#s'] },
        },
        identityPolicies: [tenantRolePolicy([TABLE])],
        sessionPolicy: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }],
        },
        serviceControlPolicies: [],
        resourceControlPolicies: [],
      },
      {},
    );
    if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
    expect(result.overallResult).toBe('ImplicitlyDenied');
  });
});
