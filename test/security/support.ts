// Helpers of the security suites: the route table read from Fastify itself, request bodies
// derived from the OpenAPI document, and recorders and fault injectors for DynamoDB calls.
import { randomUUID } from 'node:crypto';
import type { BuildOptions } from '@holdfast/api/app';
import { uniqueEmail, type TestApp } from '../support/harness.js';

export type App = TestApp['app'];
export type Db = NonNullable<NonNullable<BuildOptions['overrides']>['db']>;

export type Reply = {
  statusCode: number;
  body: string;
  headers: Record<string, string | string[] | number | undefined>;
  cookies: {
    name: string;
    value: string;
    path?: string;
    httpOnly?: boolean;
    secure?: boolean;
    sameSite?: string;
    expires?: Date;
  }[];
  json: () => unknown;
};

export type Call = {
  method: string;
  url: string;
  headers?: Record<string, string>;
  /** A JSON body (serialized by inject) or a raw string body. */
  payload?: object | string;
};

/** One request through `app.inject`, answered as a plain reply object. */
export async function call(app: App, request: Call): Promise<Reply> {
  const response = await app.inject({
    method: request.method as 'GET',
    url: request.url,
    ...(request.headers === undefined ? {} : { headers: request.headers }),
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  return {
    statusCode: response.statusCode,
    body: response.body,
    headers: response.headers,
    cookies: response.cookies,
    json: () => JSON.parse(response.body) as unknown,
  };
}

/** Describes a reply for assertion messages (status and the start of the body). */
export function describeReply(request: Call, reply: Reply): string {
  return `${request.method} ${request.url} -> ${reply.statusCode} ${reply.body.slice(0, 200)}`;
}

/** Headers of a request made with an API key. */
export function withKey(secret: string): Record<string, string> {
  return { authorization: `Bearer ${secret}` };
}

export type RouteEntry = { method: string; url: string };

/**
 * Every route Fastify has registered, read from its own router (`printRoutes`), so a route added
 * tomorrow is listed without editing any test. The tree is flattened by joining each node's
 * segment to its parent's path.
 */
export function listRoutes(app: App): RouteEntry[] {
  const tree = app.printRoutes({ commonPrefix: false });
  const routes: RouteEntry[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const match = /^((?:│ {3}| {4})*)(?:├── |└── )(.+)$/u.exec(line);
    if (match === null) continue;
    const depth = (match[1] ?? '').length / 4;
    const node = /^(.*?)(?: \(([^)]*)\))?$/u.exec(match[2] ?? '');
    const segment = node?.[1] ?? '';
    const path = `${depth === 0 ? '' : (stack[depth - 1] ?? '')}${segment}`;
    stack.length = depth;
    stack[depth] = path;
    const methods = node?.[2];
    if (methods === undefined) continue;
    for (const method of methods
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m !== ''))
      routes.push({ method, url: path });
  }
  return routes;
}

/** The names of a route's path parameters, in order. */
export function pathParams(url: string): string[] {
  return [...url.matchAll(/:([A-Za-z0-9_]+)/gu)].map((m) => m[1] ?? '');
}

/** Fills a route's path parameters; an unknown parameter fails the test so it gets a fixture. */
export function fillPath(url: string, values: Record<string, string>): string {
  return url.replace(/:([A-Za-z0-9_]+)/gu, (_whole, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(`no fixture for path parameter :${name} of ${url}; add one to the test`);
    return encodeURIComponent(value);
  });
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

/** The OpenAPI document the app serves, as plain JSON. */
export function openApiDocument(app: App): JsonObject {
  const doc = JSON.parse(JSON.stringify(app.swagger())) as unknown;
  if (!isObject(doc)) throw new Error('the OpenAPI document is not an object');
  return doc;
}

/** `/v1/x/:id` → `/v1/x/{id}`, as OpenAPI names paths. */
export function toOpenApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/gu, '{$1}');
}

/** The methods and paths the OpenAPI document lists. */
export function documentedRoutes(doc: JsonObject): RouteEntry[] {
  const routes: RouteEntry[] = [];
  const paths = field(doc, 'paths');
  if (!isObject(paths)) return routes;
  for (const [path, operations] of Object.entries(paths)) {
    if (!isObject(operations)) continue;
    for (const method of Object.keys(operations)) routes.push({ method: method.toUpperCase(), url: path });
  }
  return routes;
}

