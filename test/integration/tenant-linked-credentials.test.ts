import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { chooseCredentials } from '@holdfast/api/platform/db/db-credentials';
import { readLeadingKeys } from '@holdfast/api/platform/db/leading-keys';
import {
  buildTenantSessionPolicy,
  type SessionPolicy,
} from '@holdfast/api/platform/db/tenant-session-policy';
import { recordSentCalls, type SentCall } from '../support/sent-calls.js';
import { decideAsTenant, fakeSts, tableArn, TENANT_ROLE_ARN } from '../support/tenant-role.js';
import { as, createTestApp, signIn, uniqueEmail, type Session, type TestApp } from '../support/harness.js';

/**
 * A tenant's transaction that also writes platform items (an invite with the lookup of its code and
 * its email in the outbox) is signed with that tenant's session narrowed to its own partition plus
 * exactly the platform prefixes it names, not with the runtime's broad role.
 */

/** A partition key as the app writes it, through the document client. */
type Pk = { PK?: string };
type TransactEntry = Record<string, { Key?: Pk; Item?: Pk } | undefined>;

/** The IAM action each kind of transaction item is authorized as. */
const ITEM_ACTIONS: Record<string, string> = {
  Put: 'dynamodb:PutItem',
  Update: 'dynamodb:UpdateItem',
  Delete: 'dynamodb:DeleteItem',
  ConditionCheck: 'dynamodb:ConditionCheckItem',
};

describe('P-ISO-1 a tenant’s transaction that links platform items runs with narrow credentials', () => {
  let t: TestApp;
  let owner: Session;
  let intruder: Session;
  let sent: SentCall[] = [];
  const sts = fakeSts(() => Date.now());
  const tables = () => [tableArn(t.config, 'main'), tableArn(t.config, 'phi')];

  /** What IAM decides for one item of a transaction, by the tenant role's policy and a session policy. */
  function decide(action: string, leadingKey: string, sessionPolicy: SessionPolicy): Promise<string> {
    return decideAsTenant({
      tenantId: owner.workspaceId,
      action,
      resource: tableArn(t.config, 'main'),
      leadingKeys: [leadingKey],
      tables: tables(),
      sessionPolicy,
    });
  }

  /** Each item of a transaction as the IAM action and partition key it is authorized by. */
  function itemsOf(input: unknown): { action: string; pk: string }[] {
    const items = (input as { TransactItems?: TransactEntry[] }).TransactItems ?? [];
    return items.flatMap((entry) =>
      Object.entries(entry).flatMap(([kind, operation]) => {
        const pk = operation?.Item?.PK ?? operation?.Key?.PK;
        const action = ITEM_ACTIONS[kind];
        return pk === undefined || action === undefined ? [] : [{ action, pk }];
      }),
    );
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { TENANT_ROLE_ARN }, overrides: { assumeRole: sts.assumeRole } });
    recordSentCalls(t.app.deps.db.doc, () => sent);
    owner = await signIn(t.app);
    intruder = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('signs an invite (its code lookup and its email in one transaction) with the tenant’s linked session; every write goes out as the tenant', async () => {
    sent = [];
    const invited = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/invites`,
      headers: as(owner),
      payload: { email: uniqueEmail('invitee'), role: 'member' },
    });
    expect(invited.statusCode).toBe(201);
    // The one call on the runtime's role is the membership read that authorizes the request, made
    // before the request runs as the tenant; every write goes out as the tenant.
    const base = sent.filter((call) => call.choice.kind === 'base');
    for (const call of base) {
      expect(call.commandName).toBe('GetItemCommand');
      expect(JSON.stringify(call.input)).toContain(`"SK":"MEMBER#${owner.userId}"`);
    }
    const transaction = sent.find(
      (call) =>
        call.commandName === 'TransactWriteItemsCommand' &&
        JSON.stringify(call.input).includes('INVITECODE#'),
    );
    if (transaction === undefined) throw new Error('no invite transaction sent');
    const { choice } = transaction;
    if (choice.kind !== 'tenant') throw new Error(`invite signed as ${choice.kind}`);
    expect(choice.tenantId).toBe(owner.workspaceId);
    expect(choice.linkedPrefixes).toContain('inviteCode');
    expect(transaction.accessKeyId).toMatch(new RegExp(`^AKIAtenant${owner.workspaceId}\\d`, 'u'));

    // STS was asked for exactly this session policy: the tenant's keys plus the prefixes the call names.
    const linked = { tableArn: tableArn(t.config, 'main'), prefixes: choice.linkedPrefixes ?? [] };
    const policy = buildTenantSessionPolicy(owner.workspaceId, tables(), linked);
    expect(sts.requests.map((request) => request.policy)).toContain(JSON.stringify(policy));

    // IAM allows every item of the transaction under that session.
    const items = itemsOf(transaction.input);
    expect(items.length).toBeGreaterThan(1);
    for (const item of items) expect(await decide(item.action, item.pk, policy)).toBe('Allowed');

    // The same transaction written (by a bug) into another tenant goes out under the same session, and
    // IAM refuses the other tenant's items while the linked platform items alone would pass.
    const rewritten = JSON.parse(
      JSON.stringify(transaction.input).replaceAll(
        `TENANT#${owner.workspaceId}`,
        `TENANT#${intruder.workspaceId}`,
      ),
    ) as unknown;
    expect(
      chooseCredentials(owner.workspaceId, readLeadingKeys('TransactWriteItemsCommand', rewritten)),
    ).toEqual(choice);
    const foreign = itemsOf(rewritten).filter((item) => item.pk.startsWith('TENANT#'));
    expect(foreign.length).toBeGreaterThan(0);
    for (const item of foreign) expect(await decide(item.action, item.pk, policy)).toBe('ImplicitlyDenied');
    // Nor does the session reach a platform item the transaction did not name.
    expect(await decide('dynamodb:PutItem', 'SESSION#abc', policy)).toBe('ImplicitlyDenied');
    expect(await decide('dynamodb:PutItem', 'APIKEYHASH#abc', policy)).toBe('ImplicitlyDenied');
  });

  it('chooses the linked session only for declared prefixes; any other mix keeps the runtime’s role', () => {
    const tenantKey = `TENANT#${owner.workspaceId}`;
    expect(
      chooseCredentials(owner.workspaceId, { keys: [tenantKey, 'OUTBOX#m', 'INVITECODE#c', 'OUTBOX#n'] }),
    ).toEqual({
      kind: 'tenant',
      tenantId: owner.workspaceId,
      linkedPrefixes: ['inviteCode', 'outbox'],
    });
    expect(chooseCredentials(owner.workspaceId, { keys: [tenantKey, 'SESSION#s'] })).toEqual({
      kind: 'base',
    });
    expect(chooseCredentials(undefined, { keys: [tenantKey, 'OUTBOX#m'] })).toEqual({ kind: 'base' });
  });
});
