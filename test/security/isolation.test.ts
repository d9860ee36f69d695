// Tenant isolation (P-ISO-1), authorization before data access (P-ISO-2) and roles (P-ISO-3),
// proven over every route Fastify has registered, not over a hand-kept list.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import {
  addMember,
  addProfessional,
  as,
  createTestApp,
  incidentBody,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import {
  bodySchema,
  call,
  createCredentialsFixtures,
  createPracticeFixtures,
  createLibraryFixtures,
  createWellbeingFixtures,
  createCommunicationFixture,
  createSummaryFixture,
  describeReply,
  documentedRoutes,
  exampleRequest,
  fillPath,
  isWrite,
  keyOf,
  listRoutes,
  openApiDocument,
  pathParams,
  PUBLIC_ROUTES,
  recordDbCalls,
  toOpenApiPath,
  withKey,
  type App,
  type Call,
  type Reply,
  type RouteEntry,
} from './support.js';
import { pngBytes } from '../support/files.js';

jest.setTimeout(60_000);

/**
 * Routes outside /v1 (which the access rules do not cover): health, the OpenAPI document and its
 * viewer, the export-signing public key, CORS preflight, and the RFC 8058 one-click unsubscribe URL (its HMAC-signed token is
 * its only authority; see the email suite).
 */
const isInfrastructureRoute = (route: RouteEntry): boolean =>
  route.url === '/health' ||
  route.url === '/u/:token' ||
  route.url === '/openapi.json' ||
  // The public key that signs exports: public by design, so anyone can verify an export.
  route.url === '/.well-known/holdfast-export-key' ||
  route.url.startsWith('/docs') ||
  (route.url === '*' && route.method === 'OPTIONS') ||
  // Provider webhooks: no session or tenant, every body verified by its signature (test/integration).
  (route.url.startsWith('/webhooks/') && route.method === 'POST');

/**
 * Path parameters that name shipped content, the same in every workspace (practice skills and
 * exercises, library content): not a tenant's resource, so naming one from another workspace is no leak.
 */
const CATALOGUE_PARAMS = new Set(['skillId', 'exerciseId', 'contentId']);

const METHOD_ORDER = ['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE'];
const byMethod = (a: RouteEntry, b: RouteEntry): number =>
  METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method) || a.url.localeCompare(b.url);

/** A well-formed (ULID) workspace id that no workspace has. */
const UNKNOWN_WORKSPACE = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

type Caller = { label: string; headers: Record<string, string>; userId?: string };
type Incident = { id: string; version: number };
type Problem = { code?: string; status?: number };
type ResourceIds = {
  workspaceId: string;
  incidentId: string;
  documentId: string;
  recordType: string;
  recordId: string;
  inviteId: string;
  keyId: string;
  userId: string;
  provider: string;
  /** Wellbeing records of the workspace's owner. */
  checkInId: string;
  complaintId: string;
  careNoteId: string;
  /** A safety-plan version number. */
  version: string;
  feedbackId: string;
  communicationId: string;
  /** A saved summary citing the workspace's incident. */
  summaryId: string;
  /** A person's export (a user route: any well-formed id). */
  exportId: string;
  /** A person's passkey (a user route: any well-formed id). */
  passkeyId: string;
  /** A license and a CE activity of the workspace (credentials). */
  licenseId: string;
  activityId: string;
  /** A verification link of the workspace's credentials, and a token that names no link. */
  shareId: string;
  token: string;
  /** Organisation credentialing: a request the workspace made (answered), one it received (waiting). */
  requestId: string;
  receivedId: string;
  requirementId: string;
  /** The owner's practice: shipped content ids, an open attempt and an open assessment. */
  skillId: string;
  exerciseId: string;
  attemptId: string;
  assessmentId: string;
  /** The library: a shipped item, an item the workspace added and a checklist it copied. */
  contentId: string;
  additionId: string;
  checklistId: string;
  /** Body values: the shipped checklist to copy and a step of it to tick. */
  itemId: string;
  doneStepId: string;
};

let t: TestApp;
let app: App;
let doc: ReturnType<typeof openApiDocument>;
let routes: RouteEntry[];
let tenantRoutes: RouteEntry[];

/** Feedback with a screenshot, so the screenshot route has something to serve its owner. */
async function createFeedback(owner: Session): Promise<{ id: string }> {
  return expectStatus<{ id: string }>(
    {
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/feedback`,
      headers: as(owner),
      payload: {
        message: 'A private note to the admins of this workspace.',
        pageUrl: '/',
        userAgent: 'test',
        screenshot: `data:image/png;base64,${pngBytes().toString('base64')}`,
      },
    },
    201,
  );
}

async function expectStatus<T = unknown>(request: Call, expected: number): Promise<T> {
  const reply = await call(app, request);
  if (reply.statusCode !== expected)
    throw new Error(`expected ${expected}: ${describeReply(request, reply)}`);
  return (reply.body === '' ? undefined : reply.json()) as T;
}

async function createIncident(
  session: Caller,
  workspaceId: string,
  overrides: Record<string, unknown> = {},
): Promise<Incident> {
  return expectStatus<Incident>(
    {
      method: 'POST',
      url: `/v1/workspaces/${workspaceId}/incidents`,
      headers: session.headers,
      payload: incidentBody(overrides),
    },
    201,
  );
}

async function createInvite(
  owner: Session,
  role = 'member',
): Promise<{ invite: { id: string }; code: string }> {
  return expectStatus(
    {
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/invites`,
      headers: as(owner),
      payload: { email: uniqueEmail('invitee'), role },
    },
    201,
  );
}

