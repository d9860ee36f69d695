import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { sanitizeFilename } from '@holdfast/api/modules/vault/filenames';
import { sweepOrphans } from '@holdfast/api/modules/vault/service';
import { failingDb } from '../security/support.js';
import { exeBytes, pdfBytes, pngBytes, zipBytes } from '../support/files.js';
import { as, createTestApp, incidentBody, signIn, type Session, type TestApp } from '../support/harness.js';

type VaultDocument = {
  id: string;
  title: string;
  filename: string;
  size: number;
  contentType: string;
  sha256: string;
  tags: string[];
  category: string;
  version: number;
};
type UploadResult = { document: VaultDocument; isDeduplicated: boolean };
type Problem = { code: string; status: number; detail?: string };

// Uploads and reads of several megabytes on a shared machine.
jest.setTimeout(60_000);

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const s3 = new S3Client({
  region: 'us-east-1',
  endpoint: process.env.S3_ENDPOINT,
  forcePathStyle: true,
  credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const bucket = process.env.BLOB_BUCKET ?? '';

/** Keys of every object stored for a workspace, read from the object store itself. */
async function storedKeys(workspaceId: string): Promise<string[]> {
  const page = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `tenants/${workspaceId}/` }));
  return (page.Contents ?? []).map((object) => object.Key ?? '').sort();
}

function upload(
  t: TestApp,
  session: Session,
  bytes: Buffer | Readable,
  query: Record<string, string> = {},
  contentType = 'application/octet-stream',
) {
  const search = new URLSearchParams({ filename: 'evidence.bin', ...query });
  return t.app.inject({
    method: 'POST',
    url: `/v1/workspaces/${session.workspaceId}/documents?${search.toString()}`,
    headers: { ...as(session), 'content-type': contentType },
    payload: bytes,
  });
}

async function uploadOk(t: TestApp, session: Session, bytes: Buffer, query: Record<string, string> = {}) {
  const response = await upload(t, session, bytes, query);
  expect(response.statusCode).toBe(201);
  return response.json<UploadResult>();
}

