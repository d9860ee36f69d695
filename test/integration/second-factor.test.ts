import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  addMember,
  as,
  createTestApp,
  readMailbox,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import { totpCode } from '../support/totp.js';

/** A clock the test moves, so step-up expiry and authenticator steps are checked without waiting. */
let clock = Date.now();
const now = () => new Date(clock);

type Enrolled = { recoveryCodes?: string[]; provenAt: string };

async function startTotp(t: TestApp, session: Session): Promise<string> {
  const started = await t.app.inject({
    method: 'POST',
    url: '/v1/me/second-factor/totp',
    headers: as(session),
  });
  expect(started.statusCode).toBe(201);
  const body = started.json<{ secret: string; otpauthUri: string }>();
  expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Holdfast:/);
  return body.secret;
}

/** Enrols an authenticator app for `session` and returns its secret and the recovery codes shown once. */
async function enrolTotp(t: TestApp, session: Session): Promise<{ secret: string; recoveryCodes: string[] }> {
  const secret = await startTotp(t, session);
  const confirmed = await t.app.inject({
    method: 'POST',
    url: '/v1/me/second-factor/totp/confirm',
    headers: as(session),
    payload: { code: totpCode(secret, clock) },
  });
  expect(confirmed.statusCode).toBe(200);
  return { secret, recoveryCodes: confirmed.json<Enrolled>().recoveryCodes ?? [] };
}

function verify(t: TestApp, session: Session, payload: Record<string, string>) {
  return t.app.inject({ method: 'POST', url: '/v1/me/second-factor/verify', headers: as(session), payload });
}

function createApiKey(t: TestApp, session: Session) {
  return t.app.inject({
    method: 'POST',
    url: `/v1/workspaces/${session.workspaceId}/api-keys`,
    headers: as(session),
    payload: { name: 'Integration', scopes: ['incidents:read'] },
  });
}

function changeRole(t: TestApp, session: Session, userId: string, role: string) {
  return t.app.inject({
    method: 'PATCH',
    url: `/v1/workspaces/${session.workspaceId}/members/${userId}`,
    headers: as(session),
    payload: { role },
  });
}

function deleteAccount(t: TestApp, session: Session) {
  return t.app.inject({
    method: 'POST',
    url: '/v1/account/deletion',
    headers: as(session),
    payload: { confirmation: session.email },
  });
}

function expectStepUp(response: { statusCode: number; json: <T>() => T; headers: Record<string, unknown> }) {
  expect(response.statusCode).toBe(401);
  expect(String(response.headers['content-type'])).toContain('application/problem+json');
  expect(response.json<{ code: string }>().code).toBe('second_factor_required');
}

