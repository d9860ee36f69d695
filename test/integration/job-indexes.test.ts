import { BatchWriteCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { backfillReminderIndex } from '@holdfast/api/modules/credentials/reminder-backfill';
import { runCeReminders } from '@holdfast/api/modules/credentials/reminders';
import { buildPutLicense } from '@holdfast/api/modules/credentials/license-repo';
import { reminderDueOf } from '@holdfast/api/modules/credentials/license-service';
import type { License } from '@holdfast/api/modules/credentials/schema';
import { runWeeklyResources } from '@holdfast/api/modules/library/weekly-resources';
import { backfillWeeklyResourcesConsent } from '@holdfast/api/modules/notifications/consent-index-repo';
import { setPreferences } from '@holdfast/api/modules/notifications/repo';
import { listWeeklyResourcesSubscribers } from '@holdfast/api/modules/notifications/service';
import { createId } from '@holdfast/api/platform/db/ids';
import { GSI2 } from '@holdfast/api/platform/db/index-keys';
import { platformPk, SK, tenantPk } from '@holdfast/api/platform/db/keys';
import { ensureTables } from '@holdfast/scripts/stack';
import { randomUUID } from 'node:crypto';
import { createCountingDb, type CountedCall, type CountingDb } from '../support/counting-db.js';
import {
  as,
  createTestApp,
  readMailbox,
  signIn,
  testConfig,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';

jest.setTimeout(240_000);

const DAY_MS = 86_400_000;
/** People (and licenses) a run does not concern, in the same table as the few it does. */
const UNCONCERNED = 300;
/**
 * Items all the other calls of a run may read together, for the two people or licenses it
 * concerns (their preferences, profile, workspaces, licenses, activities, marks, the outbox):
 * a handful each, far below the unconcerned ones a walk of everyone would read.
 */
const ITEMS_READ_BESIDES_THE_INDEX = 60;

const dateIn = (days: number, from = Date.now()) => new Date(from + days * DAY_MS).toISOString().slice(0, 10);

/** The one index Query a run starts with, and everything the run read. */
function summarise(reads: CountedCall[], indexName: string) {
  const indexReads = reads.filter((call) => call.command === 'QueryCommand' && call.indexName === indexName);
  return {
    indexItems: indexReads.reduce((sum, call) => sum + call.itemsRead, 0),
    indexQueries: indexReads.length,
    scans: reads.filter((call) => call.command === 'ScanCommand').length,
    otherItems: reads
      .filter((call) => !indexReads.includes(call))
      .reduce((sum, call) => sum + call.itemsRead, 0),
  };
}

async function batchPut(t: TestApp, items: Record<string, unknown>[]): Promise<void> {
  for (let start = 0; start < items.length; start += 25) {
    const chunk = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
    await t.app.deps.db.doc.send(
      new BatchWriteCommand({ RequestItems: { [t.app.deps.db.mainTable]: chunk } }),
    );
  }
}

describe('scheduled jobs read only the people and licenses they concern', () => {
  let t: TestApp;
  let counter: CountingDb;
  let offsetMs = 0;
  beforeAll(async () => {
    // Tables of their own, so the only people and licenses in them are this suite's.
    const tablePrefix = `job-indexes-${randomUUID().slice(0, 8)}`;
    await ensureTables(process.env.DYNAMODB_ENDPOINT ?? '', tablePrefix);
    const env = { TABLE_PREFIX: tablePrefix, SESSION_TTL_DAYS: '90' };
    counter = createCountingDb(testConfig(env));
    t = await createTestApp({
      env,
      overrides: { db: counter.db, now: () => new Date(Date.now() + offsetMs) },
    });
  });
  afterAll(async () => {
    await t.app.close();
    counter.db.destroy();
  });

  const patch = async (session: Session, url: string, payload: Record<string, unknown>) => {
    const response = await t.app.inject({ method: 'PATCH', url, headers: as(session), payload });
    expect(response.statusCode).toBe(200);
    return response.json<{ version: number }>();
  };

  describe('weekly resources: the consent index', () => {
    it('reads only the people who turned the email on, however many people there are; turning it off takes a person out', async () => {
      // Many people without the consent: profiles in the people index, some who turned the email
      // on and off again (the off write removes them from the consent index).
      const ids = Array.from({ length: UNCONCERNED }, () => createId());
      await batchPut(
        t,
        ids.map((id) => ({
          PK: platformPk('user', id),
          SK: SK.profile(),
          ...GSI2.person(id),
          entity: 'User',
          id,
          email: `${id.toLowerCase()}@unconcerned.example.test`,
          displayName: 'Unconcerned',
        })),
      );
      for (const id of ids.slice(0, 20)) {
        await setPreferences(t.app.deps.db, id, { weeklyResources: true }, new Date().toISOString());
        await setPreferences(t.app.deps.db, id, { weeklyResources: false }, new Date().toISOString());
      }
      const readers = [
        await signIn(t.app, uniqueEmail('wk-reader')),
        await signIn(t.app, uniqueEmail('wk-reader')),
      ];
      for (const reader of readers)
        await patch(reader, '/v1/me/email-preferences', { weeklyResources: true });

      counter.reset();
      const report = await runWeeklyResources(t.app.deps);
      const run = summarise(counter.reads(), 'GSI2');
      expect(report.sent).toBe(2);
      expect(run).toEqual({ indexQueries: 1, indexItems: 2, scans: 0, otherItems: expect.any(Number) });
      expect(run.otherItems).toBeLessThan(ITEMS_READ_BESIDES_THE_INDEX);

      // One turns it off: next week's run reads only the other.
      const [leaving, staying] = readers as [Session, Session];
      await patch(leaving, '/v1/me/email-preferences', { weeklyResources: false });
      offsetMs = 7 * DAY_MS;
      try {
        counter.reset();
        expect((await runWeeklyResources(t.app.deps)).sent).toBe(1);
        expect(summarise(counter.reads(), 'GSI2')).toMatchObject({
          indexQueries: 1,
          indexItems: 1,
          scans: 0,
        });
      } finally {
        offsetMs = 0;
      }
      const subjects = async (session: Session) =>
        (await readMailbox(session.email)).filter(
          (mail) => mail.subject === 'This week in the Holdfast library',
        );
      expect(await subjects(leaving)).toHaveLength(1);
      expect(await subjects(staying)).toHaveLength(2);
    });

    it('backfills consents given before the index, once, and never a person who turned the email off', async () => {
      const earlier = await signIn(t.app, uniqueEmail('wk-earlier'));
      await patch(earlier, '/v1/me/email-preferences', { weeklyResources: true });
      // Preferences as they were written before the index: the consent without its index keys.
      await t.app.deps.db.doc.send(
        new UpdateCommand({
          TableName: t.app.deps.db.mainTable,
          Key: { PK: platformPk('user', earlier.userId), SK: SK.emailPreferences() },
          UpdateExpression: 'REMOVE GSI2PK, GSI2SK',
        }),
      );
      const listed = async () => {
        const found: string[] = [];
        for await (const id of listWeeklyResourcesSubscribers(t.app.deps)) found.push(id);
        return found;
      };
      expect(await listed()).not.toContain(earlier.userId);
      expect((await backfillWeeklyResourcesConsent(t.app.deps.db)).updated).toBe(1);
      expect(await listed()).toContain(earlier.userId);
      expect((await backfillWeeklyResourcesConsent(t.app.deps.db)).updated).toBe(0);
      expect((await listed()).filter((id) => id === earlier.userId)).toHaveLength(1);
    });
  });

  describe('CE reminders: the due-day index', () => {
    const licensesUrl = (session: Session) => `/v1/workspaces/${session.workspaceId}/credentials/licenses`;
    const addLicense = async (session: Session, expiresOn: string) => {
      const response = await t.app.inject({
        method: 'POST',
        url: licensesUrl(session),
        headers: as(session),
        payload: {
          jurisdiction: 'CA',
          credentialType: 'LMFT',
          number: 'R-1',
          expiresOn,
          issuedOn: '2020-01-01',
        },
      });
      expect(response.statusCode).toBe(201);
      return response.json<{ id: string; version: number }>();
    };
    const ceMails = async (session: Session) =>
      (await readMailbox(session.email)).filter((mail) => mail.subject.includes('CE'));

    let soon: Session;
    let later: Session;
    let soonLicense: { id: string };

    it('reads only the licenses with a reminder due, however many licenses there are; a license change moves its entry', async () => {
      // Many licenses of other workspaces no run concerns today: far from their end, of an unknown
      // cycle (no expiry), or ended. Written with the same builder and due day as the service.
      const now = t.app.deps.now();
      const unconcerned = Array.from(
        { length: UNCONCERNED },
        (_, index): { tenantId: string; license: License } => {
          const at = now.toISOString();
          const expiresOn = [dateIn(400), null, dateIn(-20)][index % 3] ?? null;
          return {
            tenantId: createId(),
            license: {
              id: createId(),
              jurisdiction: 'CA',
              credentialType: 'LMFT',
              number: `U-${index}`,
              issuedOn: '2020-01-01',
              expiresOn,
              firstLicensedOn: null,
              supervisorStatus: 'none',
              status: 'active',
              notes: '',
              createdAt: at,
              updatedAt: at,
              createdBy: 'unconcerned',
              version: 1,
            },
          };
        },
      );
      await batchPut(
        t,
        unconcerned.map(({ tenantId, license }) => {
          const put = buildPutLicense(t.app.deps.db, tenantId, license, reminderDueOf(t.app.deps, license));
          return put.Put?.Item ?? {};
        }),
      );
      expect(unconcerned[0]?.tenantId).toBeDefined();

      soon = await signIn(t.app, uniqueEmail('ce-soon'));
      later = await signIn(t.app, uniqueEmail('ce-later'));
      const renewing = await signIn(t.app, uniqueEmail('ce-renewing'));
      for (const person of [soon, later, renewing])
        await patch(person, '/v1/me/email-preferences', { ceReminders: true });
      soonLicense = await addLicense(soon, dateIn(20));
      await addLicense(later, dateIn(60));
      // Renewed before the run: the new expiry moves its entry out of today's reminders.
      const renewed = await addLicense(renewing, dateIn(20));
      await patch(renewing, `${licensesUrl(renewing)}/${renewed.id}`, {
        version: renewed.version,
        expiresOn: dateIn(800),
      });
      // Deleted before the run: its entry goes with it.
      const dropped = await addLicense(renewing, dateIn(10));
      const deleted = await t.app.inject({
        method: 'DELETE',
        url: `${licensesUrl(renewing)}/${dropped.id}`,
        headers: as(renewing),
      });
      expect(deleted.statusCode).toBe(204);

      counter.reset();
      const first = await runCeReminders(t.app.deps);
      const run = summarise(counter.reads(), 'GSI1');
      expect(first).toEqual({ due: 2, sent: 2, alreadySent: 0 });
      expect(run).toEqual({ indexQueries: 1, indexItems: 2, scans: 0, otherItems: expect.any(Number) });
      expect(run.otherItems).toBeLessThan(ITEMS_READ_BESIDES_THE_INDEX);
      expect(await ceMails(renewing)).toEqual([]);

      // Safe to run again, and twice at once: each license moved on to its next step's day.
      counter.reset();
      expect(await runCeReminders(t.app.deps)).toEqual({ due: 0, sent: 0, alreadySent: 0 });
      expect(summarise(counter.reads(), 'GSI1')).toMatchObject({ indexItems: 0, scans: 0 });
      const both = await Promise.all([runCeReminders(t.app.deps), runCeReminders(t.app.deps)]);
      expect(both.map((report) => report.sent)).toEqual([0, 0]);
      expect(await ceMails(soon)).toHaveLength(1);
      expect(await ceMails(later)).toHaveLength(1);
    });

    it('sends each later step on its day, and nothing after the last', async () => {
      // 14 days on: the 20-day cycle is 6 days from its end (the 7-day step); the 60-day one is
      // 46 days from its end, its 30-day step still ahead.
      offsetMs = 14 * DAY_MS;
      try {
        counter.reset();
        expect(await runCeReminders(t.app.deps)).toEqual({ due: 1, sent: 1, alreadySent: 0 });
        expect(summarise(counter.reads(), 'GSI1')).toMatchObject({ indexItems: 1, scans: 0 });
        offsetMs = 34 * DAY_MS;
        // The 60-day cycle reaches its 30-day step; the 20-day one ended and left the index.
        counter.reset();
        expect(await runCeReminders(t.app.deps)).toEqual({ due: 1, sent: 1, alreadySent: 0 });
        expect(summarise(counter.reads(), 'GSI1')).toMatchObject({ indexItems: 1, scans: 0 });
      } finally {
        offsetMs = 0;
      }
      expect((await ceMails(soon)).map((mail) => mail.subject)).toHaveLength(2);
      expect(await ceMails(later)).toHaveLength(2);
    });

    it('puts a license on the index when the holder’s own numbers make its cycle known, and takes it off when cleared', async () => {
      const holder = await signIn(t.app, uniqueEmail('ce-overrides'));
      await patch(holder, '/v1/me/email-preferences', { ceReminders: true });
      // No cycle length in the catalogue for this license: its cycle is unknown, no reminder due.
      const response = await t.app.inject({
        method: 'POST',
        url: licensesUrl(holder),
        headers: as(holder),
        payload: {
          jurisdiction: 'MI',
          credentialType: 'LMFT',
          number: 'M-1',
          expiresOn: dateIn(20),
          issuedOn: '2020-01-01',
        },
      });
      expect(response.statusCode).toBe(201);
      const license = response.json<{ id: string }>();
      expect((await runCeReminders(t.app.deps)).due).toBe(0);
      const setNumbers = async (payload: Record<string, unknown>) => {
        const set = await t.app.inject({
          method: 'PUT',
          url: `${licensesUrl(holder)}/${license.id}/overrides`,
          headers: as(holder),
          payload,
        });
        expect(set.statusCode).toBe(200);
      };
      await setNumbers({ cycleMonths: 24, totalHours: 40 });
      expect(await runCeReminders(t.app.deps)).toEqual({ due: 1, sent: 1, alreadySent: 0 });
      expect(await ceMails(holder)).toHaveLength(1);
      // Cleared: the cycle is unknown again, and a later step's day never comes.
      await setNumbers({});
      offsetMs = 14 * DAY_MS;
      try {
        expect((await runCeReminders(t.app.deps)).due).toBe(0);
      } finally {
        offsetMs = 0;
      }
    });

    it('backfills licenses made before the index, once, and sends no reminder twice', async () => {
      // The license as it was written before the index: no due keys, never considered.
      await t.app.deps.db.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: t.app.deps.db.mainTable,
                Key: { PK: tenantPk(soon.workspaceId), SK: SK.license(soonLicense.id) },
                UpdateExpression: 'REMOVE GSI1PK, GSI1SK, remindersIndexed',
              },
            },
          ],
        }),
      );
      const before = await backfillReminderIndex(t.app.deps);
      expect(before.updated).toBe(1);
      expect((await backfillReminderIndex(t.app.deps)).updated).toBe(0);
      // Put back at its first step's day, the run finds the step it is in already sent.
      const report = await runCeReminders(t.app.deps);
      expect(report).toEqual({ due: 1, sent: 0, alreadySent: 1 });
      expect(await ceMails(soon)).toHaveLength(1 + 1);
      expect(await runCeReminders(t.app.deps)).toEqual({ due: 0, sent: 0, alreadySent: 0 });
    });
  });
});
