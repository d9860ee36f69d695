import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  as,
  createTestApp,
  readMailbox,
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
const WAIT_HOURS = 72;
const CHECKS = 'Wrote from the account address; video call matched the ID shown; knew the workspace names.';

type Status = { totp: unknown; passkeys: unknown[]; recoveryCodesLeft: number; resetScheduledFor?: string };

function schedule(t: TestApp, session: Session, payload: Record<string, unknown>) {
  return t.app.inject({
    method: 'POST',
    url: '/v1/support/second-factor-resets',
    headers: as(session),
    payload,
  });
}

function complete(t: TestApp, session: Session, email: string) {
  return t.app.inject({
    method: 'POST',
    url: '/v1/support/second-factor-resets/complete',
    headers: as(session),
    payload: { email },
  });
}

async function statusOf(t: TestApp, session: Session): Promise<Status> {
  const reply = await t.app.inject({ method: 'GET', url: '/v1/me/second-factor', headers: as(session) });
  return reply.json<Status>();
}

async function securityLogKinds(t: TestApp, session: Session): Promise<string[]> {
  const reply = await t.app.inject({ method: 'GET', url: '/v1/me/security-log', headers: as(session) });
  return reply.json<{ items: { kind: string }[] }>().items.map((item) => item.kind);
}