/** The schema a `$ref` names (or the schema itself). */
export function resolveRef(doc: JsonObject, schema: unknown): unknown {
  const ref = field(schema, '$ref');
  if (typeof ref !== 'string') return schema;
  const name = ref.replace(/^#\/components\/schemas\//u, '').replace(/#$/u, '');
  const target = field(field(field(doc, 'components'), 'schemas'), name);
  if (target === undefined) throw new Error(`unresolved schema reference ${ref}`);
  return target;
}

/** The JSON request-body schema of a route, or undefined when the route takes no body. */
export function bodySchema(doc: JsonObject, route: RouteEntry): unknown {
  const operation = field(field(field(doc, 'paths'), toOpenApiPath(route.url)), route.method.toLowerCase());
  const schema = field(
    field(field(field(operation, 'requestBody'), 'content'), 'application/json'),
    'schema',
  );
  return schema === undefined ? undefined : resolveRef(doc, schema);
}

/** Values with a meaning the schema cannot express (a real IANA zone). */
const SEMANTIC_EXAMPLES: Record<string, unknown> = {
  timeZone: 'America/Chicago',
  documentDate: '2026-09-14',
  // A 1x1 PNG, the smallest screenshot feedback accepts.
  screenshot:
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  // Practice: an exercise of the shipped content (inside an assessment's array too) and its option.
  exerciseId: 'biff-01',
  skillId: 'biff-replies',
  optionId: 'a',
  // An invite's professional grant goes only with the professional role, and examples take the
  // first role (owner): left out.
  professional: undefined,
};

/**
 * A plausible valid value for a JSON schema: every property (optional ones too, so an edit
 * changes something), the first enum value, the minimum of a number, a string of the minimum
 * length. Used so that a request refused to an outsider is one that would otherwise succeed.
 */
export function exampleFor(doc: JsonObject, rawSchema: unknown, name = ''): unknown {
  if (name in SEMANTIC_EXAMPLES) return SEMANTIC_EXAMPLES[name];
  const schema = resolveRef(doc, rawSchema);
  // A field whose valid values have a shape no generic value meets (an exported message thread)
  // names one in its schema.
  const examples = field(schema, 'examples');
  if (Array.isArray(examples) && examples.length > 0) return examples[0];
  const enumValues = field(schema, 'enum');
  if (Array.isArray(enumValues) && enumValues.length > 0) return enumValues[0];
  const constValue = field(schema, 'const');
  if (constValue !== undefined) return constValue;
  const anyOf = field(schema, 'anyOf') ?? field(schema, 'oneOf');
  if (Array.isArray(anyOf) && anyOf.length > 0) return exampleFor(doc, anyOf[0], name);
  switch (field(schema, 'type')) {
    case 'object': {
      const properties = field(schema, 'properties');
      const result: JsonObject = {};
      if (isObject(properties))
        for (const [key, value] of Object.entries(properties)) {
          const example = exampleFor(doc, value, key);
          if (example !== undefined) result[key] = example;
        }
      return result;
    }
    case 'array': {
      const minItems = field(schema, 'minItems');
      const count = typeof minItems === 'number' && minItems > 1 ? minItems : 1;
      return Array.from({ length: count }, () => exampleFor(doc, field(schema, 'items'), name));
    }
    case 'integer':
    case 'number': {
      const minimum = field(schema, 'minimum');
      return typeof minimum === 'number' ? minimum : 1;
    }
    case 'boolean':
      return false;
    case 'string': {
      const format = field(schema, 'format');
      if (format === 'email') return uniqueEmail('example');
      if (format === 'date-time') return '2026-09-14T08:30:00-05:00';
      if (format === 'uri') return 'https://example.test/';
      if (format === 'date') return '2026-09-14';
      const minLength = field(schema, 'minLength');
      return 'x'.repeat(typeof minLength === 'number' && minLength > 0 ? Math.max(minLength, 8) : 8);
    }
    default:
      throw new Error(`cannot make an example for schema ${JSON.stringify(schema)}`);
  }
}

/** A recorded DynamoDB call: the command's class name and its input. */
export type DbCall = { command: string; input: unknown; text: string };

type Sendable = { input?: unknown };

/**
 * Records every command sent through the app's DynamoDB document client (the one instance all
 * modules share) until `restore` is called.
 */
export function recordDbCalls(db: Db): { calls: DbCall[]; restore: () => void } {
  const doc = db.doc;
  const original = doc.send.bind(doc) as (command: Sendable, ...rest: unknown[]) => Promise<unknown>;
  const calls: DbCall[] = [];
  const spy = (command: Sendable, ...rest: unknown[]): Promise<unknown> => {
    calls.push({
      command: command.constructor.name,
      input: command.input,
      text: JSON.stringify(command.input ?? null),
    });
    return original(command, ...rest);
  };
  Object.defineProperty(doc, 'send', { value: spy, configurable: true, writable: true });
  return { calls, restore: () => void Reflect.deleteProperty(doc, 'send') };
}

/** The `Key` of a single-item command (Get, Update, Delete), if it has one. */
export function keyOf(call: DbCall): { PK?: unknown; SK?: unknown } | undefined {
  const key = field(call.input, 'Key');
  return isObject(key) ? { PK: key.PK, SK: key.SK } : undefined;
}

/** Whether a command writes (any of Put, Update, Delete, BatchWrite, TransactWrite). */
export function isWrite(call: DbCall): boolean {
  return /^(Put|Update|Delete|BatchWrite|TransactWrite)/u.test(call.command);
}

/**
 * A database that behaves like `base` until told to fail: the next command whose class name
 * matches then rejects with the given error (once). Built on the same client, so data is shared.
 */
export function failingDb(base: Db): { db: Db; failNext: (commandName: RegExp, error: Error) => void } {
  const original = base.doc.send.bind(base.doc) as (
    command: Sendable,
    ...rest: unknown[]
  ) => Promise<unknown>;
  const doc = Object.create(base.doc) as Db['doc'];
  let pending: { commandName: RegExp; error: Error } | undefined;
  const send = (command: Sendable, ...rest: unknown[]): Promise<unknown> => {
    if (pending !== undefined && pending.commandName.test(command.constructor.name)) {
      const { error } = pending;
      pending = undefined;
      return Promise.reject(error);
    }
    return original(command, ...rest);
  };
  Object.defineProperty(doc, 'send', { value: send, configurable: true, writable: true });
  return {
    db: { doc, mainTable: base.mainTable, destroy: () => undefined },
    failNext: (commandName, error) => {
      pending = { commandName, error };
    },
  };
}

/** The only /v1 routes anyone may call without signing in; a new public route is added here on purpose. */
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /v1/auth/config',
  'HEAD /v1/auth/config',
  // Whether the caller is signed in: says nothing about anyone else, and nothing more about them.
  'GET /v1/auth/session',
  'HEAD /v1/auth/session',
  'POST /v1/auth/magic-link',
  'POST /v1/auth/verify',
  // Unsubscribe links: authorized by their HMAC-signed token, never by a session (P-MAIL-2).
  'GET /v1/email/unsubscribe',
  'HEAD /v1/email/unsubscribe',
  'POST /v1/email/unsubscribe',
  // The privacy policy and data inventory, and aggregate page counts (P-LOG-2): no one is named.
  'GET /v1/privacy/inventory',
  'HEAD /v1/privacy/inventory',
  'GET /v1/privacy/policy',
  'HEAD /v1/privacy/policy',
  'POST /v1/usage',
  // Credential verification links: the random token in the path is the authority (P-CRED-2).
  'GET /v1/verify/:token',
  'HEAD /v1/verify/:token',
]);

