import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { platformPk, SK } from '@holdfast/api/platform/db/keys';
import { backfillPeopleIndex } from '@holdfast/api/modules/identity/people-repo';
import { listPeople } from '@holdfast/api/modules/identity/service';
import { createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

// Jobs that write to every person (the policy notice) read people through the sparse people
// index (GSI2) rather than a Scan of the whole table; profiles made before the index exist are
// added by an idempotent backfill.
describe('people index', () => {
  let t: TestApp;
  let person: Session;
  beforeAll(async () => {
    t = await createTestApp();
    person = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  async function listedIds(): Promise<string[]> {
    const ids: string[] = [];
    for await (const listed of listPeople(t.app.deps)) ids.push(listed.id);
    return ids;
  }

  it('lists a new account through a Query of the index, never a Scan', async () => {
    const db = t.app.deps.db;
    const sent: string[] = [];
    const send = db.doc.send.bind(db.doc);
    const spy = (command: Parameters<typeof send>[0]) => {
      sent.push(command.constructor.name);
      return send(command);
    };
    db.doc.send = spy as typeof db.doc.send;
    try {
      expect(await listedIds()).toContain(person.userId);
    } finally {
      db.doc.send = send;
    }
    expect(sent.length).toBeGreaterThan(0);
    expect(new Set(sent)).toEqual(new Set(['QueryCommand']));
  });

  it('adds a profile made before the index by a backfill that is safe to run again', async () => {
    // A profile as it was written before the index: without its people-index keys.
    await t.app.deps.db.doc.send(
      new UpdateCommand({
        TableName: t.app.deps.db.mainTable,
        Key: { PK: platformPk('user', person.userId), SK: SK.profile() },
        UpdateExpression: 'REMOVE GSI2PK, GSI2SK',
      }),
    );
    expect(await listedIds()).not.toContain(person.userId);

    const first = await backfillPeopleIndex(t.app.deps.db);
    expect(first.updated).toBeGreaterThanOrEqual(1);
    expect(await listedIds()).toContain(person.userId);

    // Nothing is left to add: a second run changes nothing.
    expect((await backfillPeopleIndex(t.app.deps.db)).updated).toBe(0);
    expect((await listedIds()).filter((id) => id === person.userId)).toHaveLength(1);
  });
});
