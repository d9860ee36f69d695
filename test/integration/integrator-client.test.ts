// The typed client integrators build from the OpenAPI document, used the way docs/integrators.md
// tells them to: an API key, incidents created with an Idempotency-Key, a list paged through with
// its cursor, errors read as problems, and 429/503 retried after Retry-After.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createHoldfastClient, retryAfterMs } from '@holdfast/client';
import { as, createTestApp, incidentBody, signIn, type TestApp } from '../support/harness.js';

let t: TestApp;
let baseUrl: string;

beforeAll(async () => {
  t = await createTestApp();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await t.app.close();
});

async function createKey(): Promise<{ workspaceId: string; secret: string }> {
  const owner = await signIn(t.app);
  const created = await t.app.inject({
    method: 'POST',
    url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
    headers: as(owner),
    payload: { name: 'Case sync', scopes: ['incidents:read', 'incidents:write'] },
  });
  expect(created.statusCode).toBe(201);
  return { workspaceId: owner.workspaceId, secret: created.json<{ secret: string }>().secret };
}

describe('the typed client for integrators', () => {
  it('creates an incident once however often it is retried, and pages through the list', async () => {
    const { workspaceId, secret } = await createKey();
    const holdfast = createHoldfastClient({ baseUrl, apiKey: secret });
    const path = { workspaceId };
    const body = {
      occurredAt: '2026-10-03T17:45:00-05:00',
      timeZone: 'America/Chicago',
      category: 'late-pickup',
      narrative: 'Pickup was 45 minutes late; no message was sent.',
    } as const;

    const key = randomUUID();
    const first = await holdfast.POST('/v1/workspaces/{workspaceId}/incidents', {
      params: { path },
      headers: { 'idempotency-key': key },
      body,
    });
    expect(first.response.status).toBe(201);
    const retried = await holdfast.POST('/v1/workspaces/{workspaceId}/incidents', {
      params: { path },
      headers: { 'idempotency-key': key },
      body,
    });
    expect(retried.response.headers.get('idempotent-replayed')).toBe('true');
    expect(retried.data?.id).toBe(first.data?.id);

    for (const narrative of ['Second incident.', 'Third incident.']) {
      const created = await holdfast.POST('/v1/workspaces/{workspaceId}/incidents', {
        params: { path },
        headers: { 'idempotency-key': randomUUID() },
        body: { ...incidentBody(), narrative } as typeof body,
      });
      expect(created.response.status).toBe(201);
    }

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await holdfast.GET('/v1/workspaces/{workspaceId}/incidents', {
        params: { path, query: { limit: 2, ...(cursor === undefined ? {} : { cursor }) } },
      });
      expect(page.response.status).toBe(200);
      seen.push(...(page.data?.items ?? []).map((incident) => incident.id));
      cursor = page.data?.nextCursor ?? undefined;
      pages += 1;
    } while (cursor !== undefined && pages < 10);
    expect(pages).toBe(2);
    expect(new Set(seen).size).toBe(3);
  });

  it('reads an error as a problem with its stable code, and a body of the wrong type as a 400 naming the field', async () => {
    const { workspaceId, secret } = await createKey();
    const holdfast = createHoldfastClient({ baseUrl, apiKey: secret });
    const missing = await holdfast.GET('/v1/workspaces/{workspaceId}/incidents/{incidentId}', {
      params: { path: { workspaceId, incidentId: '01JZZZZZZZZZZZZZZZZZZZZZZZ' } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.response.headers.get('content-type')).toContain('application/problem+json');
    expect(missing.error?.code).toBe('not_found');

    // What a client without the types could send: a number where text belongs.
    const wrongType = await fetch(`${baseUrl}/v1/workspaces/${workspaceId}/incidents`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${secret}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ ...incidentBody(), narrative: 42 }),
    });
    expect(wrongType.status).toBe(400);
    expect(wrongType.headers.get('content-type')).toContain('application/problem+json');
    expect(await wrongType.text()).toContain('narrative');

    const otherKey = createHoldfastClient({ baseUrl, apiKey: (await createKey()).secret });
    const outsider = await otherKey.GET('/v1/workspaces/{workspaceId}/incidents', {
      params: { path: { workspaceId } },
    });
    expect(outsider.response.status).toBe(404);
  });

  it('says how long to wait before retrying a 429 or 503, and not to retry anything else', () => {
    expect(retryAfterMs(new Response(null, { status: 429, headers: { 'retry-after': '7' } }))).toBe(7000);
    expect(retryAfterMs(new Response(null, { status: 503 }))).toBe(1000);
    expect(retryAfterMs(new Response(null, { status: 400 }))).toBeUndefined();
  });
});