/**
 * For a route whose body is a raw file (`application/octet-stream`, the vault's upload): a small
 * text file as the body, and its required query parameters filled from their schemas.
 */
function rawBodyRequest(
  doc: JsonObject,
  route: RouteEntry,
): { query: string; payload: string; contentType: string } | undefined {
  const operation = field(field(field(doc, 'paths'), toOpenApiPath(route.url)), route.method.toLowerCase());
  const content = field(field(operation, 'requestBody'), 'content');
  if (field(content, 'application/octet-stream') === undefined) return undefined;
  const parameters = field(operation, 'parameters');
  const query = new URLSearchParams();
  if (Array.isArray(parameters)) {
    for (const parameter of parameters) {
      if (field(parameter, 'in') !== 'query' || field(parameter, 'required') !== true) continue;
      query.set(String(field(parameter, 'name')), String(exampleFor(doc, field(parameter, 'schema'))));
    }
  }
  return {
    query: query.toString(),
    payload: 'An example text file.\n',
    contentType: 'application/octet-stream',
  };
}

/**
 * Puts the real ids into an example body, also in nested objects and arrays (a summary's citations
 * name their record with `recordType` and `recordId`).
 */
function fillIds(value: unknown, ids: Record<string, string>): void {
  if (Array.isArray(value)) {
    for (const item of value) fillIds(item, ids);
    return;
  }
  if (!isObject(value)) return;
  for (const name of Object.keys(value)) {
    const id = ids[name];
    // A list of ids (`licenseIds`) takes the fixture of its singular (`licenseId`).
    const listed = name.endsWith('Ids') ? ids[name.slice(0, -1)] : undefined;
    if (id !== undefined && typeof value[name] === 'string') value[name] = id;
    else if (listed !== undefined && Array.isArray(value[name])) value[name] = [listed];
    else fillIds(value[name], ids);
  }
}