describe('second factor, required for administrative access (the production default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ADMIN_SECOND_FACTOR: 'required' }, overrides: { now } });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AUTH-6 an owner without a fresh second factor cannot create an API key, change a role or delete the workspace; with one, can', async () => {
    const owner = await signIn(t.app, uniqueEmail('owner'));
    expectStepUp(await createApiKey(t, owner));
    expectStepUp(await deleteAccount(t, owner));

    // The owner enrols on another device (another session) and invites a member from there.
    const otherDevice = await signIn(t.app, owner.email);
    const { secret } = await enrolTotp(t, otherDevice);
    const member = await addMember(t.app, otherDevice, 'member');

    // This session has proven nothing yet: still refused, and nothing changed.
    expectStepUp(await createApiKey(t, owner));
    expectStepUp(await changeRole(t, owner, member.userId, 'admin'));
    const members = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/members`,
      headers: as(owner),
    });
    const roleOf = (items: { userId: string; role: string }[]) =>
      items.find((m) => m.userId === member.userId)?.role;
    expect(roleOf(members.json<{ items: { userId: string; role: string }[] }>().items)).toBe('member');

    clock += 31_000;
    expect((await verify(t, owner, { code: totpCode(secret, clock) })).statusCode).toBe(200);
    expect((await createApiKey(t, owner)).statusCode).toBe(201);
    expect((await changeRole(t, owner, member.userId, 'admin')).statusCode).toBe(200);

    // Twelve hours later the proof is stale: the step-up asks again, and a code opens it again.
    clock += 12 * 3_600_000 + 60_000;
    expectStepUp(await createApiKey(t, owner));
    expectStepUp(await deleteAccount(t, owner));
    expect((await verify(t, owner, { code: totpCode(secret, clock) })).statusCode).toBe(200);
    expect((await deleteAccount(t, owner)).statusCode).toBe(202);
  });

  it('P-AUTH-6 the proof belongs to the session: a new sign-in of the same person must prove it again', async () => {
    const first = await signIn(t.app, uniqueEmail('owner'));
    const { secret } = await enrolTotp(t, first);
    expect((await createApiKey(t, first)).statusCode).toBe(201);
    const second = await signIn(t.app, first.email);
    expectStepUp(await createApiKey(t, second));
    clock += 31_000;
    expect((await verify(t, second, { code: totpCode(secret, clock) })).statusCode).toBe(200);
    expect((await createApiKey(t, second)).statusCode).toBe(201);
  });

  it('enrols an authenticator: the secret is sealed at rest, ten recovery codes are shown once and kept only as hashes', async () => {
    const person = await signIn(t.app, uniqueEmail('enrol'));
    const before = await t.app.inject({ method: 'GET', url: '/v1/me/second-factor', headers: as(person) });
    expect(before.json()).toMatchObject({ totp: null, passkeys: [], recoveryCodesLeft: 0, isRequired: true });

    const secret = await startTotp(t, person);
    const wrong = await t.app.inject({
      method: 'POST',
      url: '/v1/me/second-factor/totp/confirm',
      headers: as(person),
      payload: { code: totpCode(secret, clock + 10 * 60_000) },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json<{ code: string }>().code).toBe('invalid_second_factor');

    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/v1/me/second-factor/totp/confirm',
      headers: as(person),
      payload: { code: totpCode(secret, clock) },
    });
    expect(confirmed.statusCode).toBe(200);
    const codes = confirmed.json<Enrolled>().recoveryCodes ?? [];
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);

    const after = await t.app.inject({ method: 'GET', url: '/v1/me/second-factor', headers: as(person) });
    expect(after.json()).toMatchObject({ recoveryCodesLeft: 10, isManagedByClerk: false });
    expect(after.json<{ totp: { enrolledAt: string } | null }>().totp?.enrolledAt).toBeDefined();
    expect(after.body).not.toContain(secret);

    const stored = await t.app.deps.db.doc.send(
      new QueryCommand({
        TableName: t.app.deps.db.mainTable,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `USER#${person.userId}` },
      }),
    );
    const raw = JSON.stringify(stored.Items, (_key, value: unknown) =>
      value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value,
    );
    expect(raw).toContain('SecondFactorTotp');
    expect(raw).not.toContain(secret);
    for (const code of codes) expect(raw).not.toContain(code);

    const mail = await readMailbox(person.email);
    expect(mail.some((m) => m.subject.includes('second factor was added'))).toBe(true);
  });

  it('a code works once within its window, a recovery code works once, and the security log records each use and failure', async () => {
    const person = await signIn(t.app, uniqueEmail('replay'));
    const { secret, recoveryCodes } = await enrolTotp(t, person);
    // The code that confirmed the enrolment cannot prove the factor again.
    expect((await verify(t, person, { code: totpCode(secret, clock) })).statusCode).toBe(400);
    const next = totpCode(secret, clock + 30_000);
    expect((await verify(t, person, { code: next })).statusCode).toBe(200);
    expect((await verify(t, person, { code: next })).statusCode).toBe(400);

    const recoveryCode = recoveryCodes[0] ?? '';
    const used = await verify(t, person, { recoveryCode: recoveryCode.toUpperCase() });
    expect(used.statusCode).toBe(200);
    expect(used.json()).toMatchObject({ method: 'recovery-code', recoveryCodesLeft: 9 });
    expect((await verify(t, person, { recoveryCode })).statusCode).toBe(400);

    const log = await t.app.inject({ method: 'GET', url: '/v1/me/security-log', headers: as(person) });
    const kinds = log.json<{ items: { kind: string }[] }>().items.map((event) => event.kind);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'factor-enrolled',
        'recovery-codes-created',
        'recovery-code-used',
        'second-factor-proven',
        'second-factor-failed',
      ]),
    );
  });

  it('locks the person out for the window after five wrong codes, even with the right one', async () => {
    const person = await signIn(t.app, uniqueEmail('guess'));
    const { secret } = await enrolTotp(t, person);
    const right = totpCode(secret, clock + 60_000);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i += 1) expect((await verify(t, person, { code: wrong })).statusCode).toBe(400);
    const locked = await verify(t, person, { code: right });
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBeDefined();
  });

  it('validates bodies: a code must be six digits, a recovery code its own shape', async () => {
    const person = await signIn(t.app, uniqueEmail('shape'));
    for (const payload of [
      { code: '12345' },
      { code: 123456 },
      { recoveryCode: 'x' },
      { code: '123456', extra: 1 },
      {},
    ]) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/v1/me/second-factor/verify',
        headers: as(person),
        payload,
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('removing a factor asks for a fresh proof, and an owner cannot remove their last one', async () => {
    const person = await signIn(t.app, uniqueEmail('remove'));
    const { secret } = await enrolTotp(t, person);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/second-factor/totp',
      headers: as(person),
    });
    expect(removed.statusCode).toBe(409);
    clock += 13 * 3_600_000;
    const stale = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/second-factor/totp',
      headers: as(person),
    });
    expectStepUp(stale);
    expect((await verify(t, person, { code: totpCode(secret, clock) })).statusCode).toBe(200);
    // Adding a second authenticator is refused while one exists; starting over needs a fresh proof.
    const again = await t.app.inject({
      method: 'POST',
      url: '/v1/me/second-factor/totp',
      headers: as(person),
    });
    expect(again.statusCode).toBe(409);
  });
});

