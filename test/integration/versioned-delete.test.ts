import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { buildVersionedDelete } from '@holdfast/api/platform/db/updates';
import { createId } from '@holdfast/api/platform/db/ids';
import { SK, tenantPk } from '@holdfast/api/platform/db/keys';
import { createTestApp, type TestApp } from '../support/harness.js';

describe('a delete at the version read (buildVersionedDelete in platform/db/updates.ts)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('deletes the item at the version read; a stale version or a missing item fails the condition', async () => {
    const { db } = t.app.deps;
    const key = { PK: tenantPk(createId()), SK: SK.summary(createId()) };
    await db.doc.send(new PutCommand({ TableName: db.mainTable, Item: { ...key, version: 2 } }));
    const remove = (expectedVersion: number) =>
      db.doc.send(
        new TransactWriteCommand({ TransactItems: [buildVersionedDelete(db, key, expectedVersion)] }),
      );
    const read = async () =>
      (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: key, ConsistentRead: true }))).Item;

    await expect(remove(1)).rejects.toThrow(/ConditionalCheckFailed/u);
    expect(await read()).toEqual({ ...key, version: 2 });
    await remove(2);
    expect(await read()).toBeUndefined();
    // Already gone: the same delete again fails rather than passing silently.
    await expect(remove(2)).rejects.toThrow(/ConditionalCheckFailed/u);
  });
});