/**
 * A plausible valid request for a route: its path filled from `ids`, a raw file for an upload
 * route, otherwise the example JSON body, where a text field that names a resource (documentId)
 * carries that resource's real id.
 */
export function exampleRequest(
  doc: JsonObject,
  route: RouteEntry,
  ids: Record<string, string>,
  headers: Record<string, string>,
): Call {
  const url = fillPath(route.url, ids);
  const raw = rawBodyRequest(doc, route);
  if (raw !== undefined) {
    return {
      method: route.method,
      url: `${url}?${raw.query}`,
      headers: { ...headers, 'content-type': raw.contentType },
      payload: raw.payload,
    };
  }
  const schema = bodySchema(doc, route);
  const payload = schema === undefined ? undefined : exampleFor(doc, schema);
  const required = requiredHeaders(doc, route);
  // Only text fields take an id: `version` names both a path value (a safety-plan version) and a
  // body integer (the version edited), and the body's must stay a number.
  if (isObject(payload)) fillIds(payload, ids);
  return {
    method: route.method,
    url,
    headers: { ...required, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  };
}

/**
 * The headers a route requires (an `Idempotency-Key` on a report), each with a fresh value: a
 * request that differs from a valid one only by who sends it.
 */
function requiredHeaders(doc: JsonObject, route: RouteEntry): Record<string, string> {
  const operation = field(field(field(doc, 'paths'), toOpenApiPath(route.url)), route.method.toLowerCase());
  const parameters = field(operation, 'parameters');
  const headers: Record<string, string> = {};
  if (!Array.isArray(parameters)) return headers;
  for (const parameter of parameters) {
    const name = field(parameter, 'name');
    if (
      field(parameter, 'in') === 'header' &&
      field(parameter, 'required') === true &&
      typeof name === 'string'
    )
      headers[name] = `example-${randomUUID()}`;
  }
  return headers;
}

/** A license and a CE activity of `session`'s workspace: fixtures of the credentials routes' path parameters. */
export async function createCredentialsFixtures(
  app: App,
  session: { cookie: string; workspaceId: string; email: string },
  helper: { cookie: string; email: string },
): Promise<{
  licenseId: string;
  activityId: string;
  shareId: string;
  requestId: string;
  receivedId: string;
  requirementId: string;
  linkId: string;
  completionId: string;
  linkCode: string;
  providerLinkId: string;
}> {
  const headers = { cookie: session.cookie, 'x-holdfast-csrf': '1' };
  const base = `/v1/workspaces/${session.workspaceId}/credentials`;
  const send = async (path: string, payload: object) => {
    const request: Call = { method: 'POST', url: `${base}/${path}`, headers, payload };
    const reply = await call(app, request);
    if (reply.statusCode !== 201) throw new Error(`fixture: ${describeReply(request, reply)}`);
    return reply.json() as { id: string; share?: { id: string } };
  };
  const licenseId = (
    await send('licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'LMFT 1',
      expiresOn: '2027-06-30',
    })
  ).id;
  const activityId = (
    await send('activities', {
      title: 'Law and ethics update',
      completedOn: '2026-10-03',
      hours: 6,
      format: 'live-online',
      topics: [{ topic: 'Law and ethics', hours: 6 }],
    })
  ).id;
  const created = await send('shares', {
    label: 'New employer',
    holderName: 'A. Holder',
    licenseIds: [licenseId],
    activityIds: [activityId],
    documentIds: [],
    expiresInDays: 30,
  });
  return {
    licenseId,
    activityId,
    shareId: created.share?.id ?? '',
    ...(await createCredentialRequestFixtures(app, session, helper)),
    ...(await createCompletionFixtures(app, session)),
  };
}

