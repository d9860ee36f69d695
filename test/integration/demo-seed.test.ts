import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getAllocations, getProgress } from '@holdfast/api/modules/credentials/activity-service';
import { getNext, getProgress as getPracticeProgress } from '@holdfast/api/modules/practice/progress';
import { listCommunications } from '@holdfast/api/modules/communications/service';
import { listIncidents } from '@holdfast/api/modules/journal/service';
import { listAuditEntries } from '@holdfast/api/platform/audit/audit-log';
import { CHECK_IN } from '@holdfast/api/modules/wellbeing/schema';
import { listRecords } from '@holdfast/api/modules/wellbeing/service';
import { DEMO_INVITEE_EMAIL, seedDemo } from '@holdfast/scripts/seed-demo';
import { createTestApp, readMailbox, type TestApp } from '../support/harness.js';

/** The weekday and hh:mm of an instant, in a zone. */
function wallClock(iso: string, timeZone: string): { weekday: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    weekday: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: part('weekday'), time: `${part('hour')}:${part('minute')}` };
}

// The whole demo (incidents, documents, check-ins, weeks of practice) goes through the services.
jest.setTimeout(120_000);

describe('the demo seed', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('gives the demo person a CA LMFT and a TX LPC with CE activities counting toward them, once', async () => {
    const first = await seedDemo(t.app.deps);
    const progress = await getProgress(t.app.deps, first.workspaceId);
    expect(progress.licenses.map((license) => license.label).sort()).toEqual([
      expect.stringContaining('CA LMFT'),
      expect.stringContaining('TX LPC'),
    ]);
    for (const license of progress.licenses) expect(license.total.earned).toBeGreaterThan(0);
    // Law and ethics counts for both licenses: the allocation explains it.
    const { allocations } = await getAllocations(t.app.deps, first.workspaceId);
    expect(allocations.some((allocation) => allocation.lines.length >= 2)).toBe(true);

    const second = await seedDemo(t.app.deps);
    expect(second.isNew).toBe(false);
    expect((await getProgress(t.app.deps, first.workspaceId)).licenses).toHaveLength(2);
  });

  it('gives the demo person weeks of practice: charts with data, a mastery level and recommendations', async () => {
    const seeded = await seedDemo(t.app.deps);
    const caller = {
      tenantId: seeded.workspaceId,
      userId: seeded.userId,
      actor: { type: 'user' as const, id: seeded.userId, label: seeded.email },
    };
    const progress = await getPracticeProgress(t.app.deps, caller);
    expect(progress.weeks.filter((week) => week.attempts > 0).length).toBeGreaterThanOrEqual(4);
    expect(progress.activeDaysLast28).toBeGreaterThan(10);
    expect(progress.activeDaysLast28).toBeLessThan(28);
    expect(progress.retention.cards).toBeGreaterThan(10);
    expect(progress.skills.find((skill) => skill.skillId === 'biff-replies')?.level).toBe('proficient');
    const next = await getNext(t.app.deps, caller, {});
    expect(next.items.some((item) => item.kind === 'review')).toBe(true);

    // The history is written in the order it happened, so the audit log reads newest first.
    const audit = await listAuditEntries(t.app.deps.db, seeded.workspaceId, { limit: 100 });
    const practiceTimes = audit.items
      .filter((entry) => entry.action.startsWith('practice.'))
      .map((entry) => Date.parse(entry.at));
    expect(practiceTimes.length).toBeGreaterThan(20);
    expect(practiceTimes).toEqual([...practiceTimes].sort((a, b) => b - a));
  });

  it('dates each incident on the weekday its narrative names, has the demo person send the invite, and spreads check-ins over the day', async () => {
    const seed = await seedDemo(t.app.deps);
    const incidents = (await listIncidents(t.app.deps, seed.workspaceId, { limit: 100 })).items;
    const named = { Friday: 0, Sunday: 0, Wednesday: 0 };
    for (const incident of incidents) {
      const { weekday } = wallClock(incident.occurredAt, incident.timeZone ?? 'America/Chicago');
      for (const day of ['Friday', 'Sunday', 'Wednesday'] as const) {
        if (!incident.narrative.startsWith(day) && !incident.narrative.includes(`${day} `)) continue;
        expect(`${day}: ${weekday}`).toBe(`${day}: ${day}`);
        named[day] += 1;
      }
      if (incident.category === 'school') expect(['Saturday', 'Sunday']).not.toContain(weekday);
    }
    expect(named).toEqual({ Friday: 1, Sunday: 1, Wednesday: 1 });

    const invites = await readMailbox(DEMO_INVITEE_EMAIL);
    const invite = invites.at(-1);
    expect(invite?.body.text ?? '').toContain(seed.email);
    expect(invite?.body.text ?? '').not.toContain('demo seed');

    // The audit log a newcomer opens names the demo person as the author of what they see.
    const audit = await listAuditEntries(t.app.deps.db, seed.workspaceId, { limit: 100 });
    expect(audit.items.length).toBeGreaterThan(10);
    expect(new Set(audit.items.map((entry) => `${entry.actor.type}:${entry.actor.label}`))).toEqual(
      new Set([`user:${seed.email}`]),
    );

    const caller = {
      tenantId: seed.workspaceId,
      userId: seed.userId,
      actor: { type: 'user' as const, id: seed.userId, label: seed.email },
    };
    const checkIns = (await listRecords(t.app.deps, caller, CHECK_IN, { limit: 100 })).items;
    const times = new Set(checkIns.map((item) => wallClock(String(item.occurredAt), 'America/Chicago').time));
    expect(times.size).toBeGreaterThanOrEqual(5);
  }, 60_000);

  it('logs the messages its incidents speak of, linked to them, once', async () => {
    const seed = await seedDemo(t.app.deps);
    const messages = (await listCommunications(t.app.deps, seed.workspaceId, { limit: 25 })).items;
    expect(messages.map((message) => message.direction).sort()).toEqual([
      'received',
      'sent',
      'sent',
      'sent',
      'sent',
    ]);
    // The newest incident records three unanswered winter-break messages; they sit beside it.
    const winter = (await listIncidents(t.app.deps, seed.workspaceId, { tag: 'holidays', limit: 1 }))
      .items[0];
    const linked = messages.filter(
      (message) => winter !== undefined && message.linkedIncidentIds.includes(winter.id),
    );
    expect(linked.map((message) => wallClock(message.occurredAt, message.timeZone).time).sort()).toEqual([
      '12:15',
      '20:00',
      '20:30',
    ]);
    for (const message of messages)
      expect(Date.parse(message.occurredAt)).toBeLessThan(t.app.deps.now().getTime());

    await seedDemo(t.app.deps);
    expect((await listCommunications(t.app.deps, seed.workspaceId, { limit: 25 })).items).toHaveLength(5);
  });
});
