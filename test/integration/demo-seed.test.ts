import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { getProgress } from '@holdfast/api/modules/credentials/activity-service';
import { getNext, getProgress as getPracticeProgress } from '@holdfast/api/modules/practice/progress';
import { seedDemo } from '@holdfast/scripts/seed-demo';
import { createTestApp, type TestApp } from '../support/harness.js';

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
    expect(progress.allocations.some((allocation) => allocation.lines.length >= 2)).toBe(true);

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
  });
});
