import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chooseCredentials, createAssumedRoleCredentials } from '@holdfast/api/platform/db/db-credentials';
import { runAsTenant } from '@holdfast/api/platform/db/credential-scope';
import { readLeadingKeys } from '@holdfast/api/platform/db/leading-keys';
import { buildTenantSessionPolicy } from '@holdfast/api/platform/db/tenant-session-policy';
import { getIncident } from '@holdfast/api/modules/journal/repo';
import { getUser } from '@holdfast/api/modules/identity/repo';
import { recordSentCalls, type SentCall } from '../support/sent-calls.js';
import {
  ACCOUNT,
  decideAsTenant,
  fakeSts,
  STS_SESSION_MS,
  tableArn,
  TENANT_ROLE_ARN,
} from '../support/tenant-role.js';
import { as, createTestApp, incidentBody, signIn, type Session, type TestApp } from '../support/harness.js';

const TENANT_A = '01J0TENANTAAAAAAAAAAAAAAAA';
const TENANT_B = '01J0TENANTBBBBBBBBBBBBBBBB';

describe('the credentials each DynamoDB call is signed with', () => {
  const tenant = (id: string) => ({ keys: [`TENANT#${id}`] });

  it('chooses the request’s tenant for tenant partitions, the platform role for platform items', () => {
    expect(chooseCredentials(TENANT_A, tenant(TENANT_A))).toEqual({ kind: 'tenant', tenantId: TENANT_A });
    // A call naming another tenant still goes out as the request's tenant: IAM then refuses it.
    expect(chooseCredentials(TENANT_A, tenant(TENANT_B))).toEqual({ kind: 'tenant', tenantId: TENANT_A });
    expect(chooseCredentials(TENANT_A, { keys: ['SESSION#abc', 'USER#u1'] })).toEqual({ kind: 'platform' });
    expect(chooseCredentials(undefined, { keys: ['SIGNINTOKEN#t'] })).toEqual({ kind: 'platform' });
    // Outside a tenant's request (jobs, sign-in), a scan, or a tenant's call naming an undeclared
    // platform prefix: the runtime's own.
    expect(chooseCredentials(undefined, tenant(TENANT_A))).toEqual({ kind: 'base' });
    expect(chooseCredentials(TENANT_A, { keys: [] })).toEqual({ kind: 'base' });
    expect(chooseCredentials(TENANT_A, { keys: [`TENANT#${TENANT_A}`, 'SESSION#m'] })).toEqual({
      kind: 'base',
    });
    // A mix with a platform prefix a tenant's transaction is declared to link: the tenant, narrowed.
    expect(chooseCredentials(TENANT_A, { keys: [`TENANT#${TENANT_A}`, 'OUTBOX#m'] })).toEqual({
      kind: 'tenant',
      tenantId: TENANT_A,
      linkedPrefixes: ['outbox'],
    });
  });

  it('reads the partition keys of every kind of call the repos send', () => {
    expect(readLeadingKeys('GetItemCommand', { Key: { PK: 'TENANT#a', SK: 'X' } })).toEqual({
      keys: ['TENANT#a'],
    });
    expect(
      readLeadingKeys('QueryCommand', {
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :sk)',
        ExpressionAttributeValues: { ':pk': { S: 'TENANT#a#INCIDENTS' }, ':sk': { S: 'X' } },
      }),
    ).toEqual({ keys: ['TENANT#a#INCIDENTS'], indexName: 'GSI1' });
    expect(
      readLeadingKeys('TransactWriteItemsCommand', {
        TransactItems: [
          { Put: { Item: { PK: 'TENANT#a', SK: 'I' } } },
          { Update: { Key: { PK: 'TENANT#a', SK: 'AUDITHEAD' } } },
          { ConditionCheck: { Key: { PK: 'USER#u', SK: 'PROFILE' } } },
        ],
      }).keys,
    ).toEqual(['TENANT#a', 'TENANT#a', 'USER#u']);
    expect(
      readLeadingKeys('BatchWriteItemCommand', {
        RequestItems: {
          t: [{ PutRequest: { Item: { PK: 'TENANT#a' } } }, { DeleteRequest: { Key: { PK: 'TENANT#b' } } }],
        },
      }).keys,
    ).toEqual(['TENANT#a', 'TENANT#b']);
    expect(readLeadingKeys('ScanCommand', { TableName: 't' })).toEqual({ keys: [] });
  });

  it('caches one session per tenant for its life minus the margin; concurrent calls share one AssumeRole', async () => {
    let now = 1_000_000;
    const sts = fakeSts(() => now);
    const tables = [`arn:aws:dynamodb:us-east-1:${ACCOUNT}:table/holdfast-test-main`];
    const credentials = createAssumedRoleCredentials({
      assumeRole: sts.assumeRole,
      tenantRoleArn: TENANT_ROLE_ARN,
      tableArns: tables,
      now: () => now,
      refreshMarginMs: 5 * 60_000,
    });
    const asA = { kind: 'tenant', tenantId: TENANT_A } as const;
    const [first, second] = await Promise.all([credentials.resolve(asA), credentials.resolve(asA)]);
    expect(first).toBe(second);
    expect(sts.requests).toHaveLength(1);
    expect(sts.requests[0]).toEqual({
      roleArn: TENANT_ROLE_ARN,
      sessionName: `tenant-${TENANT_A}`,
      policy: JSON.stringify(buildTenantSessionPolicy(TENANT_A, tables)),
      durationSeconds: 3600,
    });
    // Another tenant gets a session of its own.
    const other = await credentials.resolve({ kind: 'tenant', tenantId: TENANT_B });
    expect(other?.accessKeyId).not.toBe(first?.accessKeyId);
    expect(sts.requests).toHaveLength(2);
    // Within its life minus the margin the session is reused; after, renewed.
    now += STS_SESSION_MS - 5 * 60_000 - 1;
    expect(await credentials.resolve(asA)).toBe(first);
    now += 1;
    expect((await credentials.resolve(asA))?.accessKeyId).not.toBe(first?.accessKeyId);
    expect(sts.requests).toHaveLength(3);
    // A failed AssumeRole is not cached: the next call asks again.
    sts.fail(true);
    await expect(credentials.resolve({ kind: 'tenant', tenantId: 'T3' })).rejects.toThrow('sts unavailable');
    sts.fail(false);
    await expect(credentials.resolve({ kind: 'tenant', tenantId: 'T3' })).resolves.toBeDefined();
    // Platform items: the platform role when one is configured, else the default credentials.
    expect(await credentials.resolve({ kind: 'platform' })).toBeUndefined();
    expect(await credentials.resolve({ kind: 'base' })).toBeUndefined();
  });
});