/**
 * Reported-completion fixtures of `session`'s workspace, acting as its own training provider: a
 * live link (`linkId`) with a pending completion (`completionId`), a waiting code (`linkCode`) and
 * another waiting link to revoke (`providerLinkId`).
 */
async function createCompletionFixtures(
  app: App,
  session: { cookie: string; workspaceId: string },
): Promise<{ linkId: string; completionId: string; linkCode: string; providerLinkId: string }> {
  const headers = { cookie: session.cookie, 'x-holdfast-csrf': '1' };
  const send = async (path: string, payload: object, extra: Record<string, string> = {}) => {
    const request: Call = {
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/${path}`,
      headers: { ...headers, ...extra },
      payload,
    };
    const reply = await call(app, request);
    if (reply.statusCode !== 201) throw new Error(`fixture: ${describeReply(request, reply)}`);
    return reply.json() as { id: string; code: string; linkId: string; link: { id: string } };
  };
  const makeCode = () =>
    send('credentials/provider-links', { providerLabel: 'CE provider', expiresInDays: 7 });
  const { linkId } = await send('ce/links', { linkCode: (await makeCode()).code });
  const completion = await send(
    'ce/completions',
    {
      linkId,
      courseTitle: 'Ethics update',
      providerName: 'CE provider',
      completedOn: '2026-10-03',
      hours: 2,
      category: 'Law and ethics',
    },
    { 'idempotency-key': `fixture-${randomUUID()}` },
  );
  const waiting = await makeCode();
  return {
    linkId,
    completionId: completion.id,
    linkCode: waiting.code,
    providerLinkId: (await makeCode()).link.id,
  };
}

/**
 * Organisation credentialing fixtures of `session`'s workspace: as an organisation, a request it
 * made that `helper` answered (`requestId`); as a person, a request `helper`'s own workspace (an
 * organisation too) sent to `session`'s address, still waiting (`receivedId`), and that request's
 * document requirement. `helper` is someone already signed in (sign-ins are rate limited).
 */
async function createCredentialRequestFixtures(
  app: App,
  session: { cookie: string; workspaceId: string; email: string },
  helper: { cookie: string; email: string },
): Promise<{ requestId: string; receivedId: string; requirementId: string }> {
  const me = (
    await call(app, { method: 'GET', url: '/v1/me', headers: { cookie: helper.cookie } })
  ).json() as {
    workspaces: { id: string; role: string }[];
  };
  const own = me.workspaces.find(
    (workspace) => workspace.role === 'owner' && workspace.id !== session.workspaceId,
  );
  if (own === undefined) throw new Error('fixture: the helper needs a workspace of their own');
  const helperSession = { cookie: helper.cookie, workspaceId: own.id };
  const run = async (
    caller: { cookie: string; workspaceId: string },
    method: string,
    path: string,
    payload: object,
  ) => {
    const request: Call = {
      method,
      url: `/v1/workspaces/${caller.workspaceId}/credentials/${path}`,
      headers: { cookie: caller.cookie, 'x-holdfast-csrf': '1' },
      payload,
    };
    const reply = await call(app, request);
    if (reply.statusCode >= 300) throw new Error(`fixture: ${describeReply(request, reply)}`);
    return reply.json() as { id: string; documents?: { id: string }[] };
  };
  const ask = (organisation: { cookie: string; workspaceId: string }, email: string) =>
    run(organisation, 'POST', 'requests', {
      email,
      personName: 'A. Person',
      licenses: [{ jurisdiction: 'CA', credentialType: 'LMFT' }],
      documents: [{ label: 'Malpractice insurance' }],
    });
  await run(session, 'PUT', 'organisation', { kind: 'clinic', name: 'Fixture Clinic' });
  const requestId = (await ask(session, helper.email)).id;
  const license = await run(helperSession, 'POST', 'licenses', {
    jurisdiction: 'CA',
    credentialType: 'LMFT',
    number: 'LMFT 2',
    expiresOn: '2030-06-30',
  });
  await run(helperSession, 'POST', `received-requests/${requestId}/share`, {
    licenseIds: [license.id],
    activityIds: [],
    documents: [],
  });
  await run(helperSession, 'PUT', 'organisation', { kind: 'agency', name: 'Fixture Agency' });
  const received = await ask(helperSession, session.email);
  return { requestId, receivedId: received.id, requirementId: received.documents?.[0]?.id ?? '' };
}

/**
 * An open attempt at a multiple-choice exercise and an open assessment of its skill, owned by
 * `session`, and a skill with one exercise of the workspace's own (`session` is its owner): the
 * fixtures of the practice routes' path parameters.
 */
export async function createPracticeFixtures(
  app: App,
  session: { cookie: string; workspaceId: string },
): Promise<{
  skillId: string;
  exerciseId: string;
  attemptId: string;
  assessmentId: string;
  ownSkillId: string;
  ownExerciseId: string;
}> {
  const headers = { cookie: session.cookie, 'x-holdfast-csrf': '1' };
  const base = `/v1/workspaces/${session.workspaceId}/practice`;
  const send = async (path: string, payload: object) => {
    const request: Call = { method: 'POST', url: `${base}/${path}`, headers, payload };
    const reply = await call(app, request);
    if (reply.statusCode !== 201) throw new Error(`fixture: ${describeReply(request, reply)}`);
    return reply.json();
  };
  const attempt = (await send('attempts', { exerciseId: 'biff-01' })) as { id: string };
  const started = (await send('assessments', { skillId: 'biff-replies' })) as { assessment: { id: string } };
  const ownSkill = (await send('own/skills', {
    area: 'clinician',
    title: 'Intake at our clinic',
    summary: 'How this clinic takes a first call.',
  })) as { id: string };
  const ownExercise = (await send(`own/skills/${ownSkill.id}/exercises`, {
    exercise: {
      type: 'drill',
      title: 'First question',
      prompt: 'Practise opening a first call.',
      steps: ['Ask whether they are safe now.'],
      tip: 'Safety comes first.',
    },
  })) as { id: string };
  return {
    skillId: 'biff-replies',
    exerciseId: 'biff-01',
    attemptId: attempt.id,
    assessmentId: started.assessment.id,
    ownSkillId: ownSkill.id,
    ownExerciseId: ownExercise.id,
  };
}

/**
 * One wellbeing record of each kind and `planVersions` saved safety-plan versions, owned by
 * `session`: the fixtures of the wellbeing routes' path parameters.
 */
export async function createWellbeingFixtures(
  app: App,
  session: { cookie: string; workspaceId: string },
  planVersions: number,
): Promise<{ checkInId: string; complaintId: string; careNoteId: string; version: string }> {
  const headers = { cookie: session.cookie, 'x-holdfast-csrf': '1' };
  const base = `/v1/workspaces/${session.workspaceId}/wellbeing`;
  const send = async (method: string, path: string, payload: object, expected: number) => {
    const request: Call = { method, url: `${base}/${path}`, headers, payload };
    const reply = await call(app, request);
    if (reply.statusCode !== expected) throw new Error(`fixture: ${describeReply(request, reply)}`);
    return reply.json() as { id: string };
  };
  const checkIn = await send(
    'POST',
    'check-ins',
    { occurredAt: '2026-10-03T17:45:00-05:00', mood: 5, anxiety: 5 },
    201,
  );
  const complaint = await send(
    'POST',
    'complaints',
    {
      date: '2026-10-03',
      providerName: 'Clinic',
      providerType: 'clinic',
      category: 'billing',
      description: 'A private complaint.',
      status: 'draft',
    },
    201,
  );
  const careNote = await send(
    'POST',
    'care-notes',
    { sessionDate: '2026-10-03', provider: 'Dr. K', type: 'therapy', notes: 'A private note.' },
    201,
  );
  for (let version = 1; version <= planVersions; version += 1) {
    await send(
      'PUT',
      'safety-plan',
      { ...(version > 1 ? { version: version - 1 } : {}), warningSigns: `Plan ${version}` },
      200,
    );
  }
  return {
    checkInId: checkIn.id,
    complaintId: complaint.id,
    careNoteId: careNote.id,
    version: String(planVersions),
  };
}

/**
 * A sent message logged in the session's workspace, for suites that need a communication id (sent,
 * so every field of it can be corrected by the example requests).
 */
export async function createCommunicationFixture(
  app: App,
  session: { cookie: string; workspaceId: string },
): Promise<{ communicationId: string }> {
  const request: Call = {
    method: 'POST',
    url: `/v1/workspaces/${session.workspaceId}/communications`,
    headers: { cookie: session.cookie, 'x-holdfast-csrf': '1' },
    payload: {
      occurredAt: '2026-10-03T17:45:00-05:00',
      timeZone: 'America/Chicago',
      channel: 'text',
      direction: 'sent',
      counterpart: 'Other parent',
      content: 'A fixture message.',
    },
  };
  const reply = await call(app, request);
  if (reply.statusCode !== 201) throw new Error(`fixture: ${describeReply(request, reply)}`);
  return { communicationId: (reply.json() as { id: string }).id };
}

/**
 * A saved summary of the session's workspace citing one of its records: the fixture of the
 * summary routes' path parameter. Saving calls no AI provider, so any deployment can make one.
 */
export async function createSummaryFixture(
  app: App,
  session: { cookie: string; workspaceId: string },
  cited: { recordType: 'incident' | 'communication'; recordId: string },
): Promise<{ summaryId: string }> {
  const request: Call = {
    method: 'POST',
    url: `/v1/workspaces/${session.workspaceId}/summaries`,
    headers: { cookie: session.cookie, 'x-holdfast-csrf': '1' },
    payload: {
      from: '2026-10-01T00:00:00-05:00',
      to: '2026-10-31T23:59:59-05:00',
      sentences: [{ text: 'A fixture sentence.', citations: [cited] }],
      promptVersion: 'summary-cited-v1',
      aiProvider: 'openai',
      model: 'gpt-test-mini',
    },
  };
  const reply = await call(app, request);
  if (reply.statusCode !== 201) throw new Error(`fixture: ${describeReply(request, reply)}`);
  return { summaryId: (reply.json() as { id: string }).id };
}

/**
 * The library's path parameters: a shipped content id (the same in every workspace), an item the
 * workspace added and a checklist it copied, owned by `session`'s workspace; and the shipped
 * checklist and step its bodies name.
 */
export async function createLibraryFixtures(
  app: App,
  session: { cookie: string; workspaceId: string },
): Promise<{
  contentId: string;
  additionId: string;
  checklistId: string;
  itemId: string;
  doneStepId: string;
}> {
  const headers = { cookie: session.cookie, 'x-holdfast-csrf': '1' };
  const base = `/v1/workspaces/${session.workspaceId}/library`;
  const send = async (path: string, payload: object) => {
    const request: Call = { method: 'POST', url: `${base}/${path}`, headers, payload };
    const reply = await call(app, request);
    if (reply.statusCode !== 201) throw new Error(`fixture: ${describeReply(request, reply)}`);
    return reply.json() as { id: string };
  };
  const addition = await send('additions', {
    kind: 'article',
    title: 'Our own note on exchanges',
    body: 'Exchanges happen at the library on Fridays.',
  });
  const checklist = await send('checklists', { source: 'holdfast', itemId: 'handover-checklist' });
  // `itemId` and `doneStepId` fill the bodies of "copy a checklist" and "tick steps off".
  return {
    contentId: 'handover-checklist',
    additionId: addition.id,
    checklistId: checklist.id,
    itemId: 'handover-checklist',
    doneStepId: 'pack',
  };
}
