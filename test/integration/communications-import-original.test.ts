import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type Communication = {
  id: string;
  content: string;
  importedFrom?: { format: string; threadSha256: string; sha256: string };
  originalDocumentId?: string;
};
type VaultDocument = { id: string; sha256: string; size: number; contentType: string; tags: string[] };

const FIRST_BLOCK = `Sent: 10/03/2026 at 05:30 PM
From: Jordan Lee
To: Sam Lee
Subject: Pickup Friday

Running late, there at 6. Café closed — meet at the gate.`;
// Windows line endings and a non-ASCII character: the kept copy must hold exactly these bytes.
const THREAD = `Message Report\r\n\r\n${FIRST_BLOCK.replace(/\n/g, '\r\n')}\r\n----------\r\nSent: 10/04/2026 at 09:15 AM\r\nFrom: Sam Lee\r\nTo: Jordan Lee\r\n\r\nOK, see you then.\r\n`;

// One email as a mail client saves it: quoted-printable text, a date with its own offset.
const EML = [
  'From: Jordan Lee <jordan@example.com>',
  'To: Sam Lee <sam@example.com>',
  'Subject: Pickup Friday',
  'Date: Sat, 03 Oct 2026 17:30:00 -0500',
  'Message-ID: <pickup-1@example.com>',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Running late, there at 6. Caf=C3=A9 closed.',
  '',
].join('\r\n');

const sha256 = (bytes: string | Buffer) => createHash('sha256').update(bytes).digest('hex');

jest.setTimeout(90_000);

