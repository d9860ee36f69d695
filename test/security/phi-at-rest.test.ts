// Wellbeing data never rests outside the PHI table in plain form (P-PHI-1, P-PHI-2), not even as
// the stored answer of a retried request (an idempotency replay, kept in the main table for a
// day), and a destroyed tenant key makes those copies unreadable too (P-PHI-4). Proven over every
// wellbeing POST route Fastify has registered, so a route added later is covered without editing
// this file.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { getTableName, MAIN_TABLE } from '@holdfast/api/table-definition';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';
import {
  bodySchema,
  call,
  describeReply,
  exampleFor,
  fillPath,
  listRoutes,
  openApiDocument,
  pathParams,
  recordDbCalls,
  resolveRef,
  type App,
  type Call,
  type Reply,
  type RouteEntry,
} from './support.js';

jest.setTimeout(120_000);

// Raw access to the main table, as someone holding a copy of it (or a backup) would have.
const raw = DynamoDBDocumentClient.from(
  new DynamoDBClient({
    region: 'us-east-1',
    endpoint: process.env.DYNAMODB_ENDPOINT,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  }),
);
const MAIN = getTableName(process.env.TABLE_PREFIX ?? 'holdfast-test', MAIN_TABLE);

type Item = Record<string, unknown>;
type JsonObject = Record<string, unknown>;

const CANARY = `PHICANARY${randomUUID().slice(0, 8)}`;
/** Attribute names of the plain answer that must never show in a stored replay. */
const PLAIN_FIELD_NAMES = ['"mood"', '"anxiety"', '"notes"', '"description"', '"providerName"'];

/** Every string an item holds, binary attributes decoded as UTF-8 and Latin-1 as well. */
function textOf(items: Item[]): string {
  return JSON.stringify(items, (_key, value: unknown) =>
    value instanceof Uint8Array
      ? Buffer.from(value).toString('utf8') + Buffer.from(value).toString('latin1')
      : value,
  );
}

