import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

jest.setTimeout(90_000);

/** Every route of the library that only reads, as an integrator's key would call it. */
const READ_PATHS = [
  '/library/search?q=court',
  '/library/search',
  '/library/content/court-preparation-checklist',
  '/library/additions',
  '/library/checklists',
];

describe('the library:read API-key scope', () => {
  let t: TestApp;
  let owner: Session;
  const createKey = async (scopes: string[]) => {
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: as(owner),
      payload: { name: `Library ${scopes.join(' ')}`, scopes },
    });
    expect(created.statusCode).toBe(201);
    return { authorization: `Bearer ${created.json<{ secret: string }>().secret}` };
  };
  const get = (headers: Record<string, string>, path: string) =>
    t.app.inject({ method: 'GET', url: `/v1/workspaces/${owner.workspaceId}${path}`, headers });

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AUTH-5 a key with library:read reads the library (200); one without it gets 403', async () => {
    const withScope = await createKey(['library:read']);
    const withoutScope = await createKey(['incidents:read', 'documents:read']);
    for (const path of READ_PATHS) {
      expect([path, (await get(withScope, path)).statusCode]).toEqual([path, 200]);
      const refused = await get(withoutScope, path);
      expect([path, refused.statusCode]).toEqual([path, 403]);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    const item = await get(withScope, '/library/content/court-preparation-checklist');
    expect(item.json<{ id: string }>().id).toBe('court-preparation-checklist');
  });

  it('library:read carries no other permission: no library writes, no incidents', async () => {
    const key = await createKey(['library:read']);
    const added = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/library/checklists`,
      headers: key,
      payload: { source: 'holdfast', itemId: 'court-preparation-checklist' },
    });
    expect(added.statusCode).toBe(403);
    expect((await get(key, '/incidents')).statusCode).toBe(403);
    expect((await get(key, '/communications')).statusCode).toBe(403);
  });

  it('P-ISO-1 a library:read key of one workspace gets 404 in another', async () => {
    const key = await createKey(['library:read']);
    const other = await signIn(t.app);
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${other.workspaceId}/library/search?q=court`,
      headers: key,
    });
    expect(response.statusCode).toBe(404);
  });
});
