import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { buildPutIncident } from '@holdfast/api/modules/journal/repo';
import type { Incident } from '@holdfast/api/modules/journal/schema';
import { createId } from '@holdfast/api/platform/db/ids';
import { createCountingDb, type CountingDb } from '../support/counting-db.js';
import {
  as,
  createTestApp,
  incidentBody,
  signIn,
  testConfig,
  type Session,
  type TestApp,
} from '../support/harness.js';

jest.setTimeout(120_000);

/** More incidents than two Queries read (25, then 200), so a filter matching little hits the budget. */
const INCIDENTS = 480;

describe('a filtered incident list reads a bounded amount per request', () => {
  let t: TestApp;
  let counter: CountingDb;
  let person: Session;
  let oldestId = '';

  beforeAll(async () => {
    counter = createCountingDb(testConfig());
    t = await createTestApp({ overrides: { db: counter.db } });
    person = await signIn(t.app);
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${person.workspaceId}/incidents`,
      headers: as(person),
      payload: incidentBody({ occurredAt: '2020-01-01T10:00:00Z', timeZone: 'UTC', category: 'medical' }),
    });
    expect(created.statusCode).toBe(201);
    const template = created.json<Incident>();
    oldestId = template.id;
    // Written straight to the table in batches (as the API would store them), newer than the one
    // medical incident, so a medical filter must read past all of them to find it.
    const start = Date.parse('2021-01-01T00:00:00Z');
    const items = Array.from({ length: INCIDENTS }, (_, index) => {
      const incident: Incident = {
        ...template,
        id: createId(),
        category: 'late-pickup',
        occurredAt: new Date(start + index * 3_600_000).toISOString(),
      };
      const put = buildPutIncident(t.app.deps.db, person.workspaceId, incident).Put;
      if (put === undefined) throw new Error('an incident is written with a Put');
      return put.Item;
    });
    for (let offset = 0; offset < items.length; offset += 25) {
      await t.app.deps.db.doc.send(
        new BatchWriteCommand({
          RequestItems: {
            [t.app.deps.db.mainTable]: items
              .slice(offset, offset + 25)
              .map((Item) => ({ PutRequest: { Item } })),
          },
        }),
      );
    }
  });
  afterAll(async () => {
    await t.app.close();
    counter.db.destroy();
  });

  it('at most 2 Queries per request; partial pages with a cursor still list every match exactly once', async () => {
    const url = `/v1/workspaces/${person.workspaceId}/incidents?category=medical&limit=25`;
    const found: string[] = [];
    let cursor: string | undefined;
    let requests = 0;
    do {
      counter.reset();
      const reply = await t.app.inject({
        method: 'GET',
        url: cursor === undefined ? url : `${url}&cursor=${encodeURIComponent(cursor)}`,
        headers: as(person),
      });
      expect(reply.statusCode).toBe(200);
      const queries = counter.calls().filter((name) => name === 'QueryCommand');
      expect(queries.length).toBeLessThanOrEqual(2);
      const page = reply.json<{ items: Incident[]; nextCursor?: string }>();
      found.push(...page.items.map((incident) => incident.id));
      cursor = page.nextCursor;
      requests += 1;
    } while (cursor !== undefined && requests < 50);
    expect(found).toEqual([oldestId]);
    // 481 items at 225 a request: the first pages come back empty with a cursor, then the match.
    expect(requests).toBeGreaterThan(1);
    expect(requests).toBeLessThanOrEqual(3);
  });

  it('an unfiltered page is still full and reads once', async () => {
    counter.reset();
    const reply = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${person.workspaceId}/incidents?limit=25`,
      headers: as(person),
    });
    expect(reply.json<{ items: Incident[] }>().items).toHaveLength(25);
    expect(counter.calls().filter((name) => name === 'QueryCommand')).toHaveLength(1);
  });
});
