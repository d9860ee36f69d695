import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { CLERK_WEBHOOK_SECRET, svixHeaders, userData, userEvent } from '../support/clerk.js';
import { getDeletionStatus } from '@holdfast/api/modules/privacy/deletion';
import { as, createTestApp, readMailbox, signIn, uniqueEmail, type TestApp } from '../support/harness.js';

jest.setTimeout(30_000);

describe('Clerk webhooks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CLERK_WEBHOOK_SECRET } });
  });
  afterAll(async () => {
    await t.app.close();
  });

  const deliver = (body: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/webhooks/clerk', headers, payload: body });

  async function profileOf(email: string): Promise<Record<string, unknown> | undefined> {
    const { db } = t.app.deps;
    const lookup = await db.doc.send(
      new GetCommand({ TableName: db.mainTable, Key: { PK: `EMAIL#${email}`, SK: 'EMAIL' } }),
    );
    const userId = lookup.Item?.userId as string | undefined;
    if (userId === undefined) return undefined;
    const profile = await db.doc.send(
      new GetCommand({ TableName: db.mainTable, Key: { PK: `USER#${userId}`, SK: 'PROFILE' } }),
    );
    return profile.Item;
  }

  it('P-HOOK-3 user.created and user.updated keep the local profile and its workspace copies in sync, once per message', async () => {
    const clerkId = `user_${randomUUID().slice(0, 8)}`;
    const email = uniqueEmail('clerk');
    const created = userEvent('user.created', userData(clerkId, email));
    const headers = svixHeaders(created);
    expect((await deliver(created, headers)).json<{ outcome: string }>().outcome).toBe('user-created');
    expect(await profileOf(email)).toMatchObject({ email, displayName: 'Ada Lovelace' });
    // The same message again (Svix retries with the same id) creates nothing more.
    expect((await deliver(created, svixHeaders(created, { id: headers['svix-id'] }))).json()).toMatchObject({
      outcome: 'duplicate',
    });
    const session = await signIn(t.app, email);

    const newEmail = uniqueEmail('clerk-new');
    const updated = userEvent('user.updated', userData(clerkId, newEmail, 'Ada', 'King'));
    expect((await deliver(updated, svixHeaders(updated))).json<{ outcome: string }>().outcome).toBe(
      'profile-updated',
    );
    expect(await profileOf(newEmail)).toMatchObject({ email: newEmail, displayName: 'Ada King' });
    expect(await profileOf(email)).toBeUndefined();
    // The workspace's member list follows the profile, and says so in its audit log.
    const members = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/members`,
      headers: as(session),
    });
    expect(members.json<{ items: unknown[] }>().items).toEqual([
      expect.objectContaining({ userId: session.userId, email: newEmail, displayName: 'Ada King' }),
    ]);
    const audit = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/audit`,
      headers: as(session),
    });
    expect(audit.body).toContain('member.profile_updated');
  });

  it('never links a Clerk account to an existing account by email alone', async () => {
    const existing = await signIn(t.app);
    const body = userEvent('user.created', userData(`user_${randomUUID().slice(0, 8)}`, existing.email));
    expect((await deliver(body, svixHeaders(body))).json<{ outcome: string }>().outcome).toBe('email-in-use');
    expect((await profileOf(existing.email))?.id).toBe(existing.userId);
  });

  it('user.deleted starts the account deletion and signs it out everywhere (sessions and its API keys)', async () => {
    const clerkId = `user_${randomUUID().slice(0, 8)}`;
    const email = uniqueEmail('leaving');
    const created = userEvent('user.created', userData(clerkId, email));
    await deliver(created, svixHeaders(created));
    const first = await signIn(t.app, email);
    const second = await signIn(t.app, email);
    const key = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${first.workspaceId}/api-keys`,
      headers: as(first),
      payload: { name: 'export script', scopes: ['incidents:read'] },
    });
    expect(key.statusCode).toBe(201);
    const secret = key.json<{ secret: string }>().secret;
    const bearer = { authorization: `Bearer ${secret}` };
    const incidents = `/v1/workspaces/${first.workspaceId}/incidents`;
    expect((await t.app.inject({ method: 'GET', url: incidents, headers: bearer })).statusCode).toBe(200);

    const deleted = userEvent('user.deleted', { id: clerkId, deleted: true });
    expect((await deliver(deleted, svixHeaders(deleted))).json<{ outcome: string }>().outcome).toBe(
      'deletion-started',
    );
    for (const session of [first, second]) {
      expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: as(session) })).statusCode).toBe(
        401,
      );
    }
    expect((await t.app.inject({ method: 'GET', url: incidents, headers: bearer })).statusCode).toBe(401);
    expect(await profileOf(email)).toHaveProperty('deletionRequestedAt');
  });

  it('P-HOOK-1 refuses forged, tampered, stale (±301 s) and unsigned Clerk deliveries, changing nothing', async () => {
    const email = uniqueEmail('forged');
    const body = userEvent('user.created', userData(`user_${randomUUID().slice(0, 8)}`, email));
    // Read the clock for each delivery: on a loaded machine the earlier ones can take seconds.
    const nowSeconds = () => Math.floor(Date.now() / 1000);
    const attempts = [
      await deliver(body, svixHeaders(body, { secret: `whsec_${randomBytes(24).toString('base64')}` })),
      await deliver(body.replace(email, uniqueEmail('attacker')), svixHeaders(body)),
      await deliver(body, svixHeaders(body, { timestamp: nowSeconds() - 301 })),
      await deliver(body, svixHeaders(body, { timestamp: nowSeconds() + 301 })),
      await deliver(body, { 'content-type': 'application/json' }),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(400);
      expect(response.json<{ code: string }>().code).toBe('invalid_signature');
    }
    expect(await profileOf(email)).toBeUndefined();
    // Unhandled types are acknowledged.
    const other = JSON.stringify({ object: 'event', type: 'session.created', data: { id: 'sess_1' } });
    expect((await deliver(other, svixHeaders(other))).json<{ outcome: string }>().outcome).toBe('ignored');
  });
});

describe('Clerk webhooks interrupted', () => {
  let t: TestApp;
  let armed: string | undefined;
  beforeAll(async () => {
    t = await createTestApp({
      env: { CLERK_WEBHOOK_SECRET },
      overrides: {
        webhookFaults: (point) => {
          if (armed !== point) return;
          armed = undefined;
          throw new Error('injected fault');
        },
      },
    });
  });
  afterAll(async () => {
    await t.app.close();
  });

  describe('P-HOOK-4 P-RIGHT-3 a user.deleted cut short at any point, then retried, starts the account deletion exactly once', () => {
    it.each(['after-verify', 'during-effect', 'after-commit', 'before-response'] as const)(
      'cut short at %s',
      async (point) => {
        const clerkId = `user_${randomUUID().slice(0, 8)}`;
        const email = uniqueEmail('retry');
        const created = userEvent('user.created', userData(clerkId, email));
        await t.app.inject({
          method: 'POST',
          url: '/webhooks/clerk',
          headers: svixHeaders(created),
          payload: created,
        });
        const session = await signIn(t.app, email);
        const notices = async () =>
          (await readMailbox(email)).filter((mail) => mail.subject.includes('scheduled for deletion'));
        const deleted = userEvent('user.deleted', { id: clerkId, deleted: true });
        const headers = svixHeaders(deleted);
        armed = point;
        const cut = await t.app.inject({ method: 'POST', url: '/webhooks/clerk', headers, payload: deleted });
        expect(cut.statusCode).toBe(500);
        const isCommitted = point === 'after-commit' || point === 'before-response';
        const request = await getDeletionStatus(t.app.deps, session.userId);
        expect(request.state).toBe(isCommitted ? 'pending' : 'active');
        if (point === 'after-commit') {
          // Committed with the notice queued, but the follow-up (sign-out, hiding, sending) never ran.
          expect(
            (await t.app.inject({ method: 'GET', url: '/v1/me', headers: as(session) })).statusCode,
          ).toBe(200);
          expect(await notices()).toHaveLength(0);
        }
        const retried = await t.app.inject({
          method: 'POST',
          url: '/webhooks/clerk',
          headers,
          payload: deleted,
        });
        expect(retried.statusCode).toBe(200);
        expect(retried.json<{ outcome: string }>().outcome).toBe(
          isCommitted ? 'duplicate' : 'deletion-started',
        );
        // Once more, for good measure: still nothing new.
        const again = await t.app.inject({
          method: 'POST',
          url: '/webhooks/clerk',
          headers,
          payload: deleted,
        });
        expect(again.json<{ outcome: string }>().outcome).toBe('duplicate');

        expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: as(session) })).statusCode).toBe(
          401,
        );
        const status = await getDeletionStatus(t.app.deps, session.userId);
        expect(status).toMatchObject({ state: 'pending', workspaces: [{ outcome: 'workspace' }] });
        if (isCommitted) expect(status.requestedAt).toBe(request.requestedAt);
        expect(await notices()).toHaveLength(1);
      },
    );
  });
});