describe('second factor when enrolled (other suites run this way)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ overrides: { now } });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AUTH-6 once a person holds a factor, their administrative actions need it; removal clears it and emails them', async () => {
    const owner = await signIn(t.app, uniqueEmail('owner'));
    expect((await createApiKey(t, owner)).statusCode).toBe(201);
    const { secret } = await enrolTotp(t, owner);
    const fresh = await signIn(t.app, owner.email);
    expectStepUp(await createApiKey(t, fresh));
    clock += 31_000;
    expect((await verify(t, fresh, { code: totpCode(secret, clock) })).statusCode).toBe(200);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/second-factor/totp',
      headers: as(fresh),
    });
    expect(removed.statusCode).toBe(204);
    const status = await t.app.inject({ method: 'GET', url: '/v1/me/second-factor', headers: as(fresh) });
    expect(status.json()).toMatchObject({ totp: null, recoveryCodesLeft: 0, isRequired: false });
    expect((await createApiKey(t, owner)).statusCode).toBe(201);
    const mail = await readMailbox(owner.email);
    expect(mail.some((m) => m.subject.includes('second factor was removed'))).toBe(true);
  });

  it('an API key never reaches an administrative route', async () => {
    const owner = await signIn(t.app, uniqueEmail('owner'));
    const key = (await createApiKey(t, owner)).json<{ secret: string }>().secret;
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: { authorization: `Bearer ${key}` },
      payload: { name: 'Another', scopes: ['incidents:read'] },
    });
    expect(response.statusCode).toBe(403);
  });
});
