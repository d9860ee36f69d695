// P-RIGHT-2: every field a person entered can be corrected by its owner. The data inventory says,
// per record type, which routes correct which fields; this test walks all of them through the
// real API, and checks the inventory against the OpenAPI document so it cannot leave a field or
// a PATCH route out.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { buildSuppressItem } from '@holdfast/api/modules/notifications/repo';
import { RECORD_TYPES, type CorrectionRoute } from '@holdfast/api/modules/privacy/inventory';
import {
  addMember,
  as,
  createTestApp,
  readEmailChangeToken,
  readMailbox,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import {
  bodySchema,
  call,
  describeReply,
  documentedRoutes,
  exampleRequest,
  fillPath,
  openApiDocument,
  pathParams,
  resolveRef,
  type Call,
  type RouteEntry,
} from '../security/support.js';

type Json = Record<string, unknown>;

/** Body fields that steer an edit rather than hold data: optimistic concurrency. */
const CONTROL_FIELDS = new Set(['version']);

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function splitRoute(route: string): RouteEntry {
  const [method, url] = route.split(' ');
  if (method === undefined || url === undefined) throw new Error(`not a route: ${route}`);
  return { method, url };
}

const CORRECTIONS: { entity: string; route: CorrectionRoute }[] = RECORD_TYPES.flatMap((type) =>
  type.correction.routes.map((route) => ({ entity: type.entity, route })),
);

function propertiesOf(doc: Json, route: RouteEntry): Record<string, Json> {
  const schema = bodySchema(doc, route);
  const properties = isObject(schema) ? schema.properties : undefined;
  if (!isObject(properties)) throw new Error(`${route.method} ${route.url} takes no JSON object body`);
  return properties as Record<string, Json>;
}

function resolve(doc: Json, schema: Json): Json {
  return resolveRef(doc, schema) as Json;
}

/** Values a schema cannot express: real time zones and calendar dates. */
const SEMANTIC_ALTERNATIVES: Record<string, readonly unknown[]> = {
  timeZone: ['Europe/Lisbon', 'America/Denver'],
  documentDate: ['2025-05-06', '2025-05-07'],
  linkedIncidentIds: [['01ARZ3NDEKTSV4RRFFQ69G5FAV'], ['01ARZ3NDEKTSV4RRFFQ69G5FAW']],
};

let counter = 0;

/** A valid value for `schema` that differs from `current`: what a person would correct it to. */
function correctedValue(doc: Json, rawSchema: Json, name: string, current: unknown): unknown {
  const alternatives = SEMANTIC_ALTERNATIVES[name];
  if (alternatives !== undefined) return alternatives.find((value) => value !== current);
  const schema = resolve(doc, rawSchema);
  const choices = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(choices)) {
    const branch = (choices as Json[]).find((choice) => resolve(doc, choice).type !== 'null');
    if (branch === undefined) throw new Error(`no non-null branch for ${name}`);
    return correctedValue(doc, branch, name, current);
  }
  if (Array.isArray(schema.enum)) return schema.enum.find((value) => value !== current);
  counter += 1;
  switch (schema.type) {
    case 'boolean':
      return current !== true;
    case 'integer':
    case 'number': {
      const minimum = typeof schema.minimum === 'number' ? schema.minimum : 0;
      const maximum = typeof schema.maximum === 'number' ? schema.maximum : Number.MAX_SAFE_INTEGER;
      const next = (typeof current === 'number' ? current : minimum) + 1;
      return next <= maximum ? next : minimum;
    }
    case 'array':
      return [correctedValue(doc, schema.items as Json, name, undefined)];
    // A list of small records (hours per topic): each property corrected in turn.
    case 'object':
      return Object.fromEntries(
        Object.entries((schema.properties ?? {}) as Record<string, Json>).map(([key, value]) => [
          key,
          correctedValue(doc, value, key, undefined),
        ]),
      );
    case 'string': {
      if (schema.format === 'date-time') return new Date(Date.UTC(2025, 4, 6, 7, counter % 60)).toISOString();
      if (schema.format === 'date') return `2025-05-${String(10 + (counter % 18)).padStart(2, '0')}`;
      if (schema.format === 'email') return uniqueEmail('corrected');
      // Lower case: tags are stored lower-cased, and a correction should read back as sent.
      const text = `corrected ${name} ${counter}`;
      return typeof schema.maxLength === 'number' ? text.slice(0, schema.maxLength) : text;
    }
    default:
      throw new Error(`no corrected value for ${name}: ${JSON.stringify(schema)}`);
  }
}

