// Malformed values an outside tester sent (numeric extremes, odd id characters, edited cursors,
// parameters an API key cannot use) are refused with 4xx by every route they can reach: the
// routes are read from the OpenAPI document, so a route added later is covered without editing
// this file.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { as, createTestApp, incidentBody, signIn, type Session, type TestApp } from '../support/harness.js';
import { call, describeReply, openApiDocument, resolveRef, withKey, type Call } from './support.js';

type JsonObject = Record<string, unknown>;
type Operation = { method: string; path: string; operation: JsonObject };

let t: TestApp;
let owner: Session;
let operations: Operation[];

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parametersOf(operation: JsonObject): { name: string; in: string }[] {
  const parameters = operation.parameters;
  return Array.isArray(parameters)
    ? parameters.filter(isObject).map((p) => ({ name: String(p.name), in: String(p.in) }))
    : [];
}

/** A well-formed id (a ULID that names nothing), so only the value under test is wrong. */
const ABSENT_ID = '01ARZ3NDEKTSV4RRFFQ69G5FAV';

function fill(path: string, values: Record<string, string> = {}): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/gu, (_whole, name: string) => {
    if (name in values) return values[name] ?? '';
    if (name === 'workspaceId') return owner.workspaceId;
    if (name === 'provider') return 'stripe';
    if (name === 'recordType') return 'incident';
    if (name === 'version') return '1';
    return ABSENT_ID;
  });
}

async function expectRefused(request: Call, statuses: number[]): Promise<void> {
  const reply = await call(t.app, request);
  expect({ request: describeReply(request, reply), isRefused: statuses.includes(reply.statusCode) }).toEqual({
    request: describeReply(request, reply),
    isRefused: true,
  });
  expect(reply.body).not.toMatch(/\bat .+\.(ts|js):\d+|TypeError|ValidationException|DynamoDB/u);
}

beforeAll(async () => {
  t = await createTestApp();
  owner = await signIn(t.app);
  const doc = openApiDocument(t.app);
  const paths = isObject(doc.paths) ? doc.paths : {};
  operations = Object.entries(paths).flatMap(([path, byMethod]) =>
    isObject(byMethod)
      ? Object.entries(byMethod).flatMap(([method, operation]) =>
          isObject(operation) ? [{ method: method.toUpperCase(), path, operation }] : [],
        )
      : [],
  );
  // Every property of a request body, with $refs resolved, by operation.
  for (const entry of operations) {
    const content = entry.operation.requestBody;
    const schema =
      isObject(content) && isObject(content.content) ? content.content['application/json'] : undefined;
    entry.operation.bodySchema = isObject(schema) ? resolveRef(doc, schema.schema) : undefined;
  }
});

afterAll(async () => {
  await t.app.close();
});

describe('numeric extremes', () => {
  it('every paginated list refuses a limit that is not 1..100 (Infinity, 1e309, NaN, 0, 101, 1.5) with 400', async () => {
    const lists = operations.filter((o) =>
      parametersOf(o.operation).some((p) => p.in === 'query' && p.name === 'limit'),
    );
    expect(lists.length).toBeGreaterThanOrEqual(10);
    for (const list of lists) {
      for (const limit of [
        '1e309',
        'Infinity',
        '-Infinity',
        'NaN',
        '0',
        '-1',
        '1.5',
        '100000000000000000000',
      ]) {
        await expectRefused(
          { method: list.method, url: `${fill(list.path)}?limit=${limit}`, headers: as(owner) },
          [400],
        );
      }
    }
  });

  it('every edit with a version refuses one beyond 2^53 or not finite with 400', async () => {
    const edits = operations.filter((o) => {
      const schema = o.operation.bodySchema;
      return isObject(schema) && isObject(schema.properties) && 'version' in schema.properties;
    });
    expect(edits.length).toBeGreaterThanOrEqual(5);
    for (const edit of edits) {
      for (const version of [
        '9007199254740993',
        '18446744073709551616',
        '1e309',
        '"1e309"',
        '-1e309',
        '1.5',
        '0',
      ]) {
        await expectRefused(
          {
            method: edit.method,
            url: fill(edit.path),
            headers: { ...as(owner), 'content-type': 'application/json' },
            payload: `{"version": ${version}}`,
          },
          [400],
        );
      }
    }
  });
});

