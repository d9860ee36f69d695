/**
 * @jest-environment ./support/node-errors-environment.mjs
 */
// Fault injection against the embedded stack: a dependency goes away while the API is in use and
// comes back. The shared DynamoDB Local, s3rver and SES server keep running for every other test
// file; each case here gives its own app a TCP proxy in front of one of them and cuts that.
import { randomUUID } from 'node:crypto';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { BlobStore } from '@holdfast/api/platform/blobs/blob-store';
import { createBlobStore } from '@holdfast/api/platform/blobs/blob-store';
import { createDb, type Db } from '@holdfast/api/platform/db/client';
import { buildRootKeyring, CountingKeyring } from '@holdfast/api/platform/phi/root-keyring';
import { drainOutbox } from '@holdfast/api/modules/notifications/service';
import { sweepOrphans } from '@holdfast/api/modules/vault/service';
import { pdfBytes } from '../support/files.js';
import {
  as,
  createTestApp,
  incidentBody,
  readMailbox,
  readSignInToken,
  readSessionCookie,
  signIn,
  testConfig,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { call, listRoutes, pathParams, type Reply } from './support.js';

// Load, outages and recoveries on a shared machine.
jest.setTimeout(120_000);

type Problem = { type: string; title: string; status: number; code: string; detail?: string };

/** What an outage answer must never reveal: the dependency, its address, the socket error, a stack. */
const INTERNAL_DETAIL = /ECONN|ETIMEDOUT|dynamo|s3rver|127\.0\.0\.1|localhost|TimeoutError|\n\s+at /iu;

/** A clean outage answer: 503 problem+json `unavailable`, with Retry-After, and nothing internal. */
function expectOutageAnswer(reply: { statusCode: number; body: string; headers: Reply['headers'] }): void {
  expect(reply.statusCode).toBe(503);
  expect(String(reply.headers['content-type'])).toContain('application/problem+json');
  expect(Number(reply.headers['retry-after'])).toBeGreaterThan(0);
  const problem = JSON.parse(reply.body) as Problem;
  expect(problem).toMatchObject({ status: 503, code: 'unavailable' });
  expect(reply.body).not.toMatch(INTERNAL_DETAIL);
}

async function waitUntil(what: string, isDone: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`the global setup did not set ${name}`);
  return value;
}