async function listDocuments(t: TestApp, session: Session, query = '') {
  const response = await t.app.inject({
    method: 'GET',
    url: `/v1/workspaces/${session.workspaceId}/documents${query}`,
    headers: as(session),
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ items: VaultDocument[] }>().items;
}

describe('vault', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { VAULT_SWEEP_INTERVAL_MINUTES: '0' } });
  });
  afterAll(async () => {
    await t.app.close();
    s3.destroy();
  });

  it('P-FILE-1 stores a file under its tenant and SHA-256; the same bytes uploaded twice are stored once and kept until the last document goes', async () => {
    const owner = await signIn(t.app);
    const bytes = pdfBytes('court order 2026');
    const first = await uploadOk(t, owner, bytes, { filename: 'order.pdf', title: 'Court order' });
    expect(first.isDeduplicated).toBe(false);
    expect(first.document).toMatchObject({
      title: 'Court order',
      filename: 'order.pdf',
      size: bytes.length,
      contentType: 'application/pdf',
      sha256: sha256(bytes),
    });
    const key = `tenants/${owner.workspaceId}/blobs/${sha256(bytes)}`;
    expect(await storedKeys(owner.workspaceId)).toEqual([key]);

    const second = await uploadOk(t, owner, bytes, { filename: 'copy.pdf' });
    expect(second.isDeduplicated).toBe(true);
    expect(second.document.id).not.toBe(first.document.id);
    expect(await storedKeys(owner.workspaceId)).toEqual([key]);
    const usage = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/storage`,
      headers: as(owner),
    });
    expect(usage.json()).toMatchObject({ usedBytes: bytes.length, plan: 'local' });

    // Another workspace's identical file is its own object: content addresses are per tenant.
    const other = await signIn(t.app);
    await uploadOk(t, other, bytes);
    expect(await storedKeys(other.workspaceId)).toEqual([
      `tenants/${other.workspaceId}/blobs/${sha256(bytes)}`,
    ]);

    const remove = (id: string) =>
      t.app.inject({
        method: 'DELETE',
        url: `/v1/workspaces/${owner.workspaceId}/documents/${id}`,
        headers: as(owner),
      });
    expect((await remove(first.document.id)).statusCode).toBe(204);
    expect(await storedKeys(owner.workspaceId)).toEqual([key]);
    const stillThere = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/documents/${second.document.id}/content`,
      headers: as(owner),
    });
    expect(stillThere.rawPayload.equals(bytes)).toBe(true);
    expect((await remove(second.document.id)).statusCode).toBe(204);
    expect(await storedKeys(owner.workspaceId)).toEqual([]);
    expect(await listDocuments(t, owner)).toEqual([]);
  });

  it('P-FILE-1 P-CRED-1 a download is the exact file with its fingerprint, sent as an attachment with its real type and nosniff', async () => {
    const owner = await signIn(t.app);
    const bytes = pngBytes('certificate');
    const { document } = await uploadOk(t, owner, bytes, {
      filename: '../../etc/scan<1>.pdf',
      category: 'certificate',
    });
    // The name is sanitised, and its extension follows the content (a PNG), not the claim.
    expect(document.filename).toBe('scan1.pdf.png');
    expect(document.contentType).toBe('image/png');

    const download = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/documents/${document.id}/content`,
      headers: as(owner),
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/png');
    expect(download.headers['content-disposition']).toBe('attachment; filename="scan1.pdf.png"');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    // A verifier given this file computes the same SHA-256 the document shows.
    expect(sha256(download.rawPayload)).toBe(document.sha256);
    expect(download.headers['repr-digest']).toBe(
      `sha-256=:${createHash('sha256').update(bytes).digest('base64')}:`,
    );
    const detail = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/documents/${document.id}`,
      headers: as(owner),
    });
    expect(detail.json<VaultDocument>().sha256).toBe(sha256(bytes));
  });

  it('P-FILE-1 bytes corrupted in the object store are refused with a 500 problem and logged as an integrity failure (small and streamed files)', async () => {
    const owner = await signIn(t.app);
    const small = pdfBytes('school letter');
    const large = Buffer.concat([Buffer.from('Plain text notes\n'), Buffer.alloc(9 * 1024 * 1024, 'a')]);
    for (const bytes of [small, large]) {
      const { document } = await uploadOk(t, owner, bytes, { filename: 'letter' });
      const good = await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${owner.workspaceId}/documents/${document.id}/content`,
        headers: as(owner),
      });
      expect(good.statusCode).toBe(200);
      expect(sha256(good.rawPayload)).toBe(document.sha256);

      const corrupted = Buffer.from(bytes);
      corrupted[corrupted.length - 2] = (corrupted[corrupted.length - 2] ?? 0) ^ 0xff;
      await s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: `tenants/${owner.workspaceId}/blobs/${document.sha256}`,
          Body: corrupted,
        }),
      );
      const logged = t.logs.length;
      const read = await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${owner.workspaceId}/documents/${document.id}/content`,
        headers: as(owner),
      });
      expect(read.statusCode).toBe(500);
      expect(read.headers['content-type']).toContain('application/problem+json');
      expect(read.json<Problem>()).toMatchObject({ code: 'integrity_failure', status: 500 });
      const failure = t.logs
        .slice(logged)
        .map((line) => JSON.parse(line) as Record<string, unknown>)
        .find((line) => line.event === 'vault.integrity_failure');
      expect(failure).toMatchObject({
        documentId: document.id,
        expectedSha256: document.sha256,
        actualSha256: sha256(corrupted),
      });
    }
  });

  it('P-FILE-2 the type comes from the magic bytes: a ZIP and a ".pdf" that is really an executable are refused 415 naming what they are, leaving nothing behind', async () => {
    const owner = await signIn(t.app);
    const zip = await upload(t, owner, zipBytes(), { filename: 'photos.png' }, 'image/png');
    expect(zip.statusCode).toBe(415);
    expect(zip.json<Problem>().detail).toContain('application/zip');

    const exe = await upload(t, owner, exeBytes(), { filename: 'evidence.pdf' }, 'application/pdf');
    expect(exe.statusCode).toBe(415);
    expect(exe.json<Problem>()).toMatchObject({ code: 'unsupported_media_type' });
    expect(exe.json<Problem>().detail).toContain('application/x-msdownload');

    const binary = await upload(
      t,
      owner,
      Buffer.from([1, 2, 3, 0, 4, 5]),
      { filename: 'notes.txt' },
      'text/plain',
    );
    expect(binary.statusCode).toBe(415);
    expect(binary.json<Problem>().detail).toContain('unknown binary data');

    const text = await upload(
      t,
      owner,
      Buffer.from('Call log, 3 Oct: no answer.\n'),
      { filename: 'call log' },
      'application/pdf',
    );
    expect(text.statusCode).toBe(201);
    expect(text.json<UploadResult>().document).toMatchObject({
      contentType: 'text/plain',
      filename: 'call log.txt',
    });

    expect(await storedKeys(owner.workspaceId)).toEqual([
      `tenants/${owner.workspaceId}/blobs/${text.json<UploadResult>().document.sha256}`,
    ]);
    expect((await listDocuments(t, owner)).length).toBe(1);
  });

  it('P-FILE-2 a file over the size limit is refused 413 before its bytes are kept, declared or streamed without a length', async () => {
    const limited = await createTestApp({
      env: { VAULT_MAX_FILE_BYTES: '10000', VAULT_SWEEP_INTERVAL_MINUTES: '0' },
    });
    try {
      const owner = await signIn(limited.app);
      const big = Buffer.concat([pdfBytes(), randomBytes(20_000)]);
      const declared = await upload(limited, owner, big);
      expect(declared.statusCode).toBe(413);
      expect(declared.json<Problem>().detail).toContain('9.8 KB');

      // No Content-Length: the limit is enforced on the bytes as they stream.
      const streamed = await upload(
        limited,
        owner,
        Readable.from([big.subarray(0, 6000), big.subarray(6000)]),
      );
      expect(streamed.statusCode).toBe(413);
      expect(streamed.json<Problem>().code).toBe('payload_too_large');

      expect(await storedKeys(owner.workspaceId)).toEqual([]);
      expect(await listDocuments(limited, owner)).toEqual([]);
      expect((await upload(limited, owner, pdfBytes())).statusCode).toBe(201);
    } finally {
      await limited.app.close();
    }
  });

  it('P-FILE-2 the workspace storage quota is enforced, declared or streamed, with an error that names it', async () => {
    const quota = await createTestApp({
      env: { VAULT_LOCAL_PLAN_QUOTA_BYTES: '3000', VAULT_SWEEP_INTERVAL_MINUTES: '0' },
    });
    try {
      const owner = await signIn(quota.app);
      const first = Buffer.concat([Buffer.from('first\n'), Buffer.alloc(1800, 'x')]);
      expect((await upload(quota, owner, first, { filename: 'a.txt' })).statusCode).toBe(201);
      const second = Buffer.concat([Buffer.from('second\n'), Buffer.alloc(1800, 'y')]);
      const refused = await upload(quota, owner, second, { filename: 'b.txt' });
      expect(refused.statusCode).toBe(413);
      expect(refused.json<Problem>()).toMatchObject({ code: 'storage_quota_exceeded' });
      expect(refused.json<Problem>().detail).toContain(
        'the 2.9 KB storage quota of the Local (billing off) plan. Delete files to make room.',
      );
      // Streamed without a length, the quota still holds.
      const streamed = await upload(quota, owner, Readable.from([second]), { filename: 'b.txt' });
      expect(streamed.statusCode).toBe(413);
      expect(await storedKeys(owner.workspaceId)).toEqual([
        `tenants/${owner.workspaceId}/blobs/${sha256(first)}`,
      ]);
      const usage = await quota.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${owner.workspaceId}/storage`,
        headers: as(owner),
      });
      expect(usage.json()).toEqual({
        usedBytes: first.length,
        quotaBytes: 3000,
        plan: 'local',
        planName: 'Local (billing off)',
      });
    } finally {
      await quota.app.close();
    }
  });

  it('P-FILE-1 a failed upload leaves no bytes and no record; the sweep removes bytes nothing references and keeps the rest', async () => {
    const base = await createTestApp({ env: { VAULT_SWEEP_INTERVAL_MINUTES: '0' } });
    const { db, failNext } = failingDb(base.app.deps.db);
    const flaky = await createTestApp({ env: { VAULT_SWEEP_INTERVAL_MINUTES: '0' }, overrides: { db } });
    try {
      const owner = await signIn(flaky.app);
      failNext(/TransactWrite/, Object.assign(new Error('connection reset'), { name: 'NetworkingError' }));
      const failed = await upload(flaky, owner, pdfBytes('never kept'));
      expect(failed.statusCode).toBe(500);
      expect(await storedKeys(owner.workspaceId)).toEqual([]);
      expect(await listDocuments(flaky, owner)).toEqual([]);

      const kept = await uploadOk(flaky, owner, pngBytes('kept'));
      const keptKey = `tenants/${owner.workspaceId}/blobs/${kept.document.sha256}`;
      // What a crash between steps would leave: bytes with no blob record, an unfinished upload.
      const strayBlob = `tenants/${owner.workspaceId}/blobs/${sha256(randomBytes(16))}`;
      const strayUpload = `tenants/${owner.workspaceId}/uploads/01JABCDEFGHJKMNPQRSTVWXYZ0`;
      for (const Key of [strayBlob, strayUpload])
        await s3.send(new PutObjectCommand({ Bucket: bucket, Key, Body: 'left behind' }));
      expect(await storedKeys(owner.workspaceId)).toEqual([keptKey, strayBlob, strayUpload].sort());

      const young = await sweepOrphans(flaky.app.deps, {
        olderThanMs: 60 * 60 * 1000,
        tenantId: owner.workspaceId,
      });
      expect(young.removed).toEqual([]);
      const swept = await sweepOrphans(flaky.app.deps, { olderThanMs: 0, tenantId: owner.workspaceId });
      expect(swept.removed.sort()).toEqual([strayBlob, strayUpload].sort());
      expect(await storedKeys(owner.workspaceId)).toEqual([keptKey]);
      const read = await flaky.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${owner.workspaceId}/documents/${kept.document.id}/content`,
        headers: as(owner),
      });
      expect(read.statusCode).toBe(200);
    } finally {
      await flaky.app.close();
      await base.app.close();
    }
  });

  it('an upload retried with the same Idempotency-Key returns the first document; the key with another file name is refused 409', async () => {
    const owner = await signIn(t.app);
    const bytes = pdfBytes('retried upload');
    const send = (filename: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/documents?filename=${filename}`,
        headers: { ...as(owner), 'content-type': 'application/pdf', 'idempotency-key': 'upload-key-0001' },
        payload: bytes,
      });
    const first = await send('order.pdf');
    const retry = await send('order.pdf');
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json<UploadResult>().document.id).toBe(first.json<UploadResult>().document.id);
    expect((await send('other.pdf')).statusCode).toBe(409);
    expect((await listDocuments(t, owner)).length).toBe(1);
  });

  it('lists with filters and search by title and tag; corrects a document; attaches it to an incident and detaches it', async () => {
    const owner = await signIn(t.app);
    const order = await uploadOk(t, owner, pdfBytes('order'), {
      filename: 'order.pdf',
      title: 'Custody Order March',
      category: 'court-order',
      tags: 'Court',
    });
    const report = await uploadOk(t, owner, pngBytes('report'), {
      filename: 'report.png',
      title: 'School report',
      category: 'school',
      documentDate: '2026-06-30',
    });
    const ids = (items: VaultDocument[]) => items.map((d) => d.id);
    expect(ids(await listDocuments(t, owner))).toEqual([report.document.id, order.document.id]);
    expect(ids(await listDocuments(t, owner, '?q=custody'))).toEqual([order.document.id]);
    expect(ids(await listDocuments(t, owner, '?q=court'))).toEqual([order.document.id]);
    expect(ids(await listDocuments(t, owner, '?category=school'))).toEqual([report.document.id]);
    expect(ids(await listDocuments(t, owner, '?tag=court'))).toEqual([order.document.id]);

    const edited = await t.app.inject({
      method: 'PATCH',
      url: `/v1/workspaces/${owner.workspaceId}/documents/${report.document.id}`,
      headers: as(owner),
      payload: { version: 1, title: 'End of year report', tags: ['School'], documentDate: null },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ title: 'End of year report', tags: ['school'], version: 2 });
    expect(edited.json<{ documentDate?: string }>().documentDate).toBeUndefined();

    const incident = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/incidents`,
      headers: as(owner),
      payload: incidentBody(),
    });
    const incidentId = incident.json<{ id: string }>().id;
    const attachmentsUrl = `/v1/workspaces/${owner.workspaceId}/attachments/incident/${incidentId}`;
    for (let i = 0; i < 2; i += 1) {
      const attached = await t.app.inject({
        method: 'POST',
        url: attachmentsUrl,
        headers: as(owner),
        payload: { documentId: order.document.id },
      });
      expect(attached.statusCode).toBe(200);
    }
    const listed = await t.app.inject({ method: 'GET', url: attachmentsUrl, headers: as(owner) });
    expect(listed.json<{ items: { document: VaultDocument }[] }>().items.map((a) => a.document.id)).toEqual([
      order.document.id,
    ]);
    const missing = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/attachments/incident/01JABCDEFGHJKMNPQRSTVWXYZ0`,
      headers: as(owner),
      payload: { documentId: order.document.id },
    });
    expect(missing.statusCode).toBe(404);
    const detached = await t.app.inject({
      method: 'DELETE',
      url: `${attachmentsUrl}/${order.document.id}`,
      headers: as(owner),
    });
    expect(detached.statusCode).toBe(204);

    // Deleting a document removes it from the records it was attached to.
    await t.app.inject({
      method: 'POST',
      url: attachmentsUrl,
      headers: as(owner),
      payload: { documentId: report.document.id },
    });
    await t.app.inject({
      method: 'DELETE',
      url: `/v1/workspaces/${owner.workspaceId}/documents/${report.document.id}`,
      headers: as(owner),
    });
    const after = await t.app.inject({ method: 'GET', url: attachmentsUrl, headers: as(owner) });
    expect(after.json<{ items: unknown[] }>().items).toEqual([]);
  });
});

describe('vault file names', () => {
  it('P-FILE-2 sanitises names: no folders, control or reserved characters, no leading dots, bounded length, an extension that matches the content', () => {
    expect(sanitizeFilename('../../etc/passwd', 'text/plain')).toBe('passwd.txt');
    expect(sanitizeFilename('C:\\Users\\me\\scan.PDF', 'application/pdf')).toBe('scan.PDF');
    expect(sanitizeFilename('a\u0000b\u001f<c>:"d|?*.png', 'image/png')).toBe('abcd.png');
    expect(sanitizeFilename('...hidden', 'image/jpeg')).toBe('hidden.jpg');
    expect(sanitizeFilename('   ', 'application/pdf')).toBe('file.pdf');
    expect(sanitizeFilename('invoice.exe', 'application/pdf')).toBe('invoice.exe.pdf');
    const long = sanitizeFilename(`${'x'.repeat(400)}.pdf`, 'application/pdf');
    expect(long.length).toBe(150);
    expect(long.endsWith('.pdf')).toBe(true);
    expect(sanitizeFilename('Zeugnis für Maya.pdf', 'application/pdf')).toBe('Zeugnis für Maya.pdf');
  });
});
