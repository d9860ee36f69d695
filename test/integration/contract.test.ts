// The API keeps the contract its OpenAPI document states: bodies are validated as sent (never
// coerced), blank text is refused like empty text, and the framework's own refusals answer in the
// problem format. Routes are read from the document, so a route added later is covered too.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';
import {
  bodySchema,
  call,
  describeReply,
  documentedRoutes,
  exampleFor,
  openApiDocument,
  type RouteEntry,
} from '../security/support.js';

type JsonObject = Record<string, unknown>;
type FieldErrors = { code?: string; errors?: { field: string; message: string }[] };

let t: TestApp;
let owner: Session;
let doc: JsonObject;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A well-formed id (a ULID that names nothing), so only the body under test is wrong. */
const ABSENT_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';
/** Content ids (a workspace's own practice skills and exercises) are slugs, not ULIDs. */
const ABSENT_CONTENT_ID = 'own-absent';
const CONTENT_ID_PARAMS = new Set(['ownSkillId', 'ownExerciseId']);

function fill(url: string): string {
  return url.replace(/[:{]([A-Za-z0-9_]+)\}?/gu, (_whole, name: string) => {
    if (name === 'workspaceId') return owner.workspaceId;
    if (name === 'recordType') return 'incident';
    if (name === 'provider') return 'stripe';
    if (name === 'version') return '1';
    if (CONTENT_ID_PARAMS.has(name)) return ABSENT_CONTENT_ID;
    return ABSENT_ID;
  });
}

/** A value of another JSON type than the schema asks for (what coercion used to accept). */
function wrongTypeFor(schema: unknown): unknown {
  const type = isObject(schema) ? schema.type : undefined;
  if (type === 'string') return 12345;
  if (type === 'integer' || type === 'number') return '7';
  if (type === 'boolean') return 'true';
  if (type === 'array') return 'just one';
  if (type === 'object') return 'not an object';
  return undefined;
}

/** The routes with a JSON body, and each top-level property's schema. */
function jsonBodyRoutes(): { route: RouteEntry; properties: [string, unknown][]; example: JsonObject }[] {
  return documentedRoutes(doc).flatMap((route) => {
    const schema = bodySchema(doc, route);
    const properties = isObject(schema) && isObject(schema.properties) ? schema.properties : undefined;
    const example = schema === undefined ? undefined : exampleFor(doc, schema);
    return properties === undefined || !isObject(example)
      ? []
      : [{ route, properties: Object.entries(properties), example }];
  });
}

async function send(route: RouteEntry, payload: JsonObject) {
  const request = { method: route.method, url: fill(route.url), headers: as(owner), payload };
  const reply = await call(t.app, request);
  return { request, reply, body: (reply.statusCode === 400 ? reply.json() : {}) as FieldErrors };
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signIn(t.app);
  doc = openApiDocument(t.app);
});

afterAll(async () => {
  await t.app.close();
});