describe('DynamoDB unreachable mid-load', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  beforeAll(async () => {
    proxy = await startTcpProxy(requireEnv('DYNAMODB_ENDPOINT'));
    t = await createTestApp({ env: { DYNAMODB_ENDPOINT: proxy.endpoint } });
  });
  afterAll(async () => {
    await proxy.restore();
    await t.app.close();
    await proxy.stop();
  });

  type Outcome = {
    startedIn: Phase;
    endedIn: Phase;
    ms: number;
    kind: 'create' | 'list';
    statusCode: number;
    reply: Reply;
    id?: string;
  };
  type Phase = 'up' | 'down' | 'back';

  it('P-AUD-1 P-AUD-2 P-LOG-1 requests answer 503 with Retry-After while it is gone, nothing is half-written, and the audit chain verifies once it is back', async () => {
    const session = await signIn(t.app);
    const base = `/v1/workspaces/${session.workspaceId}`;
    const marker = `fault-narrative-${randomUUID()}`;
    const outcomes: Outcome[] = [];
    let phase: Phase = 'up';
    let isLoading = true;
    const count = (startedIn: Phase, predicate: (o: Outcome) => boolean = () => true) =>
      outcomes.filter((o) => o.startedIn === startedIn && predicate(o)).length;

    // Mixed traffic from several clients at once: creates (transactions with their audit entry)
    // and lists, as fast as the app answers.
    const timed = async (kind: Outcome['kind'], request: Parameters<typeof call>[1]) => {
      const startedIn = phase;
      const started = performance.now();
      const reply = await call(t.app, request);
      outcomes.push({
        startedIn,
        endedIn: phase,
        ms: performance.now() - started,
        kind,
        statusCode: reply.statusCode,
        reply,
        ...(kind === 'create' && reply.statusCode === 201 ? { id: (reply.json() as { id: string }).id } : {}),
      });
    };
    const worker = async () => {
      while (isLoading) {
        await timed('create', {
          method: 'POST',
          url: `${base}/incidents`,
          headers: as(session),
          payload: incidentBody({ narrative: `${marker} happened.` }),
        });
        await timed('list', { method: 'GET', url: `${base}/incidents?limit=5`, headers: as(session) });
      }
    };
    const workers = Array.from({ length: 4 }, () => worker());
    await waitUntil('creates before the outage', () => count('up', (o) => o.statusCode === 201) >= 8);
    await proxy.cut();
    phase = 'down';
    await waitUntil('answers during the outage', () => count('down') >= 12);
    await proxy.restore();
    phase = 'back';
    await waitUntil('creates after the outage', () => count('back', (o) => o.statusCode === 201) >= 8);
    isLoading = false;
    await Promise.all(workers);

    // Never a 500: each answer succeeded, or said cleanly that the service is unavailable.
    for (const outcome of outcomes) expect([200, 201, 503]).toContain(outcome.statusCode);
    const failures = outcomes.filter((o) => o.statusCode === 503);
    expect(failures.length).toBeGreaterThan(0);
    for (const failure of failures) expectOutageAnswer(failure.reply);
    // Every request made while the database was gone failed cleanly, and fast (short timeouts,
    // one retry), instead of holding the client for the SDK's default minutes.
    for (const outcome of outcomes.filter((o) => o.startedIn === 'down')) {
      if (outcome.endedIn === 'down') expect(outcome.statusCode).toBe(503);
      expect(outcome.ms).toBeLessThan(3_000);
    }
    // Once it is back, everything works again without a restart.
    for (const outcome of outcomes.filter((o) => o.startedIn === 'back'))
      expect([200, 201]).toContain(outcome.statusCode);

    // No partial writes: every incident has its audit entry and every audit entry its incident,
    // including any create whose answer was lost in the cut (it may have committed, as a whole).
    const incidentIds: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await call(t.app, {
        method: 'GET',
        url: `${base}/incidents?limit=100${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
        headers: as(session),
      });
      expect(page.statusCode).toBe(200);
      const body = page.json() as { items: { id: string }[]; nextCursor?: string };
      incidentIds.push(...body.items.map((item) => item.id));
      cursor = body.nextCursor;
    } while (cursor !== undefined);
    const audited: string[] = [];
    cursor = undefined;
    do {
      const page = await call(t.app, {
        method: 'GET',
        url: `${base}/audit?limit=200${cursor === undefined ? '' : `&cursor=${encodeURIComponent(cursor)}`}`,
        headers: as(session),
      });
      expect(page.statusCode).toBe(200);
      const body = page.json() as {
        items: { action: string; target: { id: string } }[];
        nextCursor?: string;
      };
      audited.push(...body.items.filter((e) => e.action === 'incident.created').map((e) => e.target.id));
      cursor = body.nextCursor;
    } while (cursor !== undefined);
    expect([...incidentIds].sort()).toEqual([...audited].sort());
    const answeredCreated = outcomes.flatMap((o) => (o.id === undefined ? [] : [o.id]));
    expect(incidentIds).toEqual(expect.arrayContaining(answeredCreated));
    const failedCreates = outcomes.filter((o) => o.kind === 'create' && o.statusCode === 503).length;
    expect(incidentIds.length - answeredCreated.length).toBeLessThanOrEqual(failedCreates);

    const verdict = await call(t.app, { method: 'GET', url: `${base}/audit/verify`, headers: as(session) });
    expect(verdict.json()).toMatchObject({ isValid: true });
    // The outage is logged by error name and code, never with the record or the socket message.
    const logs = t.logs.join('\n');
    expect(logs).toContain('dependency unavailable');
    expect(logs).not.toContain(marker);
  });
});

describe('DynamoDB lost during a request with an Idempotency-Key', () => {
  it('answers a clean 503; once the database is back, a retry with the same key runs the request once, after the first one’s lease', async () => {
    const proxy = await startTcpProxy(requireEnv('DYNAMODB_ENDPOINT'));
    const env = { DYNAMODB_ENDPOINT: proxy.endpoint };
    const real = createDb(testConfig(env));
    // The database goes away right after the key is recorded, before the request's own writes.
    let cutAfterKey = false;
    const send = (async (command: { input?: { Item?: { entity?: unknown } } }) => {
      const result: unknown = await real.doc.send(command as never);
      if (cutAfterKey && command.input?.Item?.entity === 'IdempotencyRecord') {
        cutAfterKey = false;
        await proxy.cut();
      }
      return result;
    }) as Db['doc']['send'];
    const db: Db = {
      ...real,
      doc: new Proxy(real.doc, {
        get: (target, name): unknown => (name === 'send' ? send : Reflect.get(target, name)),
      }),
    };
    let clock = Date.now();
    const t = await createTestApp({ env, overrides: { db, now: () => new Date(clock) } });
    try {
      const session = await signIn(t.app);
      const request = {
        method: 'POST',
        url: `/v1/workspaces/${session.workspaceId}/incidents`,
        headers: { ...as(session), 'idempotency-key': `outage-${randomUUID()}` },
        payload: incidentBody(),
      };
      cutAfterKey = true;
      const lost = await call(t.app, request);
      await proxy.restore();
      expectOutageAnswer(lost);
      // The key could not be released while the database was gone: it still reads as running.
      const tooSoon = await call(t.app, request);
      expect(tooSoon.statusCode).toBe(409);
      expect((tooSoon.json() as Problem).code).toBe('idempotency_conflict');
      clock += 16 * 60_000;
      const retried = await call(t.app, request);
      expect(retried.statusCode).toBe(201);
      const replayed = await call(t.app, request);
      expect(replayed.statusCode).toBe(201);
      expect(replayed.headers['idempotent-replayed']).toBe('true');
      const listed = await call(t.app, {
        method: 'GET',
        url: `/v1/workspaces/${session.workspaceId}/incidents`,
        headers: as(session),
      });
      expect((listed.json() as { items: unknown[] }).items).toHaveLength(1);
    } finally {
      await proxy.restore();
      await t.app.close();
      real.destroy();
      await proxy.stop();
    }
  });
});

describe('S3 down during a vault upload', () => {
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: requireEnv('S3_ENDPOINT'),
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const bucket = requireEnv('BLOB_BUCKET');
  let proxy: TcpProxy;
  /** Cuts the proxy when the upload, its bytes already stored under a temporary key, copies them. */
  let cutBeforeCopy = false;
  let t: TestApp;
  beforeAll(async () => {
    proxy = await startTcpProxy(requireEnv('S3_ENDPOINT'));
    const env = { S3_ENDPOINT: proxy.endpoint, VAULT_SWEEP_INTERVAL_MINUTES: '0' };
    const real = createBlobStore(testConfig(env));
    const blobs: BlobStore = {
      ...real,
      copy: async (fromKey, toKey) => {
        if (cutBeforeCopy) await proxy.cut();
        return real.copy(fromKey, toKey);
      },
    };
    t = await createTestApp({ env, overrides: { blobs } });
  });
  afterAll(async () => {
    await proxy.restore();
    await t.app.close();
    await proxy.stop();
    s3.destroy();
  });

  const storedKeys = async (workspaceId: string) =>
    (
      (await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: `tenants/${workspaceId}/` })))
        .Contents ?? []
    ).map((object) => object.Key ?? '');
  const upload = (session: Session, bytes: Buffer) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/documents?filename=evidence.pdf`,
      headers: { ...as(session), 'content-type': 'application/pdf' },
      payload: bytes,
    });
  /** The workspace's vault records, read through the API: documents and the bytes they count. */
  const vaultState = async (session: Session) => {
    const documents = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/documents`,
      headers: as(session),
    });
    const storage = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/storage`,
      headers: as(session),
    });
    return {
      documents: documents.json<{ items: unknown[] }>().items.length,
      usedBytes: storage.json<{ usedBytes: number }>().usedBytes,
    };
  };

  it('P-FILE-1 with S3 unreachable an upload answers 503, records nothing, and stores nothing', async () => {
    const session = await signIn(t.app);
    await proxy.cut();
    try {
      expectOutageAnswer(await upload(session, pdfBytes('never stored')));
      expect(await vaultState(session)).toEqual({ documents: 0, usedBytes: 0 });
    } finally {
      await proxy.restore();
    }
    expect(await storedKeys(session.workspaceId)).toEqual([]);
    const retried = await upload(session, pdfBytes('never stored'));
    expect(retried.statusCode).toBe(201);
  });

  it('P-FILE-1 with S3 gone after the bytes arrived, the upload answers 503 with no record; the sweep removes the stranded bytes once S3 is back', async () => {
    const session = await signIn(t.app);
    cutBeforeCopy = true;
    try {
      expectOutageAnswer(await upload(session, pdfBytes('stranded')));
    } finally {
      cutBeforeCopy = false;
      await proxy.restore();
    }
    expect(await vaultState(session)).toEqual({ documents: 0, usedBytes: 0 });
    // The temporary object could not be deleted while S3 was down: bytes no record references,
    // kept only until the sweep (every VAULT_SWEEP_INTERVAL_MINUTES, for objects over an hour old).
    const stranded = await storedKeys(session.workspaceId);
    expect(stranded).toHaveLength(1);
    expect(stranded[0]).toMatch(new RegExp(`^tenants/${session.workspaceId}/uploads/`, 'u'));
    const young = await sweepOrphans(t.app.deps, { olderThanMs: 60 * 60_000, tenantId: session.workspaceId });
    expect(young.removed).toEqual([]);
    const swept = await sweepOrphans(t.app.deps, { olderThanMs: 0, tenantId: session.workspaceId });
    expect(swept.removed).toEqual(stranded);
    expect(await storedKeys(session.workspaceId)).toEqual([]);
    const retried = await upload(session, pdfBytes('stranded'));
    expect(retried.statusCode).toBe(201);
    expect(await storedKeys(session.workspaceId)).toHaveLength(1);
  });
});

