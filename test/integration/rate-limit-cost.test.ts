import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createCountingDb, type CountingDb } from '../support/counting-db.js';
import { as, createTestApp, incidentBody, signIn, testConfig, type TestApp } from '../support/harness.js';

/**
 * A refused request must cost the database nothing: the per-IP limit answers before the
 * principal is resolved, and the per-tenant limit right after the (cached) membership.
 */
describe('rate limits answer before any database read', () => {
  const env = { RATE_LIMIT_PER_IP_PER_MINUTE: '6', RATE_LIMIT_PER_TENANT_PER_MINUTE: '4' };
  let t: TestApp;
  let counter: CountingDb;
  beforeAll(async () => {
    counter = createCountingDb(testConfig(env));
    t = await createTestApp({ env, overrides: { db: counter.db } });
  });
  afterAll(async () => {
    await t.app.close();
    counter.db.destroy();
  });

  it('a 429 from the per-IP limit costs no DynamoDB call, even with a session cookie', async () => {
    const person = await signIn(t.app);
    // A signed-in route outside any workspace, so only the per-IP limit applies.
    const flood = () =>
      t.app.inject({
        method: 'GET',
        url: '/v1/me',
        headers: { cookie: person.cookie },
        remoteAddress: '203.0.113.7',
      });
    for (let i = 0; i < 6; i++) expect((await flood()).statusCode).toBe(200);
    counter.reset();
    const refused = await flood();
    expect(refused.statusCode).toBe(429);
    expect(counter.calls()).toEqual([]);
  });

  it('a 429 from the per-tenant limit costs no DynamoDB call; another tenant is not refused', async () => {
    const noisy = await signIn(t.app);
    const quiet = await signIn(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${noisy.workspaceId}/incidents`,
      headers: as(noisy),
      payload: incidentBody(),
      remoteAddress: '203.0.113.8',
    });
    expect(created.statusCode).toBe(201);
    const url = `/v1/workspaces/${noisy.workspaceId}/incidents/${created.json<{ id: string }>().id}`;
    // Each read from its own address, so only the tenant's limit (4 a minute) is reached.
    const read = (n: number) =>
      t.app.inject({ method: 'GET', url, headers: as(noisy), remoteAddress: `198.51.100.${n}` });
    for (let n = 1; n <= 3; n++) expect((await read(n)).statusCode).toBe(200);
    counter.reset();
    const refused = await read(4);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    expect(counter.calls()).toEqual([]);
    const other = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${quiet.workspaceId}/incidents`,
      headers: as(quiet),
      remoteAddress: '198.51.100.50',
    });
    expect(other.statusCode).toBe(200);
  });
});
