import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { as, createTestApp, incidentBody, signIn, type TestApp } from '../support/harness.js';

type Page = { items: { action: string }[]; nextCursor?: string };

/** The audit log narrowed to changes or reads, page by page, with the filter bounded in the schema. */
describe('audit log filter', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('lists changes, reads or everything, pages each with a cursor bound to its filter, and refuses an unknown kind', async () => {
    const owner = await signIn(t.app);
    const base = `/v1/workspaces/${owner.workspaceId}`;
    await t.app.inject({
      method: 'POST',
      url: `${base}/incidents`,
      headers: as(owner),
      payload: incidentBody(),
    });
    const checkIn = await t.app.inject({
      method: 'POST',
      url: `${base}/wellbeing/check-ins`,
      headers: as(owner),
      payload: { occurredAt: '2026-11-02T08:00:00.000Z', mood: 6, anxiety: 3 },
    });
    expect(checkIn.statusCode).toBe(201);
    // Creating answers with the record, which is a read; then three listings: four read entries.
    for (let i = 0; i < 3; i += 1) {
      await t.app.inject({ method: 'GET', url: `${base}/wellbeing/check-ins`, headers: as(owner) });
    }

    const read = async (query: string) => {
      const response = await t.app.inject({
        method: 'GET',
        url: `${base}/audit?${query}`,
        headers: as(owner),
      });
      expect(response.statusCode).toBe(200);
      return response.json<Page>();
    };
    const all = await read('kind=all');
    const changes = await read('kind=changes');
    const reads = await read('kind=reads');
    expect(reads.items.map((entry) => entry.action)).toEqual([
      'wellbeing.check-in.listed',
      'wellbeing.check-in.listed',
      'wellbeing.check-in.listed',
      'wellbeing.check-in.read',
    ]);
    expect(changes.items.some((entry) => entry.action === 'incident.created')).toBe(true);
    expect(changes.items.some((entry) => entry.action.endsWith('.listed'))).toBe(false);
    expect(changes.items.length + reads.items.length).toBe(all.items.length);
    expect((await read('')).items).toEqual(all.items);

    // Paging the reads one at a time are walked one per page.
    const first = await read('kind=reads&limit=1');
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeDefined();
    const second = await read(`kind=reads&limit=1&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    expect(second.items).toHaveLength(1);

    // A cursor made for reads does not continue another filter.
    const crossed = await t.app.inject({
      method: 'GET',
      url: `${base}/audit?kind=changes&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
      headers: as(owner),
    });
    expect(crossed.statusCode).toBe(400);

    for (const bad of ['kind=writes', 'kind=', `kind=${'x'.repeat(300)}`]) {
      const response = await t.app.inject({ method: 'GET', url: `${base}/audit?${bad}`, headers: as(owner) });
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  }, 60_000);
});
