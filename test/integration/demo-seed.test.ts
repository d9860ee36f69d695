import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getProgress } from '@holdfast/api/modules/credentials/activity-service';
import { seedDemo } from '@holdfast/scripts/seed-demo';
import { createTestApp, type TestApp } from '../support/harness.js';

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
});
