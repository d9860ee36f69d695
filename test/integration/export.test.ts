import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import yauzl from 'yauzl';
import { ZipArchive } from 'archiver';
import { verifyExport } from '@holdfast/scripts/verify-export';
import {
  addMember,
  as,
  createTestApp,
  incidentBody,
  readMailbox,
  signIn,
  type Session,
  type TestApp,
} from '../support/harness.js';
import { pngBytes } from '../support/files.js';
import { readZip } from '../support/zip.js';
import { extractText, getDocumentProxy } from 'unpdf';

type Export = {
  id: string;
  status: string;
  done: number;
  total: number;
  manifestSha256?: string;
  expiresAt?: string;
};

const SCRIPTS_DIR = fileURLToPath(new URL('../../scripts/', import.meta.url));

/** Every entry of a ZIP as bytes (small test exports only). */
/** The offset of the middle byte of an entry's stored (compressed) data. */
async function dataOffsetOf(path: string, name: RegExp): Promise<number> {
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true }, (error, file) => (error ? reject(error) : resolve(file))),
  );
  const bytes = readFileSync(path);
  return new Promise<number>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!name.test(entry.fileName)) return zip.readEntry();
      const header = entry.relativeOffsetOfLocalHeader;
      const start = header + 30 + bytes.readUInt16LE(header + 26) + bytes.readUInt16LE(header + 28);
      zip.close();
      resolve(start + Math.floor(entry.compressedSize / 2));
    });
    zip.on('end', () => reject(new Error('no such entry')));
    zip.readEntry();
  });
}

async function writeZip(path: string, entries: Map<string, Buffer>): Promise<void> {
  const archive = new ZipArchive();
  const parts: Buffer[] = [];
  archive.on('data', (chunk: Buffer) => parts.push(chunk));
  for (const [name, bytes] of entries) archive.append(bytes, { name });
  await archive.finalize();
  writeFileSync(path, Buffer.concat(parts));
}

