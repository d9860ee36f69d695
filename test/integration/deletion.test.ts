import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ScanCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { FastifyInstance } from 'fastify';
import { listAuditEntries } from '@holdfast/api/platform/audit/audit-log';
import { listMinimisedAuditLog, verifyMinimisedAuditLog } from '@holdfast/api/platform/audit/audit-minimise';
import { provisionUser } from '@holdfast/api/modules/identity/service';
import {
  getDeletionStatus,
  isOptedOutOfOptionalMail,
  planAccountDeletion,
  requestAccountDeletion,
} from '@holdfast/api/modules/privacy/deletion';
import { PURGE_OUTCOME, RECORD_TYPES } from '@holdfast/api/modules/privacy/inventory';
import { purgeAccount, runPurge } from '@holdfast/api/modules/privacy/purge';
import {
  addMember,
  as,
  createTestApp,
  incidentBody,
  readMailbox,
  readSessionCookie,
  readSignInToken,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import {
  clerkEnv,
  clerkSessionToken,
  startClerkApi,
  svixHeaders,
  userData,
  userEvent,
} from '../support/clerk.js';
import { pdfBytes, pngBytes } from '../support/files.js';
import { readZip } from '../support/zip.js';

const DAY_MS = 86_400_000;

/** A clock the tests move forward past the 30-day grace period. */
function createClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advanceDays: (days: number) => {
      offsetMs += days * DAY_MS;
    },
    advanceMinutes: (minutes: number) => {
      offsetMs += minutes * 60_000;
    },
  };
}

type Item = Record<string, unknown>;

