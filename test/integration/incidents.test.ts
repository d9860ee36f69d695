import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { as, createTestApp, incidentBody, signIn, type Session, type TestApp } from '../support/harness.js';

type Incident = {
  id: string;
  version: number;
  narrative: string;
  tags: string[];
  deletedAt?: string;
  occurredAt: string;
  childrenPresent: string[];
  category: string;
};

describe('journal incidents', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const base = () => `/v1/workspaces/${owner.workspaceId}`;
  const create = async (overrides: Record<string, unknown> = {}, session: Session = owner) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/incidents`,
      headers: as(session),
      payload: incidentBody(overrides),
    });
    expect(response.statusCode).toBe(201);
    return response.json<Incident>();
  };

  it('creates, reads and lists an incident', async () => {
    const incident = await create({ narrative: 'Exchange at 6pm did not happen.' });
    expect(incident.version).toBe(1);
    const read = await t.app.inject({
      method: 'GET',
      url: `${base()}/incidents/${incident.id}`,
      headers: as(owner),
    });
    expect(read.json<Incident>().narrative).toBe('Exchange at 6pm did not happen.');
    const list = await t.app.inject({ method: 'GET', url: `${base()}/incidents`, headers: as(owner) });
    expect(list.json<{ items: Incident[] }>().items.map((i) => i.id)).toContain(incident.id);
  });

  it('P-RIGHT-2 every field can be corrected; a stale version gets 409 with the current version', async () => {
    const incident = await create();
    const corrections = {
      occurredAt: '2026-10-04T08:00:00-05:00',
      timeZone: 'America/New_York',
      category: 'communication',
      location: 'Phone call',
      peopleInvolved: ['Grandparent'],
      childrenPresent: ['Leo'],
      narrative: 'Corrected account.',
      witnesses: [],
      tags: ['phone'],
      followUpNeeded: true,
    };
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/incidents/${incident.id}`,
      headers: as(owner),
      payload: { version: 1, ...corrections },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Incident>()).toMatchObject({ ...corrections, version: 2 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/incidents/${incident.id}`,
      headers: as(owner),
      payload: { version: 1, narrative: 'Lost update' },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ code: string; currentVersion: number }>()).toMatchObject({
      code: 'version_conflict',
      currentVersion: 2,
    });
    const after = await t.app.inject({
      method: 'GET',
      url: `${base()}/incidents/${incident.id}`,
      headers: as(owner),
    });
    expect(after.json<Incident>().narrative).toBe('Corrected account.');
    // The corrected time also moves the incident in the by-date index.
    const onNewDay = await t.app.inject({
      method: 'GET',
      url: `${base()}/incidents?from=${encodeURIComponent('2026-10-04T12:00:00Z')}&to=${encodeURIComponent('2026-10-04T13:30:00Z')}`,
      headers: as(owner),
    });
    expect(onNewDay.json<{ items: Incident[] }>().items.map((i) => i.id)).toEqual([incident.id]);
  });

  it('soft-deletes and restores', async () => {
    const incident = await create();
    expect(
      (
        await t.app.inject({
          method: 'DELETE',
          url: `${base()}/incidents/${incident.id}`,
          headers: as(owner),
        })
      ).statusCode,
    ).toBe(204);
    const live = await t.app.inject({
      method: 'GET',
      url: `${base()}/incidents?limit=100`,
      headers: as(owner),
    });
    expect(live.json<{ items: Incident[] }>().items.map((i) => i.id)).not.toContain(incident.id);
    const trash = await t.app.inject({
      method: 'GET',
      url: `${base()}/incidents?deleted=true`,
      headers: as(owner),
    });
    expect(trash.json<{ items: Incident[] }>().items.map((i) => i.id)).toContain(incident.id);
    const editDeleted = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/incidents/${incident.id}`,
      headers: as(owner),
      payload: { version: 2, narrative: 'x' },
    });
    expect(editDeleted.statusCode).toBe(409);
    const restored = await t.app.inject({
      method: 'POST',
      url: `${base()}/incidents/${incident.id}/restore`,
      headers: as(owner),
    });
    expect(restored.statusCode).toBe(200);
    expect(restored.json<Incident>().deletedAt).toBeUndefined();
  });

  it('filters by date range, category, child and tag, and pages with a cursor', async () => {
    const person = await signIn(t.app);
    const days = ['2026-09-01', '2026-09-02', '2026-09-03', '2026-09-04', '2026-09-05'];
    for (const [index, day] of days.entries()) {
      await create(
        {
          occurredAt: `${day}T10:00:00-05:00`,
          category: index % 2 === 0 ? 'medical' : 'school',
          childrenPresent: index < 2 ? ['Maya'] : ['Leo'],
          tags: [`t${index}`],
        },
        person,
      );
    }
    const url = `/v1/workspaces/${person.workspaceId}/incidents`;
    const get = async (query: string) =>
      (await t.app.inject({ method: 'GET', url: `${url}?${query}`, headers: as(person) })).json<{
        items: Incident[];
        nextCursor?: string;
      }>();
    expect((await get('category=medical')).items).toHaveLength(3);
    expect((await get('child=Maya')).items).toHaveLength(2);
    expect((await get('tag=t3')).items).toHaveLength(1);
    expect(
      (
        await get(
          `from=${encodeURIComponent('2026-09-02T00:00:00Z')}&to=${encodeURIComponent('2026-09-04T23:59:59Z')}`,
        )
      ).items,
    ).toHaveLength(3);

    const first = await get('limit=2');
    expect(first.items.map((i) => i.occurredAt.slice(0, 10))).toEqual(['2026-09-05', '2026-09-04']);
    expect(first.nextCursor).toBeDefined();
    const second = await get(`limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.items.map((i) => i.occurredAt.slice(0, 10))).toEqual(['2026-09-03', '2026-09-02']);
    const third = await get(`limit=2&cursor=${encodeURIComponent(second.nextCursor ?? '')}`);
    expect(third.items).toHaveLength(1);
    expect(third.nextCursor).toBeUndefined();

    const filteredPage = await get('category=medical&limit=1');
    expect(filteredPage.nextCursor).toBeDefined();
    const wrongQuery = await t.app.inject({
      method: 'GET',
      url: `${url}?category=school&limit=1&cursor=${encodeURIComponent(filteredPage.nextCursor ?? '')}`,
      headers: as(person),
    });
    expect(wrongQuery.statusCode).toBe(400);
    expect(wrongQuery.json<{ code: string }>().code).toBe('invalid_cursor');
    const otherTenant = await t.app.inject({
      method: 'GET',
      url: `${base()}/incidents?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      headers: as(owner),
    });
    expect(otherTenant.statusCode).toBe(400);
    const tamperedResponse = await t.app.inject({
      method: 'GET',
      url: `${url}?limit=2&cursor=${encodeURIComponent(`A${first.nextCursor ?? ''}`)}`,
      headers: as(person),
    });
    expect(tamperedResponse.statusCode).toBe(400);
  });

  it('groups the timeline by the day in the incident’s own time zone', async () => {
    const person = await signIn(t.app);
    // 23:30 in Chicago on Oct 10 is already Oct 11 in UTC: it belongs to Oct 10.
    await create({ occurredAt: '2026-10-10T23:30:00-05:00', timeZone: 'America/Chicago' }, person);
    await create({ occurredAt: '2026-10-10T09:00:00-05:00', timeZone: 'America/Chicago' }, person);
    await create({ occurredAt: '2026-10-12T09:00:00-05:00', timeZone: 'America/Chicago' }, person);
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${person.workspaceId}/timeline`,
      headers: as(person),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ days: { date: string; incidents: Incident[] }[]; isTruncated: boolean }>();
    expect(body.days.map((d) => [d.date, d.incidents.length])).toEqual([
      ['2026-10-12', 1],
      ['2026-10-10', 2],
    ]);
    expect(body.isTruncated).toBe(false);
  });

  it('refuses an unknown time zone, unknown fields and wrong types with field errors', async () => {
    const badZone = await t.app.inject({
      method: 'POST',
      url: `${base()}/incidents`,
      headers: as(owner),
      payload: incidentBody({ timeZone: 'Mars/Olympus' }),
    });
    expect(badZone.statusCode).toBe(400);
    expect(badZone.json<{ errors: { field: string }[] }>().errors[0]?.field).toBe('timeZone');
    const unknown = await t.app.inject({
      method: 'POST',
      url: `${base()}/incidents`,
      headers: as(owner),
      payload: incidentBody({ mood: 'angry' }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<{ errors: { field: string; message: string }[] }>().errors).toContainEqual({
      field: 'body',
      message: 'has a field that is not part of this request',
    });
    expect(unknown.body).not.toContain('mood');
    const wrongType = await t.app.inject({
      method: 'POST',
      url: `${base()}/incidents`,
      headers: as(owner),
      payload: incidentBody({ followUpNeeded: 'perhaps', narrative: '' }),
    });
    expect(wrongType.statusCode).toBe(400);
    const fields = wrongType.json<{ errors: { field: string }[] }>().errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['followUpNeeded', 'narrative']));
  });

  it('replays an Idempotency-Key retry without creating a second incident', async () => {
    const person = await signIn(t.app);
    const url = `/v1/workspaces/${person.workspaceId}/incidents`;
    const headers = { ...as(person), 'idempotency-key': 'retry-0001-abcdef' };
    const first = await t.app.inject({
      method: 'POST',
      url,
      headers,
      payload: incidentBody({ narrative: 'Only once' }),
    });
    const retry = await t.app.inject({
      method: 'POST',
      url,
      headers,
      payload: incidentBody({ narrative: 'Only once' }),
    });
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<Incident>().id).toBe(first.json<Incident>().id);
    const list = await t.app.inject({ method: 'GET', url, headers: as(person) });
    expect(list.json<{ items: Incident[] }>().items).toHaveLength(1);
    const reused = await t.app.inject({
      method: 'POST',
      url,
      headers,
      payload: incidentBody({ narrative: 'Something else' }),
    });
    expect(reused.statusCode).toBe(409);
    expect(reused.json<{ code: string }>().code).toBe('idempotency_conflict');
  });
});
