import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { communicationsData } from '@holdfast/api/modules/communications/data';
import { getImportedThread } from '@holdfast/api/modules/communications/import/imported-thread-repo';
import { purgeAccount } from '@holdfast/api/modules/privacy/purge';
import { exportHolderRows } from '../support/holder-export.js';
import { addMember, as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type Preview = {
  messages: {
    line: number;
    occurredAt: string;
    direction: string;
    counterpart: string;
    subject: string;
    content: string;
    sha256: string;
  }[];
  problems: { line: number; message: string }[];
  threadSha256: string;
  alreadyImportedAt?: string;
  alreadyImportedFirstMessageId?: string;
};
type Communication = {
  id: string;
  direction: string;
  counterpart: string;
  content: string;
  occurredAt: string;
  version: number;
  createdAt: string;
  importedFrom?: { format: string; threadSha256: string; sha256: string };
};
type Problem = {
  status: number;
  code: string;
  errors?: { field: string; message: string }[];
  importedAt?: string;
  firstMessageId?: string;
};
type Imported = { items: Communication[]; threadSha256: string };

const RECEIVED = 'You are late AGAIN.  Typical.\n\nDo NOT bring him back early.';
const FIRST_BLOCK = `Sent: 10/03/2026 at 05:30 PM
From: Jordan Lee
To: Sam Lee
First Viewed: 10/03/2026 at 06:00 PM
Subject: Pickup Friday

${RECEIVED}`;
// As OurFamilyWizard's message report prints a thread, with Windows line endings.
const THREAD = `Message Report

Message 1 of 2
${FIRST_BLOCK}
----------
Message 2 of 2
Sent: 10/04/2026 at 09:15 AM
From: Sam Lee
To: Jordan Lee
Subject: Re: Pickup Friday

I will be at the school at 3:15 on Friday.
`.replace(/\n/g, '\r\n');
const CSV =
  'Date,Time,From,To,Subject,Message\n2026-11-03,17:30,Jordan Lee,Sam Lee,Pickup,"Line one\nline ""two"""\n11/04/2026,1:30 PM,Sam Lee,Jordan Lee,,OK\n';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

jest.setTimeout(90_000);

const url = (session: Session, path = '') => `/v1/workspaces/${session.workspaceId}/communications${path}`;
const body = (overrides: Record<string, unknown> = {}) => ({
  format: 'text',
  text: THREAD,
  timeZone: 'America/Chicago',
  yourName: 'sam lee',
  ...overrides,
});

describe('import of an exported message thread', () => {
  let t: TestApp;
  let owner: Session;
  const post = (session: Session, path: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: url(session, path), headers: as(session), payload });
  const listIds = async (session: Session) =>
    (await t.app.inject({ method: 'GET', url: url(session), headers: as(session) }))
      .json<{ items: Communication[] }>()
      .items.map((c) => c.id);
  const auditCount = async (session: Session) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${session.workspaceId}/audit`,
        headers: as(session),
      })
    ).json<{ items: unknown[] }>().items.length;

  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('previews a text export: each message in its own zone, sent or received by the name given, verbatim, fingerprinted; nothing is saved', async () => {
    const person = await signIn(t.app);
    const audit = await auditCount(person);
    const response = await post(person, '/import/preview', body());
    expect(response.statusCode).toBe(200);
    const preview = response.json<Preview>();
    expect(preview.problems).toEqual([]);
    expect(preview.threadSha256).toBe(sha256(THREAD));
    expect(preview.messages).toEqual([
      {
        line: 4,
        occurredAt: '2026-10-03T17:30:00-05:00',
        direction: 'received',
        counterpart: 'Jordan Lee',
        subject: 'Pickup Friday',
        content: RECEIVED,
        sha256: sha256(FIRST_BLOCK),
      },
      expect.objectContaining({
        line: 15,
        occurredAt: '2026-10-04T09:15:00-05:00',
        direction: 'sent',
        counterpart: 'Jordan Lee',
        content: 'I will be at the school at 3:15 on Friday.',
      }),
    ]);
    expect(await listIds(person)).toEqual([]);
    expect(await auditCount(person)).toBe(audit);
  });

  it('logs the whole thread at once with its fingerprints; a received message stays verbatim and shows on the timeline', async () => {
    const response = await post(owner, '/import', body({ channel: 'app-message' }));
    expect(response.statusCode).toBe(201);
    const { items, threadSha256 } = response.json<{ items: Communication[]; threadSha256: string }>();
    expect(threadSha256).toBe(sha256(THREAD));
    expect(items.map((c) => [c.direction, c.content])).toEqual([
      ['received', RECEIVED],
      ['sent', 'I will be at the school at 3:15 on Friday.'],
    ]);
    expect(items[0]?.importedFrom).toEqual({ format: 'text', threadSha256, sha256: sha256(FIRST_BLOCK) });
    const received = items[0];
    const stored = await t.app.inject({
      method: 'GET',
      url: url(owner, `/${received?.id ?? ''}`),
      headers: as(owner),
    });
    expect(stored.json<Communication>()).toMatchObject({ content: RECEIVED, importedFrom: { threadSha256 } });
    const edit = await t.app.inject({
      method: 'PATCH',
      url: url(owner, `/${received?.id ?? ''}`),
      headers: as(owner),
      payload: { version: 1, content: 'softened' },
    });
    expect(edit.statusCode).toBe(409);
    const timeline = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/timeline?from=2026-10-01T00:00:00Z&to=2026-10-31T00:00:00Z`,
      headers: as(owner),
    });
    expect(timeline.body).toContain(received?.id ?? 'missing');
    const audit = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/audit`,
      headers: as(owner),
    });
    const entry = audit
      .json<{ items: { action: string; details: Record<string, unknown> }[] }>()
      .items.find((e) => e.action === 'communication.imported');
    expect(entry?.details).toEqual({ count: 2, format: 'text', ids: items.map((c) => c.id) });
    expect(JSON.stringify(entry)).not.toContain('Typical');
  });

  it('reads a CSV export with a header row, quoted fields over several lines and a separate time column', async () => {
    const person = await signIn(t.app);
    const response = await post(person, '/import', body({ format: 'csv', text: CSV, yourName: 'Sam Lee' }));
    expect(response.statusCode).toBe(201);
    const { items } = response.json<{ items: Communication[] }>();
    expect(items.map((c) => [c.occurredAt, c.direction, c.counterpart, c.content])).toEqual([
      ['2026-11-03T17:30:00-06:00', 'received', 'Jordan Lee', 'Line one\nline "two"'],
      ['2026-11-04T13:30:00-06:00', 'sent', 'Jordan Lee', 'OK'],
    ]);
  });

  it('refuses an export with a message it cannot read, naming the line, and saves none of it', async () => {
    const person = await signIn(t.app);
    const broken = THREAD.replace('10/04/2026 at 09:15 AM', 'the next morning');
    const preview = (await post(person, '/import/preview', body({ text: broken }))).json<Preview>();
    expect(preview.problems).toEqual([{ line: 15, message: expect.stringContaining('date') }]);
    expect(preview.messages).toHaveLength(1);
    const refused = await post(person, '/import', body({ text: broken }));
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().errors).toEqual([
      { field: 'text', message: expect.stringMatching(/^line 15: /) },
    ]);
    expect(refused.body).not.toContain('Typical');
    expect(await listIds(person)).toEqual([]);
  });

  it('refuses more messages than one import holds, whole', async () => {
    const person = await signIn(t.app);
    const rows = Array.from(
      { length: 91 },
      (_, i) => `2026-10-01 10:${String(i % 60).padStart(2, '0')},Jordan Lee,Sam Lee,Message ${i}`,
    );
    const refused = await post(
      person,
      '/import',
      body({ format: 'csv', text: ['Date,From,To,Message', ...rows].join('\n') }),
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json<Problem>().errors?.[0]?.message).toMatch(/at most 90/);
    expect(await listIds(person)).toEqual([]);
  });

  it('answers bad input with 400 naming the field, never 5xx', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [body({ format: 'pdf' }), 'format'],
      [body({ text: '   ' }), 'text'],
      [body({ text: 'x'.repeat(200_001) }), 'text'],
      [body({ timeZone: 'Mars/Olympus' }), 'timeZone'],
      [body({ yourName: '' }), 'yourName'],
      [body({ channel: 'pigeon' }), 'channel'],
      [body({ extra: 1 }), 'body'],
    ];
    for (const [payload, field] of cases) {
      const response = await post(owner, '/import/preview', payload);
      expect([field, response.statusCode]).toEqual([field, 400]);
      expect(JSON.stringify(response.json<Problem>())).toContain(field);
    }
    for (const text of ['From: a\nSent: 99/99/2026 25:00\n\nx', '"unterminated,csv\n', 'no headers at all'])
      for (const format of ['text', 'csv']) {
        const response = await post(owner, '/import/preview', body({ format, text }));
        expect(response.statusCode).toBe(200);
        expect(response.json<Preview>().problems.length).toBeGreaterThan(0);
      }
  });

  it('P-ISO-1 a viewer may not import (403) and an outsider gets 404', async () => {
    const viewer = await addMember(t.app, owner, 'viewer');
    expect((await post(viewer, '/import', body())).statusCode).toBe(403);
    const outsider = await signIn(t.app);
    const response = await t.app.inject({
      method: 'POST',
      url: url(owner, '/import/preview'),
      headers: as(outsider),
      payload: body(),
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('an exported thread imported twice', () => {
  let t: TestApp;
  const post = (session: Session, path: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: url(session, path), headers: as(session), payload });
  const count = async (session: Session) =>
    (await t.app.inject({ method: 'GET', url: url(session), headers: as(session) })).json<{
      items: Communication[];
    }>().items.length;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers 409 thread_already_imported naming when and the first message, and the preview says so, unless importAgain', async () => {
    const person = await signIn(t.app);
    const first = await post(person, '/import', body());
    expect(first.statusCode).toBe(201);
    const { items } = first.json<Imported>();

    const again = await post(person, '/import', body());
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toContain('application/problem+json');
    const problem = again.json<Problem>();
    expect(problem.code).toBe('thread_already_imported');
    expect(problem.firstMessageId).toBe(items[0]?.id);
    // The import's own time, which its messages were logged at.
    expect(problem.importedAt).toBe(items[0]?.createdAt);
    expect(again.body).not.toContain('Typical');
    expect(await count(person)).toBe(2);

    const preview = (await post(person, '/import/preview', body())).json<Preview>();
    expect(preview.alreadyImportedAt).toBe(problem.importedAt);
    expect(preview.alreadyImportedFirstMessageId).toBe(items[0]?.id);
    const otherPreview = (
      await post(person, '/import/preview', body({ format: 'csv', text: CSV }))
    ).json<Preview>();
    expect(otherPreview.alreadyImportedAt).toBeUndefined();

    const repeated = await post(person, '/import', body({ importAgain: true }));
    expect(repeated.statusCode).toBe(201);
    expect(await count(person)).toBe(4);
    // The first import stays the one named; the record counts both.
    const record = await getImportedThread(t.app.deps.db, person.workspaceId, sha256(THREAD));
    expect(record).toMatchObject({
      importedAt: problem.importedAt,
      firstMessageId: items[0]?.id,
      importCount: 2,
    });
    const audit = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${person.workspaceId}/audit`,
      headers: as(person),
    });
    const imports = audit
      .json<{ items: { action: string; details: Record<string, unknown> }[] }>()
      .items.filter((e) => e.action === 'communication.imported');
    expect(imports.map((e) => e.details.importedAgain ?? false).sort()).toEqual([false, true]);
  });

  it('the same thread in another workspace is not a repeat', async () => {
    const person = await signIn(t.app);
    const other = await signIn(t.app);
    expect((await post(person, '/import', body())).statusCode).toBe(201);
    expect((await post(other, '/import', body())).statusCode).toBe(201);
  });

  it('of two imports of the same thread at once, exactly one is logged', async () => {
    const person = await signIn(t.app);
    const answers = await Promise.all([post(person, '/import', body()), post(person, '/import', body())]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    expect(answers.find((a) => a.statusCode === 409)?.json<Problem>().code).toBe('thread_already_imported');
    expect(await count(person)).toBe(2);
  });

  it('P-RIGHT-1 the export lists the imported thread by its fingerprint', async () => {
    const person = await signIn(t.app);
    const { items } = (await post(person, '/import', body())).json<Imported>();
    const rows = (await exportHolderRows(t.app, communicationsData, person))['imported-threads'];
    expect(rows).toEqual([
      expect.objectContaining({ threadSha256: sha256(THREAD), firstMessageId: items[0]?.id, importCount: 1 }),
    ]);
  });
});

describe('imported thread purge', () => {
  it('P-RIGHT-3 the account purge removes the fingerprints of imported threads', async () => {
    let offsetMs = 0;
    const t = await createTestApp({
      env: { SESSION_TTL_DAYS: '90' },
      overrides: { now: () => new Date(Date.now() + offsetMs) },
    });
    try {
      const owner = await signIn(t.app);
      const imported = await t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/communications/import`,
        headers: as(owner),
        payload: body({ format: 'csv', text: CSV }),
      });
      expect(imported.statusCode).toBe(201);
      expect(await getImportedThread(t.app.deps.db, owner.workspaceId, sha256(CSV))).toBeDefined();
      const deletion = await t.app.inject({
        method: 'POST',
        url: '/v1/account/deletion',
        headers: as(owner),
        payload: { confirmation: 'DELETE' },
      });
      expect(deletion.statusCode).toBe(202);
      offsetMs = 31 * 24 * 60 * 60 * 1000;
      expect(await purgeAccount(t.app.deps, owner.userId)).toBe('purged');
      expect(await getImportedThread(t.app.deps.db, owner.workspaceId, sha256(CSV))).toBeUndefined();
    } finally {
      await t.app.close();
    }
  });
});