/** Every item of the main table (the purge test's proof reads the whole table, not an index). */
async function scanTable(app: FastifyInstance): Promise<Item[]> {
  const { db } = app.deps;
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await db.doc.send(new ScanCommand({ TableName: db.mainTable, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** The items that mention any of `needles` anywhere (keys, attributes, nested values). */
function mentioning(items: Item[], needles: string[]): Item[] {
  return items.filter((item) => {
    const text = JSON.stringify(item).toLowerCase();
    return needles.some((needle) => text.includes(needle.toLowerCase()));
  });
}

/** Keys of the stored objects under a workspace's prefix, read from the object store itself. */
async function storedKeys(app: FastifyInstance, tenantId: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of app.deps.blobs.list(`tenants/${tenantId}/`)) keys.push(object.key);
  return keys;
}

async function createIncident(t: TestApp, session: Session, workspaceId = session.workspaceId) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/v1/workspaces/${workspaceId}/incidents`,
    headers: as(session),
    payload: incidentBody(),
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>();
}

async function uploadDocument(t: TestApp, session: Session, bytes: Buffer, filename: string) {
  const response = await t.app.inject({
    method: 'POST',
    url: `/v1/workspaces/${session.workspaceId}/documents?filename=${filename}`,
    headers: { ...as(session), 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  expect(response.statusCode).toBe(201);
}

async function createApiKey(
  t: TestApp,
  session: Session,
  workspaceId = session.workspaceId,
): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: `/v1/workspaces/${workspaceId}/api-keys`,
    headers: as(session),
    payload: { name: 'Integration', scopes: ['incidents:read'] },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ secret: string }>().secret;
}

async function deleteAccount(t: TestApp, session: Session, confirmation: string) {
  return t.app.inject({
    method: 'POST',
    url: '/v1/account/deletion',
    headers: as(session),
    payload: { confirmation },
  });
}

/** Signs in again through the mail; for an account being deleted the session opens only the restore offer. */
async function signInAgain(t: TestApp, email: string): Promise<{ cookie: string }> {
  await t.app.inject({ method: 'POST', url: '/v1/auth/magic-link', payload: { email } });
  const token = await readSignInToken(email);
  const verified = await t.app.inject({ method: 'POST', url: '/v1/auth/verify', payload: { token } });
  expect(verified.statusCode).toBe(200);
  return { cookie: readSessionCookie(verified) };
}

function get(t: TestApp, url: string, headers: Record<string, string>) {
  return t.app.inject({ method: 'GET', url, headers });
}

describe('account deletion, restore and purge', () => {
  let t: TestApp;
  const clock = createClock();

  beforeAll(async () => {
    // Sessions outlive the clock's jumps past the grace period.
    t = await createTestApp({ env: { SESSION_TTL_DAYS: '90' }, overrides: { now: clock.now } });
  });

  afterAll(async () => {
    await t?.app.close();
  });

  it('P-RIGHT-3 hides the account at once: sessions and API keys stop, the sole-owned workspace is gone for its members, a notice is emailed; signing in offers only the restore, which brings everything back', async () => {
    const owner = await signIn(t.app, uniqueEmail('deleter'));
    const admin = await addMember(t.app, owner, 'admin');
    const incident = await createIncident(t, owner);
    const ownKey = await createApiKey(t, owner);
    const adminKey = await createApiKey(t, admin);
    // A workspace someone else owns, where the deleting person is a member with a key of their own.
    const other = await signIn(t.app, uniqueEmail('other-owner'));
    const invited = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${other.workspaceId}/invites`,
      headers: as(other),
      payload: { email: owner.email, role: 'admin' },
    });
    const { code } = invited.json<{ code: string }>();
    await t.app.inject({ method: 'POST', url: '/v1/invites/accept', headers: as(owner), payload: { code } });
    const sharedKey = await createApiKey(t, owner, other.workspaceId);
    const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });
    const incidentsOf = (workspaceId: string) => `/v1/workspaces/${workspaceId}/incidents`;

    const preview = await get(t, '/v1/account/deletion', as(owner));
    expect(preview.json()).toMatchObject({ state: 'active', graceDays: 30 });
    expect(preview.json<{ workspaces: { id: string; outcome: string }[] }>().workspaces).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: owner.workspaceId, outcome: 'workspace' }),
        expect.objectContaining({ id: other.workspaceId, outcome: 'membership' }),
      ]),
    );

    expect((await deleteAccount(t, owner, 'delete it')).statusCode).toBe(400);
    const deleted = await deleteAccount(t, owner, owner.email.toUpperCase());
    expect(deleted.statusCode).toBe(202);
    expect(deleted.json()).toMatchObject({ state: 'pending' });

    // Sessions and every API key reaching the hidden workspace stop at once.
    expect((await get(t, '/v1/me', as(owner))).statusCode).toBe(401);
    expect((await get(t, incidentsOf(owner.workspaceId), bearer(ownKey))).statusCode).toBe(401);
    expect((await get(t, incidentsOf(owner.workspaceId), bearer(adminKey))).statusCode).toBe(401);
    expect((await get(t, incidentsOf(other.workspaceId), bearer(sharedKey))).statusCode).toBe(401);
    // The workspace they alone own answers as if gone, to its other members too.
    expect((await get(t, incidentsOf(owner.workspaceId), as(admin))).statusCode).toBe(404);
    const adminWorkspaces = await get(t, '/v1/workspaces', as(admin));
    expect(adminWorkspaces.json<{ items: { id: string }[] }>().items.map((w) => w.id)).not.toContain(
      owner.workspaceId,
    );
    // The shared workspace stays for its owner.
    expect((await get(t, incidentsOf(other.workspaceId), as(other))).statusCode).toBe(200);
    const notices = await readMailbox(owner.email);
    expect(notices.some((mail) => mail.subject.includes('scheduled for deletion'))).toBe(true);

    // Signing in again opens the restore offer and nothing else.
    const again = await signInAgain(t, owner.email);
    const me = await get(t, '/v1/me', as(again));
    expect(me.statusCode).toBe(403);
    expect(me.json<{ code: string }>().code).toBe('account_pending_deletion');
    expect((await get(t, incidentsOf(owner.workspaceId), as(again))).statusCode).toBe(404);
    expect((await get(t, incidentsOf(other.workspaceId), as(again))).statusCode).toBe(404);
    const created = await t.app.inject({
      method: 'POST',
      url: '/v1/workspaces',
      headers: as(again),
      payload: { name: 'Sneaky' },
    });
    expect(created.statusCode).toBe(403);
    const status = await get(t, '/v1/account/deletion', as(again));
    expect(status.statusCode).toBe(200);
    const pending = status.json<{ state: string; purgeAfter: string }>();
    expect(pending.state).toBe('pending');
    expect(Date.parse(pending.purgeAfter) - clock.now().getTime()).toBeGreaterThan(29 * DAY_MS);

    // Within the 30 days: restore brings everything back as it was.
    clock.advanceDays(29);
    const restored = await t.app.inject({ method: 'POST', url: '/v1/account/restore', headers: as(again) });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ state: 'active' });
    expect((await get(t, '/v1/me', as(again))).statusCode).toBe(200);
    const read = await get(t, `${incidentsOf(owner.workspaceId)}/${incident.id}`, as(again));
    expect(read.statusCode).toBe(200);
    expect((await get(t, incidentsOf(owner.workspaceId), as(admin))).statusCode).toBe(200);
    expect((await get(t, incidentsOf(owner.workspaceId), bearer(ownKey))).statusCode).toBe(200);
    expect((await get(t, incidentsOf(owner.workspaceId), bearer(adminKey))).statusCode).toBe(200);
    expect((await get(t, incidentsOf(other.workspaceId), bearer(sharedKey))).statusCode).toBe(200);
    expect((await get(t, incidentsOf(other.workspaceId), as(again))).statusCode).toBe(200);
    // The purge finds nothing to do for a restored account.
    expect(await purgeAccount(t.app.deps, owner.userId)).toBe('none');
    expect((await get(t, `${incidentsOf(owner.workspaceId)}/${incident.id}`, as(again))).statusCode).toBe(
      200,
    );
    const audit = await get(t, `/v1/workspaces/${owner.workspaceId}/audit`, as(again));
    const actions = audit.json<{ items: { action: string }[] }>().items.map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['workspace.hidden', 'workspace.restored']));
    const verdict = await get(t, `/v1/workspaces/${owner.workspaceId}/audit/verify`, as(again));
    expect(verdict.json()).toMatchObject({ isValid: true });
  }, 120_000);

  it('P-RIGHT-3 during the grace period a copy of the data is emailed on request: the export holds the records of the workspaces the deletion hid', async () => {
    const person = await signIn(t.app, uniqueEmail('copy'));
    const incident = await createIncident(t, person);
    expect((await deleteAccount(t, person, person.email)).statusCode).toBe(202);
    const again = await signInAgain(t, person.email);
    const started = await t.app.inject({ method: 'POST', url: '/v1/me/exports', headers: as(again) });
    expect(started.statusCode).toBe(202);
    let status = started.json<{ id: string; status: string }>();
    for (let i = 0; i < 200 && status.status === 'running'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await get(t, `/v1/me/exports/${status.id}`, as(again))).json();
    }
    expect(status.status).toBe('ready');
    // The mail follows the ready status by a moment.
    let isMailed = false;
    for (let i = 0; i < 50 && !isMailed; i += 1) {
      isMailed = (await readMailbox(person.email)).some((mail) => mail.subject.includes('export is ready'));
      if (!isMailed) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(isMailed).toBe(true);
    const download = await get(t, `/v1/me/exports/${status.id}/download`, as(again));
    expect(download.statusCode).toBe(200);
    const dir = mkdtempSync(join(tmpdir(), 'holdfast-copy-'));
    try {
      writeFileSync(join(dir, 'copy.zip'), download.rawPayload);
      const entries = await readZip(join(dir, 'copy.zip'));
      const incidents = [...entries].find(([name]) => name.endsWith('/incidents.json'));
      expect(incidents?.[1].toString('utf8')).toContain(incident.id);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Asking for the copy restored nothing: the records stay hidden until the person restores.
    expect((await get(t, '/v1/account/deletion', as(again))).json()).toMatchObject({ state: 'pending' });
    expect((await get(t, `/v1/workspaces/${person.workspaceId}/incidents`, as(again))).statusCode).toBe(404);
  });

  it('P-RIGHT-3 a deletion cut short right after its request committed is finished by the next purge run, once', async () => {
    const person = await signIn(t.app, uniqueEmail('cut-short'));
    const key = await createApiKey(t, person);
    const bearer = { authorization: `Bearer ${key}` };
    const incidents = `/v1/workspaces/${person.workspaceId}/incidents`;
    // The request commits, then the process stops before anything is hidden.
    const operations = await planAccountDeletion(t.app.deps, { id: person.userId, email: person.email });
    await t.app.deps.db.doc.send(new TransactWriteCommand({ TransactItems: operations }));
    expect((await t.app.inject({ method: 'GET', url: incidents, headers: bearer })).statusCode).toBe(200);
    // A run right away leaves it to the request that may still be applying it.
    expect((await runPurge(t.app.deps)).resumed).not.toContain(person.userId);
    clock.advanceMinutes(10);
    expect((await runPurge(t.app.deps)).resumed).toContain(person.userId);
    expect((await t.app.inject({ method: 'GET', url: '/v1/me', headers: as(person) })).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: incidents, headers: bearer })).statusCode).toBe(401);
    expect((await getDeletionStatus(t.app.deps, person.userId)).state).toBe('pending');
    // Later runs do not hide it again (one audit entry), and the notice went out once.
    expect((await runPurge(t.app.deps)).resumed).not.toContain(person.userId);
    const log = await listAuditEntries(t.app.deps.db, person.workspaceId, { limit: 100 });
    expect(log.items.filter((entry) => entry.action === 'workspace.hidden')).toHaveLength(1);
    const notices = (await readMailbox(person.email)).filter((mail) =>
      /scheduled for deletion/.test(mail.subject),
    );
    expect(notices).toHaveLength(1);
  });

  it('P-RIGHT-3 P-RIGHT-4 P-AUD-3 purges after 30 days, resumes after being killed at every step, and leaves only the minimal audit record and the opt-out', async () => {
    const owner = await signIn(t.app, uniqueEmail('purged'));
    const member = await addMember(t.app, owner, 'member');
    await createIncident(t, owner);
    await createIncident(t, member);
    await uploadDocument(t, owner, pdfBytes('Order of the court'), 'order.pdf');
    await uploadDocument(t, member, pngBytes('purge'), 'photo.png');
    await createApiKey(t, owner);
    await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/invites`,
      headers: as(owner),
      payload: { email: uniqueEmail('never-joined'), role: 'viewer' },
    });
    await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/feedback`,
      headers: as(owner),
      payload: { message: 'Purge me too', pageUrl: '/w/x/incidents', userAgent: 'jest' },
    });
    // A second workspace the person owns together with someone else: it stays, their membership goes.
    const coOwner = await signIn(t.app, uniqueEmail('co-owner'));
    const joined = await addMember(t.app, coOwner, 'owner', owner.email);
    const sharedIncident = await createIncident(t, coOwner);
    await createApiKey(t, joined, coOwner.workspaceId);
    const sharedPk = `TENANT#${coOwner.workspaceId}`;
    const isOwn = (item: Item) => item.PK !== sharedPk;
    const before = mentioning(await scanTable(t.app), [owner.userId, owner.workspaceId, owner.email]).filter(
      isOwn,
    );
    expect(await storedKeys(t.app, owner.workspaceId)).toHaveLength(2);

    expect((await deleteAccount(t, owner, 'DELETE')).statusCode).toBe(202);
    // Within the 30 days the purge leaves it alone.
    clock.advanceDays(10);
    await runPurge(t.app.deps);
    expect(await storedKeys(t.app, owner.workspaceId)).toHaveLength(2);
    clock.advanceDays(21);

    // Kill the purge after 1 step, then after 2, 3, ... until a run gets through: every step must
    // be resumable from a crash right after it.
    class Killed extends Error {}
    let runs = 0;
    for (let killAfter = 1; ; killAfter += 1) {
      let steps = 0;
      runs += 1;
      const outcome = await purgeAccount(t.app.deps, owner.userId, {
        onStep: () => {
          steps += 1;
          if (steps >= killAfter) throw new Killed(`killed after ${killAfter} steps`);
        },
      }).catch((error: unknown) => {
        if (error instanceof Killed) return 'killed';
        throw error;
      });
      if (outcome !== 'killed') {
        expect(outcome).toBe('purged');
        break;
      }
      expect(runs).toBeLessThan(60);
    }
    expect(runs).toBeGreaterThan(5);
    // A second run (or a scheduled one) finds nothing left to do.
    expect(await purgeAccount(t.app.deps, owner.userId)).toBe('none');
    await runPurge(t.app.deps);

    // Nothing of the person or their workspace remains in the table, except what the inventory
    // says survives a purge (P-RIGHT-4): the minimised audit log (P-AUD-3) and kept opt-outs.
    // Short-lived items (used sign-in links) whose expiry has passed are gone by DynamoDB's TTL in
    // production; DynamoDB Local never expires items, so they are told apart by their expiry. The
    // final notice itself waits in the mail outbox (short retention, with its own TTL) until it ages out.
    const outcomeOf = new Map(RECORD_TYPES.map((type) => [type.entity, PURGE_OUTCOME[type.retention]]));
    const nowEpoch = Math.floor(clock.now().getTime() / 1000);
    const table = await scanTable(t.app);
    const left = mentioning(table, [owner.userId, owner.workspaceId, owner.email])
      .filter(isOwn)
      .filter((item) => !(typeof item.expiresAtEpoch === 'number' && item.expiresAtEpoch <= nowEpoch))
      .filter((item) => !(item.entity === 'OutboxMessage' && typeof item.expiresAtEpoch === 'number'));
    for (const item of left) expect(['minimised', 'kept']).toContain(outcomeOf.get(item.entity as string));
    expect(new Set(left.map((item) => item.entity))).toEqual(
      new Set(['PurgedAuditEntry', 'PurgedAuditHead']),
    );
    // Every kind of record the person had, in every retention class the inventory purges, is gone.
    const purgedKinds = before
      .map((item) => item.entity as string)
      .filter((entity) => outcomeOf.get(entity) === 'purged');
    expect(new Set(purgedKinds)).toEqual(
      new Set([
        'User',
        'EmailLookup',
        'SignIn',
        'Session',
        'Workspace',
        'Member',
        'Invite',
        'InviteCodeLookup',
        'ApiKey',
        'ApiKeyLookup',
        'Incident',
        'Document',
        'Blob',
        'VaultUsage',
        'Feedback',
      ]),
    );
    for (const kind of purgedKinds) expect(left.map((item) => item.entity)).not.toContain(kind);
    expect(await storedKeys(t.app, owner.workspaceId)).toEqual([]);

    // P-AUD-3: each surviving entry is actor id, action and time (with the chain's hashes), no content.
    const minimised = await listMinimisedAuditLog(t.app.deps.db, owner.workspaceId);
    expect(minimised.length).toBeGreaterThan(5);
    for (const entry of minimised)
      expect(Object.keys(entry).sort()).toEqual(['action', 'actorId', 'at', 'hash', 'prevHash', 'seq']);
    const raw = left.filter((item) => item.entity === 'PurgedAuditEntry');
    for (const item of raw)
      expect(Object.keys(item).sort()).toEqual([
        'PK',
        'SK',
        'action',
        'actorId',
        'at',
        'entity',
        'hash',
        'prevHash',
        'seq',
      ]);
    expect(JSON.stringify(raw)).not.toContain(owner.email);
    await expect(verifyMinimisedAuditLog(t.app.deps.db, owner.workspaceId)).resolves.toMatchObject({
      isLinked: true,
      checked: minimised.length,
    });

    // The shared workspace stays with its other owner; the person's membership and keys are gone.
    // What stays there naming them is that workspace's own history: its hash-chained audit log
    // (which no route may edit, P-AUD-2), the invite they accepted, and the revoked keys they had created.
    const sharedLeft = mentioning(table, [owner.userId, owner.email]).filter((item) => !isOwn(item));
    expect(new Set(sharedLeft.map((item) => item.entity))).toEqual(
      new Set(['AuditEntry', 'ApiKey', 'Invite']),
    );
    const members = await get(t, `/v1/workspaces/${coOwner.workspaceId}/members`, as(coOwner));
    expect(members.json<{ items: { userId: string }[] }>().items.map((m) => m.userId)).toEqual([
      coOwner.userId,
    ]);
    expect(
      (await get(t, `/v1/workspaces/${coOwner.workspaceId}/incidents/${sharedIncident.id}`, as(coOwner)))
        .statusCode,
    ).toBe(200);
    const keys = await get(t, `/v1/workspaces/${coOwner.workspaceId}/api-keys`, as(coOwner));
    expect(
      keys.json<{ items: { revokedAt?: string }[] }>().items.every((key) => key.revokedAt !== undefined),
    ).toBe(true);
    // The other member of the purged workspace lost it; their own account is untouched.
    expect((await get(t, '/v1/me', as(member))).statusCode).toBe(200);
    expect((await get(t, `/v1/workspaces/${owner.workspaceId}/incidents`, as(member))).statusCode).toBe(404);

    // A final notice, and the address stays opted out of optional mail.
    const mails = await readMailbox(owner.email);
    expect(mails.filter((mail) => mail.subject.includes('has been deleted')).length).toBeGreaterThanOrEqual(
      1,
    );
    await expect(isOptedOutOfOptionalMail(t.app.deps, owner.email)).resolves.toBe(true);
    // Signing in with the address now starts a new, empty account.
    const fresh = await signIn(t.app, owner.email);
    expect(fresh.userId).not.toBe(owner.userId);
  }, 240_000);

  it('P-RIGHT-3 a legal hold set by an admin is audit-logged, shown to the deleting owner, and pauses the purge of that workspace until it is lifted', async () => {
    const owner = await signIn(t.app, uniqueEmail('held'));
    const admin = await addMember(t.app, owner, 'admin');
    const member = await addMember(t.app, owner, 'member');
    await createIncident(t, owner);
    await uploadDocument(t, owner, pdfBytes('Evidence under hold'), 'evidence.pdf');
    const holdUrl = `/v1/workspaces/${owner.workspaceId}/legal-hold`;

    const refused = await t.app.inject({
      method: 'PUT',
      url: holdUrl,
      headers: as(member),
      payload: { reason: 'x' },
    });
    expect(refused.statusCode).toBe(403);
    const set = await t.app.inject({
      method: 'PUT',
      url: holdUrl,
      headers: as(admin),
      payload: { reason: 'Custody hearing on 12 March: preserve all records' },
    });
    expect(set.statusCode).toBe(200);
    const audit = await get(t, `/v1/workspaces/${owner.workspaceId}/audit`, as(owner));
    const entry = audit.json<{ items: { action: string; actor: { id: string }; details: object }[] }>()
      .items[0];
    expect(entry).toMatchObject({ action: 'legal_hold.set', actor: { id: admin.userId }, details: {} });

    const preview = await get(t, '/v1/account/deletion', as(owner));
    expect(preview.json<{ workspaces: unknown[] }>().workspaces).toContainEqual(
      expect.objectContaining({
        id: owner.workspaceId,
        legalHold: expect.objectContaining({
          reason: 'Custody hearing on 12 March: preserve all records',
        }) as unknown,
      }),
    );
    expect((await deleteAccount(t, owner, 'DELETE')).statusCode).toBe(202);
    const notice = (await readMailbox(owner.email)).find((mail) =>
      mail.subject.includes('scheduled for deletion'),
    );
    expect(notice?.body.text).toContain('legal hold');

    clock.advanceDays(31);
    const report = await runPurge(t.app.deps);
    expect(report.held).toContain(owner.userId);
    // The held workspace is intact (still hidden); the person's own profile and sessions are gone.
    expect(await storedKeys(t.app, owner.workspaceId)).toHaveLength(1);
    const table = await scanTable(t.app);
    const entities = new Set(mentioning(table, [owner.workspaceId]).map((item) => item.entity));
    for (const kind of ['Workspace', 'Incident', 'Document', 'LegalHold', 'AuditEntry'])
      expect(entities).toContain(kind);
    expect(mentioning(table, [owner.userId]).map((item) => item.entity)).not.toContain('User');
    expect((await get(t, `/v1/workspaces/${owner.workspaceId}/incidents`, as(admin))).statusCode).toBe(404);
    expect(await readMailbox(owner.email)).not.toContainEqual(
      expect.objectContaining({ subject: expect.stringContaining('has been deleted') as unknown }),
    );

    // The admin can still see and lift the hold of the hidden workspace; the next run finishes the purge.
    expect((await get(t, holdUrl, as(admin))).json()).toMatchObject({
      legalHold: { reason: expect.any(String) as unknown },
    });
    const lifted = await t.app.inject({ method: 'DELETE', url: holdUrl, headers: as(admin) });
    expect(lifted.statusCode).toBe(204);
    const next = await runPurge(t.app.deps);
    expect(next.purged).toContain(owner.userId);
    expect(await storedKeys(t.app, owner.workspaceId)).toEqual([]);
    const actions = (await listMinimisedAuditLog(t.app.deps.db, owner.workspaceId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['legal_hold.set', 'legal_hold.lifted']));
    const after = mentioning(await scanTable(t.app), [owner.workspaceId]).map((item) => item.entity);
    expect(new Set(after)).toEqual(new Set(['PurgedAuditEntry', 'PurgedAuditHead']));
    // After the purge there is nothing left to hold.
    const late = await t.app.inject({
      method: 'PUT',
      url: holdUrl,
      headers: as(admin),
      payload: { reason: 'Too late' },
    });
    expect(late.statusCode).toBe(404);
  }, 120_000);
});

