import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  addMember,
  as,
  createTestApp,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import {
  createTestClock,
  enrolAuthenticator,
  proveSecondFactor,
  readAudit,
} from '../support/second-factor.js';
import { totpCode } from '../support/totp.js';

// Each case walks several sign-ins and factor checks against the embedded stack on a shared machine.
jest.setTimeout(120_000);

const clock = createTestClock();
const STEP = 31_000;

function setRequirement(t: TestApp, session: Session, isRequired: unknown) {
  return t.app.inject({
    method: 'PUT',
    url: `/v1/workspaces/${session.workspaceId}/second-factor-requirement`,
    headers: as(session),
    payload: { isRequired },
  });
}

function listIncidents(t: TestApp, session: Session, workspaceId = session.workspaceId) {
  return t.app.inject({
    method: 'GET',
    url: `/v1/workspaces/${workspaceId}/incidents`,
    headers: as(session),
  });
}

function codeOf(reply: { json: <T>() => T }): string {
  return reply.json<{ code: string }>().code;
}

// Under `when-enrolled` (the other suites' mode): the workspace's own requirement applies whatever
// the platform's setting for administrators.
describe('a workspace that requires a second factor of every member', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ overrides: { now: clock.now } });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AUTH-6 only an owner or admin with a proven factor turns it on; it is in the audit log', async () => {
    const owner = await signIn(t.app, uniqueEmail('owner'));
    const member = await addMember(t.app, owner, 'member');

    // Without a factor of their own the owner could lock their own session out: refused.
    const early = await setRequirement(t, owner, true);
    expect(early.statusCode).toBe(409);
    expect((await setRequirement(t, member, true)).statusCode).toBe(403);
    expect((await setRequirement(t, owner, 'yes')).statusCode).toBe(400);

    await enrolAuthenticator(t.app, owner, clock.at());
    // The member cannot either, and once the owner holds a factor the step-up guards the setting.
    expect((await setRequirement(t, member, true)).statusCode).toBe(403);
    const stale = await signIn(t.app, owner.email);
    expect(codeOf(await setRequirement(t, { ...stale, workspaceId: owner.workspaceId }, true))).toBe(
      'second_factor_required',
    );

    const on = await setRequirement(t, owner, true);
    expect(on.statusCode).toBe(200);
    expect(on.json<{ secondFactorRequired: boolean }>().secondFactorRequired).toBe(true);
    const entry = (await readAudit(t.app, owner)).find(
      (e) => e.action === 'workspace.second_factor_requirement_changed',
    );
    expect(entry?.details).toEqual({ isRequired: true });
    expect(entry?.actor.id).toBe(owner.userId);
  });

  it('P-AUTH-6 a member without a factor is sent to enrol: their account and other workspaces stay open, this one is closed until they prove one', async () => {
    const owner = await signIn(t.app, uniqueEmail('owner'));
    const member = await addMember(t.app, owner, 'member');
    await enrolAuthenticator(t.app, owner, clock.at());
    expect((await setRequirement(t, owner, true)).statusCode).toBe(200);

    const closed = await listIncidents(t, member);
    expect(closed.statusCode).toBe(403);
    expect(codeOf(closed)).toBe('second_factor_enrolment_required');
    // What stays open: the workspace itself (to say why), their profile, security settings and
    // their own personal workspace.
    const workspace = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}`,
      headers: as(member),
    });
    expect(workspace.json<{ secondFactorRequired: boolean }>().secondFactorRequired).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: as(member) })).statusCode).toBe(200);
    const status = await t.app.inject({ method: 'GET', url: '/v1/me/second-factor', headers: as(member) });
    expect(status.json<{ isRequired: boolean }>().isRequired).toBe(true);
    const personal = await signIn(t.app, member.email);
    expect((await listIncidents(t, personal)).statusCode).toBe(200);

    // Enrolling proves the factor for this session: the workspace opens.
    clock.advance(STEP);
    const { secret } = await enrolAuthenticator(t.app, member, clock.at());
    expect((await listIncidents(t, member)).statusCode).toBe(200);

    // Another session of theirs holds a factor but has not proven it: the prompt, then it opens.
    const laptop = { ...(await signIn(t.app, member.email)), workspaceId: owner.workspaceId };
    const prompt = await listIncidents(t, laptop);
    expect(prompt.statusCode).toBe(401);
    expect(codeOf(prompt)).toBe('second_factor_required');
    clock.advance(STEP);
    expect((await proveSecondFactor(t.app, laptop, { code: totpCode(secret, clock.at()) })).statusCode).toBe(
      200,
    );
    expect((await listIncidents(t, laptop)).statusCode).toBe(200);

    // While the workspace requires it, the member keeps their last factor.
    const removal = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/second-factor/totp',
      headers: as(laptop),
    });
    expect(removal.statusCode).toBe(409);

    // Turned off, the workspace opens to sessions that proved nothing again.
    expect((await setRequirement(t, owner, false)).statusCode).toBe(200);
    expect((await listIncidents(t, { ...personal, workspaceId: owner.workspaceId })).statusCode).toBe(200);
  });

  it('API keys, which only a person with a fresh second factor creates, keep working', async () => {
    const owner = await signIn(t.app, uniqueEmail('owner'));
    await enrolAuthenticator(t.app, owner, clock.at());
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: as(owner),
      payload: { name: 'Sync', scopes: ['incidents:read'] },
    });
    expect(created.statusCode).toBe(201);
    expect((await setRequirement(t, owner, true)).statusCode).toBe(200);
    const reply = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: { authorization: `Bearer ${created.json<{ secret: string }>().secret}` },
    });
    expect(reply.statusCode).toBe(200);
  });

  it('outsiders still get 404, before any second-factor question', async () => {
    const owner = await signIn(t.app, uniqueEmail('owner'));
    await enrolAuthenticator(t.app, owner, clock.at());
    expect((await setRequirement(t, owner, true)).statusCode).toBe(200);
    const outsider = await signIn(t.app, uniqueEmail('outsider'));
    expect((await listIncidents(t, outsider, owner.workspaceId)).statusCode).toBe(404);
  });
});

describe('second-factor events in the workspace audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ overrides: { now: clock.now } });
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('enrolment, a failed attempt, a recovery code and a removal are audited in every workspace of the person, with no secret', async () => {
    const owner = await signIn(t.app, uniqueEmail('owner'));
    const member = await addMember(t.app, owner, 'admin');
    clock.advance(STEP);
    const { secret, recoveryCodes } = await enrolAuthenticator(t.app, member, clock.at());
    const wrong = await proveSecondFactor(t.app, member, {
      code: '000000' === totpCode(secret, clock.at()) ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    const recoveryCode = recoveryCodes[0] ?? '';
    expect((await proveSecondFactor(t.app, member, { recoveryCode })).statusCode).toBe(200);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/second-factor/totp',
      headers: as(member),
    });
    expect(removed.statusCode).toBe(204);

    for (const workspaceId of [owner.workspaceId, (await signIn(t.app, member.email)).workspaceId]) {
      const entries = (await readAudit(t.app, member, workspaceId)).filter((e) =>
        e.action.startsWith('second_factor.'),
      );
      expect(entries.map((e) => e.action).reverse()).toEqual([
        'second_factor.enrolled',
        'second_factor.failed',
        'second_factor.recovery_code_used',
        'second_factor.removed',
      ]);
      for (const entry of entries) {
        expect(entry.actor.id).toBe(member.userId);
        expect(entry.target.id).toBe(member.userId);
        expect(Object.keys(entry.details)).toEqual(['method']);
      }
      const text = JSON.stringify(entries);
      expect(text).not.toContain(secret);
      expect(text).not.toContain(recoveryCode);
    }
  });
});