describe('support resets the factors of a person who lost them all (never instantly)', () => {
  let t: TestApp;
  let support: Session;
  let supportSecret = '';
  const supportEmail = uniqueEmail('support');

  /** Support proves their factor again (their proof goes stale while the clock jumps days ahead). */
  async function refreshSupport(): Promise<void> {
    clock.advance(STEP);
    const proven = await proveSecondFactor(t.app, support, { code: totpCode(supportSecret, clock.at()) });
    expect(proven.statusCode).toBe(200);
  }

  beforeAll(async () => {
    t = await createTestApp({
      env: {
        ADMIN_SECOND_FACTOR: 'required',
        SUPPORT_EMAILS: supportEmail,
        SECOND_FACTOR_RESET_WAIT_HOURS: String(WAIT_HOURS),
      },
      overrides: { now: clock.now },
    });
    support = await signIn(t.app, supportEmail);
    clock.advance(STEP);
    supportSecret = (await enrolAuthenticator(t.app, support, clock.at())).secret;
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AUTH-6 only support reaches it, behind their own fresh second factor; bad input is a 4xx', async () => {
    await refreshSupport();
    const person = await signIn(t.app, uniqueEmail('person'));
    clock.advance(STEP);
    await enrolAuthenticator(t.app, person, clock.at());

    // Anyone else is answered as if the route did not exist.
    expect((await schedule(t, person, { email: support.email, identityChecks: CHECKS })).statusCode).toBe(
      404,
    );
    const laptop = await signIn(t.app, supportEmail);
    const stale = await schedule(t, laptop, { email: person.email, identityChecks: CHECKS });
    expect(stale.statusCode).toBe(401);
    expect(stale.json<{ code: string }>().code).toBe('second_factor_required');

    expect((await schedule(t, support, { email: person.email, identityChecks: 'ok' })).statusCode).toBe(400);
    expect((await schedule(t, support, { email: 'not an address', identityChecks: CHECKS })).statusCode).toBe(
      400,
    );
    expect(
      (await schedule(t, support, { email: person.email, identityChecks: CHECKS, bypass: true })).statusCode,
    ).toBe(400);
    expect(
      (await schedule(t, support, { email: uniqueEmail('nobody'), identityChecks: CHECKS })).statusCode,
    ).toBe(404);
    expect((await schedule(t, support, { email: support.email, identityChecks: CHECKS })).statusCode).toBe(
      409,
    );
    const none = await signIn(t.app, uniqueEmail('no-factor'));
    expect((await schedule(t, support, { email: none.email, identityChecks: CHECKS })).statusCode).toBe(409);
    expect((await complete(t, support, person.email)).statusCode).toBe(404);
  });

  it('P-AUTH-6 schedules with the checks recorded and an email, waits, then removes every factor with another email; audited', async () => {
    await refreshSupport();
    const person = await signIn(t.app, uniqueEmail('person'));
    clock.advance(STEP);
    await enrolAuthenticator(t.app, person, clock.at());

    const scheduled = await schedule(t, support, {
      email: person.email.toUpperCase(),
      identityChecks: CHECKS,
    });
    expect(scheduled.statusCode).toBe(201);
    const view = scheduled.json<{
      status: string;
      effectiveAt: string;
      requestedBy: string;
      identityChecks: string;
    }>();
    expect(view).toMatchObject({ status: 'waiting', requestedBy: supportEmail, identityChecks: CHECKS });
    expect(Date.parse(view.effectiveAt) - clock.at()).toBe(WAIT_HOURS * 3_600_000);
    expect((await readMailbox(person.email)).map((m) => m.subject)).toContain(
      'Holdfast support will remove your second factors',
    );
    expect((await statusOf(t, person)).resetScheduledFor).toBe(view.effectiveAt);
    expect((await schedule(t, support, { email: person.email, identityChecks: CHECKS })).statusCode).toBe(
      409,
    );

    // Not before the waiting period ends: nothing is removed.
    clock.advance(WAIT_HOURS * 3_600_000 - 120_000);
    await refreshSupport();
    expect((await complete(t, support, person.email)).statusCode).toBe(409);
    expect((await statusOf(t, person)).totp).not.toBeNull();

    clock.advance(120_000);
    const ready = await t.app.inject({
      method: 'GET',
      url: `/v1/support/second-factor-resets?email=${encodeURIComponent(person.email)}`,
      headers: as(support),
    });
    expect(ready.json<{ status: string }>().status).toBe('ready');
    expect((await complete(t, support, person.email)).statusCode).toBe(204);
    const after = await statusOf(t, person);
    expect(after).toMatchObject({ totp: null, passkeys: [], recoveryCodesLeft: 0 });
    expect(after.resetScheduledFor).toBeUndefined();
    expect((await readMailbox(person.email)).map((m) => m.subject)).toContain(
      'Holdfast support removed your second factors',
    );
    expect(await securityLogKinds(t, person)).toEqual(
      expect.arrayContaining(['factors-reset-requested', 'factors-reset']),
    );
    const entries = (await readAudit(t.app, person)).filter((e) =>
      e.action.startsWith('second_factor.reset'),
    );
    expect(entries.map((e) => e.action)).toEqual([
      'second_factor.reset_completed',
      'second_factor.reset_requested',
    ]);
    for (const entry of entries) expect(entry.actor.id).toBe(support.userId);
    // The identity checks stay with support's record, out of the workspace's log.
    expect(JSON.stringify(entries)).not.toContain('video call');
    expect((await complete(t, support, person.email)).statusCode).toBe(404);
  });

  it('the person cancels it with a factor they still hold; support can no longer complete it', async () => {
    await refreshSupport();
    const person = await signIn(t.app, uniqueEmail('person'));
    clock.advance(STEP);
    await enrolAuthenticator(t.app, person, clock.at());
    expect((await schedule(t, support, { email: person.email, identityChecks: CHECKS })).statusCode).toBe(
      201,
    );

    // A session that has not proven a factor (whoever holds the mailbox) cannot cancel it.
    const other = await signIn(t.app, person.email);
    const refused = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/second-factor/reset',
      headers: as(other),
    });
    expect(refused.statusCode).toBe(401);

    const cancelled = await t.app.inject({
      method: 'DELETE',
      url: '/v1/me/second-factor/reset',
      headers: as(person),
    });
    expect(cancelled.statusCode).toBe(204);
    clock.advance(WAIT_HOURS * 3_600_000 + 60_000);
    await refreshSupport();
    expect((await complete(t, support, person.email)).statusCode).toBe(404);
    expect((await statusOf(t, person)).totp).not.toBeNull();
    expect(await securityLogKinds(t, person)).toContain('factors-reset-cancelled');
    const actions = (await readAudit(t.app, person)).map((e) => e.action);
    expect(actions).toContain('second_factor.reset_cancelled');
  });
});