/** The configured root keyring, which can be switched off to act like an unreachable key service. */
class SwitchableKeyring extends CountingKeyring {
  isDown = false;

  override async _onEncrypt(material: Parameters<CountingKeyring['_onEncrypt']>[0]) {
    if (this.isDown) throw new Error('the key service is not answering');
    return super._onEncrypt(material);
  }

  override async _onDecrypt(
    material: Parameters<CountingKeyring['_onDecrypt']>[0],
    keys: Parameters<CountingKeyring['_onDecrypt']>[1],
  ) {
    if (this.isDown) throw new Error('the key service is not answering');
    return super._onDecrypt(material, keys);
  }
}

describe('PHI root keyring failing', () => {
  it('P-PHI-2 only the wellbeing routes answer 503; journal, vault, audit and every other workspace route keep working', async () => {
    const healthy = await createTestApp();
    const keyring = new SwitchableKeyring(buildRootKeyring(testConfig()));
    // A process of its own, so no tenant key is cached from before the failure.
    const flaky = await createTestApp({ overrides: { phiRootKeyring: keyring } });
    try {
      const session = await signIn(healthy.app);
      const base = `/v1/workspaces/${session.workspaceId}`;
      const checkIn = { occurredAt: '2026-10-03T17:45:00-05:00', mood: 5, anxiety: 5, notes: 'private' };
      const before = await call(healthy.app, {
        method: 'POST',
        url: `${base}/wellbeing/check-ins`,
        headers: as(session),
        payload: checkIn,
      });
      expect(before.statusCode).toBe(201);
      const checkInId = (before.json() as { id: string }).id;
      keyring.isDown = true;

      const wellbeingRead = await call(flaky.app, {
        method: 'GET',
        url: `${base}/wellbeing/check-ins/${checkInId}`,
        headers: as(session),
      });
      expectOutageAnswer(wellbeingRead);
      const wellbeingWrite = await call(flaky.app, {
        method: 'POST',
        url: `${base}/wellbeing/check-ins`,
        headers: as(session),
        payload: checkIn,
      });
      expectOutageAnswer(wellbeingWrite);

      // Writes elsewhere go on.
      const incident = await call(flaky.app, {
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(session),
        payload: incidentBody(),
      });
      expect(incident.statusCode).toBe(201);
      const document = await flaky.app.inject({
        method: 'POST',
        url: `${base}/documents?filename=letter.pdf`,
        headers: { ...as(session), 'content-type': 'application/pdf' },
        payload: pdfBytes('letter'),
      });
      expect(document.statusCode).toBe(201);

      // Every read of the workspace (every GET route that needs only the workspace id): the
      // wellbeing ones answer 503, every other one exactly as it does with a working keyring.
      const routes = listRoutes(flaky.app).filter(
        (route) =>
          route.method === 'GET' &&
          route.url.startsWith('/v1/workspaces/:workspaceId') &&
          pathParams(route.url).every((name) => name === 'workspaceId'),
      );
      expect(routes.length).toBeGreaterThan(5);
      const differences: string[] = [];
      let wellbeingOutages = 0;
      for (const route of routes) {
        const request = {
          method: 'GET',
          url: route.url.replace(':workspaceId', session.workspaceId),
          headers: as(session),
        };
        const reply = await call(flaky.app, request);
        if (route.url.includes('/wellbeing')) {
          // Records carry their content, so reading them needs the key; nothing is a 500.
          expect([200, 404, 503]).toContain(reply.statusCode);
          if (reply.statusCode === 503) {
            expectOutageAnswer(reply);
            wellbeingOutages += 1;
          }
          continue;
        }
        const usual = await call(healthy.app, request);
        if (reply.statusCode !== usual.statusCode)
          differences.push(`${route.url}: ${reply.statusCode} instead of ${usual.statusCode}`);
      }
      expect(differences).toEqual([]);
      expect(wellbeingOutages).toBeGreaterThan(0);

      keyring.isDown = false;
      const after = await call(flaky.app, {
        method: 'GET',
        url: `${base}/wellbeing/check-ins/${checkInId}`,
        headers: as(session),
      });
      expect(after.statusCode).toBe(200);
      expect((after.json() as { notes: string }).notes).toBe('private');
    } finally {
      await flaky.app.close();
      await healthy.app.close();
    }
  });
});