describe('request bodies are validated, never coerced', () => {
  it('a property of the wrong JSON type is a 400 naming that property, on every route with a JSON body', async () => {
    const routes = jsonBodyRoutes();
    expect(routes.length).toBeGreaterThanOrEqual(30);
    let checked = 0;
    const misses: string[] = [];
    for (const { route, properties, example } of routes) {
      for (const [name, schema] of properties) {
        const wrong = wrongTypeFor(schema);
        if (wrong === undefined) continue;
        const { request, reply, body } = await send(route, { ...example, [name]: wrong });
        // Routes this caller may not reach at all (platform support, an admin of another kind)
        // refuse before the body is read; everything else must name the field.
        if (reply.statusCode === 401 || reply.statusCode === 403) continue;
        checked += 1;
        const named = (body.errors ?? []).some((e) => e.field === name && /must be/u.test(e.message));
        if (reply.statusCode !== 400 || !named) misses.push(`${name}: ${describeReply(request, reply)}`);
      }
    }
    expect(misses).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(60);
  }, 120_000);

  it('the reported cases: a workspace named false, a null sleep time and a lone symptom are refused', async () => {
    const workspace = await call(t.app, {
      method: 'POST',
      url: '/v1/workspaces',
      headers: as(owner),
      payload: { name: false },
    });
    expect([workspace.statusCode, (workspace.json() as FieldErrors).errors?.[0]?.field]).toEqual([
      400,
      'name',
    ]);
    const checkIns = `/v1/workspaces/${owner.workspaceId}/wellbeing/check-ins`;
    const route = { method: 'POST', url: '/v1/workspaces/:workspaceId/wellbeing/check-ins' };
    const example = exampleFor(doc, bodySchema(doc, route)) as JsonObject;
    for (const [name, value] of [
      ['sleepHours', null],
      ['symptoms', 'AAA'],
    ] as const) {
      const reply = await call(t.app, {
        method: 'POST',
        url: checkIns,
        headers: as(owner),
        payload: { ...example, [name]: value },
      });
      expect([reply.statusCode, (reply.json() as FieldErrors).errors?.some((e) => e.field === name)]).toEqual(
        [400, true],
      );
    }
  });

  it('query strings and path values are still read as the numbers their schemas name', async () => {
    const reply = await call(t.app, {
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/incidents?limit=2`,
      headers: as(owner),
    });
    expect(reply.statusCode).toBe(200);
  });
});

describe('text is normalised before it is validated', () => {
  it('whitespace-only text is a 400 naming the field wherever text must not be empty', async () => {
    let checked = 0;
    const misses: string[] = [];
    for (const { route, properties, example } of jsonBodyRoutes()) {
      for (const [name, schema] of properties) {
        const text = isObject(schema) && schema.pattern === '\\S';
        if (!text) continue;
        const { request, reply, body } = await send(route, { ...example, [name]: ' \t\n ' });
        if (reply.statusCode === 401 || reply.statusCode === 403) continue;
        checked += 1;
        const named = (body.errors ?? []).some((e) => e.field === name && e.message === 'must not be blank');
        if (reply.statusCode !== 400 || !named) misses.push(`${name}: ${describeReply(request, reply)}`);
      }
    }
    expect(misses).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(20);
  }, 120_000);

  it('a care note with blank notes or provider, and a complaint with a blank category, are refused', async () => {
    for (const [kind, name] of [
      ['care-notes', 'notes'],
      ['care-notes', 'provider'],
      ['complaints', 'category'],
      ['complaints', 'providerName'],
      ['complaints', 'description'],
    ] as const) {
      const route = { method: 'POST', url: `/v1/workspaces/:workspaceId/wellbeing/${kind}` };
      const example = exampleFor(doc, bodySchema(doc, route)) as JsonObject;
      const { reply, body } = await send(route, { ...example, [name]: '   ' });
      expect([kind, reply.statusCode, body.errors?.find((e) => e.field === name)?.message]).toEqual([
        kind,
        400,
        'must not be blank',
      ]);
    }
  });
});

type Problem = { type?: string; status?: number; code?: string; instance?: string };

function expectProblem(
  reply: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
  code: string,
): Problem {
  const problem = JSON.parse(reply.body) as Problem;
  expect([reply.statusCode, String(reply.headers['content-type']), problem.status, problem.code]).toEqual([
    status,
    expect.stringContaining('application/problem+json'),
    status,
    code,
  ]);
  return problem;
}

/** Sends raw bytes to a listening app and reads the whole answer (the server closes the connection). */
async function rawRequest(port: number, request: string): Promise<string> {
  const { connect } = await import('node:net');
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

describe('framework-level errors answer in the problem format without echoing input', () => {
  const MARKER = 'echo-me-not';

  it('an unsupported method on a known path is 405 with Allow; an unknown path stays 404', async () => {
    const timeline = await call(t.app, {
      method: 'DELETE',
      url: `/v1/workspaces/${owner.workspaceId}/timeline`,
      headers: as(owner),
    });
    expectProblem(timeline, 405, 'method_not_allowed');
    expect(timeline.headers.allow).toBe('GET, HEAD');
    const me = await call(t.app, { method: 'PUT', url: '/v1/me', headers: as(owner), payload: {} });
    expectProblem(me, 405, 'method_not_allowed');
    expect(me.headers.allow).toBe('GET, HEAD, PATCH');
    const unknown = await call(t.app, { method: 'DELETE', url: `/v1/${MARKER}`, headers: as(owner) });
    expectProblem(unknown, 404, 'not_found');
    expect(unknown.body).not.toContain(MARKER);
  });

  it('a path value longer than any id is 404 problem+json (not Fastify’s 414) and does not echo the path', async () => {
    const reply = await call(t.app, { method: 'GET', url: `/v1/workspaces/${MARKER.repeat(20)}` });
    expectProblem(reply, 404, 'not_found');
    expect(reply.body).not.toContain(MARKER);
  });

  it('a body over the limit is 413, a body in another type 415, broken JSON 400: all problem+json, none echoing the body', async () => {
    const url = `/v1/workspaces/${owner.workspaceId}/incidents`;
    const json = { ...as(owner), 'content-type': 'application/json' };
    const tooLarge = await call(t.app, {
      method: 'POST',
      url,
      headers: json,
      payload: JSON.stringify({ narrative: MARKER.repeat(200_000) }),
    });
    expectProblem(tooLarge, 413, 'payload_too_large');
    const wrongType = await call(t.app, {
      method: 'POST',
      url,
      headers: { ...as(owner), 'content-type': `text/${MARKER}` },
      payload: MARKER,
    });
    expectProblem(wrongType, 415, 'unsupported_media_type');
    const broken = await call(t.app, { method: 'POST', url, headers: json, payload: `{"${MARKER}":` });
    expectProblem(broken, 400, 'malformed_body');
    for (const reply of [tooLarge, wrongType, broken]) expect(reply.body).not.toContain(MARKER);
  });

  it('headers larger than the server reads are 431 problem+json, answered before any route runs', async () => {
    const served = await createTestApp();
    try {
      await served.app.listen({ host: '127.0.0.1', port: 0 });
      const address = served.app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      const answer = await rawRequest(
        port,
        `GET /v1/me HTTP/1.1\r\nHost: localhost\r\nX-Big: ${MARKER.repeat(4000)}\r\n\r\n`,
      );
      const [head = '', body = ''] = answer.split('\r\n\r\n');
      expect(head).toMatch(/^HTTP\/1\.1 431 /u);
      expect(head.toLowerCase()).toContain('content-type: application/problem+json');
      expect(JSON.parse(body)).toMatchObject({ status: 431, code: 'headers_too_large' });
      expect(answer).not.toContain(MARKER);
    } finally {
      await served.app.close();
    }
  });
});

describe('the published document', () => {
  type Operation = { method: string; path: string; operation: JsonObject };

  function operations(): Operation[] {
    const paths = isObject(doc.paths) ? doc.paths : {};
    return Object.entries(paths).flatMap(([path, item]) =>
      isObject(item)
        ? Object.entries(item).flatMap(([method, operation]) =>
            isObject(operation) ? [{ method, path, operation }] : [],
          )
        : [],
    );
  }

  function isPublic(operation: JsonObject): boolean {
    return Array.isArray(operation.security) && operation.security.length === 0;
  }

  it('names every operation with a unique verb-and-noun operationId', () => {
    const ids = operations().map((o) => o.operation.operationId);
    expect(ids.length).toBeGreaterThanOrEqual(100);
    expect(ids.filter((id) => typeof id !== 'string' || !/^[a-z]+[A-Z]?[A-Za-z]*$/u.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    const byRoute = Object.fromEntries(
      operations().map((o) => [`${o.method.toUpperCase()} ${o.path}`, o.operation.operationId]),
    );
    expect(byRoute).toMatchObject({
      'GET /v1/workspaces/{workspaceId}/incidents': 'listIncidents',
      'GET /v1/workspaces/{workspaceId}/incidents/{incidentId}': 'getIncident',
      'POST /v1/workspaces/{workspaceId}/incidents': 'createIncident',
    });
  });

  it('every operation lists 401 unless it is public, and exactly the public routes are marked security: []', () => {
    const missing = operations()
      .filter((o) => !isPublic(o.operation))
      .filter((o) => !(isObject(o.operation.responses) && '401' in o.operation.responses))
      .map((o) => `${o.method} ${o.path}`);
    expect(missing).toEqual([]);
    const marked = operations()
      .filter((o) => isPublic(o.operation))
      .map((o) => `${o.method.toUpperCase()} ${o.path}`)
      .sort();
    expect(marked).toEqual(
      [
        'GET /v1/auth/config',
        'GET /v1/auth/session',
        'POST /v1/auth/magic-link',
        'POST /v1/auth/verify',
        'GET /v1/email/unsubscribe',
        'POST /v1/email/unsubscribe',
        'GET /v1/privacy/inventory',
        'GET /v1/privacy/policy',
        'POST /v1/usage',
        'GET /.well-known/holdfast-export-key',
        // A credential verification link: its random token is the authority (P-CRED-2).
        'GET /v1/verify/{token}',
      ].sort(),
    );
  });

  it('documents every error as application/problem+json and the four downloads with their real media types', () => {
    const components =
      isObject(doc.components) && isObject(doc.components.responses) ? doc.components.responses : {};
    const wrong: string[] = [];
    for (const { method, path, operation } of operations()) {
      const responses = isObject(operation.responses) ? operation.responses : {};
      for (const [status, raw] of Object.entries(responses)) {
        if (Number(status) < 400) continue;
        const ref = isObject(raw) && typeof raw.$ref === 'string' ? raw.$ref.split('/').at(-1) : undefined;
        const response = ref === undefined ? raw : components[ref];
        const types = isObject(response) && isObject(response.content) ? Object.keys(response.content) : [];
        if (types.join() !== 'application/problem+json')
          wrong.push(`${method} ${path} ${status}: ${types.join()}`);
      }
    }
    expect(wrong).toEqual([]);
    const mediaTypes: Record<string, string[]> = Object.fromEntries(
      operations()
        .filter((o) => /^download/u.test(String(o.operation.operationId)))
        .map((o) => {
          const ok = isObject(o.operation.responses) ? o.operation.responses['200'] : undefined;
          return [
            String(o.operation.operationId),
            isObject(ok) && isObject(ok.content) ? Object.keys(ok.content) : [],
          ];
        }),
    );
    expect(mediaTypes).toEqual({
      downloadIncidentReport: ['application/pdf'],
      downloadExport: ['application/zip'],
      downloadDocument: ['application/octet-stream', '*/*'],
      downloadFeedbackScreenshot: ['image/png', 'image/jpeg'],
      downloadTranscriptCsv: ['text/csv'],
      downloadTranscriptPdf: ['application/pdf'],
    });
  });

  it('tells integrators where it is served, who to contact, the license, and how keys, retries, pages, limits and errors work', () => {
    const info = isObject(doc.info) ? doc.info : {};
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/' })]);
    expect(info.contact).toEqual(expect.objectContaining({ email: expect.any(String) }));
    expect(info.license).toEqual(expect.objectContaining({ name: expect.any(String) }));
    for (const topic of [
      'API key',
      'Idempotency-Key',
      'nextCursor',
      'x-ratelimit-remaining',
      'Retry-After',
      'problem+json',
      'validation_failed',
      '/v1',
    ])
      expect(String(info.description)).toContain(topic);
  });
});