async function createKey(
  owner: Session,
  scopes: string[],
): Promise<{ apiKey: { id: string }; secret: string }> {
  return expectStatus(
    {
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: as(owner),
      payload: { name: `key ${scopes.join(' ')}`, scopes },
    },
    201,
  );
}

const cookieCaller = (label: string, session: Session): Caller => ({
  label,
  headers: as(session),
  userId: session.userId,
});

/** A request with a plausible valid body for the route (derived from its OpenAPI schema). */
function validRequest(route: RouteEntry, ids: ResourceIds, headers: Record<string, string>): Call {
  return exampleRequest(doc, route, { ...ids }, headers);
}

/** Uploads a small text file as a document of the workspace. */
async function createDocument(session: Session): Promise<{ id: string }> {
  const reply = await expectStatus<{ document: { id: string } }>(
    {
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/documents?filename=note.txt`,
      headers: { ...as(session), 'content-type': 'text/plain' },
      payload: `A private note of ${session.workspaceId}.\n`,
    },
    201,
  );
  return reply.document;
}

beforeAll(async () => {
  t = await createTestApp();
  app = t.app;
  doc = openApiDocument(app);
  routes = listRoutes(app);
  tenantRoutes = routes
    .filter((r) => r.url.startsWith('/v1/') && r.url.includes(':workspaceId'))
    .sort(byMethod);
});

afterAll(async () => {
  await app.close();
});

describe('tenant isolation over the whole route table', () => {
  let ownerA: Session;
  let memberA: Session;
  let viewerA: Session;
  let incidentA: Incident;
  let inviteA: { invite: { id: string }; code: string };
  let keyA: { apiKey: { id: string }; secret: string };
  let idsA: ResourceIds;

  let ownerB: Session;
  let outsiders: Caller[];
  let idsB: ResourceIds;

  /** Everything of A an outsider could have changed, read back through A's own owner. */
  async function stateOfA(): Promise<Record<string, unknown>> {
    const base = `/v1/workspaces/${ownerA.workspaceId}`;
    const read = (url: string) => expectStatus({ method: 'GET', url, headers: as(ownerA) }, 200);
    return {
      workspace: await read(base),
      incident: await read(`${base}/incidents/${incidentA.id}`),
      document: await read(`${base}/documents/${idsA.documentId}`),
      documents: await read(`${base}/documents`),
      attachments: await read(`${base}/attachments/incident/${incidentA.id}`),
      incidents: await read(`${base}/incidents`),
      deletedIncidents: await read(`${base}/incidents?deleted=true`),
      members: await read(`${base}/members`),
      invites: await read(`${base}/invites`),
      apiKeys: await read(`${base}/api-keys`),
      audit: await read(`${base}/audit?limit=200`),
      auditVerdict: await read(`${base}/audit/verify`),
    };
  }
  let before: Record<string, unknown>;

  beforeAll(async () => {
    ownerA = await signIn(app, uniqueEmail('owner-a'));
    await addMember(app, ownerA, 'admin');
    memberA = await addMember(app, ownerA, 'member');
    viewerA = await addMember(app, ownerA, 'viewer');
    const ownerACaller = cookieCaller('owner A', ownerA);
    incidentA = await createIncident(ownerACaller, ownerA.workspaceId, {
      narrative: 'A private record of tenant A.',
    });
    incidentA = await expectStatus<Incident>(
      {
        method: 'PATCH',
        url: `/v1/workspaces/${ownerA.workspaceId}/incidents/${incidentA.id}`,
        headers: as(ownerA),
        payload: { version: 1, location: 'Library' },
      },
      200,
    );
    inviteA = await createInvite(ownerA);
    keyA = await createKey(ownerA, ['incidents:read', 'incidents:write', 'audit:read']);
    const documentA = await createDocument(ownerA);
    await expectStatus(
      {
        method: 'POST',
        url: `/v1/workspaces/${ownerA.workspaceId}/attachments/incident/${incidentA.id}`,
        headers: as(ownerA),
        payload: { documentId: documentA.id },
      },
      200,
    );
    idsA = {
      workspaceId: ownerA.workspaceId,
      incidentId: incidentA.id,
      documentId: documentA.id,
      recordType: 'incident',
      recordId: incidentA.id,
      inviteId: inviteA.invite.id,
      keyId: keyA.apiKey.id,
      userId: memberA.userId,
      provider: 'stripe',
      feedbackId: (await createFeedback(ownerA)).id,
      exportId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
      passkeyId: '01JZZZZZZZZZZZZZZZZZZZZZZZ',
      // Two plan versions in A, one in B: B's owner naming A's version 2 in B finds nothing.
      ...(await createWellbeingFixtures(app, ownerA, 2)),
      ...(await createCommunicationFixture(app, ownerA)),
      ...(await createSummaryFixture(app, ownerA, { recordType: 'incident', recordId: incidentA.id })),
      ...(await createCredentialsFixtures(app, ownerA, viewerA)),
      token: 'A'.repeat(43),
      ...(await createPracticeFixtures(app, ownerA)),
      ...(await createLibraryFixtures(app, ownerA)),
    };

    ownerB = await signIn(app, uniqueEmail('owner-b'));
    const adminB = await addMember(app, ownerB, 'admin');
    const memberB = await addMember(app, ownerB, 'member');
    const viewerB = await addMember(app, ownerB, 'viewer');
    const targetB = await addMember(app, ownerB, 'member');
    const keyB = await createKey(ownerB, ['incidents:read', 'incidents:write', 'audit:read']);
    outsiders = [
      cookieCaller('owner of B', ownerB),
      cookieCaller('admin of B', adminB),
      cookieCaller('member of B', memberB),
      cookieCaller('viewer of B', viewerB),
      cookieCaller(
        'professional of B (every kind)',
        await addProfessional(app, ownerB, ['incidents', 'communications', 'documents', 'wellbeing']),
      ),
      { label: 'all-scope API key of B', headers: withKey(keyB.secret) },
    ];
    const incidentB = await createIncident(cookieCaller('owner B', ownerB), ownerB.workspaceId);
    const inviteB = await createInvite(ownerB);
    const spareKeyB = await createKey(ownerB, ['incidents:read']);
    const documentB = await createDocument(ownerB);
    idsB = {
      workspaceId: ownerB.workspaceId,
      incidentId: incidentB.id,
      documentId: documentB.id,
      recordType: 'incident',
      recordId: incidentB.id,
      inviteId: inviteB.invite.id,
      keyId: spareKeyB.apiKey.id,
      userId: targetB.userId,
      provider: 'stripe',
      feedbackId: (await createFeedback(ownerB)).id,
      exportId: '01JZZZZZZZZZZZZZZZZZZZZZZY',
      passkeyId: '01JZZZZZZZZZZZZZZZZZZZZZZY',
      ...(await createWellbeingFixtures(app, ownerB, 1)),
      ...(await createCommunicationFixture(app, ownerB)),
      ...(await createSummaryFixture(app, ownerB, { recordType: 'incident', recordId: incidentB.id })),
      ...(await createCredentialsFixtures(app, ownerB, viewerB)),
      token: 'B'.repeat(43),
      ...(await createPracticeFixtures(app, ownerB)),
      ...(await createLibraryFixtures(app, ownerB)),
    };

    before = await stateOfA();
    // Two workspaces' fixtures of every module, through the real routes: slow on a busy machine.
  }, 180_000);

  it('P-ISO-1 reads the route table from Fastify: tenant routes exist, every /v1 route is documented, nothing lives outside /v1', () => {
    expect(routes.length).toBeGreaterThan(0);
    expect(tenantRoutes.length).toBeGreaterThan(0);
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    // The parser must see nested routes, not only top-level ones.
    expect(keys).toContain('PATCH /v1/workspaces/:workspaceId/incidents/:incidentId');
    expect(keys).toContain('GET /v1/workspaces/:workspaceId/audit/verify');

    const documented = new Set(
      documentedRoutes(doc)
        .filter((r) => r.url.startsWith('/v1/'))
        .map((r) => `${r.method} ${r.url}`),
    );
    const v1 = routes.filter((r) => r.url.startsWith('/v1/') && r.method !== 'HEAD');
    // A /v1 route hidden from the OpenAPI document would escape review; each one must be listed there too.
    expect(
      v1
        .filter((r) => !documented.has(`${r.method} ${toOpenApiPath(r.url)}`))
        .map((r) => `${r.method} ${r.url}`),
    ).toEqual([]);
    expect(documented.size).toBe(v1.length);
    // Routes outside /v1 are not covered by the access rules; only infrastructure may live there.
    expect(
      routes
        .filter((r) => !r.url.startsWith('/v1/') && !isInfrastructureRoute(r))
        .map((r) => `${r.method} ${r.url}`),
    ).toEqual([]);
    // Every path parameter of a tenant route has a fixture (an unknown one throws here, not silently later).
    for (const route of tenantRoutes) expect(() => fillPath(route.url, { ...idsA })).not.toThrow();
  });

  it('P-ISO-1 every /v1 route except the declared public ones refuses an anonymous caller or a forged cookie (401)', async () => {
    const failures: string[] = [];
    const v1 = routes.filter((r) => r.url.startsWith('/v1/'));
    for (const route of v1) {
      const isPublic = PUBLIC_ROUTES.has(`${route.method} ${route.url}`);
      const anonymous = { ...validRequest(route, idsA, {}) };
      const forged = {
        ...validRequest(route, idsA, { cookie: 'hf_session=forged.value', 'x-holdfast-csrf': '1' }),
      };
      for (const request of isPublic ? [anonymous] : [anonymous, forged]) {
        const reply = await call(app, request);
        if (isPublic ? reply.statusCode === 401 : reply.statusCode !== 401)
          failures.push(describeReply(request, reply));
      }
    }
    expect(v1.filter((r) => !PUBLIC_ROUTES.has(`${r.method} ${r.url}`)).length).toBeGreaterThan(
      tenantRoutes.length,
    );
    expect(failures).toEqual([]);
  });

  it('P-ISO-1 every tenant route answers 404 to every outsider (each role of another workspace and its API key) given A’s real ids', async () => {
    const failures: string[] = [];
    let checked = 0;
    for (const route of tenantRoutes) {
      for (const outsider of outsiders) {
        const request = validRequest(route, idsA, outsider.headers);
        const reply = await call(app, request);
        checked += 1;
        const problem = route.method === 'HEAD' ? { code: 'not_found' } : (reply.json() as Problem);
        if (reply.statusCode !== 404 || problem.code !== 'not_found')
          failures.push(`${outsider.label}: ${describeReply(request, reply)}`);
      }
    }
    expect(checked).toBe(tenantRoutes.length * outsiders.length);
    expect(failures).toEqual([]);
  });

  it('P-ISO-1 an outsider naming its own workspace with A’s resource ids gets 404 (items are keyed by their tenant)', async () => {
    const failures: string[] = [];
    const withResource = tenantRoutes.filter(
      (r) => pathParams(r.url).filter((name) => !CATALOGUE_PARAMS.has(name)).length > 1,
    );
    expect(withResource.length).toBeGreaterThan(0);
    for (const route of withResource) {
      for (const outsider of outsiders) {
        const request = validRequest(route, { ...idsA, workspaceId: ownerB.workspaceId }, outsider.headers);
        const reply = await call(app, request);
        // B's owner may do everything in B, so anything but 404 is a leak; the others may also be
        // refused for their role or scope in B (403), never served.
        const isAllowed =
          reply.statusCode === 404 || (outsider.label !== 'owner of B' && reply.statusCode === 403);
        if (!isAllowed) failures.push(`${outsider.label}: ${describeReply(request, reply)}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('P-ISO-1 a signed-in user gets 404 for a well-formed workspace id that does not exist, and for a malformed one', async () => {
    const failures: string[] = [];
    for (const route of tenantRoutes) {
      for (const workspaceId of [UNKNOWN_WORKSPACE, 'not-a-workspace', ownerA.workspaceId.toLowerCase()]) {
        const request = validRequest(route, { ...idsA, workspaceId }, as(ownerA));
        const reply = await call(app, request);
        if (reply.statusCode !== 404) failures.push(describeReply(request, reply));
      }
    }
    expect(failures).toEqual([]);
  });

  it('P-ISO-1 an outsider’s 404 is indistinguishable from the 404 of a workspace that does not exist', async () => {
    const route = { method: 'GET', url: '/v1/workspaces/:workspaceId/incidents/:incidentId' };
    const strip = (body: unknown) => {
      const { requestId: _r, instance: _i, ...rest } = body as Record<string, unknown>;
      return rest;
    };
    const foreign = await call(app, validRequest(route, idsA, as(ownerB)));
    const missing = await call(
      app,
      validRequest(route, { ...idsA, workspaceId: UNKNOWN_WORKSPACE }, as(ownerB)),
    );
    expect(foreign.statusCode).toBe(404);
    expect(strip(foreign.json())).toEqual(strip(missing.json()));
  });

  it('P-ISO-1 an outsider cannot join A with an invite code sent to someone else, nor page into A with A’s cursor', async () => {
    const joined = await call(app, {
      method: 'POST',
      url: '/v1/invites/accept',
      headers: as(ownerB),
      payload: { code: inviteA.code },
    });
    expect(joined.statusCode).toBe(400);
    expect((joined.json() as Problem).code).toBe('invalid_invite');

    const page = await expectStatus<{ nextCursor?: string }>(
      { method: 'GET', url: `/v1/workspaces/${ownerA.workspaceId}/audit?limit=1`, headers: as(ownerA) },
      200,
    );
    expect(typeof page.nextCursor).toBe('string');
    const replay = await call(app, {
      method: 'GET',
      url: `/v1/workspaces/${ownerB.workspaceId}/audit?limit=1&cursor=${encodeURIComponent(page.nextCursor ?? '')}`,
      headers: as(ownerB),
    });
    expect(replay.statusCode).toBe(400);
    expect((replay.json() as Problem).code).toBe('invalid_cursor');
  });

  it('P-ISO-2 an outsider’s malformed request is refused 404 before validation; the same request from A’s owner fails validation (400)', async () => {
    const failures: string[] = [];
    let validated = 0;
    for (const route of tenantRoutes) {
      const schema = bodySchema(doc, route);
      const hasQuery = route.method === 'GET' || route.method === 'HEAD';
      const malformed = (headers: Record<string, string>): Call => ({
        method: route.method,
        url: `${fillPath(route.url, { ...idsA })}${hasQuery ? '?limit=-5&bogus=1' : ''}`,
        headers,
        ...(schema === undefined
          ? {}
          : {
              payload: {
                unexpected: ['x'],
                version: 'not-a-number',
                name: 42,
                role: 'emperor',
                scopes: 'all',
              },
            }),
      });
      for (const outsider of outsiders) {
        const request = malformed(outsider.headers);
        const reply = await call(app, request);
        if (reply.statusCode !== 404) failures.push(`${outsider.label}: ${describeReply(request, reply)}`);
      }
      // Control: where the route validates a body, the owner's identical request is a 400 (routes
      // without a body are not replayed by the owner: for them the request is a valid change).
      if (schema !== undefined) {
        const own = await call(app, malformed(as(ownerA)));
        if (own.statusCode === 400) validated += 1;
        else failures.push(`owner A (control): ${describeReply(malformed(as(ownerA)), own)}`);
      }
    }
    expect(validated).toBeGreaterThan(0);
    expect(failures).toEqual([]);
  });

  it('P-ISO-2 an outsider’s request reads only its own membership record of A, and writes nothing of A', async () => {
    const secretsOfA = [incidentA.id, inviteA.invite.id, keyA.apiKey.id, memberA.userId, idsA.documentId];
    const failures: string[] = [];
    for (const route of tenantRoutes) {
      for (const outsider of outsiders) {
        const request = validRequest(route, idsA, outsider.headers);
        const recorder = recordDbCalls(app.deps.db);
        let status: number;
        try {
          status = (await call(app, request)).statusCode;
        } finally {
          recorder.restore();
        }
        const touchingA = recorder.calls.filter(
          (c) => c.text.includes(ownerA.workspaceId) || secretsOfA.some((id) => c.text.includes(id)),
        );
        const membership = JSON.stringify({
          PK: `TENANT#${ownerA.workspaceId}`,
          SK: `MEMBER#${outsider.userId ?? ''}`,
        });
        const readsOfA = touchingA.map((c) => `${c.command} ${JSON.stringify(keyOf(c) ?? c.input)}`);
        // A person's request may read their own (absent) membership of A; a key's request not even that.
        const isOnlyMembership =
          outsider.userId === undefined
            ? readsOfA.length === 0
            : readsOfA.length === 1 && readsOfA[0] === `GetCommand ${membership}`;
        // The only write an outsider may cause is its own API key's last-used time (in its own tenant).
        const writes = recorder.calls
          .filter(isWrite)
          .filter(
            (c) =>
              !(
                outsider.userId === undefined &&
                c.command === 'UpdateCommand' &&
                c.text.includes('lastUsedAt') &&
                !c.text.includes(ownerA.workspaceId)
              ),
          );
        if (status !== 404 || !isOnlyMembership || writes.length > 0) {
          failures.push(
            `${outsider.label} ${route.method} ${route.url} -> ${status}: ${recorder.calls.map((c) => `${c.command} ${c.text}`).join(' | ')}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('P-ISO-2 the recorder does see data access when authorization passes (control)', async () => {
    const recorder = recordDbCalls(app.deps.db);
    try {
      await expectStatus(
        {
          method: 'GET',
          url: `/v1/workspaces/${ownerA.workspaceId}/incidents/${incidentA.id}`,
          headers: as(ownerA),
        },
        200,
      );
    } finally {
      recorder.restore();
    }
    expect(recorder.calls.map((c) => JSON.stringify(keyOf(c)))).toContain(
      JSON.stringify({ PK: `TENANT#${ownerA.workspaceId}`, SK: `INCIDENT#${incidentA.id}` }),
    );
  });

  it('P-ISO-2 a member whose role lacks the permission is refused 403 before validation, after reading only their membership', async () => {
    const recorder = recordDbCalls(app.deps.db);
    let reply: Reply;
    try {
      reply = await call(app, {
        method: 'POST',
        url: `/v1/workspaces/${ownerA.workspaceId}/incidents`,
        headers: as(viewerA),
        payload: { unexpected: true },
      });
    } finally {
      recorder.restore();
    }
    expect(reply.statusCode).toBe(403);
    const tenantCalls = recorder.calls.filter((c) => c.text.includes('TENANT#'));
    expect(tenantCalls.map((c) => `${c.command} ${JSON.stringify(keyOf(c))}`)).toEqual([
      `GetCommand ${JSON.stringify({ PK: `TENANT#${ownerA.workspaceId}`, SK: `MEMBER#${viewerA.userId}` })}`,
    ]);
    // The same malformed body from someone allowed to write is a validation error, so the 403 came first.
    const allowed = await call(app, {
      method: 'POST',
      url: `/v1/workspaces/${ownerA.workspaceId}/incidents`,
      headers: as(memberA),
      payload: { unexpected: true },
    });
    expect(allowed.statusCode).toBe(400);
  });

  it('P-ISO-1 control: the same requests, bodies and ids succeed for a workspace’s own owner (so the 404s above are authorization, not bad input)', async () => {
    const failures: string[] = [];
    for (const route of tenantRoutes) {
      const request = validRequest(route, idsB, as(ownerB));
      const reply = await call(app, request);
      // A provider this deployment has not configured (billing off) answers 503 `unavailable` from
      // the handler itself, so the request did pass validation and authorization.
      const isUnconfigured = reply.statusCode === 503;
      if ((reply.statusCode < 200 || reply.statusCode > 299) && !isUnconfigured)
        failures.push(describeReply(request, reply));
    }
    expect(failures).toEqual([]);
  });

  it('P-ISO-1 after every attempt above, nothing of A changed: incident, members, invite, API key, audit chain', async () => {
    const after = await stateOfA();
    expect(after).toEqual(before);
    const incident = after.incident as Incident & { narrative: string; location: string };
    expect(incident.version).toBe(2);
    expect(incident.narrative).toBe('A private record of tenant A.');
    const verdict = after.auditVerdict as { isValid: boolean; checked: number };
    expect(verdict.isValid).toBe(true);
    expect(verdict.checked).toBe((after.audit as { items: unknown[] }).items.length);
    const invites = (after.invites as { items: { id: string; status: string }[] }).items;
    expect(invites.find((i) => i.id === inviteA.invite.id)?.status).toBe('pending');
    const keys = (after.apiKeys as { items: { id: string; revokedAt?: string }[] }).items;
    expect(keys.find((k) => k.id === keyA.apiKey.id)?.revokedAt).toBeUndefined();
    const members = (after.members as { items: { userId: string; role: string }[] }).items;
    expect(members.find((m) => m.userId === memberA.userId)?.role).toBe('member');
    // The key still works in its own workspace.
    await expectStatus(
      { method: 'GET', url: `/v1/workspaces/${ownerA.workspaceId}/incidents`, headers: withKey(keyA.secret) },
      200,
    );
  });
});

describe('roles within one workspace', () => {
  let owner: Session;
  let admin: Session;
  let member: Session;
  let viewer: Session;
  let base: string;

  beforeAll(async () => {
    owner = await signIn(app, uniqueEmail('owner-r'));
    admin = await addMember(app, owner, 'admin');
    member = await addMember(app, owner, 'member');
    viewer = await addMember(app, owner, 'viewer');
    base = `/v1/workspaces/${owner.workspaceId}`;
  });

  const status = async (request: Call): Promise<number> => (await call(app, request)).statusCode;

  it('P-ISO-3 viewers read incidents but cannot create, edit, delete or restore them (403), and the incident is unchanged', async () => {
    const incident = await createIncident(cookieCaller('owner', owner), owner.workspaceId);
    const url = `${base}/incidents/${incident.id}`;
    expect(await status({ method: 'GET', url, headers: as(viewer) })).toBe(200);
    expect(await status({ method: 'GET', url: `${base}/incidents`, headers: as(viewer) })).toBe(200);
    expect(await status({ method: 'GET', url: `${base}/members`, headers: as(viewer) })).toBe(200);
    expect(await status({ method: 'GET', url: `${base}/audit`, headers: as(viewer) })).toBe(200);
    expect(
      await status({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(viewer),
        payload: incidentBody(),
      }),
    ).toBe(403);
    expect(
      await status({ method: 'PATCH', url, headers: as(viewer), payload: { version: 1, narrative: 'x' } }),
    ).toBe(403);
    expect(await status({ method: 'DELETE', url, headers: as(viewer) })).toBe(403);
    expect(await status({ method: 'POST', url: `${url}/restore`, headers: as(viewer) })).toBe(403);
    const after = await expectStatus<Incident & { deletedAt?: string }>(
      { method: 'GET', url, headers: as(owner) },
      200,
    );
    expect(after.version).toBe(1);
    expect(after.deletedAt).toBeUndefined();
  });

  it('P-ISO-3 members write incidents but cannot manage the workspace, members, invites or API keys (403)', async () => {
    const incident = await createIncident(cookieCaller('member', member), owner.workspaceId);
    const url = `${base}/incidents/${incident.id}`;
    expect(
      await status({
        method: 'PATCH',
        url,
        headers: as(member),
        payload: { version: 1, narrative: 'corrected' },
      }),
    ).toBe(200);
    expect(await status({ method: 'DELETE', url, headers: as(member) })).toBe(204);
    expect(await status({ method: 'POST', url: `${url}/restore`, headers: as(member) })).toBe(200);
    const invite = await createInvite(owner);
    const key = await createKey(owner, ['incidents:read']);
    const refused: Call[] = [
      { method: 'PATCH', url: base, headers: as(member), payload: { name: 'Taken over' } },
      { method: 'GET', url: `${base}/invites`, headers: as(member) },
      {
        method: 'POST',
        url: `${base}/invites`,
        headers: as(member),
        payload: { email: uniqueEmail(), role: 'viewer' },
      },
      { method: 'DELETE', url: `${base}/invites/${invite.invite.id}`, headers: as(member) },
      { method: 'GET', url: `${base}/api-keys`, headers: as(member) },
      {
        method: 'POST',
        url: `${base}/api-keys`,
        headers: as(member),
        payload: { name: 'mine', scopes: ['incidents:read'] },
      },
      { method: 'DELETE', url: `${base}/api-keys/${key.apiKey.id}`, headers: as(member) },
      {
        method: 'PATCH',
        url: `${base}/members/${viewer.userId}`,
        headers: as(member),
        payload: { role: 'admin' },
      },
      {
        method: 'PATCH',
        url: `${base}/members/${member.userId}`,
        headers: as(member),
        payload: { role: 'owner' },
      },
      { method: 'DELETE', url: `${base}/members/${viewer.userId}`, headers: as(member) },
    ];
    const failures: string[] = [];
    for (const request of refused) {
      const reply = await call(app, request);
      if (reply.statusCode !== 403) failures.push(describeReply(request, reply));
    }
    expect(failures).toEqual([]);
    const invites = await expectStatus<{ items: { id: string; status: string }[] }>(
      { method: 'GET', url: `${base}/invites`, headers: as(owner) },
      200,
    );
    expect(invites.items.find((i) => i.id === invite.invite.id)?.status).toBe('pending');
    const members = await expectStatus<{ items: { userId: string; role: string }[] }>(
      { method: 'GET', url: `${base}/members`, headers: as(owner) },
      200,
    );
    expect(members.items.find((m) => m.userId === viewer.userId)?.role).toBe('viewer');
    expect(members.items.find((m) => m.userId === member.userId)?.role).toBe('member');
  });

  it('P-ISO-3 admins manage invites, API keys, members and the workspace; a role change applies to the very next request', async () => {
    const invite = await expectStatus<{ invite: { id: string } }>(
      {
        method: 'POST',
        url: `${base}/invites`,
        headers: as(admin),
        payload: { email: uniqueEmail(), role: 'admin' },
      },
      201,
    );
    expect(await status({ method: 'GET', url: `${base}/invites`, headers: as(admin) })).toBe(200);
    expect(
      await status({ method: 'DELETE', url: `${base}/invites/${invite.invite.id}`, headers: as(admin) }),
    ).toBe(204);
    const key = await expectStatus<{ apiKey: { id: string } }>(
      {
        method: 'POST',
        url: `${base}/api-keys`,
        headers: as(admin),
        payload: { name: 'ci', scopes: ['incidents:read'] },
      },
      201,
    );
    expect(
      await status({ method: 'DELETE', url: `${base}/api-keys/${key.apiKey.id}`, headers: as(admin) }),
    ).toBe(204);
    expect(
      await status({ method: 'PATCH', url: base, headers: as(admin), payload: { name: 'Renamed by admin' } }),
    ).toBe(200);

    const temp = await addMember(app, owner, 'member');
    expect(
      await status({ method: 'POST', url: `${base}/incidents`, headers: as(temp), payload: incidentBody() }),
    ).toBe(201);
    expect(
      await status({
        method: 'PATCH',
        url: `${base}/members/${temp.userId}`,
        headers: as(admin),
        payload: { role: 'viewer' },
      }),
    ).toBe(200);
    expect(
      await status({ method: 'POST', url: `${base}/incidents`, headers: as(temp), payload: incidentBody() }),
    ).toBe(403);
    expect(
      await status({ method: 'DELETE', url: `${base}/members/${temp.userId}`, headers: as(admin) }),
    ).toBe(204);
    expect(await status({ method: 'GET', url: `${base}/incidents`, headers: as(temp) })).toBe(404);
  });

  it('P-ISO-3 admins cannot make, invite, demote or remove owners (403)', async () => {
    const secondOwner = await addMember(app, owner, 'owner');
    const refused: Call[] = [
      {
        method: 'PATCH',
        url: `${base}/members/${member.userId}`,
        headers: as(admin),
        payload: { role: 'owner' },
      },
      {
        method: 'PATCH',
        url: `${base}/members/${admin.userId}`,
        headers: as(admin),
        payload: { role: 'owner' },
      },
      {
        method: 'POST',
        url: `${base}/invites`,
        headers: as(admin),
        payload: { email: uniqueEmail(), role: 'owner' },
      },
      {
        method: 'PATCH',
        url: `${base}/members/${secondOwner.userId}`,
        headers: as(admin),
        payload: { role: 'viewer' },
      },
      { method: 'DELETE', url: `${base}/members/${secondOwner.userId}`, headers: as(admin) },
    ];
    const failures: string[] = [];
    for (const request of refused) {
      const reply = await call(app, request);
      if (reply.statusCode !== 403) failures.push(describeReply(request, reply));
    }
    expect(failures).toEqual([]);
    const members = await expectStatus<{ items: { userId: string; role: string }[] }>(
      { method: 'GET', url: `${base}/members`, headers: as(owner) },
      200,
    );
    expect(
      members.items
        .filter((m) => m.role === 'owner')
        .map((m) => m.userId)
        .sort(),
    ).toEqual([owner.userId, secondOwner.userId].sort());
    expect(members.items.find((m) => m.userId === admin.userId)?.role).toBe('admin');
    // Leave one owner for the next test.
    expect(
      await status({ method: 'DELETE', url: `${base}/members/${secondOwner.userId}`, headers: as(owner) }),
    ).toBe(204);
  });

  it('P-ISO-3 the last owner can be neither demoted nor removed (409); with a second owner it can', async () => {
    expect(
      await status({
        method: 'PATCH',
        url: `${base}/members/${owner.userId}`,
        headers: as(owner),
        payload: { role: 'admin' },
      }),
    ).toBe(409);
    expect(
      await status({ method: 'DELETE', url: `${base}/members/${owner.userId}`, headers: as(owner) }),
    ).toBe(409);
    const members = await expectStatus<{ items: { userId: string; role: string }[] }>(
      { method: 'GET', url: `${base}/members`, headers: as(owner) },
      200,
    );
    expect(members.items.filter((m) => m.role === 'owner').map((m) => m.userId)).toEqual([owner.userId]);

    const second = await addMember(app, owner, 'owner');
    expect(
      await status({
        method: 'PATCH',
        url: `${base}/members/${second.userId}`,
        headers: as(second),
        payload: { role: 'admin' },
      }),
    ).toBe(200);
    expect(
      await status({ method: 'DELETE', url: `${base}/members/${second.userId}`, headers: as(second) }),
    ).toBe(204);
  });

  it('P-ISO-3 an API key acts only within its scopes and its own workspace; keys cannot manage people or keys; a revoked key is refused (401)', async () => {
    const readOnly = await createKey(owner, ['incidents:read']);
    const full = await createKey(owner, ['incidents:read', 'incidents:write', 'audit:read']);
    const other = await signIn(app, uniqueEmail('other'));
    const ro = withKey(readOnly.secret);
    expect(await status({ method: 'GET', url: `${base}/incidents`, headers: ro })).toBe(200);
    expect(
      await status({ method: 'POST', url: `${base}/incidents`, headers: ro, payload: incidentBody() }),
    ).toBe(403);
    expect(await status({ method: 'GET', url: `${base}/audit`, headers: ro })).toBe(403);
    expect(
      await status({ method: 'GET', url: `/v1/workspaces/${other.workspaceId}/incidents`, headers: ro }),
    ).toBe(404);
    expect(
      await status({
        method: 'GET',
        url: `/v1/workspaces/${other.workspaceId}/incidents`,
        headers: withKey(full.secret),
      }),
    ).toBe(404);

    const fk = withKey(full.secret);
    expect(
      await status({ method: 'POST', url: `${base}/incidents`, headers: fk, payload: incidentBody() }),
    ).toBe(201);
    const refused: Call[] = [
      { method: 'GET', url: base, headers: fk },
      { method: 'GET', url: `${base}/members`, headers: fk },
      { method: 'PATCH', url: base, headers: fk, payload: { name: 'By key' } },
      {
        method: 'POST',
        url: `${base}/api-keys`,
        headers: fk,
        payload: { name: 'escalate', scopes: ['incidents:write'] },
      },
      { method: 'GET', url: `${base}/api-keys`, headers: fk },
      {
        method: 'POST',
        url: `${base}/invites`,
        headers: fk,
        payload: { email: uniqueEmail(), role: 'owner' },
      },
      { method: 'PATCH', url: `${base}/members/${viewer.userId}`, headers: fk, payload: { role: 'owner' } },
      { method: 'GET', url: '/v1/me', headers: fk },
      { method: 'POST', url: '/v1/workspaces', headers: fk, payload: { name: 'Key-made' } },
    ];
    const failures: string[] = [];
    for (const request of refused) {
      const reply = await call(app, request);
      if (reply.statusCode !== 403) failures.push(describeReply(request, reply));
    }
    expect(failures).toEqual([]);

    expect(
      await status({ method: 'DELETE', url: `${base}/api-keys/${full.apiKey.id}`, headers: as(owner) }),
    ).toBe(204);
    const revoked = await call(app, { method: 'GET', url: `${base}/incidents`, headers: fk });
    expect(revoked.statusCode).toBe(401);
    expect(
      await status({
        method: 'GET',
        url: `${base}/incidents`,
        headers: withKey(`${readOnly.secret.slice(0, -2)}xx`),
      }),
    ).toBe(401);
  });
});

describe('the professional role (P-SHARE-1)', () => {
  const ALL_KINDS = ['incidents', 'communications', 'documents', 'wellbeing'];
  let owner: Session;
  let ids: ResourceIds;
  let incident: Incident;

  /** What a professional could have changed, read back through the owner. */
  async function stateOf(): Promise<Record<string, unknown>> {
    const base = `/v1/workspaces/${owner.workspaceId}`;
    const read = (url: string) => expectStatus({ method: 'GET', url, headers: as(owner) }, 200);
    return {
      workspace: await read(base),
      incident: await read(`${base}/incidents/${incident.id}`),
      incidents: await read(`${base}/incidents?deleted=true`),
      documents: await read(`${base}/documents`),
      communications: await read(`${base}/communications`),
      members: await read(`${base}/members`),
      invites: await read(`${base}/invites`),
      apiKeys: await read(`${base}/api-keys`),
      checkIn: await read(`${base}/wellbeing/check-ins/${ids.checkInId}`),
    };
  }

  beforeAll(async () => {
    owner = await signIn(app, uniqueEmail('owner-p'));
    incident = await createIncident(cookieCaller('owner P', owner), owner.workspaceId);
    const document = await createDocument(owner);
    const target = await addMember(app, owner, 'member');
    ids = {
      workspaceId: owner.workspaceId,
      incidentId: incident.id,
      documentId: document.id,
      recordType: 'incident',
      recordId: incident.id,
      inviteId: (await createInvite(owner)).invite.id,
      keyId: (await createKey(owner, ['incidents:read'])).apiKey.id,
      userId: target.userId,
      provider: 'stripe',
      feedbackId: (await createFeedback(owner)).id,
      exportId: '01JZZZZZZZZZZZZZZZZZZZZZZX',
      ...(await createWellbeingFixtures(app, owner, 1)),
      ...(await createCommunicationFixture(app, owner)),
      ...(await createSummaryFixture(app, owner, { recordType: 'incident', recordId: incident.id })),
      ...(await createCredentialsFixtures(app, owner, target)),
      token: 'C'.repeat(43),
      passkeyId: '01JZZZZZZZZZZZZZZZZZZZZZZW',
      ...(await createPracticeFixtures(app, owner)),
      ...(await createLibraryFixtures(app, owner)),
    };
  });

  it('P-SHARE-1 a professional given every kind cannot write through any tenant route (403 or 404), and nothing changed', async () => {
    const professional = await addProfessional(app, owner, ALL_KINDS);
    // Their own check-in share, so the wellbeing routes have something of theirs to refuse.
    await expectStatus(
      {
        method: 'PUT',
        url: `/v1/workspaces/${owner.workspaceId}/wellbeing/check-ins/${ids.checkInId}/shares/${professional.userId}`,
        headers: as(owner),
        payload: { access: 'read' },
      },
      200,
    );
    const before = await stateOf();
    const failures: string[] = [];
    const writes = tenantRoutes.filter((route) => !['GET', 'HEAD'].includes(route.method));
    expect(writes.length).toBeGreaterThan(30);
    for (const route of writes) {
      const request = validRequest(route, ids, as(professional));
      const reply = await call(app, request);
      if (reply.statusCode !== 403 && reply.statusCode !== 404) failures.push(describeReply(request, reply));
    }
    expect(failures).toEqual([]);
    expect(await stateOf()).toEqual(before);
  });

  it('P-SHARE-1 a professional given incidents only reads no other kind: every other tenant read answers 403 or 404', async () => {
    const professional = await addProfessional(app, owner, ['incidents']);
    // The reads incidents:read opens (the incident log, its timeline and court report), the
    // workspace itself and its plan, and the list of what the professional themselves shared (empty).
    const isIncidentRead = (url: string): boolean =>
      /\/(incidents|timeline|reports\/incidents\.pdf)(\/|$)/u.test(url) ||
      url === '/v1/workspaces/:workspaceId' ||
      // The plan the workspace is on (which pages exist), no record of anyone.
      url === '/v1/workspaces/:workspaceId/billing' ||
      url.endsWith('/professional-reads');
    const failures: string[] = [];
    const opened: string[] = [];
    for (const route of tenantRoutes.filter((r) => r.method === 'GET')) {
      const request = validRequest(route, ids, as(professional));
      const reply = await call(app, request);
      if (reply.statusCode >= 200 && reply.statusCode < 300) {
        opened.push(route.url);
        if (!isIncidentRead(route.url)) failures.push(describeReply(request, reply));
      } else if (reply.statusCode !== 403 && reply.statusCode !== 404)
        failures.push(describeReply(request, reply));
    }
    expect(failures).toEqual([]);
    expect(opened).toContain('/v1/workspaces/:workspaceId/incidents/:incidentId');
  });

  it('P-SHARE-1 after revocation, and after the end date, every tenant route answers 404 like any outsider', async () => {
    const revoked = await addProfessional(app, owner, ALL_KINDS);
    await expectStatus(
      {
        method: 'DELETE',
        url: `/v1/workspaces/${owner.workspaceId}/members/${revoked.userId}`,
        headers: as(owner),
      },
      204,
    );
    const endsAt = new Date(Date.now() + 3_000).toISOString();
    const expired = await addProfessional(app, owner, ALL_KINDS, { endsAt });
    await expectStatus(
      {
        method: 'GET',
        url: `/v1/workspaces/${owner.workspaceId}/incidents/${incident.id}`,
        headers: as(expired),
      },
      200,
    );
    await new Promise((resolve) => setTimeout(resolve, Date.parse(endsAt) - Date.now() + 100));
    const failures: string[] = [];
    for (const route of tenantRoutes) {
      for (const [label, session] of [
        ['revoked', revoked],
        ['expired', expired],
      ] as const) {
        const request = validRequest(route, ids, as(session));
        const reply = await call(app, request);
        const problem = route.method === 'HEAD' ? { code: 'not_found' } : (reply.json() as Problem);
        if (reply.statusCode !== 404 || problem.code !== 'not_found')
          failures.push(`${label}: ${describeReply(request, reply)}`);
      }
    }
    expect(failures).toEqual([]);
  });
});