function runCli(args: string[]): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/holdfast.ts', ...args], {
    cwd: SCRIPTS_DIR,
    encoding: 'utf8',
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('export of a whole account', () => {
  let t: TestApp;
  let owner: Session;
  let dir: string;
  let zipPath: string;
  let entries: Map<string, Buffer>;
  let documentSha = '';
  let documentId = '';
  const png = pngBytes('export-evidence');

  async function waitForExport(session: Session, id: string): Promise<Export> {
    for (let i = 0; i < 200; i += 1) {
      const response = await t.app.inject({
        method: 'GET',
        url: `/v1/me/exports/${id}`,
        headers: as(session),
      });
      const body = response.json<Export>();
      if (body.status !== 'running') return body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the export did not finish');
  }

  async function exportAndDownload(session: Session, path: string): Promise<Export> {
    const started = await t.app.inject({ method: 'POST', url: '/v1/me/exports', headers: as(session) });
    expect(started.statusCode).toBe(202);
    const done = await waitForExport(session, started.json<Export>().id);
    expect(done.status).toBe('ready');
    const download = await t.app.inject({
      method: 'GET',
      url: `/v1/me/exports/${done.id}/download`,
      headers: as(session),
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="holdfast-export-/);
    writeFileSync(path, download.rawPayload);
    return done;
  }

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'holdfast-export-'));
    zipPath = join(dir, 'export.zip');
    t = await createTestApp();
    owner = await signIn(t.app);
    const incidents = [
      { occurredAt: '2026-10-01T09:00:00-05:00', narrative: 'Pickup missed, =HYPERLINK("x") in a note.' },
      {
        occurredAt: '2026-10-05T21:00:00-05:00',
        narrative: 'Call at 9pm, "angry", with, commas\nand a new line.',
      },
    ];
    // Recorded newest first, so the report's oldest-first order is its own doing.
    for (const incident of [...incidents].reverse()) {
      const created = await t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/incidents`,
        headers: as(owner),
        payload: incidentBody(incident),
      });
      expect(created.statusCode).toBe(201);
    }
    const uploaded = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/documents?filename=text-message.png`,
      headers: { ...as(owner), 'content-type': 'application/octet-stream' },
      payload: png,
    });
    expect(uploaded.statusCode).toBe(201);
    ({ sha256: documentSha, id: documentId } = uploaded.json<{
      document: { sha256: string; id: string };
    }>().document);
  });

  afterAll(async () => {
    await t.app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('P-RIGHT-1 exports every record as JSON and CSV, every file, the audit chain and a signed manifest, without changing anything', async () => {
    const before = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: as(owner),
    });
    const done = await exportAndDownload(owner, zipPath);
    entries = await readZip(zipPath);
    const names = [...entries.keys()];
    expect(names).toEqual(
      expect.arrayContaining([
        'README.txt',
        'manifest.json',
        'manifest.sig',
        'account/profile.json',
        'account/profile.csv',
        'account/sign-ins.csv',
      ]),
    );
    const folder = names.find((n) => n.endsWith('/incidents.json'))?.replace('/incidents.json', '') ?? '';
    expect(folder).toMatch(/^workspaces\//);
    for (const table of ['incidents', 'members', 'documents', 'attachments', 'audit-log', 'workspace'])
      for (const ext of ['json', 'csv']) expect(names).toContain(`${folder}/${table}.${ext}`);

    const incidents = JSON.parse(entries.get(`${folder}/incidents.json`)?.toString() ?? '[]') as {
      narrative: string;
    }[];
    expect(incidents.map((i) => i.narrative).sort()).toEqual(
      before
        .json<{ items: { narrative: string }[] }>()
        .items.map((i) => i.narrative)
        .sort(),
    );
    const csv = entries.get(`${folder}/incidents.csv`)?.toString() ?? '';
    expect(csv.split('\n')[0]).toContain('narrative');
    expect(csv).toContain('"Call at 9pm, ""angry"", with, commas\nand a new line."');
    const documents = JSON.parse(entries.get(`${folder}/documents.json`)?.toString() ?? '[]') as {
      file: string;
      sha256: string;
    }[];
    expect(documents).toHaveLength(1);
    expect(entries.get(`${folder}/${documents[0]?.file ?? ''}`)?.equals(png)).toBe(true);

    const manifest = JSON.parse(entries.get('manifest.json')?.toString() ?? '{}') as {
      files: { path: string }[];
    };
    expect(manifest.files.map((f) => f.path).sort()).toEqual(
      names.filter((n) => !n.startsWith('manifest.')).sort(),
    );
    expect(done.manifestSha256).toMatch(/^[0-9a-f]{64}$/);

    // Exporting deleted nothing.
    const after = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: as(owner),
    });
    expect(after.json<{ items: unknown[] }>().items).toHaveLength(2);
    // The person is emailed when it is ready.
    expect((await readMailbox(owner.email)).some((m) => m.subject.includes('export is ready'))).toBe(true);
  });

  it('P-RIGHT-1 the offline verifier accepts the export, and rejects it with a single byte changed', async () => {
    const key = (await t.app.inject({ method: 'GET', url: '/.well-known/holdfast-export-key' })).json<{
      keyId: string;
      publicKey: string;
    }>();
    const result = await verifyExport(zipPath, { publicKeyPem: key.publicKey });
    expect(result.problems).toEqual([]);
    expect(result.isValid).toBe(true);
    expect(result.keyId).toBe(key.keyId);
    expect(result.auditLogsChecked).toBe(1);

    const cli = runCli(['verify', zipPath]);
    expect(cli.output).toContain('OK:');
    expect(cli.status).toBe(0);

    // One byte of a file's stored data changed (in the middle of the incidents' compressed bytes).
    const bytes = readFileSync(zipPath);
    const flipped = Buffer.from(bytes);
    const at = await dataOffsetOf(zipPath, /\/incidents\.json$/);
    flipped[at] = (flipped[at] ?? 0) ^ 0x01;
    writeFileSync(join(dir, 'flipped.zip'), flipped);
    expect((await verifyExport(join(dir, 'flipped.zip'))).isValid).toBe(false);
    expect(runCli(['verify', join(dir, 'flipped.zip')]).status).toBe(1);

    // A record edited and re-zipped: its hash no longer matches the manifest.
    const folder = [...entries.keys()].find((n) => n.endsWith('/incidents.json')) ?? '';
    const edited = new Map(entries);
    edited.set(
      folder,
      Buffer.from(
        (entries.get(folder) ?? Buffer.alloc(0)).toString().replace('Pickup missed', 'Pickup made!!'),
      ),
    );
    await writeZip(join(dir, 'edited.zip'), edited);
    const editedResult = await verifyExport(join(dir, 'edited.zip'));
    expect(editedResult.problems.join('\n')).toContain('incidents.json: its content does not match');

    // The manifest rewritten to match the edit: the signature fails.
    const manifest = JSON.parse(entries.get('manifest.json')?.toString() ?? '{}') as {
      files: { path: string; sha256: string; size: number }[];
    };
    const { createHash } = await import('node:crypto');
    const editedBytes = edited.get(folder) ?? Buffer.alloc(0);
    for (const file of manifest.files)
      if (file.path === folder)
        Object.assign(file, {
          sha256: createHash('sha256').update(editedBytes).digest('hex'),
          size: editedBytes.length,
        });
    edited.set('manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`));
    await writeZip(join(dir, 'resigned.zip'), edited);
    const resigned = await verifyExport(join(dir, 'resigned.zip'));
    expect(resigned.isValid).toBe(false);
    expect(resigned.problems.join('\n')).toContain('signature of manifest.json does not verify');
  });

  it('limits a shared workspace to what the member may read (their own feedback only), runs one export at a time, and expires the download', async () => {
    const viewer = await addMember(t.app, owner, 'viewer');
    for (const [session, message] of [
      [viewer, 'Feedback the viewer wrote'],
      [owner, 'Feedback the owner wrote'],
    ] as const) {
      const sent = await t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/feedback`,
        headers: as(session),
        payload: { message, pageUrl: 'http://127.0.0.1:5173/', userAgent: 'test' },
      });
      expect(sent.statusCode).toBe(201);
    }
    const viewerZip = join(dir, 'viewer.zip');
    const done = await exportAndDownload(viewer, viewerZip);
    const viewerEntries = await readZip(viewerZip);
    const names = [...viewerEntries.keys()];
    // A member's export carries the feedback they wrote, not the rest of the workspace's.
    const feedbackName = names.find((n) => n.includes(owner.workspaceId) && n.endsWith('/feedback.json'));
    const feedback = viewerEntries.get(feedbackName ?? '')?.toString('utf8') ?? '';
    expect(feedback).toContain('Feedback the viewer wrote');
    expect(feedback).not.toContain('Feedback the owner wrote');
    expect(names.some((n) => n.includes(owner.workspaceId) && n.endsWith('/incidents.json'))).toBe(true);
    expect(names.some((n) => n.includes(owner.workspaceId) && n.endsWith('/invites.json'))).toBe(false);
    expect(names.some((n) => n.includes(owner.workspaceId) && n.endsWith('/api-keys.json'))).toBe(false);
    expect((await verifyExport(viewerZip)).isValid).toBe(true);

    const realNow = t.app.deps.now;
    t.app.deps.now = () => new Date(Date.parse(done.expiresAt ?? '') + 1000);
    try {
      const expired = await t.app.inject({
        method: 'GET',
        url: `/v1/me/exports/${done.id}/download`,
        headers: as(viewer),
      });
      expect(expired.statusCode).toBe(410);
      expect(expired.headers['content-type']).toContain('application/problem+json');
    } finally {
      t.app.deps.now = realNow;
    }

    const other = await t.app.inject({ method: 'GET', url: `/v1/me/exports/${done.id}`, headers: as(owner) });
    expect(other.statusCode).toBe(404);

    // While one export is being stored, a second is refused; progress is visible meanwhile.
    const blobs = t.app.deps.blobs;
    let release = () => undefined as void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    t.app.deps.blobs = {
      ...blobs,
      put: async (key, body, type) => {
        await gate;
        return blobs.put(key, body, type);
      },
    };
    try {
      const first = await t.app.inject({ method: 'POST', url: '/v1/me/exports', headers: as(viewer) });
      expect(first.statusCode).toBe(202);
      expect(first.json<Export>().status).toBe('running');
      const second = await t.app.inject({ method: 'POST', url: '/v1/me/exports', headers: as(viewer) });
      expect(second.statusCode).toBe(409);
      release();
      expect((await waitForExport(viewer, first.json<Export>().id)).status).toBe('ready');
    } finally {
      t.app.deps.blobs = blobs;
      release();
    }
  });

  it('P-RIGHT-1 renders a court-ready PDF: chronological, attachments by fingerprint, page numbers, generation time and the export manifest hash', async () => {
    const list = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: as(owner),
    });
    const [newest] = list.json<{ items: { id: string }[] }>().items;
    const attached = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/attachments/incident/${newest?.id ?? ''}`,
      headers: as(owner),
      payload: { documentId },
    });
    expect(attached.statusCode).toBeLessThan(300);
    const exports = await t.app.inject({ method: 'GET', url: '/v1/me/exports', headers: as(owner) });
    const latest = exports.json<{ items: Export[] }>().items.find((e) => e.status === 'ready');

    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/reports/incidents.pdf?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z`,
      headers: as(owner),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const pdf = await getDocumentProxy(new Uint8Array(response.rawPayload));
    const { text, totalPages } = await extractText(pdf, { mergePages: true });
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Incident report');
    expect(flat).toContain(documentSha);
    expect(flat).toContain(`Page 1 of ${totalPages}`);
    expect(flat).toContain(latest?.manifestSha256 ?? 'missing export');
    expect(flat).toMatch(/Generated \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
    // Oldest first, whatever order they were recorded in.
    expect(flat.indexOf('Pickup missed')).toBeGreaterThan(-1);
    expect(flat.indexOf('Pickup missed')).toBeLessThan(flat.indexOf('Call at 9pm'));
    expect(flat.match(/Recorded \d{4}-/g)).toHaveLength(2);

    const inverted = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/reports/incidents.pdf?from=2030-01-01T00:00:00Z&to=2020-01-01T00:00:00Z`,
      headers: as(owner),
    });
    expect(inverted.statusCode).toBe(400);
  });
});