describe('account purge with Clerk', () => {
  let t: TestApp;
  let clerkApi: Awaited<ReturnType<typeof startClerkApi>>;
  const clock = createClock();

  beforeAll(async () => {
    clerkApi = await startClerkApi();
    t = await createTestApp({ env: clerkEnv(clerkApi.url), overrides: { now: clock.now } });
  });

  afterAll(async () => {
    await t?.app.close();
    await clerkApi?.close();
  });

  it('P-RIGHT-3 deletes the Clerk user through the Clerk API; a rerun after a crash takes Clerk’s 404 as done', async () => {
    const clerkUserId = `user_${Date.now().toString(36)}`;
    const email = uniqueEmail('clerk');
    const user = await provisionUser(t.app.deps, { email, clerkUserId });
    clerkApi.users.add(clerkUserId);
    await requestAccountDeletion(
      t.app.deps,
      { type: 'user', userId: user.id, email, via: 'clerk' },
      'DELETE',
    );
    clock.advanceDays(31);
    expect(
      await purgeAccount(t.app.deps, user.id, {
        onStep: (step) => {
          if (step === 'user:identity') throw new Error('killed');
        },
      }).catch(() => 'killed'),
    ).toBe('killed');
    expect(await purgeAccount(t.app.deps, user.id)).toBe('purged');
    const deletes = clerkApi.requests.filter(
      (r) => r.method === 'DELETE' && r.url === `/v1/users/${clerkUserId}`,
    );
    // The rerun asked again and Clerk's 404 (already deleted) counted as done.
    expect(deletes.map((r) => r.status)).toEqual([200, 404]);
    expect(deletes[0]?.authorization).toBe('Bearer sk_test_local0123456789');
    const left = mentioning(await scanTable(t.app), [clerkUserId, user.id]).map((item) => item.entity);
    expect(left.filter((entity) => entity !== 'PurgedAuditEntry' && entity !== 'PurgedAuditHead')).toEqual(
      [],
    );
  }, 60_000);

  const deliver = (body: string, headers: Record<string, string>) =>
    t.app.inject({ method: 'POST', url: '/webhooks/clerk', headers, payload: body });

  /** A person who signed up through Clerk (the webhook made the account) and then by email link. */
  async function signUpThroughClerk(label: string) {
    const clerkUserId = `user_${randomUUID().slice(0, 8)}`;
    const email = uniqueEmail(label);
    const created = userEvent('user.created', userData(clerkUserId, email));
    expect((await deliver(created, svixHeaders(created))).json()).toMatchObject({ outcome: 'user-created' });
    clerkApi.users.add(clerkUserId);
    return { clerkUserId, session: await signIn(t.app, email) };
  }

  /** Clerk deletes its user, then tells Holdfast with a signed user.deleted. */
  async function deleteAtClerk(clerkUserId: string) {
    clerkApi.users.delete(clerkUserId);
    const body = userEvent('user.deleted', { id: clerkUserId, deleted: true });
    const headers = svixHeaders(body);
    const response = await deliver(body, headers);
    expect(response.statusCode).toBe(200);
    return { body, headers, outcome: response.json<{ outcome: string }>().outcome };
  }

  it('P-RIGHT-3 P-HOOK-3 a signed Clerk user.deleted hides the account at once and purges it after the grace period: the same deletion as in the app, once however often it arrives, and the purge does not need Clerk to delete again', async () => {
    const { clerkUserId, session } = await signUpThroughClerk('clerk-gone');
    const { email } = session;
    const admin = await addMember(t.app, session, 'admin');
    await createIncident(t, session);
    const key = await createApiKey(t, session);
    const incidents = `/v1/workspaces/${session.workspaceId}/incidents`;
    const bearer = { authorization: `Bearer ${key}` };
    expect((await get(t, incidents, bearer)).statusCode).toBe(200);

    const deletion = await deleteAtClerk(clerkUserId);
    expect(deletion.outcome).toBe('deletion-started');
    // Hidden at once: sessions and API keys stop, the workspace they alone own is gone for its members.
    expect((await get(t, '/v1/me', as(session))).statusCode).toBe(401);
    expect((await get(t, incidents, bearer)).statusCode).toBe(401);
    expect((await get(t, incidents, as(admin))).statusCode).toBe(404);
    const status = await getDeletionStatus(t.app.deps, session.userId);
    expect(status).toMatchObject({
      state: 'pending',
      workspaces: [{ id: session.workspaceId, outcome: 'workspace' }],
    });
    expect(Date.parse(status.purgeAfter ?? '') - Date.parse(status.requestedAt ?? '')).toBe(30 * DAY_MS);
    expect(Date.parse(status.requestedAt ?? '')).toBeGreaterThan(clock.now().getTime() - 60_000);
    const notices = async () =>
      (await readMailbox(email)).filter((mail) => mail.subject.includes('scheduled for deletion'));
    expect(await notices()).toHaveLength(1);

    // Svix redelivers the same message: no second effect. A second message about the same deleted
    // user, or a late update of it, changes nothing either.
    const redelivered = await deliver(
      deletion.body,
      svixHeaders(deletion.body, { id: deletion.headers['svix-id'] }),
    );
    expect(redelivered.json()).toMatchObject({ outcome: 'duplicate' });
    expect((await deleteAtClerk(clerkUserId)).outcome).toBe('deletion-already-requested');
    const late = userEvent('user.updated', userData(clerkUserId, uniqueEmail('late'), 'Late', 'Update'));
    expect((await deliver(late, svixHeaders(late))).json()).toMatchObject({ outcome: 'clerk-user-deleted' });
    expect(await getDeletionStatus(t.app.deps, session.userId)).toEqual(status);
    expect(await notices()).toHaveLength(1);

    // Within the 30 days the purge leaves it alone; after them it purges.
    clock.advanceDays(29);
    expect(await runPurge(t.app.deps)).toMatchObject({ purged: [] });
    expect((await get(t, incidents, as(admin))).statusCode).toBe(404);
    clock.advanceDays(2);
    // Killed right after the identity step (the Clerk lookup is gone by then), then run again.
    const killed = await purgeAccount(t.app.deps, session.userId, {
      onStep: (step) => {
        if (step === 'user:identity') throw new Error('killed');
      },
    }).catch(() => 'killed');
    expect(killed).toBe('killed');
    const clerkDeletes = () =>
      clerkApi.requests.filter((r) => r.method === 'DELETE' && r.url === `/v1/users/${clerkUserId}`);
    // Clerk already deleted its user: the purge did not ask again.
    expect(clerkDeletes()).toEqual([]);
    expect(await purgeAccount(t.app.deps, session.userId)).toBe('purged');
    // The rerun no longer had the mark and asked; Clerk's 404 counted as done.
    expect(clerkDeletes().map((r) => r.status)).toEqual([404]);
    expect(await purgeAccount(t.app.deps, session.userId)).toBe('none');

    const nowEpoch = Math.floor(clock.now().getTime() / 1000);
    const left = mentioning(await scanTable(t.app), [session.userId, session.workspaceId, email, clerkUserId])
      .filter((item) => !(typeof item.expiresAtEpoch === 'number' && item.expiresAtEpoch <= nowEpoch))
      .filter((item) => !(item.entity === 'OutboxMessage' && typeof item.expiresAtEpoch === 'number'));
    expect(new Set(left.map((item) => item.entity))).toEqual(
      new Set(['PurgedAuditEntry', 'PurgedAuditHead']),
    );
    expect((await readMailbox(email)).some((mail) => mail.subject.includes('has been deleted'))).toBe(true);
    expect(await isOptedOutOfOptionalMail(t.app.deps, email)).toBe(true);
  }, 120_000);

  it('P-RIGHT-3 after a Clerk user.deleted the email sign-in link offers the restore; the deleted Clerk identity opens nothing and makes no new account', async () => {
    const { clerkUserId, session } = await signUpThroughClerk('clerk-back');
    const key = await createApiKey(t, session);
    const incidents = `/v1/workspaces/${session.workspaceId}/incidents`;
    const bearer = { authorization: `Bearer ${key}` };
    const clerkToken = { authorization: `Bearer ${clerkSessionToken(clerkUserId)}` };
    const me = await get(t, '/v1/me', clerkToken);
    expect(me.statusCode).toBe(200);
    expect(me.json<{ user: { id: string } }>().user.id).toBe(session.userId);

    expect((await deleteAtClerk(clerkUserId)).outcome).toBe('deletion-started');
    // A token Clerk issued before deleting its user is refused, and provisions no new account.
    const users = async () => (await scanTable(t.app)).filter((item) => item.entity === 'User').length;
    const before = await users();
    expect(
      (await get(t, '/v1/me', { authorization: `Bearer ${clerkSessionToken(clerkUserId)}` })).statusCode,
    ).toBe(401);
    expect(await users()).toBe(before);

    // The email sign-in link still reaches the account, which offers only the restore.
    clock.advanceDays(20);
    const again = await signInAgain(t, session.email);
    expect((await get(t, '/v1/me', as(again))).json()).toMatchObject({ code: 'account_pending_deletion' });
    const restored = await t.app.inject({ method: 'POST', url: '/v1/account/restore', headers: as(again) });
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ state: 'active' });
    expect((await get(t, '/v1/me', as(again))).statusCode).toBe(200);
    expect((await get(t, incidents, bearer)).statusCode).toBe(200);
    clock.advanceDays(20);
    expect(await purgeAccount(t.app.deps, session.userId)).toBe('none');
    expect((await get(t, incidents, as(again))).statusCode).toBe(200);
  }, 60_000);
});