describe('odd id characters', () => {
  it('every route refuses an id outside [A-Za-z0-9_-]{1,64} in any path parameter with 400 or 404, never 5xx', async () => {
    const withIds = operations.filter((o) => parametersOf(o.operation).some((p) => p.in === 'path'));
    expect(withIds.length).toBeGreaterThanOrEqual(40);
    for (const route of withIds) {
      for (const parameter of parametersOf(route.operation).filter((p) => p.in === 'path')) {
        for (const bad of ['x.y', 'a%2Fb', '%00', 'x'.repeat(65), 'é']) {
          await expectRefused(
            {
              method: route.method,
              url: fill(route.path, { [parameter.name]: bad }),
              headers: { ...as(owner), 'content-type': 'application/json' },
              ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: '{}' }),
            },
            [400, 404],
          );
        }
      }
    }
    // About a thousand requests: time for a loaded 2-core machine.
  }, 240_000);
});

describe('cursors and report parameters', () => {
  it('refuses a pagination cursor with an extra trailing segment (or a missing one) as invalid_cursor', async () => {
    const base = `/v1/workspaces/${owner.workspaceId}/incidents`;
    for (let i = 0; i < 2; i += 1) {
      const created = await call(t.app, {
        method: 'POST',
        url: base,
        headers: as(owner),
        payload: incidentBody(),
      });
      expect(created.statusCode).toBe(201);
    }
    const page = await call(t.app, { method: 'GET', url: `${base}?limit=1`, headers: as(owner) });
    const cursor = (page.json() as { nextCursor?: string }).nextCursor ?? '';
    expect(cursor).toMatch(/^[\w-]+\.[\w-]+$/u);
    const next = await call(t.app, {
      method: 'GET',
      url: `${base}?limit=1&cursor=${cursor}`,
      headers: as(owner),
    });
    expect(next.statusCode).toBe(200);
    for (const edited of [`${cursor}.x`, `${cursor}.`, cursor.split('.')[0] ?? '', `.${cursor}`]) {
      const reply = await call(t.app, {
        method: 'GET',
        url: `${base}?limit=1&cursor=${encodeURIComponent(edited)}`,
        headers: as(owner),
      });
      expect([reply.statusCode, (reply.json() as { code: string }).code]).toEqual([400, 'invalid_cursor']);
    }
  });

  it('the incident report refuses an exportId sent with an API key instead of ignoring it', async () => {
    const key = await call(t.app, {
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: as(owner),
      payload: { name: 'reports', scopes: ['incidents:read'] },
    });
    expect(key.statusCode).toBe(201);
    const { secret } = key.json() as { secret: string };
    const url = `/v1/workspaces/${owner.workspaceId}/reports/incidents.pdf`;
    const withExport = await call(t.app, {
      method: 'GET',
      url: `${url}?exportId=${ABSENT_ID}`,
      headers: withKey(secret),
    });
    expect(withExport.statusCode).toBe(400);
    expect((withExport.json() as { errors: { field: string }[] }).errors[0]?.field).toBe('exportId');
    // Without the parameter the key still gets its report; a person naming an export that is not theirs gets the same 400.
    expect((await call(t.app, { method: 'GET', url, headers: withKey(secret) })).statusCode).toBe(200);
    const person = await call(t.app, {
      method: 'GET',
      url: `${url}?exportId=${ABSENT_ID}`,
      headers: as(owner),
    });
    expect(person.statusCode).toBe(400);
  });
});
