import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { SK, tenantPk } from '@holdfast/api/platform/db/keys';
import { as, createTestApp, signIn, testConfig, type Session, type TestApp } from '../support/harness.js';
import { createCountingDb, type CountingDb } from '../support/counting-db.js';

/**
 * The library a workspace searches is kept in memory by its library version, a count every
 * change of an addition adds one to in its own transaction. The writer never touches the copy
 * kept here, exactly as a write on another instance would not, so these tests prove that the
 * version alone keeps search current; and that with nothing changed a search reads only it.
 */

type SearchResult = { items: { id: string; title: string }[] };
type Item = { id: string; version: number };

describe('library search kept by the library version', () => {
  let t: TestApp;
  let counting: CountingDb;
  let owner: Session;
  beforeAll(async () => {
    counting = createCountingDb(testConfig());
    t = await createTestApp({ overrides: { db: counting.db } });
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    counting.db.doc.destroy();
  });

  const url = (path: string) => `/v1/workspaces/${owner.workspaceId}/library${path}`;
  const titlesFor = async (words: string): Promise<string[]> => {
    const response = await t.app.inject({
      method: 'GET',
      url: url(`/search?q=${encodeURIComponent(words)}&limit=50`),
      headers: as(owner),
    });
    expect(response.statusCode).toBe(200);
    return response.json<SearchResult>().items.map((item) => item.title);
  };
  const send = async (method: 'POST' | 'PATCH' | 'DELETE', path: string, payload?: object) => {
    const response = await t.app.inject({
      method,
      url: url(path),
      headers: as(owner),
      ...(payload ? { payload } : {}),
    });
    expect(response.statusCode).toBeLessThan(300);
    return response;
  };

  it('finds an addition as soon as it is added, changed or deleted, and reads only the version when nothing changed', async () => {
    expect(await titlesFor('zephyrine')).toEqual([]);
    const created = (
      await send('POST', '/additions', {
        kind: 'article',
        title: 'Zephyrine handover notes',
        body: 'Plain text.',
      })
    ).json<Item>();
    expect(await titlesFor('zephyrine')).toEqual(['Zephyrine handover notes']);

    counting.reset();
    expect(await titlesFor('zephyrine')).toEqual(['Zephyrine handover notes']);
    // The route's own reads (session, membership, entitlements) aside, the library costs one GetItem.
    const libraryReads = counting.calls().filter((name) => name === 'QueryCommand');
    expect(libraryReads).toEqual([]);

    await send('PATCH', `/additions/${created.id}`, {
      version: created.version,
      title: 'Quillon handover notes',
    });
    expect(await titlesFor('zephyrine')).toEqual([]);
    expect(await titlesFor('quillon')).toEqual(['Quillon handover notes']);

    await send('DELETE', `/additions/${created.id}`);
    expect(await titlesFor('quillon')).toEqual([]);
  });

  it('still finds additions written before changes were counted: without a version it reads them every time', async () => {
    const other = await signIn(t.app);
    const titles = async (words: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${other.workspaceId}/library/search?q=${words}`,
        headers: as(other),
      });
      return response.json<SearchResult>().items.map((item) => item.title);
    };
    expect(await titles('marchpane')).toEqual([]);
    const now = new Date().toISOString();
    // As an addition stored before the count existed: no LIBRARYVERSION item beside it.
    await counting.db.doc.send(
      new PutCommand({
        TableName: counting.db.mainTable,
        Item: {
          PK: tenantPk(other.workspaceId),
          SK: SK.libraryAddition('01JB0000000000000000000000'),
          entity: 'LibraryAddition',
          id: '01JB0000000000000000000000',
          kind: 'article',
          audience: 'everyone',
          title: 'Marchpane schedule',
          summary: '',
          body: 'Written before.',
          tags: [],
          version: 1,
          createdAt: now,
          updatedAt: now,
          createdBy: other.userId,
        },
      }),
    );
    expect(await titles('marchpane')).toEqual(['Marchpane schedule']);
  });
});