/**
 * The app as deployed with tenant roles, on DynamoDB Local (which accepts any key): STS is a
 * stand-in, and every call the app sends is recorded with its choice and the key that signed it.
 */
describe('tenant-scoped credentials at runtime', () => {
  let t: TestApp;
  let owner: Session;
  let intruder: Session;
  let sent: SentCall[] = [];
  const sts = fakeSts(() => Date.now());

  beforeAll(async () => {
    t = await createTestApp({ env: { TENANT_ROLE_ARN }, overrides: { assumeRole: sts.assumeRole } });
    recordSentCalls(t.app.deps.db.doc, () => sent);
    owner = await signIn(t.app);
    intruder = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('signs a tenant route’s calls with that tenant’s session, asked of STS with its session policy', async () => {
    sent = [];
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: as(owner),
      payload: incidentBody(),
    });
    expect(created.statusCode).toBe(201);
    const tenantCalls = sent.filter((call) => call.choice.kind === 'tenant');
    expect(tenantCalls.length).toBeGreaterThan(0);
    for (const call of tenantCalls) {
      expect(call.choice).toEqual({ kind: 'tenant', tenantId: owner.workspaceId });
      expect(call.accessKeyId).toMatch(new RegExp(`^AKIAtenant${owner.workspaceId}\\d`, 'u'));
    }
    const asked = sts.requests.find((request) => request.sessionName === `tenant-${owner.workspaceId}`);
    expect(asked?.roleArn).toBe(TENANT_ROLE_ARN);
    expect(asked?.policy).toBe(
      JSON.stringify(
        buildTenantSessionPolicy(owner.workspaceId, [tableArn(t.config, 'main'), tableArn(t.config, 'phi')]),
      ),
    );
  });

  /** What IAM decides for a recorded call, by the tenant role's policy and the tenant's session policy. */
  function decide(call: SentCall, sessionTenant: string): Promise<string> {
    const tables = [tableArn(t.config, 'main'), tableArn(t.config, 'phi')];
    const leading = readLeadingKeys(call.commandName, call.input);
    const main = tables[0] ?? '';
    return decideAsTenant({
      tenantId: sessionTenant,
      action: `dynamodb:${call.commandName.replace(/Command$/u, '')}`,
      resource: leading.indexName === undefined ? main : `${main}/index/${leading.indexName}`,
      leadingKeys: leading.keys,
      tables,
      sessionPolicy: buildTenantSessionPolicy(sessionTenant, tables),
    });
  }

  /** The membership read that authorizes `userId` in a workspace, among the recorded calls. */
  function findMembershipRead(calls: SentCall[], workspaceId: string, userId: string): SentCall {
    const read = calls.find((call) => {
      // Keys as the app writes them, through the document client.
      const key = (call.input as { Key?: { PK?: string; SK?: string } }).Key;
      return (
        call.commandName === 'GetItemCommand' &&
        key?.PK === `TENANT#${workspaceId}` &&
        key.SK === `MEMBER#${userId}`
      );
    });
    if (read === undefined) throw new Error('no membership read was sent');
    return read;
  }

  it('P-ISO-1 the membership read that authorizes a workspace request goes out with that workspace’s session, for members and outsiders alike', async () => {
    const member = await signIn(t.app);
    const outsider = await signIn(t.app);
    sent = [];
    const listed = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${member.workspaceId}/incidents`,
      headers: as(member),
    });
    expect(listed.statusCode).toBe(200);
    const memberRead = findMembershipRead(sent, member.workspaceId, member.userId);
    expect(memberRead.choice).toEqual({ kind: 'tenant', tenantId: member.workspaceId });
    expect(memberRead.accessKeyId).toMatch(new RegExp(`^AKIAtenant${member.workspaceId}\\d`, 'u'));
    expect(await decide(memberRead, member.workspaceId)).toBe('Allowed');
    // An outsider naming the workspace: their (absent) membership is looked up in that workspace's
    // partition with its session, which reaches nothing else; the answer is 404 as before.
    sent = [];
    const refused = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${member.workspaceId}/incidents`,
      headers: as(outsider),
    });
    expect(refused.statusCode).toBe(404);
    const outsiderRead = findMembershipRead(sent, member.workspaceId, outsider.userId);
    expect(outsiderRead.choice).toEqual({ kind: 'tenant', tenantId: member.workspaceId });
    expect(outsiderRead.accessKeyId).toMatch(new RegExp(`^AKIAtenant${member.workspaceId}\\d`, 'u'));
    // Nothing of the request ran on the API role's own credentials.
    expect(sent.filter((call) => call.choice.kind === 'base')).toEqual([]);
  });

  it('P-ISO-1 a repo call for another tenant, made in a tenant’s request, goes out as that tenant and IAM refuses it', async () => {
    const db = t.app.deps.db;
    sent = [];
    // Inside the owner's workspace, a repo is (deliberately) asked for the intruder's incident.
    await runAsTenant(owner.workspaceId, () =>
      getIncident(db, intruder.workspaceId, '01J0NOTANINCIDENT0000000000'),
    );
    await runAsTenant(owner.workspaceId, () =>
      getIncident(db, owner.workspaceId, '01J0NOTANINCIDENT0000000000'),
    );
    await runAsTenant(owner.workspaceId, () => getUser(db, owner.userId));
    const [wrongTenant, ownTenant, platform] = sent;
    if (wrongTenant === undefined || ownTenant === undefined || platform === undefined)
      throw new Error('calls missing');
    expect(wrongTenant.choice).toEqual({ kind: 'tenant', tenantId: owner.workspaceId });
    expect(wrongTenant.accessKeyId).toMatch(new RegExp(`^AKIAtenant${owner.workspaceId}\\d`, 'u'));
    expect(await decide(wrongTenant, owner.workspaceId)).toBe('ImplicitlyDenied');
    expect(await decide(ownTenant, owner.workspaceId)).toBe('Allowed');
    // A platform item is never reachable with a tenant's session; such calls use the platform role.
    expect(platform.choice).toEqual({ kind: 'platform' });
    expect(await decide(platform, owner.workspaceId)).toBe('ImplicitlyDenied');
  });
});
