import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { queryPrefixFilteredPage } from '@holdfast/api/platform/db/query';
import { createId } from '@holdfast/api/platform/db/ids';
import { SK, SK_PREFIX, tenantPk } from '@holdfast/api/platform/db/keys';
import { createTestApp, type TestApp } from '../support/harness.js';

describe('a filtered page of a partition prefix (queryPrefixFilteredPage in platform/db/query.ts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('fills a page across several Queries, and the cursor resumes where the page stopped', async () => {
    const { db } = t.app.deps;
    const pk = tenantPk(createId());
    // 60 items, newest last; only 4 pass the filter, spread so the first Query (25 items, newest
    // first: 59 down to 35) finds one and the second the rest.
    const matching = [50, 20, 10, 5];
    const sk = (index: number) => SK.ceCompletion(String(index).padStart(3, '0'));
    for (let index = 0; index < 60; index += 1)
      await db.doc.send(
        new PutCommand({
          TableName: db.mainTable,
          Item: { PK: pk, SK: sk(index), index, status: matching.includes(index) ? 'pending' : 'declined' },
        }),
      );
    const filter = {
      expression: '#status = :status',
      names: { '#status': 'status' },
      values: { ':status': 'pending' },
    };
    const send = jest.spyOn(db.doc, 'send');
    const queries = () => send.mock.calls.filter(([command]) => command instanceof QueryCommand).length;
    try {
      const query = { pk, prefix: SK_PREFIX.ceCompletion, filter, isNewestFirst: true, isConsistent: true };
      const first = await queryPrefixFilteredPage(db, query, { limit: 3 });
      expect(first.items.map((item) => item.index)).toEqual([50, 20, 10]);
      expect(queries()).toBe(2);
      // The cursor is the last item returned, not the last one read: 5 was read and is still to come.
      expect(first.lastKey).toEqual({ PK: pk, SK: sk(10) });

      const second = await queryPrefixFilteredPage(db, query, {
        limit: 3,
        ...(first.lastKey === undefined ? {} : { startKey: first.lastKey }),
      });
      expect(second.items.map((item) => item.index)).toEqual([5]);
      // Read to the end: no further page.
      expect(second.lastKey).toBeUndefined();
    } finally {
      send.mockRestore();
    }
  });
  /** Writes `count` items under the completion prefix of a new partition; `extra` adds attributes. */
  async function seedPartition(count: number, extra: (index: number) => Record<string, unknown>) {
    const { db } = t.app.deps;
    const pk = tenantPk(createId());
    const sk = (index: number) => SK.ceCompletion(String(index).padStart(3, '0'));
    for (let index = 0; index < count; index += 1)
      await db.doc.send(
        new PutCommand({ TableName: db.mainTable, Item: { PK: pk, SK: sk(index), index, ...extra(index) } }),
      );
    return { pk, sk };
  }

  it('with a projection, each item carries its keys and the attributes named, and the cursor still resumes', async () => {
    const { db } = t.app.deps;
    const { pk, sk } = await seedPartition(6, (index) => ({
      status: index % 2 === 0 ? 'pending' : 'declined',
      // An attribute a list leaves in the table, as feedback leaves its screenshot.
      bytes: new Uint8Array(2048).fill(index),
    }));
    const query = {
      pk,
      prefix: SK_PREFIX.ceCompletion,
      isNewestFirst: true,
      isConsistent: true,
      // A filter with names of its own beside the projection's, on an attribute not projected.
      filter: {
        expression: '#status = :status',
        names: { '#status': 'status' },
        values: { ':status': 'pending' },
      },
      projection: ['index'],
    };
    const first = await queryPrefixFilteredPage(db, query, { limit: 2 });
    expect(first.items).toEqual([
      { PK: pk, SK: sk(4), index: 4 },
      { PK: pk, SK: sk(2), index: 2 },
    ]);
    expect(first.lastKey).toEqual({ PK: pk, SK: sk(2) });
    const second = await queryPrefixFilteredPage(db, query, {
      limit: 2,
      ...(first.lastKey === undefined ? {} : { startKey: first.lastKey }),
    });
    expect(second.items).toEqual([{ PK: pk, SK: sk(0), index: 0 }]);
    expect(second.lastKey).toBeUndefined();
  });

  it('without a filter, pages every item of the prefix, whole unless a projection is named', async () => {
    const { db } = t.app.deps;
    const { pk, sk } = await seedPartition(5, (index) => ({ note: `n${index}` }));
    const query = { pk, prefix: SK_PREFIX.ceCompletion, isConsistent: true };
    const first = await queryPrefixFilteredPage(db, query, { limit: 3 });
    expect(first.items.map((item) => item.note)).toEqual(['n0', 'n1', 'n2']);
    expect(first.lastKey).toEqual({ PK: pk, SK: sk(2) });
    const rest = await queryPrefixFilteredPage(
      db,
      { ...query, projection: ['note'] },
      {
        limit: 3,
        ...(first.lastKey === undefined ? {} : { startKey: first.lastKey }),
      },
    );
    expect(rest.items).toEqual([
      { PK: pk, SK: sk(3), note: 'n3' },
      { PK: pk, SK: sk(4), note: 'n4' },
    ]);
    expect(rest.lastKey).toBeUndefined();
  });

  it('refuses a filter that uses a placeholder of the projection, which would read another attribute', () => {
    const query = {
      pk: tenantPk(createId()),
      prefix: SK_PREFIX.ceCompletion,
      filter: { expression: 'attribute_exists(#projected0)', names: { '#projected0': 'status' }, values: {} },
      projection: ['index'],
    };
    expect(() => queryPrefixFilteredPage(t.app.deps.db, query, { limit: 1 })).toThrow('#projected0');
  });
});
