import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { buildSuppressItem } from '@holdfast/api/modules/notifications/repo';
import { credentialOrganisationsData } from '@holdfast/api/modules/credentials/organisations/data';
import { pdfBytes } from '../support/files.js';
import {
  addMember,
  as,
  createTestApp,
  readMailbox,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import { deleteAccountAndPurge } from '../support/account-deletion.js';

type CredentialRequest = {
  id: string;
  status: string;
  email: string;
  documents: { id: string; label: string }[];
};
type Received = {
  requestId: string;
  status: string;
  organisationName: string;
  share: { withdrawnAt: string | null } | null;
};
type ChecklistEntry = {
  requestId: string;
  status: string;
  requestStatus: string;
  items: { kind: string; label: string; status: string; expiresOn: string | null }[];
};
type Problem = { errors?: { field: string }[] };

const DAY_MS = 86_400_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString().slice(0, 10);

describe('credentials: organisations request credentials, people share and withdraw', () => {
  let t: TestApp;
  let clock = new Date();
  let org: Session;
  let person: Session;
  let outsider: Session;
  let otherOrg: Session;
  beforeAll(async () => {
    t = await createTestApp({ overrides: { now: () => clock } });
    org = await signIn(t.app, uniqueEmail('clinic-owner'));
    person = await signIn(t.app, uniqueEmail('nurse'));
    outsider = await signIn(t.app, uniqueEmail('outsider'));
    otherOrg = await signIn(t.app, uniqueEmail('agency-owner'));
  });
  afterAll(async () => {
    await t.app.close();
  });

  const base = (session: Session) => `/v1/workspaces/${session.workspaceId}/credentials`;
  const send = (session: Session, method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) =>
    t.app.inject({
      method,
      url: `${base(session)}/${path}`,
      headers: as(session),
      ...(payload === undefined ? {} : { payload }),
    });
  const ok = async <T>(session: Session, method: 'GET' | 'POST' | 'PUT', path: string, payload?: object) => {
    const response = await send(session, method, path, payload);
    if (response.statusCode >= 300)
      throw new Error(`${method} ${path}: ${response.statusCode} ${response.body}`);
    return response.json<T>();
  };
  const becomeOrganisation = (session: Session, name: string) =>
    ok(session, 'PUT', 'organisation', { kind: 'clinic', name });
  const requestBody = (email: string) => ({
    email,
    personName: 'Dana Rivera',
    message: 'For your start on the ward.',
    licenses: [{ jurisdiction: 'CA', credentialType: 'LMFT' }],
    documents: [{ label: 'Malpractice insurance' }],
  });
  const fieldsOf = (body: string) => ((JSON.parse(body) as Problem).errors ?? []).map((error) => error.field);
  const upload = async (session: Session) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/documents?filename=insurance.pdf`,
      headers: { ...as(session), 'content-type': 'application/pdf' },
      payload: pdfBytes(),
    });
    expect(response.statusCode).toBe(201);
    return response.json<{ document: { id: string } }>().document.id;
  };
  const checklistOf = async (session: Session, requestId: string) => {
    const page = await ok<{ items: ChecklistEntry[] }>(session, 'GET', 'checklist?limit=100');
    const entry = page.items.find((item) => item.requestId === requestId);
    if (entry === undefined) throw new Error('no checklist entry');
    return entry;
  };
  const auditActions = async (session: Session) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/audit?limit=200`,
      headers: as(session),
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ items: { action: string }[] }>().items.map((entry) => entry.action);
  };

  it('a workspace becomes an organisation only by an owner or admin, and must be one to ask', async () => {
    expect((await send(otherOrg, 'GET', 'organisation')).statusCode).toBe(404);
    const early = await send(otherOrg, 'POST', 'requests', requestBody(person.email));
    expect(early.statusCode).toBe(409);
    const member = await addMember(t.app, otherOrg, 'member');
    expect((await send(member, 'PUT', 'organisation', { kind: 'agency', name: 'Agency' })).statusCode).toBe(
      403,
    );
    await ok(otherOrg, 'PUT', 'organisation', { kind: 'agency', name: 'Northside Agency' });
    expect(await ok(member, 'GET', 'organisation')).toMatchObject({
      kind: 'agency',
      name: 'Northside Agency',
    });
    expect((await send(member, 'POST', 'requests', requestBody(person.email))).statusCode).toBe(403);
  });

  it('refuses bad input with 400s naming the field', async () => {
    await becomeOrganisation(org, 'Harbor Clinic');
    const cases: [object, string][] = [
      [{ ...requestBody(person.email), email: 'not-an-email' }, 'email'],
      [{ ...requestBody(person.email), personName: '   ' }, 'personName'],
      [
        { ...requestBody(person.email), licenses: [{ jurisdiction: 'XX', credentialType: 'LMFT' }] },
        'jurisdiction',
      ],
      [
        { ...requestBody(person.email), documents: Array.from({ length: 11 }, () => ({ label: 'x' })) },
        'documents',
      ],
      // A field the schema does not know is named in the message of the body's error.
      [{ ...requestBody(person.email), extra: true }, 'body'],
      [{ ...requestBody(person.email), licenses: [], documents: [] }, 'licenses'],
    ];
    for (const [payload, field] of cases) {
      const response = await send(org, 'POST', 'requests', payload);
      expect(response.statusCode).toBe(400);
      expect(fieldsOf(response.body).join(' ')).toContain(field);
    }
    const badKind = await send(org, 'PUT', 'organisation', { kind: 'castle', name: 'X' });
    expect(badKind.statusCode).toBe(400);
    expect(fieldsOf(badKind.body).join(' ')).toContain('kind');
  });

  it('the organisation asks, the person shares, the checklist is complete, withdrawing ends access at once (P-CRED-2)', async () => {
    await becomeOrganisation(org, 'Harbor Clinic');
    const request = await ok<CredentialRequest>(
      org,
      'POST',
      'requests',
      requestBody(person.email.toUpperCase()),
    );
    expect(request).toMatchObject({ status: 'pending', email: person.email });
    const mails = await readMailbox(person.email);
    expect(mails.some((mail) => mail.subject.includes('Harbor Clinic asks for your credentials'))).toBe(true);
    expect(
      (await ok<{ items: CredentialRequest[] }>(org, 'GET', 'requests')).items.map((r) => r.id),
    ).toContain(request.id);

    // Waiting: the person sees it in their own workspace; the checklist shows everything missing.
    const received = await ok<{ items: Received[] }>(person, 'GET', 'received-requests');
    expect(received.items.find((item) => item.requestId === request.id)).toMatchObject({
      status: 'pending',
      organisationName: 'Harbor Clinic',
    });
    expect((await checklistOf(org, request.id)).status).toBe('missing');
    expect((await send(org, 'GET', `requests/${request.id}/shared`)).statusCode).toBe(404);

    const shared = await ok<{ id: string }>(person, 'POST', 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'LMFT 5501',
      expiresOn: inDays(400),
    });
    const kept = await ok<{ id: string }>(person, 'POST', 'licenses', {
      jurisdiction: 'TX',
      credentialType: 'LPC',
      number: 'LPC-PRIVATE-77',
      expiresOn: inDays(400),
    });
    const documentId = await upload(person);
    const requirementId = request.documents[0]?.id ?? '';

    // Answers the person cannot give: records they do not hold, requirements never asked.
    const notHeld = await send(person, 'POST', `received-requests/${request.id}/share`, {
      licenseIds: ['01ARZ3NDEKTSV4RRFFQ69G5FAV'],
      activityIds: [],
      documents: [],
    });
    expect(notHeld.statusCode).toBe(400);
    expect(fieldsOf(notHeld.body)).toContain('licenseIds');
    const notAsked = await send(person, 'POST', `received-requests/${request.id}/share`, {
      licenseIds: [],
      activityIds: [],
      documents: [{ requirementId: '01ARZ3NDEKTSV4RRFFQ69G5FAV', documentId }],
    });
    expect(notAsked.statusCode).toBe(400);
    expect(fieldsOf(notAsked.body)).toContain('documents');
    // Someone else, in their own workspace, cannot answer a request sent to another address.
    const stranger = await send(outsider, 'POST', `received-requests/${request.id}/share`, {
      licenseIds: [],
      activityIds: [],
      documents: [],
    });
    expect(stranger.statusCode).toBe(404);

    const answer = await send(person, 'POST', `received-requests/${request.id}/share`, {
      licenseIds: [shared.id],
      activityIds: [],
      documents: [{ requirementId, documentId }],
    });
    expect(answer.statusCode).toBe(201);
    expect(answer.json<Received>()).toMatchObject({ status: 'shared' });
    expect((await ok<CredentialRequest>(org, 'GET', `requests/${request.id}`)).status).toBe('shared');

    const entry = await checklistOf(org, request.id);
    expect(entry.status).toBe('complete');
    expect(entry.items.map((item) => item.status)).toEqual(['complete', 'complete']);
    const read = await send(org, 'GET', `requests/${request.id}/shared`);
    expect(read.statusCode).toBe(200);
    expect(read.body).toContain('LMFT 5501');
    // Nothing the person did not share reaches the organisation.
    expect(read.body).not.toContain('LPC-PRIVATE-77');
    expect(read.body).not.toContain(kept.id);
    expect((await send(org, 'GET', `licenses/${kept.id}`)).statusCode).toBe(404);

    // A license ending within 60 days makes the requirement expiring.
    const license = await ok<{ version: number }>(person, 'GET', `licenses/${shared.id}`);
    const patched = await t.app.inject({
      method: 'PATCH',
      url: `${base(person)}/licenses/${shared.id}`,
      headers: as(person),
      payload: { version: license.version, expiresOn: inDays(30) },
    });
    expect(patched.statusCode).toBe(200);
    expect(await checklistOf(org, request.id)).toMatchObject({
      status: 'expiring',
      items: [{ status: 'expiring', expiresOn: inDays(30) }, { status: 'complete' }],
    });

    // Another organisation and a third workspace see nothing of it.
    for (const path of [`requests/${request.id}`, `requests/${request.id}/shared`])
      expect((await send(otherOrg, 'GET', path)).statusCode).toBe(404);
    for (const path of ['requests', 'checklist', `requests/${request.id}/shared`]) {
      const response = await t.app.inject({
        method: 'GET',
        url: `${base(org)}/${path}`,
        headers: as(outsider),
      });
      expect(response.statusCode).toBe(404);
    }
    const outsiders = await ok<{ items: Received[] }>(outsider, 'GET', 'received-requests');
    expect(outsiders.items.map((item) => item.requestId)).not.toContain(request.id);

    const withdrawn = await send(person, 'POST', `received-requests/${request.id}/withdraw`);
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json<{ withdrawnAt: string | null }>().withdrawnAt).not.toBeNull();
    expect((await send(org, 'GET', `requests/${request.id}/shared`)).statusCode).toBe(404);
    expect(await checklistOf(org, request.id)).toMatchObject({
      status: 'missing',
      requestStatus: 'withdrawn',
    });
    // Withdrawn stays withdrawn: a second withdraw changes nothing, the request cannot be answered again.
    expect((await send(person, 'POST', `received-requests/${request.id}/withdraw`)).statusCode).toBe(200);
    const again = await send(person, 'POST', `received-requests/${request.id}/share`, {
      licenseIds: [shared.id],
      activityIds: [],
      documents: [],
    });
    expect(again.statusCode).toBe(404);
    const listed = await ok<{ items: Received[] }>(person, 'GET', 'received-requests');
    expect(listed.items.find((item) => item.requestId === request.id)?.status).toBe('withdrawn');

    // Both sides' audit logs hold every change, with counts and ids only.
    const orgLog = await auditActions(org);
    expect(orgLog).toEqual(
      expect.arrayContaining([
        'credential-organisation.set',
        'credential-request.created',
        'credential-request.answered',
        'credential-request.withdrawn',
      ]),
    );
    expect(await auditActions(person)).toEqual(
      expect.arrayContaining(['credential-org-share.created', 'credential-org-share.withdrawn']),
    );
    const verdict = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${org.workspaceId}/audit/verify`,
      headers: as(org),
    });
    expect(verdict.json<{ isValid: boolean }>()).toMatchObject({ isValid: true });
  });

  it('the organisation cancels: the person no longer sees the request, and what was shared for it ends (P-CRED-2)', async () => {
    await becomeOrganisation(org, 'Harbor Clinic');
    const waiting = await ok<CredentialRequest>(org, 'POST', 'requests', requestBody(person.email));
    const answered = await ok<CredentialRequest>(org, 'POST', 'requests', requestBody(person.email));
    const license = await ok<{ id: string }>(person, 'POST', 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'LMFT 7001',
      expiresOn: inDays(400),
    });
    await ok(person, 'POST', `received-requests/${answered.id}/share`, {
      licenseIds: [license.id],
      activityIds: [],
      documents: [],
    });
    expect((await send(org, 'GET', `requests/${answered.id}/shared`)).statusCode).toBe(200);

    // Only the organisation's owners and admins cancel; the person cannot cancel from their side.
    const member = await addMember(t.app, org, 'member');
    expect((await send(member, 'POST', `requests/${waiting.id}/cancel`)).statusCode).toBe(403);
    expect((await send(person, 'POST', `requests/${waiting.id}/cancel`)).statusCode).toBe(404);
    expect((await send(otherOrg, 'POST', `requests/${waiting.id}/cancel`)).statusCode).toBe(404);

    const cancelMails = async () =>
      (await readMailbox(person.email)).filter((mail) =>
        mail.subject.includes('Harbor Clinic cancelled its request for your credentials'),
      );
    const mailedBefore = (await cancelMails()).length;
    for (const request of [waiting, answered]) {
      const cancelled = await send(org, 'POST', `requests/${request.id}/cancel`);
      expect(cancelled.statusCode).toBe(200);
      expect(cancelled.json<{ status: string; cancelledAt: string | null }>()).toMatchObject({
        status: 'cancelled',
        cancelledAt: expect.any(String),
      });
    }
    // Cancelling again changes nothing.
    const again = await send(org, 'POST', `requests/${answered.id}/cancel`);
    expect(again.json<{ status: string }>().status).toBe('cancelled');

    // The person is told of each cancel once, naming the organisation; the one they answered says
    // that what they shared is no longer visible to it. Cancelling again mails nothing more.
    const mailed = (await cancelMails()).slice(mailedBefore);
    expect(mailed).toHaveLength(2);
    const texts = mailed.map((mail) => mail.body.text ?? '');
    expect(texts.filter((text) => text.includes('no longer visible to Harbor Clinic'))).toHaveLength(1);
    expect(texts.filter((text) => text.includes('You do not need to answer it'))).toHaveLength(1);
    // Mail names the organisation and counts, never the records shared.
    for (const text of texts) expect(text).not.toContain('LMFT 7001');

    const listed = await ok<{ items: Received[] }>(person, 'GET', 'received-requests');
    expect(listed.items.map((item) => item.requestId)).not.toContain(waiting.id);
    expect(listed.items.map((item) => item.requestId)).not.toContain(answered.id);
    expect((await send(org, 'GET', `requests/${answered.id}/shared`)).statusCode).toBe(404);
    expect(await checklistOf(org, answered.id)).toMatchObject({
      status: 'missing',
      requestStatus: 'cancelled',
    });
    // Nothing is left to answer or withdraw.
    const share = { licenseIds: [license.id], activityIds: [], documents: [] };
    expect((await send(person, 'POST', `received-requests/${waiting.id}/share`, share)).statusCode).toBe(404);
    expect((await send(person, 'POST', `received-requests/${answered.id}/withdraw`)).statusCode).toBe(404);

    // Both logs hold it: the organisation's cancel, and the end of the person's share.
    expect(await auditActions(org)).toEqual(expect.arrayContaining(['credential-request.cancelled']));
    expect(await auditActions(person)).toEqual(expect.arrayContaining(['credential-org-share.ended']));
  });

  it('a cancel reaches no address that bounced before (P-MAIL-4), and the cancel still lands', async () => {
    await becomeOrganisation(org, 'Harbor Clinic');
    const bounced = uniqueEmail('bounced-nurse');
    const suppress = buildSuppressItem(t.app.deps.db, bounced, 'bounce', new Date().toISOString());
    await t.app.deps.db.doc.send(new TransactWriteCommand({ TransactItems: [suppress] }));
    const request = await ok<CredentialRequest>(org, 'POST', 'requests', requestBody(bounced));
    const cancelled = await ok<CredentialRequest>(org, 'POST', `requests/${request.id}/cancel`);
    expect(cancelled.status).toBe('cancelled');
    expect(await readMailbox(bounced)).toEqual([]);
  });

  it('each read of what a person shared is in that person’s access log, naming the organisation (P-CRED-2)', async () => {
    await becomeOrganisation(org, 'Harbor Clinic');
    const reader = await signIn(t.app, uniqueEmail('reading-nurse'));
    const request = await ok<CredentialRequest>(org, 'POST', 'requests', requestBody(reader.email));
    const license = await ok<{ id: string }>(reader, 'POST', 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'LMFT 8100',
      expiresOn: inDays(400),
    });
    await ok(reader, 'POST', `received-requests/${request.id}/share`, {
      licenseIds: [license.id],
      activityIds: [],
      documents: [],
    });
    type Read = { at: string; actor: { label: string }; target: { type: string; id: string } };
    const accessLog = async () => {
      const response = await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${reader.workspaceId}/professional-reads`,
        headers: as(reader),
      });
      expect(response.statusCode).toBe(200);
      return response.json<{ items: Read[] }>().items;
    };
    expect(await accessLog()).toEqual([]);

    expect((await send(org, 'GET', `requests/${request.id}/shared`)).statusCode).toBe(200);
    await checklistOf(org, request.id);
    const reads = await accessLog();
    expect(reads).toHaveLength(2);
    for (const read of reads)
      expect(read).toMatchObject({
        actor: { label: 'Harbor Clinic' },
        target: { type: 'credentials-shared-with-organisation', id: request.id },
      });
    // The entries name counts and ids only, never the records themselves.
    expect(JSON.stringify(reads)).not.toContain('LMFT 8100');

    // After withdrawing nothing more is read, so nothing more is logged.
    await ok(reader, 'POST', `received-requests/${request.id}/withdraw`);
    expect((await send(org, 'GET', `requests/${request.id}/shared`)).statusCode).toBe(404);
    await checklistOf(org, request.id);
    expect(await accessLog()).toHaveLength(2);
  });

  it('the checklist pages across the people asked', async () => {
    const clinic = await signIn(t.app, uniqueEmail('paged-clinic'));
    await becomeOrganisation(clinic, 'Paged Clinic');
    for (let i = 0; i < 3; i += 1)
      await ok(clinic, 'POST', 'requests', requestBody(uniqueEmail(`staff${i}`)));
    const first = await ok<{ items: ChecklistEntry[]; nextCursor?: string }>(
      clinic,
      'GET',
      'checklist?limit=2',
    );
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeDefined();
    const second = await ok<{ items: ChecklistEntry[]; nextCursor?: string }>(
      clinic,
      'GET',
      `checklist?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`,
    );
    expect(second.items).toHaveLength(1);
    expect((await send(clinic, 'GET', 'checklist?limit=101')).statusCode).toBe(400);
  });

  it('exports each side’s records; a person’s purge withdraws their shares from the organisation', async () => {
    const nurse = await signIn(t.app, uniqueEmail('leaving-nurse'));
    const request = await ok<CredentialRequest>(org, 'POST', 'requests', requestBody(nurse.email));
    const license = await ok<{ id: string }>(nurse, 'POST', 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'LMFT 9',
      expiresOn: inDays(400),
    });
    await ok(nurse, 'POST', `received-requests/${request.id}/share`, {
      licenseIds: [license.id],
      activityIds: [],
      documents: [],
    });
    const exported = async (session: Session) => {
      const rows: Record<string, unknown[]> = {};
      for (const table of credentialOrganisationsData.exportWorkspace?.(t.app.deps, {
        tenantId: session.workspaceId,
        userId: session.userId,
        role: 'owner',
        workspaceName: 'Test',
      }) ?? []) {
        rows[table.name] = [];
        for await (const row of table.rows()) rows[table.name]?.push(row);
      }
      return rows;
    };
    const orgRows = await exported(org);
    expect(JSON.stringify(orgRows['credential-requests'])).toContain(request.id);
    expect(JSON.stringify(orgRows['credential-organisation'])).toContain('Harbor Clinic');
    // The internal hash of the address and the person's workspace stay out of the export.
    expect(JSON.stringify(orgRows)).not.toContain('emailHash');
    expect(JSON.stringify(orgRows)).not.toContain(nurse.workspaceId);
    const nurseRows = await exported(nurse);
    expect(JSON.stringify(nurseRows['credential-shares-with-organisations'])).toContain(license.id);

    expect((await send(org, 'GET', `requests/${request.id}/shared`)).statusCode).toBe(200);
    await deleteAccountAndPurge(t.app, nurse, (at) => (clock = at));
    expect((await send(org, 'GET', `requests/${request.id}/shared`)).statusCode).toBe(404);
    expect((await ok<CredentialRequest>(org, 'GET', `requests/${request.id}`)).status).toBe('withdrawn');
    expect(await exported(nurse)).toEqual({
      'credential-organisation': [],
      'credential-requests': [],
      'credential-shares-with-organisations': [],
    });
  });
});
