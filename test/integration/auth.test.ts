import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { createHash } from 'node:crypto';
import {
  as,
  createTestApp,
  readMailbox,
  readSessionCookie,
  readSignInToken,
  signIn,
  uniqueEmail,
  type TestApp,
} from '../support/harness.js';

describe('sign-in, sessions and API keys', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  const requestLink = (email: string) =>
    t.app.inject({ method: 'POST', url: '/v1/auth/magic-link', payload: { email } });
  const verify = (token: string, ageConfirmed?: boolean) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/auth/verify',
      payload: ageConfirmed === undefined ? { token } : { token, ageConfirmed },
    });

  it('P-AUTH-1 signs in by magic link; no password exists anywhere in the API', async () => {
    const email = uniqueEmail();
    expect((await requestLink(email)).statusCode).toBe(202);
    const mails = await readMailbox(email);
    expect(mails.at(-1)?.body.text).toContain('/auth/verify?token=');
    const session = await signIn(t.app, email);
    expect(session.userId).toMatch(/^[0-9A-Z]{26}$/);
    const document = JSON.stringify(t.app.swagger());
    expect(document.toLowerCase()).not.toContain('password');
    const profile = await t.app.deps.db.doc.send(
      new GetCommand({
        TableName: t.app.deps.db.mainTable,
        Key: { PK: `USER#${session.userId}`, SK: 'PROFILE' },
      }),
    );
    expect(Object.keys(profile.Item ?? {}).some((k) => k.toLowerCase().includes('password'))).toBe(false);
  });

  it('answers the same whether or not the email has an account', async () => {
    const existing = await signIn(t.app);
    const known = await requestLink(existing.email);
    const unknown = await requestLink(uniqueEmail('nobody'));
    expect(known.statusCode).toBe(unknown.statusCode);
    expect(known.json()).toEqual(unknown.json());
  });

  it('P-AUTH-2 stores the token only as a hash, and the link works once', async () => {
    const email = uniqueEmail();
    await requestLink(email);
    const token = await readSignInToken(email);
    const byRaw = await t.app.deps.db.doc.send(
      new GetCommand({
        TableName: t.app.deps.db.mainTable,
        Key: { PK: `SIGNINTOKEN#${token}`, SK: 'TOKEN' },
      }),
    );
    expect(byRaw.Item).toBeUndefined();
    const hash = createHash('sha256').update(token).digest('hex');
    const byHash = await t.app.deps.db.doc.send(
      new GetCommand({ TableName: t.app.deps.db.mainTable, Key: { PK: `SIGNINTOKEN#${hash}`, SK: 'TOKEN' } }),
    );
    expect(byHash.Item?.email).toBe(email);
    expect(JSON.stringify(byHash.Item)).not.toContain(token);
    expect((await verify(token, true)).statusCode).toBe(200);
    const again = await verify(token, true);
    expect(again.statusCode).toBe(400);
    expect(again.json<{ code: string }>().code).toBe('invalid_token');
  });

  it('P-AUTH-2 an expired link does not work', async () => {
    const later = await createTestApp({ overrides: { now: () => new Date(Date.now() + 16 * 60_000) } });
    try {
      const email = uniqueEmail();
      await requestLink(email);
      const token = await readSignInToken(email);
      const response = await later.app.inject({
        method: 'POST',
        url: '/v1/auth/verify',
        payload: { token, ageConfirmed: true },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ code: string }>().code).toBe('invalid_token');
    } finally {
      await later.app.close();
    }
  });

  it('P-AGE-1 a new account must confirm 18+; the link stays usable until they do', async () => {
    const email = uniqueEmail();
    await requestLink(email);
    const token = await readSignInToken(email);
    const refused = await verify(token);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ code: string; errors: { field: string }[] }>()).toMatchObject({
      code: 'age_confirmation_required',
      errors: [{ field: 'ageConfirmed' }],
    });
    expect(refused.cookies.find((c) => c.name === 'hf_session')).toBeUndefined();
    const declined = await verify(token, false);
    expect(declined.statusCode).toBe(400);
    const accepted = await verify(token, true);
    expect(accepted.statusCode).toBe(200);
    const profile = await t.app.deps.db.doc.send(
      new GetCommand({
        TableName: t.app.deps.db.mainTable,
        Key: { PK: `USER#${accepted.json<{ user: { id: string } }>().user.id}`, SK: 'PROFILE' },
      }),
    );
    expect(typeof profile.Item?.ageConfirmedAt).toBe('string');
  });

  it('P-AGE-1 an existing account signs in again without re-confirming', async () => {
    const session = await signIn(t.app);
    await requestLink(session.email);
    const token = await readSignInToken(session.email);
    expect((await verify(token)).statusCode).toBe(200);
  });

  it('P-AUTH-4 records sign-in times and shows them to the person', async () => {
    const session = await signIn(t.app);
    await requestLink(session.email);
    const second = await verify(await readSignInToken(session.email));
    const cookie = readSessionCookie(second);
    const response = await t.app.inject({ method: 'GET', url: '/v1/me/sign-ins', headers: { cookie } });
    expect(response.statusCode).toBe(200);
    const items = response.json<{ items: { at: string; method: string }[] }>().items;
    expect(items).toHaveLength(2);
    expect(items.every((i) => i.method === 'magic-link' && !Number.isNaN(Date.parse(i.at)))).toBe(true);
  });

  it('sign-out ends the session on the server, even for a kept copy of the cookie', async () => {
    const session = await signIn(t.app);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: session.cookie } })).statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'POST', url: '/v1/auth/sign-out', headers: as(session) })).statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: '/v1/me', headers: { cookie: session.cookie } })).statusCode,
    ).toBe(401);
  });

  it('P-AUTH-5 API keys are shown once, stored as a hash, scoped to one tenant and scopes, and revocable', async () => {
    const owner = await signIn(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: as(owner),
      payload: { name: 'Case manager sync', scopes: ['incidents:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { apiKey, secret } = created.json<{ apiKey: { id: string; prefix: string }; secret: string }>();
    expect(secret.startsWith('hf_')).toBe(true);
    const stored = await t.app.deps.db.doc.send(
      new GetCommand({
        TableName: t.app.deps.db.mainTable,
        Key: { PK: `TENANT#${owner.workspaceId}`, SK: `APIKEY#${apiKey.id}` },
      }),
    );
    expect(JSON.stringify(stored.Item)).not.toContain(secret);
    expect(stored.Item?.secretHash).toBe(createHash('sha256').update(secret).digest('hex'));
    const listed = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: as(owner),
    });
    expect(listed.body).not.toContain(secret);

    const bearer = { authorization: `Bearer ${secret}` };
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/workspaces/${owner.workspaceId}/incidents`,
          headers: bearer,
        })
      ).statusCode,
    ).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: bearer,
      payload: {},
    });
    expect(write.statusCode).toBe(403);
    const other = await signIn(t.app);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/workspaces/${other.workspaceId}/incidents`,
          headers: bearer,
        })
      ).statusCode,
    ).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: bearer })).statusCode).toBe(403);

    const afterUse = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: as(owner),
    });
    expect(afterUse.json<{ items: { lastUsedAt?: string }[] }>().items[0]?.lastUsedAt).toBeDefined();

    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `/v1/workspaces/${owner.workspaceId}/api-keys/${apiKey.id}`,
          headers: as(owner),
        })
      ).statusCode,
    ).toBe(204);
    const revoked = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: bearer,
    });
    expect(revoked.statusCode).toBe(401);
  });

  it('rejects unknown or malformed bearer keys with 401', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/v1/workspaces',
      headers: { authorization: 'Bearer hf_notarealkey' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toContain('application/problem+json');
  });

  it('limits sign-in link requests per email with 429 and Retry-After', async () => {
    const limited = await createTestApp({ env: { RATE_LIMIT_SIGN_IN_PER_15_MINUTES: '3' } });
    try {
      const email = uniqueEmail('flood');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1)
        statuses.push(
          (await limited.app.inject({ method: 'POST', url: '/v1/auth/magic-link', payload: { email } }))
            .statusCode,
        );
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
      const last = await limited.app.inject({
        method: 'POST',
        url: '/v1/auth/magic-link',
        payload: { email },
      });
      expect(last.headers['retry-after']).toBeDefined();
      expect(last.json<{ code: string }>().code).toBe('rate_limited');
    } finally {
      await limited.app.close();
    }
  });
});