describe('SES down', () => {
  let proxy: TcpProxy;
  let t: TestApp;
  let clock = Date.now();
  beforeAll(async () => {
    proxy = await startTcpProxy(requireEnv('SES_ENDPOINT'));
    t = await createTestApp({
      // A queue of its own, so the drains here see only this suite's mail.
      env: { SES_ENDPOINT: proxy.endpoint, MAIL_OUTBOX_QUEUE: `faults-${randomUUID().slice(0, 8)}` },
      overrides: { now: () => new Date(clock) },
    });
  });
  afterAll(async () => {
    await proxy.restore();
    await t.app.close();
    await proxy.stop();
  });

  it('P-MAIL-1 P-HOOK-3 a sign-in mail asked for while SES is down waits in the outbox and is sent exactly once when SES returns', async () => {
    const email = uniqueEmail('outage');
    await proxy.cut();
    const requested = await t.app.inject({ method: 'POST', url: '/v1/auth/magic-link', payload: { email } });
    // The request is accepted: the mail is kept, not lost with the failed send.
    expect(requested.statusCode).toBe(202);
    expect(await readMailbox(email)).toHaveLength(0);
    clock += 31_000;
    expect(await drainOutbox(t.app.deps)).toEqual({ retry_scheduled: 1 });

    await proxy.restore();
    clock += 61_000;
    expect(await drainOutbox(t.app.deps)).toEqual({ sent: 1 });
    const mails = await readMailbox(email);
    expect(mails).toHaveLength(1);
    // The link still signs in: it was made when asked for, and is valid for 15 minutes.
    const token = await readSignInToken(email);
    const verified = await t.app.inject({
      method: 'POST',
      url: '/v1/auth/verify',
      payload: { token, ageConfirmed: true },
    });
    expect(verified.statusCode).toBe(200);
    expect(readSessionCookie(verified)).toMatch(/^hf_session=/u);

    // Later passes find nothing more to send.
    for (let pass = 0; pass < 3; pass += 1) {
      clock += 3_600_000;
      expect(await drainOutbox(t.app.deps)).toEqual({});
    }
    expect(await readMailbox(email)).toHaveLength(1);
  });
});
