// Professional access: a person shares chosen record kinds, read-only, with an attorney, therapist,
// mediator, guardian ad litem or parenting coordinator until an end date (P-SHARE-1).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  addMember,
  addProfessional,
  as,
  createTestApp,
  incidentBody,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';

type Grant = { profession: string; kinds: string[]; endsAt: string; grantedBy: string };
type Reads = { items: { at: string; actor: { id: string }; target: { type: string; id: string } }[] };

describe('professional access', () => {
  let t: TestApp;
  let owner: Session;
  let incidentId: string;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app, uniqueEmail('sharer'));
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: as(owner),
      payload: incidentBody({ narrative: 'Shared with the attorney.' }),
    });
    incidentId = created.json<{ id: string }>().id;
  });
  afterAll(async () => {
    await t.app.close();
  });

  const base = () => `/v1/workspaces/${owner.workspaceId}`;
  const get = (session: Session, path: string) =>
    t.app.inject({ method: 'GET', url: `${base()}${path}`, headers: as(session) });
  const invite = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `${base()}/invites`, headers: as(owner), payload });

  it('P-SHARE-1 an invited professional signs in with their own account and sees the workspace under "shared with you", with 90 days by default', async () => {
    const before = Date.now();
    const attorney = await addProfessional(t.app, owner, ['incidents', 'documents']);
    const shared = await t.app.inject({ method: 'GET', url: '/v1/shared-with-me', headers: as(attorney) });
    expect(shared.statusCode).toBe(200);
    const items = shared.json<{
      items: { workspaceId: string; sharedBy: { userId: string; displayName: string }; grant: Grant }[];
    }>().items;
    expect(items).toHaveLength(1);
    expect(items[0]?.workspaceId).toBe(owner.workspaceId);
    expect(items[0]?.sharedBy.userId).toBe(owner.userId);
    expect(items[0]?.grant.kinds).toEqual(['incidents', 'documents']);
    const days = (Date.parse(items[0]?.grant.endsAt ?? '') - before) / 86_400_000;
    expect(days).toBeGreaterThan(89.99);
    expect(days).toBeLessThan(90.01);

    const workspace = (await get(attorney, '')).json<{ role: string; permissions: string[] }>();
    expect(workspace.role).toBe('professional');
    expect(workspace.permissions).toEqual(['workspace:read', 'incidents:read', 'documents:read']);
    // Their own personal workspace is theirs as before; the shared one is not part of their export.
    const mine = (await t.app.inject({ method: 'GET', url: '/v1/workspaces', headers: as(attorney) })).json<{
      items: { id: string; role: string }[];
    }>().items;
    expect(mine.find((w) => w.id === owner.workspaceId)?.role).toBe('professional');
  });

  it('P-SHARE-1 a professional reads only the kinds chosen and writes nothing (403), not even in a shared kind', async () => {
    const attorney = await addProfessional(t.app, owner, ['incidents']);
    expect((await get(attorney, `/incidents/${incidentId}`)).statusCode).toBe(200);
    expect((await get(attorney, '/incidents')).statusCode).toBe(200);
    expect((await get(attorney, '/timeline')).statusCode).toBe(200);
    for (const path of ['/communications', '/documents', '/members', '/audit', '/wellbeing/check-ins'])
      expect([path, (await get(attorney, path)).statusCode]).toEqual([path, 403]);
    const writes = [
      { method: 'POST' as const, url: `${base()}/incidents`, payload: incidentBody() },
      {
        method: 'PATCH' as const,
        url: `${base()}/incidents/${incidentId}`,
        payload: { version: 1, narrative: 'x' },
      },
      { method: 'DELETE' as const, url: `${base()}/incidents/${incidentId}` },
      {
        method: 'POST' as const,
        url: `${base()}/invites`,
        payload: { email: uniqueEmail(), role: 'viewer' },
      },
    ];
    for (const write of writes)
      expect((await t.app.inject({ ...write, headers: as(attorney) })).statusCode).toBe(403);
    const incident = (await get(owner, `/incidents/${incidentId}`)).json<{
      version: number;
      narrative: string;
    }>();
    expect(incident).toMatchObject({ version: 1, narrative: 'Shared with the attorney.' });
  });

  it('P-SHARE-1 wellbeing reaches only the records the person shared one by one, and never a write', async () => {
    const checkIn = await t.app.inject({
      method: 'POST',
      url: `${base()}/wellbeing/check-ins`,
      headers: as(owner),
      payload: { occurredAt: '2026-10-03T17:45:00-05:00', mood: 4, anxiety: 6 },
    });
    const checkInId = checkIn.json<{ id: string }>().id;
    const therapist = await addProfessional(t.app, owner, ['wellbeing'], { profession: 'therapist' });
    expect((await get(therapist, `/wellbeing/check-ins/${checkInId}`)).statusCode).toBe(404);
    const share = await t.app.inject({
      method: 'PUT',
      url: `${base()}/wellbeing/check-ins/${checkInId}/shares/${therapist.userId}`,
      headers: as(owner),
      payload: { access: 'read' },
    });
    expect(share.statusCode).toBe(200);
    expect((await get(therapist, `/wellbeing/check-ins/${checkInId}`)).statusCode).toBe(200);
    const list = (await get(therapist, '/wellbeing/check-ins?scope=shared')).json<{
      items: { id: string }[];
    }>();
    expect(list.items.map((i) => i.id)).toEqual([checkInId]);
    const write = await t.app.inject({
      method: 'POST',
      url: `${base()}/wellbeing/check-ins`,
      headers: as(therapist),
      payload: { occurredAt: '2026-10-03T17:45:00-05:00', mood: 4, anxiety: 6 },
    });
    expect(write.statusCode).toBe(403);
    expect((await get(therapist, '/wellbeing/safety-plan')).statusCode).toBe(403);
  });

  it('P-SHARE-1 every read by a professional is in the access log of the person who shared, who sees who read what and when', async () => {
    const mediator = await addProfessional(t.app, owner, ['incidents'], { profession: 'mediator' });
    const start = new Date().toISOString();
    await get(mediator, `/incidents/${incidentId}`);
    await get(mediator, '/incidents');
    await get(mediator, '/communications'); // refused: not a read, not logged
    const reads = (await get(owner, '/professional-reads?limit=100'))
      .json<Reads>()
      .items.filter((entry) => entry.actor.id === mediator.userId);
    expect(reads.map((entry) => entry.target)).toEqual([
      { type: 'incidents', id: 'list' },
      { type: 'incidents', id: incidentId },
    ]);
    for (const entry of reads) expect(entry.at >= start).toBe(true);
    // Another member of the workspace shared nothing: their log is empty.
    const member = await addMember(t.app, owner, 'member');
    expect((await get(member, '/professional-reads')).json<Reads>().items).toEqual([]);
  });

  it('P-SHARE-1 revoking answers 404 at once, like any outsider, and the share leaves their list', async () => {
    const guardian = await addProfessional(t.app, owner, ['incidents'], { profession: 'guardian-ad-litem' });
    expect((await get(guardian, `/incidents/${incidentId}`)).statusCode).toBe(200);
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `${base()}/members/${guardian.userId}`,
      headers: as(owner),
    });
    expect(revoked.statusCode).toBe(204);
    for (const path of ['', `/incidents/${incidentId}`, '/incidents'])
      expect((await get(guardian, path)).statusCode).toBe(404);
    const shared = await t.app.inject({ method: 'GET', url: '/v1/shared-with-me', headers: as(guardian) });
    expect(shared.json<{ items: unknown[] }>().items).toEqual([]);
  });

  it('P-SHARE-1 access ends at its end date: from then on 404, and it leaves the lists', async () => {
    const endsAt = new Date(Date.now() + 3_000).toISOString();
    const coordinator = await addProfessional(t.app, owner, ['incidents'], {
      profession: 'parenting-coordinator',
      endsAt,
    });
    expect((await get(coordinator, `/incidents/${incidentId}`)).statusCode).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Date.parse(endsAt) - Date.now() + 100));
    for (const path of ['', `/incidents/${incidentId}`, '/incidents'])
      expect((await get(coordinator, path)).statusCode).toBe(404);
    const shared = await t.app.inject({ method: 'GET', url: '/v1/shared-with-me', headers: as(coordinator) });
    expect(shared.json<{ items: unknown[] }>().items).toEqual([]);
    const mine = await t.app.inject({ method: 'GET', url: '/v1/workspaces', headers: as(coordinator) });
    expect(mine.json<{ items: { id: string }[] }>().items.map((w) => w.id)).not.toContain(owner.workspaceId);
  });

  it('refuses a professional invite without kinds, with unknown kinds, with an end date past or beyond a year, and a grant on another role (400)', async () => {
    const email = uniqueEmail('pro');
    const bad: Record<string, unknown>[] = [
      { email, role: 'professional' },
      { email, role: 'professional', professional: { profession: 'therapist', kinds: [] } },
      { email, role: 'professional', professional: { profession: 'therapist', kinds: ['billing'] } },
      { email, role: 'professional', professional: { profession: 'wizard', kinds: ['incidents'] } },
      {
        email,
        role: 'professional',
        professional: { profession: 'therapist', kinds: ['incidents', 'incidents'] },
      },
      {
        email,
        role: 'professional',
        professional: { profession: 'therapist', kinds: ['incidents'], endsAt: '2020-01-01T00:00:00Z' },
      },
      {
        email,
        role: 'professional',
        professional: { profession: 'therapist', kinds: ['incidents'], endsAt: '2099-01-01T00:00:00Z' },
      },
      { email, role: 'member', professional: { profession: 'therapist', kinds: ['incidents'] } },
    ];
    for (const payload of bad) {
      const reply = await invite(payload);
      expect([JSON.stringify(payload), reply.statusCode]).toEqual([JSON.stringify(payload), 400]);
      expect(reply.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('a role change can neither make nor unmake a professional (400)', async () => {
    const attorney = await addProfessional(t.app, owner, ['incidents']);
    const member = await addMember(t.app, owner, 'member');
    const patch = (userId: string, role: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `${base()}/members/${userId}`,
        headers: as(owner),
        payload: { role },
      });
    expect((await patch(attorney.userId, 'member')).statusCode).toBe(400);
    expect((await patch(member.userId, 'professional')).statusCode).toBe(400);
    expect((await get(attorney, '/incidents')).statusCode).toBe(200);
  });
});
