import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { pdfBytes } from '../support/files.js';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type Attachment = { recordType: string; recordId: string; document: { id: string; sha256: string } };

describe('credentials: certificates and license documents in the vault', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const created = async (session: Session, path: string, payload: Record<string, unknown>) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/credentials/${path}`,
      headers: as(session),
      payload,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ id: string }>().id;
  };
  const upload = async (session: Session, bytes: Buffer) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/documents?filename=certificate.pdf`,
      headers: { ...as(session), 'content-type': 'application/pdf' },
      payload: bytes,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ document: { id: string } }>().document.id;
  };
  const attachments = (session: Session, recordType: string, recordId: string) =>
    t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/attachments/${recordType}/${recordId}`,
      headers: as(session),
    });

  it('P-CRED-1 a CE certificate and a license document are stored through the vault with the SHA-256 a verifier can check', async () => {
    const activityId = await created(owner, 'activities', {
      title: 'Law and ethics',
      completedOn: '2026-05-01',
      hours: 6,
      format: 'live-in-person',
    });
    const licenseId = await created(owner, 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'L-1',
    });
    const certificate = pdfBytes('CE certificate: Law and ethics, 6 hours');
    const documentId = await upload(owner, certificate);
    for (const [recordType, recordId] of [
      ['ce-activity', activityId],
      ['license', licenseId],
    ] as const) {
      const attach = await t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/attachments/${recordType}/${recordId}`,
        headers: as(owner),
        payload: { documentId },
      });
      expect(attach.statusCode).toBe(200);
      const list = await attachments(owner, recordType, recordId);
      expect(list.statusCode).toBe(200);
      const [attached] = list.json<{ items: Attachment[] }>().items;
      // The fingerprint shown is the SHA-256 of the exact bytes a verifier holds.
      expect(attached?.document.sha256).toBe(createHash('sha256').update(certificate).digest('hex'));
    }
    const download = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/documents/${documentId}/content`,
      headers: as(owner),
    });
    expect(createHash('sha256').update(download.rawPayload).digest('hex')).toBe(
      createHash('sha256').update(certificate).digest('hex'),
    );
  });

  it('a missing or another workspace’s activity or license answers 404; an unknown record type 400', async () => {
    const activityId = await created(owner, 'activities', {
      title: 'Private course',
      completedOn: '2026-05-01',
      hours: 1,
      format: 'self-study',
    });
    const outsider = await signIn(t.app);
    const theirDocument = await upload(outsider, pdfBytes('someone else'));
    expect((await attachments(outsider, 'ce-activity', activityId)).statusCode).toBe(404);
    const intoTheirs = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${outsider.workspaceId}/attachments/ce-activity/${activityId}`,
      headers: as(outsider),
      payload: { documentId: theirDocument },
    });
    expect(intoTheirs.statusCode).toBe(404);
    expect((await attachments(owner, 'license', '01ARZ3NDEKTSV4RRFFQ69G5FAV')).statusCode).toBe(404);
    expect((await attachments(owner, 'diploma', activityId)).statusCode).toBe(400);
  });
});