/** Every item of the main table. */
async function scanMainTable(): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: Item | undefined;
  do {
    const page = await raw.send(new ScanCommand({ TableName: MAIN, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}

/** The items of the main table that hold `text` anywhere, named by entity and key (never content). */
async function mainItemsHolding(text: string): Promise<string[]> {
  return (await scanMainTable())
    .filter((item) => textOf([item]).includes(text))
    .map((item) => `${String(item.entity)} ${String(item.PK)} ${String(item.SK)}`);
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A valid body for a schema with a canary in every free-text string (enums, dates and numbers
 * keep the plain example values their schema allows).
 */
function canaryFor(doc: JsonObject, rawSchema: unknown, name = ''): unknown {
  const schema = resolveRef(doc, rawSchema);
  if (!isObject(schema)) return exampleFor(doc, schema, name);
  if (schema.type === 'object' && isObject(schema.properties)) {
    return Object.fromEntries(
      Object.entries(schema.properties).map(([key, value]) => [key, canaryFor(doc, value, key)]),
    );
  }
  if (schema.type === 'array') return [canaryFor(doc, schema.items, name)];
  const isFreeText =
    schema.type === 'string' &&
    schema.enum === undefined &&
    schema.format === undefined &&
    !('const' in schema);
  return isFreeText ? `${CANARY}-${name}` : exampleFor(doc, schema, name);
}

/** The wellbeing POST routes, read from Fastify's own router. */
function wellbeingPostRoutes(app: App): RouteEntry[] {
  return listRoutes(app).filter(
    (route) => route.method === 'POST' && route.url.startsWith('/v1/workspaces/:workspaceId/wellbeing/'),
  );
}

/** The main-table key of the idempotency record a request wrote, read from its recorded commands. */
function idempotencyKeyOf(calls: { command: string; input: unknown }[]): { PK: string; SK: string } {
  for (const { command, input } of calls) {
    const item = isObject(input) ? input.Item : undefined;
    if (command === 'PutCommand' && isObject(item) && item.entity === 'IdempotencyRecord')
      return { PK: String(item.PK), SK: String(item.SK) };
  }
  throw new Error('the request wrote no idempotency record');
}

describe('wellbeing answers kept for replay', () => {
  let t: TestApp;
  let doc: JsonObject;
  let routes: RouteEntry[];

  beforeAll(async () => {
    t = await createTestApp();
    doc = openApiDocument(t.app);
    routes = wellbeingPostRoutes(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** The collection a record route belongs to (`.../check-ins/:checkInId/restore` → `.../check-ins`). */
  const collectionOf = (url: string, param: string) => url.slice(0, url.indexOf(`/:${param}`));

  /**
   * A request to `route` with a canary in every text field, its record (for a route on one record)
   * created with canaries first, and deleted first when the route restores it.
   */
  async function prepare(session: Session, route: RouteEntry, key: string): Promise<Call> {
    const ids: Record<string, string> = { workspaceId: session.workspaceId };
    for (const param of pathParams(route.url).filter((name) => name !== 'workspaceId')) {
      const collection = fillPath(collectionOf(route.url, param), ids);
      const create: Call = {
        method: 'POST',
        url: collection,
        headers: as(session),
        payload: canaryFor(
          doc,
          bodySchema(doc, { method: 'POST', url: collectionOf(route.url, param) }),
        ) as object,
      };
      const created = await call(t.app, create);
      if (created.statusCode !== 201) throw new Error(`fixture: ${describeReply(create, created)}`);
      const id = (created.json() as { id: string }).id;
      ids[param] = id;
      if (route.url.endsWith('/restore')) {
        const removed = await call(t.app, {
          method: 'DELETE',
          url: `${collection}/${id}`,
          headers: as(session),
        });
        if (removed.statusCode !== 204)
          throw new Error(`fixture delete: ${removed.statusCode} ${removed.body}`);
      }
    }
    const schema = bodySchema(doc, route);
    return {
      method: 'POST',
      url: fillPath(route.url, ids),
      headers: { ...as(session), 'idempotency-key': key },
      ...(schema === undefined ? {} : { payload: canaryFor(doc, schema) as object }),
    };
  }

  /** Sends a request, returning its reply and the main-table key of the idempotency record it wrote. */
  async function sendRecorded(request: Call): Promise<{ reply: Reply; key: { PK: string; SK: string } }> {
    const recorder = recordDbCalls(t.app.deps.db);
    try {
      const reply = await call(t.app, request);
      return { reply, key: idempotencyKeyOf(recorder.calls) };
    } finally {
      recorder.restore();
    }
  }

  it('P-PHI-1 P-PHI-2 every wellbeing POST sent with an Idempotency-Key leaves no canary and no plain mood or notes in the main table, and its replay gives the same answer', async () => {
    const owner = await signIn(t.app);
    // The create and restore routes of each record kind at least; any new POST is covered too.
    expect(routes.length).toBeGreaterThanOrEqual(6);
    expect(routes.map((r) => r.url)).toContain('/v1/workspaces/:workspaceId/wellbeing/check-ins');

    const sent: { route: RouteEntry; request: Call; first: Reply; key: { PK: string; SK: string } }[] = [];
    for (const [index, route] of routes.entries()) {
      const request = await prepare(owner, route, `phi-at-rest-${index}-${randomUUID()}`);
      const { reply: first, key } = await sendRecorded(request);
      // A successful answer that carries the record's content: the copy worth protecting.
      expect({ route: route.url, isSuccess: [200, 201].includes(first.statusCode) }).toEqual({
        route: route.url,
        isSuccess: true,
      });
      expect(first.body).toContain(CANARY);
      sent.push({ route, request, first, key });
    }

    // The whole main table (idempotency records, audit trail, outbox) holds no canary.
    expect(await mainItemsHolding(CANARY)).toEqual([]);
    for (const { route, key } of sent) {
      const record: Item = (await raw.send(new GetCommand({ TableName: MAIN, Key: key }))).Item ?? {};
      expect({ route: route.url, state: record.state }).toEqual({ route: route.url, state: 'done' });
      expect(record.body).toBeUndefined();
      expect(record.sealedBody).toBeInstanceOf(Uint8Array);
      for (const name of PLAIN_FIELD_NAMES) expect(textOf([record])).not.toContain(name);
    }

    // A retry gets the same status and body back, marked as a replay, and creates nothing new.
    for (const { route, request, first } of sent) {
      const replay = await call(t.app, request);
      expect({ route: route.url, status: replay.statusCode }).toEqual({
        route: route.url,
        status: first.statusCode,
      });
      expect(replay.body).toBe(first.body);
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(String(replay.headers['content-type'])).toContain('application/json');
    }

    // Each replay opened wellbeing data, so each is in the person's access log (P-PHI-3).
    const log = await call(t.app, {
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/wellbeing/access-log?limit=100`,
      headers: as(owner),
    });
    const actions = (log.json() as { items: { action: string }[] }).items.map((entry) => entry.action);
    expect(actions.filter((action) => action === 'wellbeing.response.replayed')).toHaveLength(sent.length);

    // The same key with another body is still refused.
    const checkIn = sent.find(({ route }) => route.url.endsWith('/wellbeing/check-ins'));
    if (checkIn === undefined) throw new Error('no check-in route');
    const reused = await call(t.app, {
      ...checkIn.request,
      payload: { ...(checkIn.request.payload as object), notes: 'another body' },
    });
    expect(reused.statusCode).toBe(409);
    expect((reused.json() as { code: string }).code).toBe('idempotency_conflict');
  });

  it('P-PHI-2 P-PHI-4 a stored answer moved to another record, or kept after its tenant key is destroyed, answers 410 without content', async () => {
    const owner = await signIn(t.app);
    const route = routes.find((r) => r.url.endsWith('/wellbeing/check-ins'));
    if (route === undefined) throw new Error('no check-in route');
    const a = await prepare(owner, route, `phi-moved-a-${randomUUID()}`);
    const b = await prepare(owner, route, `phi-moved-b-${randomUUID()}`);
    const c = await prepare(owner, route, `phi-shred-c-${randomUUID()}`);
    const sentA = await sendRecorded(a);
    const sentB = await sendRecorded(b);
    const sentC = await sendRecorded(c);
    expect([sentA.reply.statusCode, sentB.reply.statusCode, sentC.reply.statusCode]).toEqual([201, 201, 201]);

    const expectGone = async (request: Call) => {
      const replay = await call(t.app, request);
      expect(replay.statusCode).toBe(410);
      expect(String(replay.headers['content-type'])).toContain('application/problem+json');
      expect(replay.body).not.toContain(CANARY);
    };

    // B's record now holds A's sealed answer: bound to A's record, it does not open at B.
    const recordA: Item = (await raw.send(new GetCommand({ TableName: MAIN, Key: sentA.key }))).Item ?? {};
    await raw.send(
      new UpdateCommand({
        TableName: MAIN,
        Key: sentB.key,
        UpdateExpression: 'SET sealedBody = :sealed',
        ExpressionAttributeValues: { ':sealed': recordA.sealedBody },
      }),
    );
    await expectGone(b);
    // A itself still replays.
    expect((await call(t.app, a)).body).toBe(sentA.reply.body);

    // Tenant deletion destroys the wellbeing key: the answer kept for a day is unreadable at once.
    await t.app.deps.phi.destroyTenantWellbeingKey(owner.workspaceId, {
      type: 'system',
      id: 'test',
      label: 'tenant purge',
    });
    await expectGone(c);
    expect(await mainItemsHolding(CANARY)).toEqual([]);
  });
});