/** Whether a value read back is the value sent (instants compare as instants). */
function isSame(sent: unknown, read: unknown, schema: Json): boolean {
  if (schema.format === 'date-time' && typeof sent === 'string' && typeof read === 'string')
    return Date.parse(sent) === Date.parse(read);
  return JSON.stringify(sent) === JSON.stringify(read);
}

/** Read routes whose response names the fields differently from the route that writes them. */
const READ_SHAPES: Record<string, (body: unknown) => Json> = {
  'GET /v1/me/email-preferences': (body) =>
    Object.fromEntries(
      ((body as { items: { kind: string; isOptedIn: boolean }[] }).items ?? []).map((item) => [
        item.kind,
        item.isOptedIn,
      ]),
    ),
};

/**
 * The record in a response: the first object (depth first) that has one of the fields and carries
 * the record's id among its values — the response itself, a wrapped record, or a list entry.
 */
function locate(body: unknown, fields: readonly string[], recordId: string | undefined): Json | undefined {
  if (Array.isArray(body)) {
    for (const entry of body) {
      const found = locate(entry, fields, recordId);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (!isObject(body)) return undefined;
  const hasField = fields.some((field) => field in body);
  if (hasField && (recordId === undefined || Object.values(body).includes(recordId))) return body;
  for (const value of Object.values(body)) {
    const found = locate(value, fields, recordId);
    if (found !== undefined) return found;
  }
  return undefined;
}

describe('P-RIGHT-2 correction: the inventory against the API', () => {
  let t: TestApp;
  let doc: Json;

  beforeAll(async () => {
    t = await createTestApp();
    doc = openApiDocument(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-RIGHT-2: every PATCH route of the API is a correction the inventory names', () => {
    const named = new Set(CORRECTIONS.map(({ route }) => route.update));
    const patches = documentedRoutes(doc)
      .filter((route) => route.method === 'PATCH')
      .map((route) => `PATCH ${route.url.replace(/\{([A-Za-z0-9_]+)\}/gu, ':$1')}`);
    expect(patches.length).toBeGreaterThan(5);
    expect(patches.filter((route) => !named.has(route))).toEqual([]);
  });

  it('P-RIGHT-2: each correction route takes exactly the fields the inventory says, and every field a record is made with is correctable or fixed for a stated reason', () => {
    const problems: string[] = [];
    for (const { entity, route } of CORRECTIONS) {
      const taken = Object.keys(propertiesOf(doc, splitRoute(route.update))).filter(
        (field) => !CONTROL_FIELDS.has(field) && !(field in (route.others ?? {})),
      );
      const declared = [...route.fields];
      if (JSON.stringify([...taken].sort()) !== JSON.stringify([...declared].sort()))
        problems.push(
          `${entity} ${route.update}: takes [${taken.join(', ')}], inventory says [${declared.join(', ')}]`,
        );
      if (route.create === undefined) continue;
      for (const field of Object.keys(propertiesOf(doc, splitRoute(route.create)))) {
        if (CONTROL_FIELDS.has(field) || route.fields.includes(field)) continue;
        const reason = route.fixed?.[field];
        if (reason === undefined || reason.length < 20)
          problems.push(
            `${entity} ${route.create}: ${field} can be set but not corrected, and no reason is given`,
          );
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('P-RIGHT-2 correction: walking every record type', () => {
  let t: TestApp;
  let doc: Json;
  let owner: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp();
    doc = openApiDocument(t.app);
    owner = await signIn(t.app);
    const member = await addMember(t.app, owner, 'member');
    ids.workspaceId = owner.workspaceId;
    ids.userId = member.userId;
    const upload = await call(
      t.app,
      exampleRequest(doc, { method: 'POST', url: '/v1/workspaces/:workspaceId/documents' }, ids, as(owner)),
    );
    expect(upload.statusCode).toBe(201);
    ids.documentId = String(locate(upload.json(), ['id'], undefined)?.id);
  });
  afterAll(async () => {
    await t.app.close();
  });

  async function send(request: Call, expected: number): Promise<unknown> {
    const reply = await call(t.app, request);
    if (reply.statusCode !== expected)
      throw new Error(`expected ${expected}: ${describeReply(request, reply)}`);
    return reply.body === '' ? undefined : reply.json();
  }

  /** Makes the record a correction route works on, through the route the inventory names. */
  async function ensureRecord(route: CorrectionRoute): Promise<void> {
    const update = splitRoute(route.update);
    const missing = pathParams(update.url).filter((param) => ids[param] === undefined);
    if (route.create === undefined || (missing.length === 0 && route.create !== route.update)) {
      if (missing.length > 0) throw new Error(`no fixture for ${missing.join(', ')} of ${route.update}`);
      return;
    }
    const request = exampleRequest(doc, splitRoute(route.create), ids, as(owner));
    if (isObject(request.payload)) for (const field of CONTROL_FIELDS) delete request.payload[field];
    const created = await send(request, route.create.startsWith('PUT') ? 200 : 201);
    const id = locate(created, ['id'], undefined)?.id;
    const param = missing.at(-1);
    if (param !== undefined) ids[param] = String(id);
  }

  async function readRecord(route: CorrectionRoute): Promise<Json> {
    const read = splitRoute(route.read);
    const body = await send({ method: 'GET', url: fillPath(read.url, ids), headers: as(owner) }, 200);
    const shaped = READ_SHAPES[route.read]?.(body) ?? body;
    const params = pathParams(splitRoute(route.update).url).filter((param) => param !== 'workspaceId');
    const recordId = params.length === 0 ? undefined : ids[params.at(-1) ?? ''];
    // Without an id in the route the record is the caller's own: in a list, the one naming them.
    const record =
      recordId === undefined
        ? (locate(shaped, route.fields, owner.userId) ?? locate(shaped, route.fields, undefined))
        : locate(shaped, route.fields, recordId);
    if (record === undefined)
      throw new Error(`${route.read} does not show the record ${route.update} changes`);
    return record;
  }

  /** Completes a change confirmed by mail: follows the link sent to the new value. */
  async function confirmByMail(route: CorrectionRoute, sentTo: string): Promise<void> {
    if (route.confirm === undefined) return;
    const token = await readEmailChangeToken(sentTo);
    const confirm = splitRoute(route.confirm);
    await send(
      {
        method: confirm.method,
        url: confirm.url,
        headers: as(owner),
        payload: { token },
      },
      200,
    );
  }

  it.each(CORRECTIONS.map(({ entity, route }) => [entity, route.update, route] as const))(
    'P-RIGHT-2: %s — the owner corrects every field through %s and reads it back, the other fields untouched',
    async (_entity, _update, route) => {
      await ensureRecord(route);
      const update = splitRoute(route.update);
      const properties = propertiesOf(doc, update);
      for (const field of route.fields) {
        const before = await readRecord(route);
        const schema = properties[field];
        if (schema === undefined) throw new Error(`${route.update} does not take ${field}`);
        const value = correctedValue(doc, schema, field, before[field]);
        // A PUT replaces the whole record: it carries every field, with the one corrected.
        const payload: Json =
          update.method === 'PUT' ? Object.fromEntries(route.fields.map((f) => [f, before[f]])) : {};
        payload[field] = value;
        if ('version' in properties && typeof before.version === 'number') payload.version = before.version;
        const reply = await call(t.app, {
          method: update.method,
          url: fillPath(update.url, ids),
          headers: as(owner),
          payload,
        });
        expect([200, 202, 204]).toContain(reply.statusCode);
        await confirmByMail(route, String(value));
        const after = await readRecord(route);
        if (!isSame(value, after[field], resolve(doc, schema)))
          throw new Error(
            `${route.update} ${field}: sent ${JSON.stringify(value)}, read back ${JSON.stringify(after[field])}`,
          );
        for (const other of route.fields.filter((f) => f !== field))
          expect({ field: other, value: after[other] }).toEqual({ field: other, value: before[other] });
      }
    },
  );
});

describe('correcting a profile, an email address and feedback', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  async function askEmailChange(session: Session, email: string): Promise<string> {
    const asked = await t.app.inject({
      method: 'POST',
      url: '/v1/me/email-change',
      headers: as(session),
      payload: { email },
    });
    expect(asked.statusCode).toBe(202);
    return readEmailChangeToken(email);
  }

  const confirm = (session: Session, token: string) =>
    t.app.inject({
      method: 'POST',
      url: '/v1/me/email-change/confirm',
      headers: as(session),
      payload: { token },
    });

  it('a new address signs in to the same account only once confirmed by the same account; the old address is told', async () => {
    const person = await signIn(t.app);
    const stranger = await signIn(t.app);
    const newEmail = uniqueEmail('moved');
    const token = await askEmailChange(person, newEmail);
    // Not yet: the profile keeps the old address until the link is followed.
    const before = await t.app.inject({ method: 'GET', url: '/v1/me', headers: as(person) });
    expect(before.json<{ user: { email: string } }>().user.email).toBe(person.email);
    // Another account cannot spend the link.
    expect((await confirm(stranger, token)).statusCode).toBe(400);
    const confirmed = await confirm(person, token);
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json<{ email: string }>().email).toBe(newEmail);
    // Used once.
    expect((await confirm(person, token)).statusCode).toBe(400);
    // The workspace's member list and the audit log follow; the old address got a security notice.
    const members = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${person.workspaceId}/members`,
      headers: as(person),
    });
    expect(members.json<{ items: { userId: string; email: string }[] }>().items).toEqual(
      expect.arrayContaining([expect.objectContaining({ userId: person.userId, email: newEmail })]),
    );
    const audit = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${person.workspaceId}/audit`,
      headers: as(person),
    });
    expect(audit.body).toContain('member.profile_updated');
    const notices = (await readMailbox(person.email)).map((mail) => mail.body.text ?? '');
    expect(notices.some((text) => text.includes(`changed to ${newEmail}`))).toBe(true);
    // Signing in with the new address reaches the same account.
    const again = await signIn(t.app, newEmail);
    expect(again.userId).toBe(person.userId);
  });

  it('an address another account holds is refused at confirmation, and nothing changes', async () => {
    const person = await signIn(t.app);
    const holder = await signIn(t.app);
    // The address is free when asked for, then taken before the link is followed.
    const wanted = uniqueEmail('wanted');
    const token = await askEmailChange(person, wanted);
    const takerToken = await askEmailChange(holder, wanted);
    expect((await confirm(holder, takerToken)).statusCode).toBe(200);
    const refused = await confirm(person, token);
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('another Holdfast account');
    const me = await t.app.inject({ method: 'GET', url: '/v1/me', headers: as(person) });
    expect(me.json<{ user: { email: string } }>().user.email).toBe(person.email);
  });

  it('refuses at once an address mail cannot reach (it bounced before), instead of sending a link that never arrives', async () => {
    const person = await signIn(t.app);
    const bouncing = uniqueEmail('bounced');
    const suppress = buildSuppressItem(t.app.deps.db, bouncing, 'bounce', new Date().toISOString());
    await t.app.deps.db.doc.send(new TransactWriteCommand({ TransactItems: [suppress] }));
    const refused = await t.app.inject({
      method: 'POST',
      url: '/v1/me/email-change',
      headers: as(person),
      payload: { email: bouncing },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('bounced');
  });

  it('refuses your own address and an expired link', async () => {
    const person = await signIn(t.app);
    const same = await t.app.inject({
      method: 'POST',
      url: '/v1/me/email-change',
      headers: as(person),
      payload: { email: person.email },
    });
    expect(same.statusCode).toBe(400);
    const token = await askEmailChange(person, uniqueEmail('late'));
    const hourLater = new Date(Date.now() + 61 * 60_000);
    const lateApp = await createTestApp({ overrides: { now: () => hourLater } });
    try {
      const expired = await lateApp.app.inject({
        method: 'POST',
        url: '/v1/me/email-change/confirm',
        headers: as(person),
        payload: { token },
      });
      expect(expired.statusCode).toBe(400);
      expect(expired.body).toContain('expired');
    } finally {
      await lateApp.app.close();
    }
  });

  it('feedback: the author corrects the message and removes the screenshot; other members cannot, admins only mark handled', async () => {
    const owner = await signIn(t.app);
    const author = await addMember(t.app, owner, 'member');
    const other = await addMember(t.app, owner, 'member');
    const base = `/v1/workspaces/${owner.workspaceId}/feedback`;
    const sent = await t.app.inject({
      method: 'POST',
      url: base,
      headers: as(author),
      payload: {
        message: 'The save button is hiddden',
        pageUrl: 'http://127.0.0.1:5173/incidents',
        userAgent: 'test',
        screenshot:
          'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      },
    });
    expect(sent.statusCode).toBe(201);
    const id = sent.json<{ id: string }>().id;
    const patch = (session: Session, payload: object) =>
      t.app.inject({ method: 'PATCH', url: `${base}/${id}`, headers: as(session), payload });
    // Another member neither sees nor changes it; an admin may mark it handled but not rewrite it.
    expect((await patch(other, { message: 'Not mine' })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: 'GET', url: `${base}/${id}/screenshot`, headers: as(other) })).statusCode,
    ).toBe(404);
    expect((await patch(owner, { message: 'Rewritten' })).statusCode).toBe(403);
    expect((await patch(author, { handled: true })).statusCode).toBe(403);
    const corrected = await patch(author, { message: 'The save button is hidden' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json<{ message: string; editedAt?: string }>()).toMatchObject({
      message: 'The save button is hidden',
      editedAt: expect.any(String) as unknown,
    });
    expect(
      (await t.app.inject({ method: 'GET', url: `${base}/${id}/screenshot`, headers: as(author) }))
        .statusCode,
    ).toBe(200);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${base}/${id}/screenshot`, headers: as(other) }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: 'DELETE', url: `${base}/${id}/screenshot`, headers: as(author) }))
        .statusCode,
    ).toBe(204);
    expect(
      (await t.app.inject({ method: 'GET', url: `${base}/${id}/screenshot`, headers: as(owner) })).statusCode,
    ).toBe(404);
    const mine = await t.app.inject({ method: 'GET', url: `${base}/mine`, headers: as(author) });
    expect(mine.json<{ items: { id: string; hasScreenshot: boolean }[] }>().items).toEqual([
      expect.objectContaining({ id, hasScreenshot: false }),
    ]);
    expect(
      (await t.app.inject({ method: 'GET', url: `${base}/mine`, headers: as(other) })).json<{
        items: unknown[];
      }>().items,
    ).toEqual([]);
    expect((await patch(owner, { handled: true })).statusCode).toBe(200);
  });
});
