// The progress read answers from each license cycle's tally (hours per format and per required
// topic), which activity writes keep by adding their difference. These prove the tally equals the
// computation over every activity: in process for many generated histories, and through the API
// against DynamoDB Local for histories of creates, edits and deletes with a license edited midway.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { commitWithAudit } from '@holdfast/api/platform/audit/audit-log';
import { buildPutActivity, listAllActivities } from '@holdfast/api/modules/credentials/activity-repo';
import type { Activity } from '@holdfast/api/modules/credentials/activity-schema';
import {
  computeProgressFromTally,
  differenceOf,
  tallyActivities,
  tallyShapeOf,
  type CycleTally,
} from '@holdfast/api/modules/credentials/cycle-tally';
import { describeRenewal, listLicenses } from '@holdfast/api/modules/credentials/license-service';
import { computeLicenseProgress } from '@holdfast/api/modules/credentials/progress';
import type { License } from '@holdfast/api/modules/credentials/schema';
import { readTallies, storeTallies } from '@holdfast/api/modules/credentials/tally-repo';
import {
  prepareTallyWrites,
  TalliesMoved,
  throwIfTalliesMoved,
} from '@holdfast/api/modules/credentials/tally-service';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

const FORMATS = ['live-in-person', 'live-online', 'self-study'] as const;
/** Names the CA LMFT rule uses, an override's own topic, one no rule names, in varied spelling. */
const TOPICS = ['Law and ethics', ' law AND ethics', 'Telehealth', 'TELEHEALTH ', 'Cooking'];
const CAP_KINDS = ['max-self-study', 'max-online', 'max-asynchronous', 'max-distance-learning'];

const quarters = (max: number) => fc.integer({ min: 1, max: max * 4 }).map((n) => n / 4);
const date = fc
  .integer({ min: 0, max: 4 * 365 })
  .map((offset) => new Date(Date.UTC(2024, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
const activityFields = fc.record({
  completedOn: date,
  hours: quarters(12),
  format: fc.constantFrom(...FORMATS),
  topics: fc
    .uniqueArray(fc.constantFrom(...TOPICS), {
      maxLength: 3,
      selector: (topic) => topic.trim().toLowerCase(),
    })
    .chain((names) => fc.tuple(...names.map((topic) => quarters(4).map((hours) => ({ topic, hours }))))),
});
type Fields = Pick<Activity, 'completedOn' | 'hours' | 'format' | 'topics'>;
/** A history: each step creates an activity, or edits or deletes the one at `at` (modulo the count). */
const history = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('create' as const), fields: activityFields }),
    fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), fields: activityFields }),
    fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  ),
  { maxLength: 60 },
);
const limits = fc.uniqueArray(
  fc.record({
    kind: fc.constantFrom(...CAP_KINDS),
    hours: fc.integer({ min: 0, max: 80 }).map((n) => n / 4),
  }),
  { maxLength: 3, selector: (limit) => limit.kind },
);

function licenseWith(overrideLimits: { kind: string; hours: number }[]): License {
  return {
    id: 'license-1',
    jurisdiction: 'CA',
    credentialType: 'LMFT',
    number: 'T-1',
    issuedOn: '2020-03-01',
    expiresOn: '2026-08-31',
    firstLicensedOn: null,
    supervisorStatus: 'none',
    status: 'active',
    notes: '',
    overrides: { topics: [{ topic: 'Telehealth', hours: 3 }], limits: overrideLimits },
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    createdBy: 'user-1',
    version: 1,
  };
}

function toActivity(id: number, fields: Fields): Activity {
  return {
    id: `activity-${String(id).padStart(4, '0')}`,
    title: 'Course',
    provider: '',
    notes: '',
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
    createdBy: 'user-1',
    version: 1,
    ...fields,
  };
}

function addDifference(tally: CycleTally, before: Activity | undefined, after: Activity | undefined): void {
  const delta = differenceOf(tally, before, after);
  for (const format of FORMATS) tally.formatHours[format] += delta.formatHours[format] ?? 0;
  for (const [topic, hours] of Object.entries(delta.topicHours))
    tally.topicHours[topic] = (tally.topicHours[topic] ?? 0) + hours;
}