describe('the original bytes of an imported thread', () => {
  let t: TestApp;
  const workspace = (session: Session, path: string) => `/v1/workspaces/${session.workspaceId}${path}`;
  const importThread = (session: Session, overrides: Record<string, unknown> = {}) =>
    t.app.inject({
      method: 'POST',
      url: workspace(session, '/communications/import'),
      headers: as(session),
      payload: {
        format: 'text',
        text: THREAD,
        timeZone: 'America/Chicago',
        yourName: 'Sam Lee',
        filename: 'ofw-report.txt',
        ...overrides,
      },
    });
  const documents = async (session: Session) =>
    (
      await t.app.inject({ method: 'GET', url: workspace(session, '/documents'), headers: as(session) })
    ).json<{
      items: VaultDocument[];
    }>().items;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-FILE-1 keeps the export in the vault: the original downloads byte-identical with the fingerprint each message shows', async () => {
    const person = await signIn(t.app);
    const response = await importThread(person);
    expect(response.statusCode).toBe(201);
    const { items } = response.json<{ items: Communication[] }>();
    const documentId = items[0]?.originalDocumentId ?? '';
    expect(documentId).not.toBe('');
    expect(items.every((item) => item.originalDocumentId === documentId)).toBe(true);
    expect(items[0]?.importedFrom?.sha256).toBe(sha256(FIRST_BLOCK));

    const detail = await t.app.inject({
      method: 'GET',
      url: workspace(person, `/communications/${items[0]?.id ?? ''}`),
      headers: as(person),
    });
    const shown = detail.json<Communication>();
    expect(shown.originalDocumentId).toBe(documentId);

    const download = await t.app.inject({
      method: 'GET',
      url: workspace(person, `/documents/${documentId}/content`),
      headers: as(person),
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(Buffer.from(THREAD, 'utf8'))).toBe(true);
    expect(sha256(download.rawPayload)).toBe(shown.importedFrom?.threadSha256);
    expect(download.headers['content-disposition']).toContain('ofw-report.txt');

    const [document] = await documents(person);
    expect(document).toMatchObject({ id: documentId, sha256: sha256(THREAD), tags: ['imported-thread'] });

    // The document's upload is audited beside the import, in the same transaction.
    const audit = await t.app.inject({
      method: 'GET',
      url: workspace(person, '/audit'),
      headers: as(person),
    });
    const actions = audit.json<{ items: { action: string; target: { id: string } }[] }>().items;
    expect(actions.find((e) => e.action === 'document.uploaded')?.target.id).toBe(documentId);
    expect(actions.some((e) => e.action === 'communication.imported')).toBe(true);
  });

  it('a refused repeat stores nothing; an import again keeps one more document of the same bytes', async () => {
    const person = await signIn(t.app);
    const first = (await importThread(person)).json<{ items: Communication[] }>();
    expect((await importThread(person)).statusCode).toBe(409);
    expect(await documents(person)).toHaveLength(1);
    const again = await importThread(person, { importAgain: true });
    expect(again.statusCode).toBe(201);
    const kept = await documents(person);
    expect(kept.map((d) => d.sha256)).toEqual([sha256(THREAD), sha256(THREAD)]);
    const ids = [
      first.items[0]?.originalDocumentId,
      again.json<{ items: Communication[] }>().items[0]?.originalDocumentId,
    ];
    expect(new Set(ids)).toEqual(new Set(kept.map((d) => d.id)));
  });

  it('deleting the original works as for any document; the messages stay and still name it', async () => {
    const person = await signIn(t.app);
    const { items } = (await importThread(person)).json<{ items: Communication[] }>();
    const documentId = items[0]?.originalDocumentId ?? '';
    const removed = await t.app.inject({
      method: 'DELETE',
      url: workspace(person, `/documents/${documentId}`),
      headers: as(person),
    });
    expect(removed.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'GET',
      url: workspace(person, `/documents/${documentId}/content`),
      headers: as(person),
    });
    expect(gone.statusCode).toBe(404);
    const message = await t.app.inject({
      method: 'GET',
      url: workspace(person, `/communications/${items[0]?.id ?? ''}`),
      headers: as(person),
    });
    expect(message.json<Communication>()).toMatchObject({ originalDocumentId: documentId });
  });

  it('P-ISO-1 another workspace cannot download the original (404)', async () => {
    const person = await signIn(t.app);
    const outsider = await signIn(t.app);
    const { items } = (await importThread(person)).json<{ items: Communication[] }>();
    const response = await t.app.inject({
      method: 'GET',
      url: workspace(person, `/documents/${items[0]?.originalDocumentId ?? ''}/content`),
      headers: as(outsider),
    });
    expect(response.statusCode).toBe(404);
  });

  it('reads one email saved as .eml: its sender, date, subject and decoded text; the file is kept byte for byte', async () => {
    const person = await signIn(t.app);
    const response = await importThread(person, { format: 'eml', text: EML, filename: 'pickup.eml' });
    expect(response.statusCode).toBe(201);
    const { items } = response.json<{ items: (Communication & Record<string, unknown>)[] }>();
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      direction: 'received',
      counterpart: 'Jordan Lee',
      subject: 'Pickup Friday',
      content: 'Running late, there at 6. Café closed.',
      importedFrom: { format: 'eml', threadSha256: sha256(EML), sha256: sha256(EML) },
    });
    expect(Date.parse(String(items[0]?.occurredAt))).toBe(Date.parse('2026-10-03T17:30:00-05:00'));
    const download = await t.app.inject({
      method: 'GET',
      url: workspace(person, `/documents/${items[0]?.originalDocumentId ?? ''}/content`),
      headers: as(person),
    });
    expect(download.rawPayload.equals(Buffer.from(EML, 'utf8'))).toBe(true);
  });

  it('refuses an .eml without a date or text, naming the problem, and saves nothing', async () => {
    const person = await signIn(t.app);
    for (const text of [EML.replace(/^Date: .*\r\n/m, ''), 'not an email at all']) {
      const preview = await t.app.inject({
        method: 'POST',
        url: workspace(person, '/communications/import/preview'),
        headers: as(person),
        payload: { format: 'eml', text, timeZone: 'America/Chicago', yourName: 'Sam Lee' },
      });
      expect(preview.statusCode).toBe(200);
      expect(preview.json<{ problems: unknown[] }>().problems.length).toBeGreaterThan(0);
    }
    expect(await documents(person)).toHaveLength(0);
  });
});
