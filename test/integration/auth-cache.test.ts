import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCountingDb, type CountingDb } from '../support/counting-db.js';
import {
  addMember,
  as,
  createTestApp,
  incidentBody,
  signIn,
  testConfig,
  type Session,
  type TestApp,
} from '../support/harness.js';

/**
 * Two API instances on the same tables, as behind a load balancer, each with its own in-process
 * copy of sessions, memberships and API keys, and one clock the test moves by hand.
 */
describe('sessions, memberships and API keys cached per instance', () => {
  let clock = Date.now();
  const now = () => new Date(clock);
  let a: TestApp;
  let b: TestApp;
  let dbA: CountingDb;
  let dbB: CountingDb;
  let owner: Session;
  let incidentUrl: string;

  /** Past the cache's time to live (5 s), without sleeping. */
  const passTtl = () => {
    clock += 5_001;
  };
  const get = (t: TestApp, url: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    dbA = createCountingDb(testConfig());
    dbB = createCountingDb(testConfig());
    a = await createTestApp({ overrides: { db: dbA.db, now } });
    b = await createTestApp({ overrides: { db: dbB.db, now } });
    owner = await signIn(a.app);
    const created = await a.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: as(owner),
      payload: incidentBody(),
    });
    expect(created.statusCode).toBe(201);
    incidentUrl = `/v1/workspaces/${owner.workspaceId}/incidents/${created.json<{ id: string }>().id}`;
  });
  afterAll(async () => {
    await a.app.close();
    await b.app.close();
    dbA.db.destroy();
    dbB.db.destroy();
  });

  it('a signed-in read of one item makes one DynamoDB call in the steady state, on either instance', async () => {
    for (const [t, counter] of [
      [a, dbA],
      [b, dbB],
    ] as const) {
      expect((await get(t, incidentUrl, as(owner))).statusCode).toBe(200);
      counter.reset();
      expect((await get(t, incidentUrl, as(owner))).statusCode).toBe(200);
      expect(counter.calls()).toEqual(['GetItemCommand']);
    }
  });

  it('a sign-out is refused at once where it was made and within the TTL on the other instance', async () => {
    const person = await signIn(a.app);
    const me = (t: TestApp) => get(t, '/v1/me', { cookie: person.cookie });
    expect((await me(a)).statusCode).toBe(200);
    expect((await me(b)).statusCode).toBe(200);
    const signedOut = await a.app.inject({ method: 'POST', url: '/v1/auth/sign-out', headers: as(person) });
    expect(signedOut.statusCode).toBe(204);
    expect((await me(a)).statusCode).toBe(401);
    // Instance B still holds its copy, for at most the TTL…
    expect((await me(b)).statusCode).toBe(200);
    passTtl();
    // …then reads the session again and finds it gone.
    expect((await me(b)).statusCode).toBe(401);
  });

  it('a removed member is refused at once where removed and within the TTL elsewhere', async () => {
    const member = await addMember(a.app, owner, 'member');
    expect((await get(a, incidentUrl, as(member))).statusCode).toBe(200);
    expect((await get(b, incidentUrl, as(member))).statusCode).toBe(200);
    const removed = await a.app.inject({
      method: 'DELETE',
      url: `/v1/workspaces/${owner.workspaceId}/members/${member.userId}`,
      headers: as(owner),
    });
    expect(removed.statusCode).toBe(204);
    expect((await get(a, incidentUrl, as(member))).statusCode).toBe(404);
    expect((await get(b, incidentUrl, as(member))).statusCode).toBe(200);
    passTtl();
    expect((await get(b, incidentUrl, as(member))).statusCode).toBe(404);
  });

  it('a changed role applies at once where changed and within the TTL elsewhere', async () => {
    const admin = await addMember(a.app, owner, 'admin');
    const keysUrl = `/v1/workspaces/${owner.workspaceId}/api-keys`;
    expect((await get(a, keysUrl, as(admin))).statusCode).toBe(200);
    expect((await get(b, keysUrl, as(admin))).statusCode).toBe(200);
    const changed = await a.app.inject({
      method: 'PATCH',
      url: `/v1/workspaces/${owner.workspaceId}/members/${admin.userId}`,
      headers: as(owner),
      payload: { role: 'viewer' },
    });
    expect(changed.statusCode).toBe(200);
    expect((await get(a, keysUrl, as(admin))).statusCode).toBe(403);
    expect((await get(b, keysUrl, as(admin))).statusCode).toBe(200);
    passTtl();
    expect((await get(b, keysUrl, as(admin))).statusCode).toBe(403);
  });

  it('a revoked API key is refused at once where revoked and within the TTL elsewhere', async () => {
    const created = await a.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: as(owner),
      payload: { name: 'Sync', scopes: ['incidents:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { apiKey, secret } = created.json<{ apiKey: { id: string }; secret: string }>();
    const bearer = { authorization: `Bearer ${secret}` };
    expect((await get(a, incidentUrl, bearer)).statusCode).toBe(200);
    expect((await get(b, incidentUrl, bearer)).statusCode).toBe(200);
    // Steady state with a key: the item only (the last-used time is written at most once a minute).
    dbB.reset();
    expect((await get(b, incidentUrl, bearer)).statusCode).toBe(200);
    expect(dbB.calls()).toEqual(['GetItemCommand']);
    const revoked = await a.app.inject({
      method: 'DELETE',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys/${apiKey.id}`,
      headers: as(owner),
    });
    expect(revoked.statusCode).toBe(204);
    expect((await get(a, incidentUrl, bearer)).statusCode).toBe(401);
    expect((await get(b, incidentUrl, bearer)).statusCode).toBe(200);
    passTtl();
    expect((await get(b, incidentUrl, bearer)).statusCode).toBe(401);
  });

  it('concurrent reads after the TTL share one read of each copy, and a write to another item does not discard them', async () => {
    const countReads = () => dbB.calls().filter((call) => call === 'GetItemCommand').length;
    // What one read costs once every copy has expired: the item and each copy it needs.
    passTtl();
    dbB.reset();
    expect((await get(b, incidentUrl, as(owner))).statusCode).toBe(200);
    const copies = countReads() - 1;
    expect(copies).toBeGreaterThan(0);

    passTtl();
    dbB.reset();
    const reads = await Promise.all(Array.from({ length: 10 }, () => get(b, incidentUrl, as(owner))));
    expect(reads.map((read) => read.statusCode)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(countReads()).toBe(10 + copies);

    // A write of another item (a new incident) while the copies are being read again…
    passTtl();
    const [created] = await Promise.all([
      b.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/incidents`,
        headers: as(owner),
        payload: incidentBody(),
      }),
      ...Array.from({ length: 5 }, () => get(b, incidentUrl, as(owner))),
    ]);
    expect(created?.statusCode).toBe(201);
    // …leaves them kept: the next read costs the item alone.
    dbB.reset();
    expect((await get(b, incidentUrl, as(owner))).statusCode).toBe(200);
    expect(dbB.calls()).toEqual(['GetItemCommand']);
  });
});
