import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { createHash, randomUUID } from 'node:crypto';
import { createDb, type Db } from '@holdfast/api/platform/db/client';
import type { AppDeps } from '@holdfast/api/platform/deps';
import { createMailer, MailNotSentError, type Mailer } from '@holdfast/api/platform/email/mailer';
import { MAIL_TEMPLATES, renderTemplate, type TemplateName } from '@holdfast/api/platform/email/templates';
import {
  buildEnqueueEmailItem,
  deliverQueuedEmail,
  drainOutbox,
  sendEmail,
} from '@holdfast/api/modules/notifications/service';
import { handleSesNotification } from '@holdfast/api/modules/notifications/ses-events';
import {
  as,
  createTestApp,
  readMailbox,
  readSignInToken,
  signIn,
  testConfig,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';

type Preferences = { items: { kind: string; isOptedIn: boolean }[] };

const TIPS = { tips: [{ title: 'Log an incident', body: 'Write down what happened while it is fresh.' }] };

/** A real SES mailer that counts its calls and can be told to fail the next calls. */
function countingMailer(): Mailer & { calls: number; failNext: (times: number, error?: Error) => void } {
  const real = createMailer(testConfig());
  let failures: { left: number; error: Error } = { left: 0, error: new MailNotSentError('SES throttled') };
  const mailer = {
    calls: 0,
    failNext: (times: number, error: Error = new MailNotSentError('SES throttled')) => {
      failures = { left: times, error };
    },
    send: async (mail: Parameters<Mailer['send']>[0]) => {
      mailer.calls += 1;
      if (failures.left > 0) {
        failures.left -= 1;
        throw failures.error;
      }
      return real.send(mail);
    },
    destroy: () => real.destroy(),
  };
  return mailer;
}

function sesEvent(body: Record<string, unknown>) {
  return {
    topicArn: 'arn:aws:sns:us-east-1:123456789012:holdfast-ses-events',
    messageId: randomUUID(),
    body,
  };
}

async function commitRaw(
  deps: AppDeps,
  operations: NonNullable<ConstructorParameters<typeof TransactWriteCommand>[0]['TransactItems']>,
): Promise<void> {
  await deps.db.doc.send(new TransactWriteCommand({ TransactItems: operations }));
}

describe('email: consent, unsubscribe, suppression and the outbox', () => {
  let t: TestApp;
  const supportEmail = uniqueEmail('support');
  beforeAll(async () => {
    t = await createTestApp({ env: { SUPPORT_EMAILS: `someone@example.test, ${supportEmail}` } });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const setPreferences = (session: Session, body: Record<string, boolean>) =>
    t.app.inject({ method: 'PATCH', url: '/v1/me/email-preferences', headers: as(session), payload: body });
  const sendTips = (session: Session, dedupeKey = randomUUID()) =>
    sendEmail(t.app.deps, {
      dedupeKey,
      to: session.email,
      userId: session.userId,
      template: 'onboardingTips',
      data: TIPS,
    });
  const sendExportReady = (email: string) =>
    sendEmail(t.app.deps, {
      dedupeKey: randomUUID(),
      to: email,
      template: 'exportReady',
      data: { downloadUrl: 'https://x.test/e', expiresAt: new Date().toISOString() },
    });
  const mailsWithSubject = async (email: string, subject: string) =>
    (await readMailbox(email)).filter((mail) => mail.subject === subject);

  it('every template renders a subject, a text body and accessible HTML', () => {
    const context = {
      preferencesUrl: 'https://app.test/account/email',
      unsubscribeUrl: 'https://api.test/u/x',
    };
    const samples: { [K in TemplateName]: Parameters<(typeof MAIL_TEMPLATES)[K]['build']>[0] } = {
      signInLink: { link: 'https://app.test/auth/verify?token=abc', validMinutes: 15 },
      invite: {
        inviterLabel: 'a@b.test',
        workspaceName: 'Case <2026>',
        role: 'member',
        code: 'ABCDEF123456',
        acceptUrl: 'https://app.test/invites/accept?code=ABCDEF123456',
        validDays: 14,
      },
      receipt: { planName: 'Plus', amount: '$9.00', paidAt: '2026-11-01T10:00:00Z' },
      trialEnding: {
        planName: 'Plus',
        trialEndsAt: '2026-11-20T00:00:00Z',
        manageUrl: 'https://app.test/billing',
      },
      paymentFailed: { planName: 'Plus', amountDue: '$9.00', updatePaymentUrl: 'https://app.test/billing' },
      serviceNotice: {
        subject: 'A notice',
        heading: 'A notice',
        paragraphs: ['Something changed <here>.'],
        link: { label: 'Open', url: 'https://app.test/x' },
      },
      securityAlert: {
        event: 'A new API key was created',
        at: '2026-11-01T10:00:00Z',
        reviewUrl: 'https://app.test/account',
      },
      exportReady: { downloadUrl: 'https://app.test/export/1', expiresAt: '2026-11-08T10:00:00Z' },
      deletionScheduled: { purgeAt: '2026-12-01T10:00:00Z', restoreUrl: 'https://app.test/sign-in' },
      deletionFinal: { deletedAt: '2026-12-01T10:00:00Z' },
      onboardingTips: TIPS,
      weeklyResources: { resources: [{ title: 'Custody checklist', url: 'https://app.test/library/1' }] },
      productUpdates: { headline: 'Timeline export', body: 'Export your timeline as a PDF.' },
      ceReminders: {
        license: 'CA LMFT',
        endsOn: '2027-01-31',
        daysLeft: 30,
        missing: [{ title: '6 more hours of Law and ethics' }],
        progressUrl: 'https://app.test/w/x/credentials/progress',
      },
    };
    for (const name of Object.keys(MAIL_TEMPLATES) as TemplateName[]) {
      const mail = renderTemplate(name, samples[name] as never, context);
      expect(mail.subject.length).toBeGreaterThan(5);
      expect(mail.text.length).toBeGreaterThan(20);
      expect(mail.html).toMatch(/^<!doctype html><html lang="en">/);
      expect(mail.html).toContain('<h1');
      expect(mail.html).not.toContain('<2026>');
      const isOptional = MAIL_TEMPLATES[name].category !== 'transactional';
      expect(mail.text.includes('https://api.test/u/x')).toBe(isOptional);
    }
  });

  it('P-MAIL-1 transactional mail goes to everyone; optional mail only to people who opted in', async () => {
    const person = await signIn(t.app);
    const preferences = await t.app.inject({
      method: 'GET',
      url: '/v1/me/email-preferences',
      headers: as(person),
    });
    expect(preferences.statusCode).toBe(200);
    expect(preferences.json<Preferences>().items.every((item) => !item.isOptedIn)).toBe(true);

    expect(
      await sendEmail(t.app.deps, {
        dedupeKey: randomUUID(),
        to: person.email,
        template: 'securityAlert',
        data: {
          event: 'A new API key was created',
          at: new Date().toISOString(),
          reviewUrl: 'https://x.test',
        },
      }),
    ).toBe('sent');
    expect(await mailsWithSubject(person.email, 'Security notice for your Holdfast account')).toHaveLength(1);

    expect(await sendTips(person)).toBe('no_consent');
    expect(await mailsWithSubject(person.email, 'Getting started with Holdfast')).toHaveLength(0);

    const optedIn = await setPreferences(person, { onboardingTips: true });
    expect(optedIn.statusCode).toBe(200);
    expect(optedIn.json<Preferences>().items.find((i) => i.kind === 'onboardingTips')?.isOptedIn).toBe(true);
    expect(await sendTips(person)).toBe('sent');
    expect(await mailsWithSubject(person.email, 'Getting started with Holdfast')).toHaveLength(1);
    // Other kinds stay off.
    expect(
      await sendEmail(t.app.deps, {
        dedupeKey: randomUUID(),
        to: person.email,
        userId: person.userId,
        template: 'productUpdates',
        data: { headline: 'New', body: 'Something new.' },
      }),
    ).toBe('no_consent');
  });

  it('email preferences are the signed-in person’s own: a cookie change needs the CSRF header, a bad body is refused', async () => {
    const person = await signIn(t.app);
    const noCsrf = await t.app.inject({
      method: 'PATCH',
      url: '/v1/me/email-preferences',
      headers: { cookie: person.cookie },
      payload: { weeklyResources: true },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/v1/me/email-preferences' })).statusCode).toBe(401);
    expect((await setPreferences(person, {})).statusCode).toBe(400);
    const unknown = await t.app.inject({
      method: 'PATCH',
      url: '/v1/me/email-preferences',
      headers: as(person),
      payload: { marketing: true },
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('P-MAIL-3 the send path re-reads the preference: an opt-out after the caller checked stops the mail', async () => {
    const person = await signIn(t.app);
    await setPreferences(person, { onboardingTips: true });
    // The caller checks consent and enqueues (as another module would, in its own transaction)...
    const before = await t.app.inject({
      method: 'GET',
      url: '/v1/me/email-preferences',
      headers: as(person),
    });
    expect(before.json<Preferences>().items.find((i) => i.kind === 'onboardingTips')?.isOptedIn).toBe(true);
    const dedupeKey = randomUUID();
    await commitRaw(t.app.deps, [
      buildEnqueueEmailItem(t.app.deps, {
        dedupeKey,
        to: person.email,
        userId: person.userId,
        template: 'onboardingTips',
        data: TIPS,
      }),
    ]);
    // ...then the person opts out before the outbox gets to it.
    await setPreferences(person, { onboardingTips: false });
    expect(await deliverQueuedEmail(t.app.deps, dedupeKey)).toBe('no_consent');
    expect(await mailsWithSubject(person.email, 'Getting started with Holdfast')).toHaveLength(0);
  });

  it('P-MAIL-2 optional mail carries List-Unsubscribe (HTTPS, signed token) and List-Unsubscribe-Post; transactional mail does not', async () => {
    const person = await signIn(t.app);
    await setPreferences(person, { onboardingTips: true });
    expect(await sendTips(person)).toBe('sent');
    const [mail] = await mailsWithSubject(person.email, 'Getting started with Holdfast');
    const header = (name: string) =>
      mail?.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
    expect(header('List-Unsubscribe')).toMatch(/^<https:\/\/api\.holdfast\.test\/u\/[A-Za-z0-9_.-]+>$/);
    expect(header('List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(mail?.body.text).toContain('https://api.holdfast.test/u/');
    const signInMail = (await readMailbox(person.email)).find((m) => m.subject.includes('sign-in link'));
    expect(signInMail?.headers?.some((h) => h.name === 'List-Unsubscribe') ?? false).toBe(false);
  });

  async function optedInTokenFor(person: Session): Promise<string> {
    await setPreferences(person, { onboardingTips: true });
    expect(await sendTips(person)).toBe('sent');
    const mails = await mailsWithSubject(person.email, 'Getting started with Holdfast');
    const value = mails.at(-1)?.headers?.find((h) => h.name === 'List-Unsubscribe')?.value ?? '';
    const token = /\/u\/([^>]+)>$/.exec(value)?.[1];
    if (token === undefined) throw new Error('no unsubscribe link');
    return token;
  }

  const isOptedIn = async (person: Session) =>
    (await t.app.inject({ method: 'GET', url: '/v1/me/email-preferences', headers: as(person) }))
      .json<Preferences>()
      .items.find((i) => i.kind === 'onboardingTips')?.isOptedIn;

  it('P-MAIL-2 one POST with no cookie and no CSRF header unsubscribes and answers 200', async () => {
    const person = await signIn(t.app);
    const token = await optedInTokenFor(person);
    const response = await t.app.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers.location).toBeUndefined();
    expect(await isOptedIn(person)).toBe(false);
    expect(await sendTips(person)).toBe('no_consent');
    expect(await mailsWithSubject(person.email, 'Getting started with Holdfast')).toHaveLength(1);
  });

  it('P-MAIL-2 the one-click POST also works with a session cookie and no CSRF header, or a multipart body', async () => {
    const person = await signIn(t.app);
    const token = await optedInTokenFor(person);
    const withCookie = await t.app.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: { cookie: person.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(withCookie.statusCode).toBe(200);
    expect(await isOptedIn(person)).toBe(false);

    await setPreferences(person, { onboardingTips: true });
    const boundary = 'holdfastboundary';
    const multipart = await t.app.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
    });
    expect(multipart.statusCode).toBe(200);
    expect(await isOptedIn(person)).toBe(false);
  });

  it('P-MAIL-2 a tampered token changes nothing', async () => {
    const person = await signIn(t.app);
    const other = await signIn(t.app);
    await setPreferences(other, { onboardingTips: true, productUpdates: true });
    const token = await optedInTokenFor(person);
    const [userId, list, signature] = token.split('.') as [string, string, string];
    const lastChar = signature.at(-1) === 'A' ? 'B' : 'A';
    const tampered = [
      `${other.userId}.${list}.${signature}`,
      `${userId}.productUpdates.${signature}`,
      `${userId}.${list}.${signature.slice(0, -1)}${lastChar}`,
      `${userId}.${list}.${signature}x`,
      `${userId}.${list}`,
    ];
    for (const bad of tampered) {
      const response = await t.app.inject({
        method: 'POST',
        url: `/u/${bad}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(response.statusCode).toBe(400);
      const viaSpa = await t.app.inject({
        method: 'POST',
        url: '/v1/email/unsubscribe',
        payload: { token: bad },
      });
      expect(viaSpa.statusCode).toBe(400);
    }
    expect(await isOptedIn(person)).toBe(true);
    const others = await t.app.inject({ method: 'GET', url: '/v1/me/email-preferences', headers: as(other) });
    expect(
      others
        .json<Preferences>()
        .items.filter((i) => i.isOptedIn)
        .map((i) => i.kind)
        .sort(),
    ).toEqual(['onboardingTips', 'productUpdates']);
  });

  it('P-MAIL-2 a GET of the link changes nothing and leads to the confirmation page, which unsubscribes with no sign-in', async () => {
    const person = await signIn(t.app);
    const token = await optedInTokenFor(person);
    const opened = await t.app.inject({ method: 'GET', url: `/u/${token}` });
    expect(opened.statusCode).toBe(303);
    expect(opened.headers.location).toBe(
      `http://127.0.0.1:5173/unsubscribe?token=${encodeURIComponent(token)}`,
    );
    expect(await isOptedIn(person)).toBe(true);

    const preview = await t.app.inject({ method: 'GET', url: `/v1/email/unsubscribe?token=${token}` });
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toEqual({
      list: 'onboardingTips',
      label: 'Getting-started tips',
      isOptedIn: true,
    });
    expect(await isOptedIn(person)).toBe(true);

    const confirmed = await t.app.inject({
      method: 'POST',
      url: '/v1/email/unsubscribe',
      payload: { token },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ list: 'onboardingTips', isOptedIn: false });
    expect(await isOptedIn(person)).toBe(false);
  });

  it('P-MAIL-4 a permanent bounce through SNS stops all mail to the address, transactional included', async () => {
    const person = await signIn(t.app);
    const event = sesEvent({
      eventType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: person.email.toUpperCase() }] },
      mail: { destination: [person.email] },
    });
    const { operations, outcome } = await handleSesNotification(t.app.deps, event);
    expect(outcome).toContain('suppressed 1');
    // The handler only describes the effect; nothing changes until the caller commits it.
    expect(await sendExportReady(person.email)).toBe('sent');
    await commitRaw(t.app.deps, operations);

    const before = (await readMailbox(person.email)).length;
    expect(await sendExportReady(person.email)).toBe('suppressed');
    const link = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/magic-link',
      payload: { email: person.email },
    });
    expect(link.statusCode).toBe(202);
    await setPreferences(person, { onboardingTips: true });
    expect(await sendTips(person)).toBe('suppressed');
    expect(await readMailbox(person.email)).toHaveLength(before);
  });

  it('P-MAIL-4 a complaint suppresses; only platform support can see and lift it, and mail flows again', async () => {
    const person = await signIn(t.app);
    const { operations } = await handleSesNotification(
      t.app.deps,
      sesEvent({
        eventType: 'Complaint',
        complaint: { complainedRecipients: [{ emailAddress: `Someone <${person.email}>` }] },
      }),
    );
    await commitRaw(t.app.deps, operations);
    const alert = () =>
      sendEmail(t.app.deps, {
        dedupeKey: randomUUID(),
        to: person.email,
        template: 'securityAlert',
        data: { event: 'Signed in', at: new Date().toISOString(), reviewUrl: 'https://x.test' },
      });
    expect(await alert()).toBe('suppressed');

    const lift = (session: Session) =>
      t.app.inject({
        method: 'POST',
        url: '/v1/support/email-suppressions/lift',
        headers: as(session),
        payload: { email: person.email, reason: 'Person asked by phone to receive mail again' },
      });
    // Not support: the person themself, or an owner of a workspace.
    expect((await lift(person)).statusCode).toBe(404);
    const lookup = (session: Session) =>
      t.app.inject({
        method: 'GET',
        url: `/v1/support/email-suppressions?email=${encodeURIComponent(person.email)}`,
        headers: as(session),
      });
    expect((await lookup(person)).statusCode).toBe(404);
    expect(await alert()).toBe('suppressed');

    const support = await signIn(t.app, supportEmail);
    const found = await lookup(support);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toMatchObject({ status: 'active', reason: 'complaint', events: 1 });
    const lifted = await lift(support);
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json()).toMatchObject({ status: 'lifted' });
    expect((await lift(support)).statusCode).toBe(404);
    expect(await alert()).toBe('sent');
  });

  it('P-MAIL-4 transient and undetermined bounces are counted, not suppressed', async () => {
    const person = await signIn(t.app);
    for (const bounceType of ['Transient', 'Undetermined', 'Transient']) {
      const { operations, outcome } = await handleSesNotification(
        t.app.deps,
        sesEvent({
          eventType: 'Bounce',
          bounce: { bounceType, bouncedRecipients: [{ emailAddress: person.email }] },
        }),
      );
      expect(outcome).toContain('counted 1');
      await commitRaw(t.app.deps, operations);
    }
    expect(await sendExportReady(person.email)).toBe('sent');
    const support = await signIn(t.app, supportEmail);
    const found = await t.app.inject({
      method: 'GET',
      url: `/v1/support/email-suppressions?email=${encodeURIComponent(person.email)}`,
      headers: as(support),
    });
    expect(found.json()).toMatchObject({ status: 'none', transientBounces: 3, events: 0 });
  });

  it('P-MAIL-4 events of other types, or not from SES, have no effect', async () => {
    for (const body of [{ eventType: 'Delivery' }, 'not json', { eventType: 'Bounce' }, ['Bounce']]) {
      const result = await handleSesNotification(t.app.deps, { ...sesEvent({}), body });
      expect(result.operations).toHaveLength(0);
    }
  });

  it('P-AUTH-2 the queued sign-in mail does not keep the token readable, and is scrubbed once sent', async () => {
    const email = uniqueEmail();
    await t.app.inject({ method: 'POST', url: '/v1/auth/magic-link', payload: { email } });
    const token = await readSignInToken(email);
    const tokenHash = createHash('sha256').update(token).digest('hex');
    const key = createHash('sha256').update(`sign-in:${tokenHash}`).digest('hex');
    const item = await t.app.deps.db.doc.send(
      new GetCommand({ TableName: t.app.deps.db.mainTable, Key: { PK: `OUTBOX#${key}`, SK: 'MESSAGE' } }),
    );
    expect(item.Item?.status).toBe('sent');
    expect(item.Item?.sealed).toBeUndefined();
    expect(JSON.stringify(item.Item)).not.toContain(token);
  });
});

/** The real table client, except that the write recording a message as sent can be made to fail. */
function dbFailingSentRecord(): Db & { failNextSentRecord: () => void } {
  const real = createDb(testConfig());
  let shouldFail = false;
  const send = (async (command: { input?: { ExpressionAttributeValues?: Record<string, unknown> } }) => {
    if (shouldFail && command.input?.ExpressionAttributeValues?.[':set_status'] === 'sent') {
      shouldFail = false;
      throw Object.assign(new Error('DynamoDB is unavailable'), {
        name: 'InternalServerError',
        $metadata: { httpStatusCode: 500 },
      });
    }
    return real.doc.send(command as never);
  }) as Db['doc']['send'];
  return {
    ...real,
    doc: new Proxy(real.doc, {
      get: (target, name): unknown => (name === 'send' ? send : Reflect.get(target, name)),
    }),
    failNextSentRecord: () => {
      shouldFail = true;
    },
  };
}

describe('email outbox: retries and no double sends', () => {
  let t: TestApp;
  let mailer: ReturnType<typeof countingMailer>;
  let db: ReturnType<typeof dbFailingSentRecord>;
  let clock = Date.now();
  beforeAll(async () => {
    mailer = countingMailer();
    db = dbFailingSentRecord();
    // A queue of its own, so other suites' messages never mix with this one's drains.
    t = await createTestApp({
      env: { MAIL_OUTBOX_QUEUE: `test-${randomUUID().slice(0, 8)}` },
      overrides: { mailer, db, now: () => new Date(clock) },
    });
  });
  afterAll(async () => {
    await t.app.close();
    mailer.destroy();
    db.destroy();
  });

  const securityAlert = (to: string, dedupeKey = randomUUID()) => ({
    dedupeKey,
    to,
    template: 'securityAlert' as const,
    data: { event: 'Signed in', at: new Date(clock).toISOString(), reviewUrl: 'https://x.test' },
  });
  const outboxItem = async (dedupeKey: string) =>
    (
      await t.app.deps.db.doc.send(
        new GetCommand({
          TableName: t.app.deps.db.mainTable,
          Key: { PK: `OUTBOX#${createHash('sha256').update(dedupeKey).digest('hex')}`, SK: 'MESSAGE' },
          ConsistentRead: true,
        }),
      )
    ).Item;
  const countFor = async (email: string) =>
    (await readMailbox(email)).filter((m) => m.subject === 'Security notice for your Holdfast account')
      .length;

  it('a message SES accepted whose "sent" record then fails is not sent again', async () => {
    const email = uniqueEmail();
    const input = securityAlert(email);
    db.failNextSentRecord();
    await expect(sendEmail(t.app.deps, input)).rejects.toThrow('DynamoDB is unavailable');
    expect((await outboxItem(input.dedupeKey))?.status).toBe('submitting');
    clock += 61_000;
    expect(await drainOutbox(t.app.deps)).toMatchObject({ unconfirmed: 1 });
    clock += 3_600_000;
    await drainOutbox(t.app.deps);
    expect(await countFor(email)).toBe(1);
  });

  it('a send that fails is retried with backoff, then sent exactly once', async () => {
    const email = uniqueEmail();
    const input = securityAlert(email);
    mailer.failNext(2);
    expect(await sendEmail(t.app.deps, input)).toBe('retry_scheduled');
    expect((await outboxItem(input.dedupeKey))?.status).toBe('pending');
    // Not due yet: the first retry waits 30 s.
    await drainOutbox(t.app.deps);
    expect(await outboxItem(input.dedupeKey)).toMatchObject({ status: 'pending', attempts: 1 });
    clock += 31_000;
    expect(await drainOutbox(t.app.deps)).toMatchObject({ retry_scheduled: 1 });
    expect(await outboxItem(input.dedupeKey)).toMatchObject({ status: 'pending', attempts: 2 });
    clock += 31_000;
    await drainOutbox(t.app.deps);
    expect(await outboxItem(input.dedupeKey)).toMatchObject({ status: 'pending', attempts: 2 });
    clock += 30_000;
    expect(await drainOutbox(t.app.deps)).toMatchObject({ sent: 1 });
    expect(await outboxItem(input.dedupeKey)).toMatchObject({ status: 'sent', attempts: 3 });
    clock += 3_600_000;
    await drainOutbox(t.app.deps);
    expect(await countFor(email)).toBe(1);
  });

  it('a dedupe key sends once: a second enqueue is refused, in a caller transaction or directly', async () => {
    const email = uniqueEmail();
    const input = securityAlert(email);
    expect(await sendEmail(t.app.deps, input)).toBe('sent');
    expect(await sendEmail(t.app.deps, input)).toBe('duplicate');
    await expect(commitRaw(t.app.deps, [buildEnqueueEmailItem(t.app.deps, input)])).rejects.toThrow();
    expect(await deliverQueuedEmail(t.app.deps, input.dedupeKey)).toBe('not_due');
    expect(await countFor(email)).toBe(1);
  });

  it('concurrent drains and deliveries of one message send it once', async () => {
    const email = uniqueEmail();
    const input = securityAlert(email);
    await commitRaw(t.app.deps, [buildEnqueueEmailItem(t.app.deps, input)]);
    const callsBefore = mailer.calls;
    const outcomes = await Promise.all([
      deliverQueuedEmail(t.app.deps, input.dedupeKey),
      deliverQueuedEmail(t.app.deps, input.dedupeKey),
      drainOutbox(t.app.deps),
      drainOutbox(t.app.deps),
    ]);
    expect(
      outcomes.filter((o) => o === 'sent').length +
        outcomes.filter((o) => typeof o === 'object' && o.sent === 1).length,
    ).toBe(1);
    expect(mailer.calls - callsBefore).toBe(1);
    expect(await countFor(email)).toBe(1);
  });

  it('a crash while SES had the message is never resent (unconfirmed); a crash before it is retried', async () => {
    const submittingEmail = uniqueEmail();
    const claimedEmail = uniqueEmail();
    const submitting = securityAlert(submittingEmail);
    const claimed = securityAlert(claimedEmail);
    await commitRaw(t.app.deps, [
      buildEnqueueEmailItem(t.app.deps, submitting),
      buildEnqueueEmailItem(t.app.deps, claimed),
    ]);
    // Leave both as a process that stopped mid-way would: leased, then silent.
    for (const [input, status] of [
      [submitting, 'submitting'],
      [claimed, 'claimed'],
    ] as const) {
      const item = await outboxItem(input.dedupeKey);
      const leaseUntil = new Date(clock + 60_000).toISOString();
      await t.app.deps.db.doc.send(
        new UpdateCommand({
          TableName: t.app.deps.db.mainTable,
          Key: { PK: String(item?.PK), SK: 'MESSAGE' },
          UpdateExpression: 'SET #s = :s, leaseToken = :t, leaseUntil = :u, attempts = :one, GSI1SK = :g',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: {
            ':s': status,
            ':t': 'lease-of-a-stopped-process',
            ':u': leaseUntil,
            ':one': 1,
            ':g': `${leaseUntil}#${String(item?.PK)}`,
          },
        }),
      );
    }
    await drainOutbox(t.app.deps);
    expect((await outboxItem(submitting.dedupeKey))?.status).toBe('submitting');
    clock += 61_000;
    const result = await drainOutbox(t.app.deps);
    expect(result).toMatchObject({ unconfirmed: 1, released: 1, sent: 1 });
    expect((await outboxItem(submitting.dedupeKey))?.status).toBe('unconfirmed');
    expect((await outboxItem(claimed.dedupeKey))?.status).toBe('sent');
    clock += 3_600_000;
    await drainOutbox(t.app.deps);
    expect(await countFor(submittingEmail)).toBe(0);
    expect(await countFor(claimedEmail)).toBe(1);
  });

  it('an error that leaves it unknown whether SES accepted the message is not retried', async () => {
    const email = uniqueEmail();
    const input = securityAlert(email);
    const timeout = new Error('socket hang up');
    timeout.name = 'TimeoutError';
    mailer.failNext(1, timeout);
    expect(await sendEmail(t.app.deps, input)).toBe('unconfirmed');
    clock += 3_600_000;
    await drainOutbox(t.app.deps);
    expect((await outboxItem(input.dedupeKey))?.status).toBe('unconfirmed');
  });

  it('gives up after the last attempt', async () => {
    const input = securityAlert(uniqueEmail());
    mailer.failNext(100);
    expect(await sendEmail(t.app.deps, input)).toBe('retry_scheduled');
    for (let attempt = 0; attempt < 8; attempt += 1) {
      clock += 3_600_000;
      await drainOutbox(t.app.deps);
    }
    expect(await outboxItem(input.dedupeKey)).toMatchObject({ status: 'failed', attempts: 6 });
    mailer.failNext(0);
  });
});

describe('email outbox worker', () => {
  it('drains the queue in-process on an interval', async () => {
    const mailer = countingMailer();
    let clock = Date.now();
    const t = await createTestApp({
      env: { MAIL_OUTBOX_QUEUE: `test-${randomUUID().slice(0, 8)}`, MAIL_OUTBOX_POLL_MS: '50' },
      overrides: { mailer, now: () => new Date(clock) },
    });
    try {
      const email = uniqueEmail();
      mailer.failNext(1);
      const input = {
        dedupeKey: randomUUID(),
        to: email,
        template: 'deletionFinal' as const,
        data: { deletedAt: new Date(clock).toISOString() },
      };
      // The worker may claim it first; either way the first attempt fails and is retried.
      expect(['retry_scheduled', 'not_due']).toContain(await sendEmail(t.app.deps, input));
      clock += 31_000;
      const deadline = Date.now() + 10_000;
      while ((await readMailbox(email)).length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(await readMailbox(email)).toHaveLength(1);
      expect(mailer.calls).toBe(2);
    } finally {
      await t.app.close();
      mailer.destroy();
    }
  });
});
