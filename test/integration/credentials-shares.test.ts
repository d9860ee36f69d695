import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { credentialsData } from '@holdfast/api/modules/credentials/data';
import { pdfBytes } from '../support/files.js';
import { as, createTestApp, signIn, uniqueEmail, type Session, type TestApp } from '../support/harness.js';
import { deleteAccountAndPurge } from '../support/account-deletion.js';

type Share = { id: string; status: string; viewCount: number; lastViewedAt: string | null };
type Verification = {
  holderName: string;
  licenses: { number: string }[];
  activities: { title: string }[];
  documents: { sha256: string; filename: string }[];
};

const DAY_MS = 24 * 60 * 60 * 1000;

describe('credentials: verification links', () => {
  let t: TestApp;
  let owner: Session;
  let outsider: Session;
  let clock = new Date();
  beforeAll(async () => {
    t = await createTestApp({ overrides: { now: () => clock } });
    owner = await signIn(t.app);
    outsider = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const base = (session: Session) => `/v1/workspaces/${session.workspaceId}/credentials`;
  const post = (session: Session, path: string, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `${base(session)}/${path}`, headers: as(session), payload });
  const created = async (session: Session, path: string, payload: Record<string, unknown>) => {
    const response = await post(session, path, payload);
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
  const share = async (session: Session, picks: Record<string, unknown>) => {
    const response = await post(session, 'shares', {
      label: 'Acme Clinic onboarding',
      holderName: 'Dana Rivera',
      licenseIds: [],
      activityIds: [],
      documentIds: [],
      expiresInDays: 30,
      ...picks,
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ share: Share; token: string }>();
  };
  // Signed out: no cookie, no key.
  const open = (token: string) => t.app.inject({ method: 'GET', url: `/v1/verify/${token}` });
  const listShares = async (session: Session) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `${base(session)}/shares`,
      headers: as(session),
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: Share[] }>().items;
  };
  const revoke = (session: Session, shareId: string) =>
    t.app.inject({ method: 'POST', url: `${base(session)}/shares/${shareId}/revoke`, headers: as(session) });
  const problemOf = (body: string) => {
    const { type, title, status, detail } = JSON.parse(body) as Record<string, unknown>;
    return { type, title, status, detail };
  };

  it('P-CRED-2 a verification link shows only what the holder chose to share, can expire and be revoked, and each view is logged for the holder', async () => {
    const sharedLicense = await created(owner, 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'LMFT-SHARED-1',
      notes: 'private license note',
    });
    await created(owner, 'licenses', { jurisdiction: 'TX', credentialType: 'LPC', number: 'LPC-NOT-SHARED' });
    const sharedActivity = await created(owner, 'activities', {
      title: 'Law and ethics (shared)',
      completedOn: '2026-05-01',
      hours: 6,
      format: 'live-in-person',
      notes: 'private course note',
    });
    await created(owner, 'activities', {
      title: 'Suicide prevention (not shared)',
      completedOn: '2026-06-01',
      hours: 3,
      format: 'self-study',
    });
    const certificate = pdfBytes('CE certificate: Law and ethics, 6 hours');
    const sharedDocument = await upload(owner, certificate);
    const otherDocument = pdfBytes('Another certificate, not shared');
    await upload(owner, otherDocument);

    const { share: link, token } = await share(owner, {
      licenseIds: [sharedLicense],
      activityIds: [sharedActivity],
      documentIds: [sharedDocument],
    });
    expect(link.status).toBe('active');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // Only what was picked, with the document's fingerprint, and no notes or ids.
    const page = await open(token);
    expect(page.statusCode).toBe(200);
    const shown = page.json<Verification>();
    expect(shown.holderName).toBe('Dana Rivera');
    expect(shown.licenses.map((license) => license.number)).toEqual(['LMFT-SHARED-1']);
    expect(shown.activities.map((activity) => activity.title)).toEqual(['Law and ethics (shared)']);
    expect(shown.documents.map((document) => document.sha256)).toEqual([
      createHash('sha256').update(certificate).digest('hex'),
    ]);
    expect(page.body).not.toContain('LPC-NOT-SHARED');
    expect(page.body).not.toContain('not shared');
    expect(page.body).not.toContain('private');
    expect(page.body).not.toContain(sharedLicense);
    expect(page.body).not.toContain(createHash('sha256').update(otherDocument).digest('hex'));
    // The token itself is never stored: the holder's list does not carry it.
    const listBody = JSON.stringify(await listShares(owner));
    expect(listBody).not.toContain(token);
    expect(listBody).not.toContain(createHash('sha256').update(token).digest('hex'));

    // Each view is logged for the holder.
    expect((await open(token)).statusCode).toBe(200);
    const views = await t.app.inject({
      method: 'GET',
      url: `${base(owner)}/shares/${link.id}/views`,
      headers: as(owner),
    });
    expect(views.statusCode).toBe(200);
    expect(views.json<{ items: { viewedAt: string }[] }>().items).toHaveLength(2);
    const listed = (await listShares(owner)).find((item) => item.id === link.id);
    expect(listed).toMatchObject({ viewCount: 2, status: 'active' });
    expect(listed?.lastViewedAt).not.toBeNull();

    // Unknown, expired and revoked links answer the same 404.
    const unknown = await open('B'.repeat(43));
    const malformed = await open('not-a-token');
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);

    const expiring = await share(owner, { licenseIds: [sharedLicense], expiresInDays: 1 });
    expect((await open(expiring.token)).statusCode).toBe(200);
    clock = new Date(Date.now() + 2 * DAY_MS);
    const expired = await open(expiring.token);
    clock = new Date();
    expect(expired.statusCode).toBe(404);

    const revoked = await revoke(owner, link.id);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<Share>().status).toBe('revoked');
    const afterRevoke = await open(token);
    expect(afterRevoke.statusCode).toBe(404);
    for (const answer of [malformed, expired, afterRevoke])
      expect(problemOf(answer.body)).toEqual(problemOf(unknown.body));
    // Revoking again changes nothing; the view log stays for the holder.
    expect((await revoke(owner, link.id)).statusCode).toBe(200);
    expect((await listShares(owner)).find((item) => item.id === link.id)).toMatchObject({
      status: 'revoked',
      viewCount: 2,
    });
    // A refused opening is not a view.
    const viewsAfter = await t.app.inject({
      method: 'GET',
      url: `${base(owner)}/shares/${link.id}/views`,
      headers: as(owner),
    });
    expect(viewsAfter.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('refuses picks that name nothing in the workspace, and bad input, naming the field', async () => {
    const theirLicense = await created(outsider, 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'OUTSIDER-1',
    });
    const nothing = await post(owner, 'shares', {
      label: 'x',
      holderName: 'y',
      licenseIds: [],
      activityIds: [],
      documentIds: [],
      expiresInDays: 5,
    });
    expect(nothing.statusCode).toBe(400);
    const foreign = await post(owner, 'shares', {
      label: 'x',
      holderName: 'y',
      licenseIds: [theirLicense],
      activityIds: [],
      documentIds: [],
      expiresInDays: 5,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.body).toContain('licenseIds');
    for (const bad of [
      { expiresInDays: 0 },
      { expiresInDays: 366 },
      { expiresInDays: '5' },
      { label: '   ' },
      { activityIds: ['../x'] },
      { documentIds: ['01J', '01J'] },
    ]) {
      const response = await post(owner, 'shares', {
        label: 'x',
        holderName: 'y',
        licenseIds: [theirLicense],
        activityIds: [],
        documentIds: [],
        expiresInDays: 5,
        ...bad,
      });
      expect(response.statusCode).toBe(400);
    }
  });

  it('another workspace can neither list, read the views of, nor revoke the holder’s links', async () => {
    const license = await created(owner, 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'ISO-1',
    });
    const { share: link, token } = await share(owner, { licenseIds: [license] });
    expect((await listShares(outsider)).map((item) => item.id)).not.toContain(link.id);
    const views = await t.app.inject({
      method: 'GET',
      url: `${base(outsider)}/shares/${link.id}/views`,
      headers: as(outsider),
    });
    expect(views.statusCode).toBe(404);
    expect((await revoke(outsider, link.id)).statusCode).toBe(404);
    // Naming the holder's workspace does not help either.
    const inTheirs = await t.app.inject({
      method: 'POST',
      url: `${base(owner)}/shares/${link.id}/revoke`,
      headers: as(outsider),
    });
    expect(inTheirs.statusCode).toBe(404);
    expect((await open(token)).statusCode).toBe(200);
    expect((await listShares(owner)).find((item) => item.id === link.id)?.status).toBe('active');
  });

  it('the export holds the links and their views, never a token; the purge leaves no way in', async () => {
    const person = await signIn(t.app, uniqueEmail('sharer'));
    const license = await created(person, 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'EXP-1',
    });
    const { share: link, token } = await share(person, { licenseIds: [license] });
    expect((await open(token)).statusCode).toBe(200);
    const rows: Record<string, unknown[]> = {};
    for (const table of credentialsData.exportWorkspace?.(t.app.deps, {
      tenantId: person.workspaceId,
      userId: person.userId,
      role: 'owner',
      workspaceName: 'Test',
    }) ?? []) {
      const tableRows: unknown[] = [];
      for await (const row of table.rows()) tableRows.push(row);
      rows[table.name] = tableRows;
    }
    expect(JSON.stringify(rows['verification-links'])).toContain(link.id);
    expect(JSON.stringify(rows['verification-link-views'])).toContain(link.id);
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(createHash('sha256').update(token).digest('hex'));

    await deleteAccountAndPurge(t.app, person, (at) => (clock = at));
    const lookup = await t.app.deps.db.doc.send(
      new GetCommand({
        TableName: t.app.deps.db.mainTable,
        Key: { PK: `CREDSHARETOKEN#${createHash('sha256').update(token).digest('hex')}`, SK: 'CREDSHARE' },
      }),
    );
    expect(lookup.Item).toBeUndefined();
    expect((await open(token)).statusCode).toBe(404);
  });
});

describe('credentials: the public verification page is rate limited', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('answers 429 with Retry-After once an address opens too many links in a minute', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 30; i += 1)
      statuses.push((await t.app.inject({ method: 'GET', url: `/v1/verify/${'C'.repeat(43)}` })).statusCode);
    expect(statuses.every((status) => status === 404)).toBe(true);
    const limited = await t.app.inject({ method: 'GET', url: `/v1/verify/${'C'.repeat(43)}` });
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
  });
});
