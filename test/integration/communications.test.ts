import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getCommunication } from '@holdfast/api/modules/communications/repo';
import { purgeAccount } from '@holdfast/api/modules/privacy/purge';
import { as, createTestApp, signIn, uniqueEmail, type Session, type TestApp } from '../support/harness.js';
import { messageBody as sharedMessageBody } from '../support/journal-fixtures.js';
import { readZip } from '../support/zip.js';

type Communication = {
  id: string;
  version: number;
  direction: string;
  channel: string;
  counterpart: string;
  subject: string;
  content: string;
  occurredAt: string;
  notes: { text: string; by: string }[];
  linkedIncidentIds: string[];
};

const DAY_MS = 86_400_000;

/** The shared message fixture, received in November with words these tests check. */
function messageBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return sharedMessageBody({
    occurredAt: '2026-11-03T18:05:00-06:00',
    content: 'You are late AGAIN. Typical.',
    ...overrides,
  });
}

describe('communication log', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const base = (session: Session = owner) => `/v1/workspaces/${session.workspaceId}/communications`;
  const create = async (overrides: Record<string, unknown> = {}, session: Session = owner) => {
    const response = await t.app.inject({
      method: 'POST',
      url: base(session),
      headers: as(session),
      payload: messageBody(overrides),
    });
    expect(response.statusCode).toBe(201);
    return response.json<Communication>();
  };

  it('logs, reads, lists (filtered, newest first) and deletes messages', async () => {
    const older = await create({
      occurredAt: '2026-11-01T10:00:00-06:00',
      direction: 'sent',
      content: 'Pickup at 6?',
    });
    const newer = await create();
    expect(newer).toMatchObject({
      version: 1,
      direction: 'received',
      notes: [],
      subject: '',
      linkedIncidentIds: [],
    });
    const read = await t.app.inject({ method: 'GET', url: `${base()}/${newer.id}`, headers: as(owner) });
    expect(read.json<Communication>().content).toBe('You are late AGAIN. Typical.');
    const list = await t.app.inject({ method: 'GET', url: base(), headers: as(owner) });
    const ids = list.json<{ items: Communication[] }>().items.map((c) => c.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
    const sentOnly = await t.app.inject({
      method: 'GET',
      url: `${base()}?direction=sent`,
      headers: as(owner),
    });
    expect(sentOnly.json<{ items: Communication[] }>().items.map((c) => c.id)).toEqual([older.id]);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `${base()}/${older.id}`,
      headers: as(owner),
    });
    expect(removed.statusCode).toBe(204);
    const gone = await t.app.inject({ method: 'GET', url: `${base()}/${older.id}`, headers: as(owner) });
    expect(gone.statusCode).toBe(404);
  });

  it('a sent message is corrected with versioning; a received one keeps its words and takes a note instead', async () => {
    const sent = await create({ direction: 'sent', content: 'I will be there at 6.' });
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/${sent.id}`,
      headers: as(owner),
      payload: { version: 1, content: 'I will be there at 6:15.', subject: 'Pickup' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Communication>()).toMatchObject({ content: 'I will be there at 6:15.', version: 2 });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/${sent.id}`,
      headers: as(owner),
      payload: { version: 1, content: 'Lost update' },
    });
    expect([stale.statusCode, stale.json<{ currentVersion: number }>().currentVersion]).toEqual([409, 2]);

    const received = await create();
    const rewrite = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/${received.id}`,
      headers: as(owner),
      payload: { version: 1, content: 'Softer words' },
    });
    expect([rewrite.statusCode, rewrite.json<{ code: string }>().code]).toEqual([409, 'conflict']);
    const moved = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/${received.id}`,
      headers: as(owner),
      payload: { version: 1, channel: 'email' },
    });
    expect(moved.json<Communication>()).toMatchObject({
      channel: 'email',
      content: received.content,
      version: 2,
    });
    const noted = await t.app.inject({
      method: 'POST',
      url: `${base()}/${received.id}/notes`,
      headers: as(owner),
      payload: { text: 'Sent after the exchange was moved to the library car park.' },
    });
    expect(noted.statusCode).toBe(200);
    expect(noted.json<Communication>()).toMatchObject({
      content: received.content,
      version: 2,
      notes: [{ text: 'Sent after the exchange was moved to the library car park.', by: owner.userId }],
    });
    const audit = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/audit`,
      headers: as(owner),
    });
    const actions = audit.json<{ items: { action: string }[] }>().items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['communication.created', 'communication.note_added']));
    expect(audit.body).not.toContain('library car park');
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [messageBody({ content: '   ' }), 'content'],
      [messageBody({ channel: 'pigeon' }), 'channel'],
      [messageBody({ direction: 'sideways' }), 'direction'],
      [messageBody({ occurredAt: 'yesterday' }), 'occurredAt'],
      [messageBody({ timeZone: 'Mars/Olympus' }), 'timeZone'],
      [messageBody({ counterpart: 'x'.repeat(121) }), 'counterpart'],
      [messageBody({ linkedIncidentIds: ['not an id!'] }), 'linkedIncidentIds.0'],
      [messageBody({ extra: 1 }), 'body'],
    ];
    for (const [payload, field] of cases) {
      const reply = await t.app.inject({ method: 'POST', url: base(), headers: as(owner), payload });
      expect({ field, status: reply.statusCode }).toEqual({ field, status: 400 });
      expect(reply.json<{ errors: { field: string }[] }>().errors.map((e) => e.field)).toContain(field);
    }
    const badRange = await t.app.inject({
      method: 'GET',
      url: `${base()}?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z`,
      headers: as(owner),
    });
    expect(badRange.statusCode).toBe(400);
  });

  it('another workspace’s member gets 404 for every message route', async () => {
    const message = await create();
    const outsider = await signIn(t.app, uniqueEmail('outsider'));
    const calls = [
      { method: 'GET' as const, url: base() },
      { method: 'GET' as const, url: `${base()}/${message.id}` },
      { method: 'PATCH' as const, url: `${base()}/${message.id}`, payload: { version: 1, channel: 'call' } },
      { method: 'POST' as const, url: `${base()}/${message.id}/notes`, payload: { text: 'x' } },
      { method: 'DELETE' as const, url: `${base()}/${message.id}` },
    ];
    for (const request of calls) {
      const reply = await t.app.inject({ ...request, headers: as(outsider) });
      expect({ url: request.url, status: reply.statusCode }).toEqual({ url: request.url, status: 404 });
    }
    // The outsider's own workspace does not see it either.
    const own = await t.app.inject({
      method: 'GET',
      url: `${base(outsider)}/${message.id}`,
      headers: as(outsider),
    });
    expect(own.statusCode).toBe(404);
  });

  it('P-RIGHT-1 the export holds every logged message', async () => {
    const message = await create({ content: 'Export me, verbatim.' });
    const started = await t.app.inject({ method: 'POST', url: '/v1/me/exports', headers: as(owner) });
    expect(started.statusCode).toBe(202);
    const id = started.json<{ id: string }>().id;
    let status = 'running';
    for (let i = 0; i < 200 && status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await t.app.inject({ method: 'GET', url: `/v1/me/exports/${id}`, headers: as(owner) })).json<{
        status: string;
      }>().status;
    }
    expect(status).toBe('ready');
    const download = await t.app.inject({
      method: 'GET',
      url: `/v1/me/exports/${id}/download`,
      headers: as(owner),
    });
    const dir = mkdtempSync(join(tmpdir(), 'holdfast-communications-'));
    try {
      const zipPath = join(dir, 'export.zip');
      writeFileSync(zipPath, download.rawPayload);
      const entries = await readZip(zipPath);
      const json = [...entries.entries()].find(([name]) => name.endsWith('/communications.json'));
      expect(json).toBeDefined();
      const rows = JSON.parse(json?.[1].toString('utf8') ?? '[]') as Communication[];
      expect(rows.find((row) => row.id === message.id)?.content).toBe('Export me, verbatim.');
      expect([...entries.keys()].some((name) => name.endsWith('/communications.csv'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('communication log purge', () => {
  it('P-RIGHT-3 the account purge removes the workspace’s messages', async () => {
    let offsetMs = 0;
    const t = await createTestApp({
      env: { SESSION_TTL_DAYS: '90' },
      overrides: { now: () => new Date(Date.now() + offsetMs) },
    });
    try {
      const owner = await signIn(t.app);
      const created = await t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/communications`,
        headers: as(owner),
        payload: messageBody(),
      });
      const { id } = created.json<Communication>();
      expect(await getCommunication(t.app.deps.db, owner.workspaceId, id)).toBeDefined();
      const deletion = await t.app.inject({
        method: 'POST',
        url: '/v1/account/deletion',
        headers: as(owner),
        payload: { confirmation: 'DELETE' },
      });
      expect(deletion.statusCode).toBe(202);
      offsetMs = 31 * DAY_MS;
      expect(await purgeAccount(t.app.deps, owner.userId)).toBe('purged');
      expect(await getCommunication(t.app.deps.db, owner.workspaceId, id)).toBeUndefined();
    } finally {
      await t.app.close();
    }
  });
});
