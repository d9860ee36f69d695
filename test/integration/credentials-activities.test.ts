import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { credentialsData } from '@holdfast/api/modules/credentials/data';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type Activity = { id: string; version: number; title: string; hours: number };
type TopicProgress = {
  topic: string;
  applies: string;
  needed: number | null;
  earned: number;
  remaining: number | null;
};
type LicenseProgress = {
  licenseId: string;
  label: string;
  daysLeft: number | null;
  isAtRisk: boolean;
  total: { needed: number | null; earned: number; remaining: number | null };
  topics: TopicProgress[];
  capped: { kind: string; capHours: number; excludedHours: number }[];
};
type Progress = { licenses: LicenseProgress[] };
type Allocations = { allocations: { activityId: string; lines: string[] }[] };

function activityBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'Ethics in telehealth',
    provider: 'CAMFT',
    completedOn: '2026-03-02',
    hours: 6,
    format: 'live-online',
    topics: [{ topic: 'Law and ethics', hours: 3 }],
    notes: 'Certificate emailed.',
    ...overrides,
  };
}

describe('credentials: CE activities and progress per license cycle', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const base = (session: Session = owner) => `/v1/workspaces/${session.workspaceId}/credentials`;
  const post = async (path: string, payload: Record<string, unknown>, session: Session = owner) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `${base(session)}/${path}`,
      headers: as(session),
      payload,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string; version: number }>();
  };
  const progress = async (session: Session = owner) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `${base(session)}/progress`,
      headers: as(session),
    });
    expect(response.statusCode).toBe(200);
    return response.json<Progress>();
  };
  const allocations = async (session: Session = owner) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `${base(session)}/allocations`,
      headers: as(session),
    });
    expect(response.statusCode).toBe(200);
    return response.json<Allocations>().allocations;
  };

  it('logs, lists, corrects and deletes activities', async () => {
    const activity = await post('activities', activityBody());
    const list = await t.app.inject({ method: 'GET', url: `${base()}/activities`, headers: as(owner) });
    expect(list.json<{ items: Activity[] }>().items.map((a) => a.id)).toContain(activity.id);
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/activities/${activity.id}`,
      headers: as(owner),
      payload: { version: 1, title: ' Ethics, corrected ', hours: 7.5 },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'Ethics, corrected', hours: 7.5, version: 2 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/activities/${activity.id}`,
      headers: as(owner),
      payload: { version: 1, hours: 4 },
    });
    expect(stale.statusCode).toBe(409);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `${base()}/activities/${activity.id}`,
      headers: as(owner),
    });
    expect(removed.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'GET',
      url: `${base()}/activities/${activity.id}`,
      headers: as(owner),
    });
    expect(gone.statusCode).toBe(404);
  });

  it('one activity counts for every license whose cycle it falls in, per topic, with the self-study cap and an explanation', async () => {
    const person = await signIn(t.app);
    const ca = await post(
      'licenses',
      {
        jurisdiction: 'CA',
        credentialType: 'LMFT',
        number: 'CA-1',
        issuedOn: '2020-01-01',
        expiresOn: '2027-06-30',
      },
      person,
    );
    // TX LPC: 24 h a cycle, 6 h of ethics, at most 1 h of self-study.
    const tx = await post(
      'licenses',
      {
        jurisdiction: 'TX',
        credentialType: 'LPC',
        number: 'TX-1',
        issuedOn: '2019-01-01',
        expiresOn: '2026-12-31',
      },
      person,
    );
    const txRule = (
      await t.app.inject({
        method: 'GET',
        url: `${base(person)}/licenses/${tx.id}/renewal`,
        headers: as(person),
      })
    ).json<{ requirements: { topics: { topic: string }[] } }>();
    const txEthics = txRule.requirements.topics[0]?.topic ?? 'missing';
    await post(
      'activities',
      activityBody({ completedOn: '2026-03-02', hours: 6, topics: [{ topic: 'Law and ethics', hours: 3 }] }),
      person,
    );
    await post(
      'activities',
      activityBody({
        title: 'Self-paced ethics',
        format: 'self-study',
        completedOn: '2026-04-01',
        hours: 4,
        topics: [{ topic: txEthics, hours: 4 }],
      }),
      person,
    );
    // Before both current cycles: counts for neither.
    await post(
      'activities',
      activityBody({ title: 'Old course', completedOn: '2020-06-01', hours: 10, topics: [] }),
      person,
    );

    const answer = await progress(person);
    const caProgress = answer.licenses.find((l) => l.licenseId === ca.id);
    const txProgress = answer.licenses.find((l) => l.licenseId === tx.id);
    expect(caProgress?.total).toEqual({ needed: 36, earned: 10, remaining: 26 });
    expect(caProgress?.topics.find((p) => p.topic === 'Law and ethics')).toMatchObject({
      needed: 6,
      earned: 3,
      remaining: 3,
      applies: 'required',
    });
    // Self-study is capped at 1 h for TX: 6 live online + 1 of the 4 self-study hours.
    expect(txProgress?.total).toEqual({ needed: 24, earned: 7, remaining: 17 });
    expect(txProgress?.capped).toEqual([{ kind: 'max-self-study', capHours: 1, excludedHours: 3 }]);
    expect(txProgress?.topics.find((p) => p.topic === txEthics)?.earned).toBe(4);
    const lines = (await allocations(person)).flatMap((a) => a.lines);
    expect(lines).toContain('6 h counted toward the total for CA LMFT and TX LPC.');
    expect(lines).toContain('3 h of Law and ethics counted for CA LMFT.');
    expect(lines).toContain('Falls in no current renewal cycle.');
  });

  it('answers 400, never 500, to bad input, naming the field', async () => {
    const bad: Record<string, unknown>[] = [
      activityBody({ title: '  ' }),
      activityBody({ hours: 0 }),
      activityBody({ hours: 201 }),
      activityBody({ hours: 1.1 }),
      activityBody({ completedOn: '2026-02-30' }),
      activityBody({ format: 'podcast' }),
      activityBody({ hours: 2, topics: [{ topic: 'Ethics', hours: 3 }] }),
      activityBody({
        topics: [
          { topic: 'Ethics', hours: 1 },
          { topic: 'ethics', hours: 1 },
        ],
      }),
      activityBody({ notes: 'x'.repeat(2001) }),
    ];
    for (const payload of bad) {
      const response = await t.app.inject({
        method: 'POST',
        url: `${base()}/activities`,
        headers: as(owner),
        payload,
      });
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
    }
    const list = await t.app.inject({
      method: 'GET',
      url: `${base()}/activities?limit=1000`,
      headers: as(owner),
    });
    expect(list.statusCode).toBe(400);
  });

  it('another workspace gets 404 for every activity route', async () => {
    const activity = await post('activities', activityBody());
    const outsider = await signIn(t.app);
    const foreign = `${base()}/activities/${activity.id}`;
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { version: 1, title: 'x' }],
      ['DELETE', undefined],
    ] as const) {
      const response = await t.app.inject({
        method,
        url: foreign,
        headers: as(outsider),
        ...(payload ? { payload } : {}),
      });
      expect({ method, status: response.statusCode }).toEqual({ method, status: 404 });
    }
    const own = await t.app.inject({
      method: 'GET',
      url: `${base(outsider)}/activities/${activity.id}`,
      headers: as(outsider),
    });
    expect(own.statusCode).toBe(404);
    expect(await allocations(outsider)).toEqual([]);
  });

  it('the export contains the activities', async () => {
    const person = await signIn(t.app);
    const activity = await post('activities', activityBody({ title: 'Exported course' }), person);
    const tables = credentialsData.exportWorkspace?.(t.app.deps, {
      tenantId: person.workspaceId,
      userId: person.userId,
      role: 'owner',
      workspaceName: 'Test',
    });
    const table = tables?.find((x) => x.name === 'ce-activities');
    const rows: Record<string, unknown>[] = [];
    for await (const row of table?.rows() ?? []) rows.push(row);
    expect(rows).toEqual([expect.objectContaining({ id: activity.id, title: 'Exported course', hours: 6 })]);
  });
});
