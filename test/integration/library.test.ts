import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { listContentProblems, SHIPPED_ITEMS } from '@holdfast/api/modules/library/content';
import { libraryData } from '@holdfast/api/modules/library/data';
import { getAddition } from '@holdfast/api/modules/library/repo';
import { purgeAccount } from '@holdfast/api/modules/privacy/purge';
import { addMember, as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

const DAY_MS = 24 * 60 * 60 * 1000;
type Item = {
  id: string;
  kind: string;
  title: string;
  version: number;
  steps?: { id?: string; text: string }[];
};
type Checklist = {
  id: string;
  version: number;
  doneCount: number;
  totalCount: number;
  steps: { id: string; done: boolean; doneAt?: string }[];
};

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
  const send = (
    method: 'POST' | 'PATCH' | 'DELETE',
    path: string,
    payload?: object,
    session: Session = owner,
  ) =>
    t.app.inject({
      method,
      url: url(path, session),
      headers: as(session),
      ...(payload === undefined ? {} : { payload }),
    });
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

  it('lists the templates that start a message draft, shipped and the workspace’s own', async () => {
    const mine = await send('POST', '/additions', {
      kind: 'template',
      title: 'Holiday swap request',
      body: '',
      template: { target: 'draft', text: 'Could we swap [date] for [date]?' },
    });
    expect(mine.statusCode).toBe(201);
    const { id } = mine.json<Item>();

    const drafts = await search('target=draft&limit=100');
    expect(drafts.items.every((hit) => hit.kind === 'template')).toBe(true);
    const ids = drafts.items.map((hit) => hit.id);
    expect(ids).toEqual(
      expect.arrayContaining(['biff-reply-template', 'schedule-change-request-template', id]),
    );
    expect(ids).not.toContain('incident-entry-template');
    // With words too, only draft templates come back.
    const swap = await search('q=swap&target=draft');
    expect(swap.items.map((hit) => hit.id)).toContain(id);
    expect((await search('q=incident&target=draft')).items.map((hit) => hit.id)).not.toContain(
      'incident-entry-template',
    );
    // Articles never start anything.
    expect((await search('kind=article&target=draft')).items).toEqual([]);
    expect((await get('/search?target=email')).statusCode).toBe(400);
    expect((await send('DELETE', `/additions/${id}`)).statusCode).toBe(204);
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

  it('keeps the workspace’s own resources, templates and checklists, searchable with the shipped ones', async () => {
    const created = await send('POST', '/additions', {
      kind: 'article',
      title: 'Our exchange spot',
      body: 'Exchanges happen at the Riverside library car park on Fridays at six.',
      tags: [' Exchange ', 'exchange', 'Friday'],
    });
    expect(created.statusCode).toBe(201);
    const article = created.json<Item & { tags: string[]; source: string }>();
    expect(article.source).toBe('workspace');
    expect(article.tags).toEqual(['exchange', 'friday']);

    const found = await search('q=riverside');
    expect(found.items.map((hit) => hit.id)).toEqual([article.id]);
    // Another workspace's search never sees it.
    const theirs = await t.app.inject({
      method: 'GET',
      url: url('/search?q=riverside', outsider),
      headers: as(outsider),
    });
    expect(theirs.json<SearchResult>().items).toEqual([]);

    const patched = await send('PATCH', `/additions/${article.id}`, {
      version: 1,
      title: 'Our Friday exchange spot',
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json<Item>().version).toBe(2);
    const stale = await send('PATCH', `/additions/${article.id}`, { version: 1, title: 'Stale' });
    expect(stale.statusCode).toBe(409);
    expect((await search('q=riverside')).items[0]?.title).toBe('Our Friday exchange spot');

    expect(
      (await send('POST', '/additions', { kind: 'checklist', title: 'No steps', body: '' })).statusCode,
    ).toBe(400);
    expect(
      (await send('POST', '/additions', { kind: 'template', title: 'No template', body: '' })).statusCode,
    ).toBe(400);
    expect((await send('POST', '/additions', { kind: 'article', title: '   ', body: 'x' })).statusCode).toBe(
      400,
    );
    const template = await send('POST', '/additions', {
      kind: 'template',
      title: 'Pickup from school',
      body: '',
      template: { target: 'incident', category: 'school', text: 'School pickup at [time].' },
    });
    expect(template.statusCode).toBe(201);

    expect((await get(`/additions/${article.id}`, outsider)).statusCode).toBe(404);
    expect((await send('DELETE', `/additions/${article.id}`, undefined, outsider)).statusCode).toBe(404);
    expect((await send('DELETE', `/additions/${article.id}`)).statusCode).toBe(204);
    expect((await get(`/additions/${article.id}`)).statusCode).toBe(404);
    expect((await send('DELETE', `/additions/${article.id}`)).statusCode).toBe(404);
    expect((await search('q=riverside')).items).toEqual([]);
  });

  it('copies a checklist into the workspace and ticks it off with progress and versions', async () => {
    const copied = await send('POST', '/checklists', { source: 'holdfast', itemId: 'handover-checklist' });
    expect(copied.statusCode).toBe(201);
    const checklist = copied.json<Checklist>();
    expect(checklist.doneCount).toBe(0);
    expect(checklist.totalCount).toBe(6);

    const ticked = await send('POST', `/checklists/${checklist.id}/ticks`, {
      version: 1,
      doneStepIds: ['pack', 'confirm'],
    });
    expect(ticked.statusCode).toBe(200);
    const after = ticked.json<Checklist>();
    expect(after.doneCount).toBe(2);
    expect(after.version).toBe(2);
    const packedAt = after.steps.find((step) => step.id === 'pack')?.doneAt;
    expect(packedAt).toBeDefined();

    const stale = await send('POST', `/checklists/${checklist.id}/ticks`, { version: 1, doneStepIds: [] });
    expect(stale.statusCode).toBe(409);
    const unknown = await send('POST', `/checklists/${checklist.id}/ticks`, {
      version: 2,
      doneStepIds: ['nope'],
    });
    expect(unknown.statusCode).toBe(400);
    const more = (
      await send('POST', `/checklists/${checklist.id}/ticks`, {
        version: 2,
        doneStepIds: ['pack', 'on-time'],
      })
    ).json<Checklist>();
    expect(more.doneCount).toBe(2);
    // A step keeps the time it was first ticked.
    expect(more.steps.find((step) => step.id === 'pack')?.doneAt).toBe(packedAt);
    expect(more.steps.find((step) => step.id === 'confirm')?.done).toBe(false);

    // Only checklists can be copied; another workspace's checklist is not there.
    expect(
      (await send('POST', '/checklists', { source: 'holdfast', itemId: 'biff-reply-examples' })).statusCode,
    ).toBe(404);
    expect((await get(`/checklists/${checklist.id}`, outsider)).statusCode).toBe(404);
    expect(
      (await send('POST', `/checklists/${checklist.id}/ticks`, { version: 3, doneStepIds: [] }, outsider))
        .statusCode,
    ).toBe(404);

    const own = await send('POST', '/additions', {
      kind: 'checklist',
      title: 'Before court',
      body: '',
      steps: [{ text: 'Print the report' }, { text: 'Charge the phone' }],
    });
    const ownCopy = (
      await send('POST', '/checklists', { source: 'workspace', itemId: own.json<Item>().id })
    ).json<Checklist>();
    expect(ownCopy.steps.map((step) => step.id)).toEqual(['step-1', 'step-2']);
    const list = (await get('/checklists')).json<{ items: Checklist[] }>();
    expect(list.items.map((item) => item.id)).toEqual(expect.arrayContaining([checklist.id, ownCopy.id]));
  });

  it('lets a viewer read the library but not change it', async () => {
    const viewer = await addMember(t.app, owner, 'viewer');
    const read = await t.app.inject({ method: 'GET', url: url('/search?q=court'), headers: as(viewer) });
    expect(read.statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: url('/checklists'),
      headers: as(viewer),
      payload: { source: 'holdfast', itemId: 'handover-checklist' },
    });
    expect(write.statusCode).toBe(403);
  });

  it('P-RIGHT-1 the export holds the workspace’s additions and checklists', async () => {
    const scope = {
      tenantId: owner.workspaceId,
      userId: owner.userId,
      role: 'owner' as const,
      workspaceName: 'w',
    };
    const tables = libraryData.exportWorkspace?.(t.app.deps, scope) ?? [];
    const rowsOf = async (name: string) => {
      const rows: Record<string, unknown>[] = [];
      const table = tables.find((tb) => tb.name === name);
      if (table === undefined) throw new Error(`no ${name} table`);
      for await (const row of table.rows()) rows.push(row);
      return rows;
    };
    expect((await rowsOf('library-additions')).map((row) => row.title)).toEqual(
      expect.arrayContaining(['Pickup from school', 'Before court']),
    );
    expect((await rowsOf('library-checklists')).length).toBeGreaterThanOrEqual(2);
  });
});

describe('library purge', () => {
  it('P-RIGHT-3 the account purge removes the workspace’s library items', async () => {
    let offsetMs = 0;
    const t = await createTestApp({
      env: { SESSION_TTL_DAYS: '90' },
      overrides: { now: () => new Date(Date.now() + offsetMs) },
    });
    try {
      const owner = await signIn(t.app);
      const created = await t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/library/additions`,
        headers: as(owner),
        payload: { kind: 'article', title: 'A note', body: 'Kept until the purge.' },
      });
      const { id } = created.json<Item>();
      expect(await getAddition(t.app.deps.db, owner.workspaceId, id)).toBeDefined();
      const deletion = await t.app.inject({
        method: 'POST',
        url: '/v1/account/deletion',
        headers: as(owner),
        payload: { confirmation: 'DELETE' },
      });
      expect(deletion.statusCode).toBe(202);
      offsetMs = 31 * DAY_MS;
      expect(await purgeAccount(t.app.deps, owner.userId)).toBe('purged');
      expect(await getAddition(t.app.deps.db, owner.workspaceId, id)).toBeUndefined();
    } finally {
      await t.app.close();
    }
  });
});
