import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pngBytes } from '../support/files.js';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type Inventory = { recordTypes: unknown[]; policy: { current: { version: string } } };

describe('compressed answers', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const readInventory = (acceptEncoding?: string) =>
    t.app.inject({
      method: 'GET',
      url: '/v1/privacy/inventory',
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });

  it('sends a large JSON answer gzip-compressed when the client accepts gzip', async () => {
    const response = await readInventory('gzip');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(response.headers.vary).toMatch(/accept-encoding/iu);
    const plain = gunzipSync(response.rawPayload);
    expect(plain.length).toBeGreaterThan(response.rawPayload.length * 2);
    expect(JSON.parse(plain.toString('utf8')) as Inventory).toMatchObject({ recordTypes: expect.any(Array) });
  });

  it('prefers brotli when the client accepts both, as browsers do', async () => {
    const response = await readInventory('gzip, deflate, br, zstd');
    expect(response.headers['content-encoding']).toBe('br');
    const plain = brotliDecompressSync(response.rawPayload).toString('utf8');
    expect((JSON.parse(plain) as Inventory).policy.current.version).toEqual(expect.any(String));
  });

  it('sends the same answer plain to a client that accepts no encoding', async () => {
    for (const acceptEncoding of [undefined, 'identity']) {
      const response = await readInventory(acceptEncoding);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.json<Inventory>().recordTypes.length).toBeGreaterThan(0);
    }
  });

  it('leaves answers under 1 KB plain: the policy status the banner reads is one of them', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/v1/privacy/policy',
      headers: { 'accept-encoding': 'gzip, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.rawPayload.length).toBeLessThan(1024);
    const inventory = (await readInventory()).json<{ policy: Record<string, unknown> }>();
    // The same versions as the inventory's policy, without the record types and subprocessors.
    const { current, upcoming } = inventory.policy;
    expect(response.json()).toEqual({ current, ...(upcoming === undefined ? {} : { upcoming }) });
  });

  it('compresses signed-in JSON too', async () => {
    const me = await t.app.inject({
      method: 'GET',
      url: '/v1/me',
      headers: { ...as(owner), 'accept-encoding': 'gzip' },
    });
    expect(me.statusCode).toBe(200);
    // Whatever its size, the body decodes to the same JSON the API would send plain.
    const body = me.headers['content-encoding'] === 'gzip' ? gunzipSync(me.rawPayload) : me.rawPayload;
    expect(JSON.parse(body.toString('utf8'))).toMatchObject({ user: { id: owner.userId } });
  });

  it('sends a downloaded file byte for byte, never re-encoded, even when the client accepts gzip', async () => {
    // Well over the threshold, and full of repeated text a compressor would shrink.
    const bytes = pngBytes('compression '.repeat(400));
    const upload = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/documents?filename=scan.png`,
      headers: { ...as(owner), 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
    expect(upload.statusCode).toBe(201);
    const { id } = upload.json<{ document: { id: string } }>().document;
    const download = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/documents/${id}/content`,
      headers: { ...as(owner), 'accept-encoding': 'gzip, br' },
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-encoding']).toBeUndefined();
    expect(Buffer.compare(download.rawPayload, bytes)).toBe(0);
  });

  it('does not decompress request bodies: a gzip-encoded body is read as the bytes sent', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/magic-link',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
    });
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
  });
});