describe('CE cycle tallies equal the computation over every activity', () => {
  it('in process: a tally kept by differences over a history answers as the full computation', () => {
    fc.assert(
      fc.property(history, limits, (steps, overrideLimits) => {
        const license = licenseWith(overrideLimits);
        const renewal = describeRenewal(license);
        const shape = tallyShapeOf(renewal);
        if (shape === undefined || !renewal.cycles.isKnown)
          throw new Error('the test license has a known cycle');
        const tally = tallyActivities(shape, []);
        let activities: Activity[] = [];
        let next = 0;
        for (const step of steps) {
          if (step.kind === 'create') {
            const created = toActivity((next += 1), step.fields);
            activities.push(created);
            addDifference(tally, undefined, created);
            continue;
          }
          const current = activities[step.at % Math.max(1, activities.length)];
          if (current === undefined) continue;
          if (step.kind === 'delete') {
            activities = activities.filter((a) => a.id !== current.id);
            addDifference(tally, current, undefined);
          } else {
            const edited = { ...current, ...step.fields, version: current.version + 1 };
            activities = activities.map((a) => (a.id === current.id ? edited : a));
            addDifference(tally, current, edited);
          }
        }
        expect(tally).toEqual(tallyActivities(shape, activities));
        const today = '2026-01-15';
        const fromTally = computeProgressFromTally(license, renewal, renewal.cycles.current, tally, today);
        const full = computeLicenseProgress(license, renewal, activities, today);
        if (fromTally !== undefined) expect(fromTally).toEqual(full);
        else {
          // Only a self-study cap after a cap over self-study and live online that excluded hours.
          const kinds = renewal.requirements.limits.map((l) => l.kind);
          const isDistance = (kind: string) => kind === 'max-online' || kind === 'max-distance-learning';
          const isSelfStudy = (kind: string) => kind === 'max-self-study' || kind === 'max-asynchronous';
          const excluding = new Set(full.capped.map((c) => c.kind));
          expect(
            kinds.some(
              (kind, index) =>
                isDistance(kind) && excluding.has(kind) && kinds.slice(index + 1).some(isSelfStudy),
            ),
          ).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  describe('through the API, against DynamoDB Local', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(async () => {
      await t.app.close();
    });

    async function expectProgressExact(person: Session): Promise<void> {
      const response = await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${person.workspaceId}/credentials/progress`,
        headers: as(person),
      });
      expect(response.statusCode).toBe(200);
      const { deps } = t.app;
      const [licenses, activities] = await Promise.all([
        listLicenses(deps, person.workspaceId),
        listAllActivities(deps.db, person.workspaceId, { isConsistent: true }),
      ]);
      const today = deps.now().toISOString().slice(0, 10);
      expect(response.json<{ licenses: unknown[] }>().licenses).toEqual(
        licenses.map((license) =>
          computeLicenseProgress(license, describeRenewal(license), activities, today),
        ),
      );
    }

    it('an activity write and a tally rebuild cannot both commit from the same read of the tallies', async () => {
      const person = await signIn(t.app);
      const { deps } = t.app;
      const base = `/v1/workspaces/${person.workspaceId}/credentials`;
      const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
      const created = await t.app.inject({
        method: 'POST',
        url: `${base}/licenses`,
        headers: as(person),
        payload: {
          jurisdiction: 'CA',
          credentialType: 'LMFT',
          number: 'CA-2',
          issuedOn: inDays(-900),
          expiresOn: inDays(200),
        },
      });
      const license = created.json<{ id: string; version: number }>();
      await expectProgressExact(person);
      const activity = toActivity(1, {
        completedOn: inDays(-10),
        hours: 2,
        format: 'live-online',
        topics: [],
      });
      const actor = { type: 'user' as const, id: person.userId, label: 'test' };
      const event = {
        actor,
        action: 'ce-activity.created',
        target: { type: 'ce-activity', id: activity.id },
      };

      // The write read the tallies; then a renewal and a read rebuilt them: its commit must fail.
      const staleWrites = await prepareTallyWrites(deps, person.workspaceId, { after: activity });
      const renewed = await t.app.inject({
        method: 'PATCH',
        url: `${base}/licenses/${license.id}`,
        headers: as(person),
        payload: { version: license.version, expiresOn: inDays(150) },
      });
      expect(renewed.statusCode).toBe(200);
      await expectProgressExact(person);
      const sent = [buildPutActivity(deps.db, person.workspaceId, activity), ...staleWrites];
      const failure = await commitWithAudit(deps.db, person.workspaceId, sent, event).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(() => throwIfTalliesMoved(failure, sent, staleWrites)).toThrow(TalliesMoved);

      // A rebuild read the guard; then an activity was written: the rebuild must not be stored.
      const read = await readTallies(deps.db, person.workspaceId);
      const fresh = [buildPutActivity(deps.db, person.workspaceId, activity)];
      fresh.push(...(await prepareTallyWrites(deps, person.workspaceId, { after: activity })));
      await commitWithAudit(deps.db, person.workspaceId, fresh, event);
      expect(
        await storeTallies(deps.db, person.workspaceId, read, { tallies: read.tallies, goneLicenseIds: [] }),
      ).toBe(false);
      await expectProgressExact(person);
    });

    it('histories of creates, edits and deletes, with reads between and a license edited midway', async () => {
      const samples = fc.sample(
        fc.array(
          history.chain((steps) => fc.constant(steps)),
          { minLength: 1, maxLength: 1 },
        ),
        {
          numRuns: 3,
          seed: 15,
        },
      );
      for (const [steps = []] of samples) {
        const person = await signIn(t.app);
        const base = `/v1/workspaces/${person.workspaceId}/credentials`;
        const send = async (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
          t.app.inject({
            method,
            url: `${base}${url}`,
            headers: as(person),
            ...(payload ? { payload } : {}),
          });
        const today = new Date();
        const inDays = (days: number) =>
          new Date(today.getTime() + days * 86_400_000).toISOString().slice(0, 10);
        const license = await send('POST', '/licenses', {
          jurisdiction: 'CA',
          credentialType: 'LMFT',
          number: 'CA-1',
          issuedOn: inDays(-900),
          expiresOn: inDays(200),
        });
        expect(license.statusCode).toBe(201);
        const licenseId = license.json<{ id: string }>().id;
        const overridden = await send('PUT', `/licenses/${licenseId}/overrides`, {
          topics: [{ topic: 'Telehealth', hours: 3 }],
          limits: [
            { kind: 'max-self-study', hours: 6 },
            { kind: 'max-online', hours: 10 },
          ],
        });
        expect(overridden.statusCode).toBe(200);
        const licenseVersion = overridden.json<{ version: number }>().version;
        await send('POST', '/licenses', {
          jurisdiction: 'TX',
          credentialType: 'LPC',
          number: 'TX-1',
          issuedOn: inDays(-500),
          expiresOn: inDays(300),
        });
        await expectProgressExact(person);
        const live: { id: string; version: number }[] = [];
        // Dates of the generated history moved so they fall around this cycle and the one before.
        const shift = (completedOn: string) =>
          inDays(Math.round((Date.parse(completedOn) - Date.parse('2027-06-01')) / 86_400_000) - 100);
        const body = (fields: Fields) => ({
          title: 'Generated course',
          ...fields,
          completedOn: shift(fields.completedOn),
          topics: fields.topics
            .map((topic) => ({ ...topic, hours: Math.min(topic.hours, fields.hours / 3) }))
            .map((topic) => ({ ...topic, hours: Math.floor(topic.hours * 4) / 4 }))
            .filter((topic) => topic.hours > 0),
        });
        for (const [index, step] of steps.slice(0, 24).entries()) {
          if (step.kind === 'create') {
            const created = await send('POST', '/activities', body(step.fields));
            expect(created.statusCode).toBe(201);
            live.push(created.json<{ id: string; version: number }>());
          } else {
            const current = live[step.at % Math.max(1, live.length)];
            if (current === undefined) continue;
            if (step.kind === 'delete') {
              expect((await send('DELETE', `/activities/${current.id}`)).statusCode).toBe(204);
              live.splice(live.indexOf(current), 1);
            } else {
              const edited = await send('PATCH', `/activities/${current.id}`, {
                version: current.version,
                ...body(step.fields),
              });
              expect(edited.statusCode).toBe(200);
              current.version = edited.json<{ version: number }>().version;
            }
          }
          if (index % 6 === 5) await expectProgressExact(person);
          if (index === 11) {
            // A renewal moves the cycle: the next read sums a new tally, later writes keep it.
            const renewed = await send('PATCH', `/licenses/${licenseId}`, {
              version: licenseVersion,
              expiresOn: inDays(150),
            });
            expect(renewed.statusCode).toBe(200);
          }
        }
        await expectProgressExact(person);
      }
    });
  });
});
