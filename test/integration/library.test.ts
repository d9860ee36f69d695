import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listContentProblems, SHIPPED_ITEMS } from '@holdfast/api/modules/library/content';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type Hit = { id: string; source: string; kind: string; title: string };
type SearchResult = { mode: string; notice?: string; disclaimer: string; items: Hit[] };

describe('library', () => {
  let t: TestApp;
  let owner: Session;
  let outsider: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
    outsider = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const url = (path: string, session: Session = owner) =>
    `/v1/workspaces/${session.workspaceId}/library${path}`;
  const get = (path: string, session: Session = owner) =>
    t.app.inject({ method: 'GET', url: url(path, session), headers: as(session) });
  const search = async (query: string): Promise<SearchResult> => {
    const response = await get(`/search?${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<SearchResult>();
  };

  it('ships at least 30 items of every kind, checked at load', () => {
    expect(SHIPPED_ITEMS.length).toBeGreaterThanOrEqual(30);
    for (const kind of ['article', 'template', 'checklist'])
      expect(SHIPPED_ITEMS.some((item) => item.kind === kind)).toBe(true);
    expect(listContentProblems([{ contentVersion: 1, collection: 'broken', items: [] }])).not.toEqual([]);
    const checklistWithoutSteps = {
      contentVersion: 1,
      collection: 'broken',
      items: [
        {
          id: 'x-1',
          kind: 'checklist',
          audience: 'everyone',
          title: 'T',
          summary: 'S',
          body: 'B',
          tags: ['t'],
        },
      ],
    };
    expect(listContentProblems([checklistWithoutSteps]).join()).toContain('steps');
  });

  it('lists the library without words and ranks by words (lexical, and says so)', async () => {
    const all = await search('limit=100');
    expect(all.items.length).toBeGreaterThanOrEqual(30);
    expect(all.mode).toBe('lexical');
    expect(all.notice).toContain('no embedding provider');
    expect(all.disclaimer).toContain('not legal');

    const gal = await search('q=guardian%20ad%20litem');
    expect(gal.items[0]?.id).toBe('what-a-guardian-ad-litem-does');

    const checklists = await search('q=court&kind=checklist');
    expect(checklists.items.length).toBeGreaterThan(0);
    expect(checklists.items.every((hit) => hit.kind === 'checklist')).toBe(true);
    expect(checklists.items.map((hit) => hit.id)).toContain('court-preparation-checklist');
  });

  it('reads one shipped item with its steps or template', async () => {
    const checklist = await get('/content/handover-checklist');
    expect(checklist.statusCode).toBe(200);
    expect(checklist.json<{ steps: unknown[] }>().steps.length).toBeGreaterThan(3);
    const template = (await get('/content/incident-entry-template')).json<{ template: { target: string } }>();
    expect(template.template.target).toBe('incident');
    expect((await get('/content/no-such-item')).statusCode).toBe(404);
  });

  it('refuses bad input with 400 and outsiders with 404', async () => {
    expect((await get('/search?limit=0')).statusCode).toBe(400);
    expect((await get(`/search?q=${'a'.repeat(201)}`)).statusCode).toBe(400);
    expect((await get('/search?kind=poem')).statusCode).toBe(400);
    expect((await get('/content/Not_A_Content_Id')).statusCode).toBe(400);
    const foreign = await t.app.inject({
      method: 'GET',
      url: url('/search', owner),
      headers: as(outsider),
    });
    expect(foreign.statusCode).toBe(404);
  });
});
