import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { buildPendingAuditItem, sealAuditChain } from '@holdfast/api/platform/audit/audit-seal';
import { createDb, type Db } from '@holdfast/api/platform/db/client';
import { createId } from '@holdfast/api/platform/db/ids';
import { SK_PREFIX } from '@holdfast/api/platform/db/keys';
import { as, createTestApp, incidentBody, signIn, testConfig, type TestApp } from '../support/harness.js';

type Entry = {
  seq: number;
  action: string;
  actor: { id: string };
  target: { type: string; id: string };
  details: Record<string, unknown>;
  hash: string;
  prevHash: string;
};

describe('audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AUD-1 writes an entry for every create, edit, delete and administrative action, without content', async () => {
    const owner = await signIn(t.app);
    const base = `/v1/workspaces/${owner.workspaceId}`;
    const created = (
      await t.app.inject({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: incidentBody({ narrative: 'Secret narrative text' }),
      })
    ).json<{ id: string }>();
    await t.app.inject({
      method: 'PATCH',
      url: `${base}/incidents/${created.id}`,
      headers: as(owner),
      payload: { version: 1, location: 'Secret location' },
    });
    await t.app.inject({ method: 'DELETE', url: `${base}/incidents/${created.id}`, headers: as(owner) });
    await t.app.inject({
      method: 'POST',
      url: `${base}/incidents/${created.id}/restore`,
      headers: as(owner),
    });
    await t.app.inject({ method: 'PATCH', url: base, headers: as(owner), payload: { name: 'Renamed' } });
    const workspaces = await t.app.inject({ method: 'GET', url: '/v1/workspaces', headers: as(owner) });
    expect(workspaces.json<{ items: { name: string }[] }>().items.map((w) => w.name)).toEqual(['Renamed']);
    await t.app.inject({
      method: 'POST',
      url: `${base}/api-keys`,
      headers: as(owner),
      payload: { name: 'k', scopes: ['audit:read'] },
    });
    await t.app.inject({
      method: 'POST',
      url: `${base}/invites`,
      headers: as(owner),
      payload: { email: 'someone@example.test', role: 'viewer' },
    });
    const response = await t.app.inject({ method: 'GET', url: `${base}/audit`, headers: as(owner) });
    const entries = response.json<{ items: Entry[] }>().items;
    expect(entries.map((e) => e.action).reverse()).toEqual([
      'workspace.created',
      'incident.created',
      'incident.updated',
      'incident.deleted',
      'incident.restored',
      'workspace.renamed',
      'api_key.created',
      'invite.created',
    ]);
    const updated = entries.find((e) => e.action === 'incident.updated');
    expect(updated).toMatchObject({
      actor: { id: owner.userId },
      target: { type: 'incident', id: created.id },
      details: { fields: ['location'] },
    });
    expect(response.body).not.toContain('Secret narrative text');
    expect(response.body).not.toContain('Secret location');
  });

  it('P-AUD-2 no route edits or deletes an entry', () => {
    const routes = t.app.printRoutes({ commonPrefix: false });
    const auditLines = routes.split('\n').filter((line) => line.includes('/audit'));
    expect(auditLines.length).toBeGreaterThan(0);
    for (const line of auditLines) expect(line).not.toMatch(/PUT|PATCH|DELETE|POST/);
    const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, methods] of Object.entries(document.paths)) {
      if (path.includes('/audit')) expect(Object.keys(methods)).toEqual(['get']);
    }
  });

  it('P-AUD-2 the chain verifies, and any edit or removal is detected at the first broken link', async () => {
    const owner = await signIn(t.app);
    const base = `/v1/workspaces/${owner.workspaceId}`;
    for (let i = 0; i < 4; i += 1)
      await t.app.inject({
        method: 'POST',
        url: `${base}/incidents`,
        headers: as(owner),
        payload: incidentBody(),
      });
    const verify = async () =>
      (await t.app.inject({ method: 'GET', url: `${base}/audit/verify`, headers: as(owner) })).json<{
        isValid: boolean;
        checked: number;
        firstBrokenSeq?: number;
      }>();
    expect(await verify()).toEqual({ isValid: true, checked: 5 });

    const { db } = t.app.deps;
    const key = { PK: `TENANT#${owner.workspaceId}`, SK: 'AUDIT#000000000003' };
    const original = (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: key }))).Item ?? {};
    await db.doc.send(
      new PutCommand({ TableName: db.mainTable, Item: { ...original, action: 'incident.viewed' } }),
    );
    expect(await verify()).toMatchObject({ isValid: false, firstBrokenSeq: 3, checked: 2 });

    await db.doc.send(new PutCommand({ TableName: db.mainTable, Item: original }));
    expect((await verify()).isValid).toBe(true);

    await db.doc.send(new DeleteCommand({ TableName: db.mainTable, Key: key }));
    expect(await verify()).toMatchObject({ isValid: false, firstBrokenSeq: 3 });
    await db.doc.send(new PutCommand({ TableName: db.mainTable, Item: original }));

    await db.doc.send(
      new DeleteCommand({ TableName: db.mainTable, Key: { PK: key.PK, SK: 'AUDIT#000000000005' } }),
    );
    expect(await verify()).toMatchObject({ isValid: false, firstBrokenSeq: 5 });
  });

  it('keeps one unbroken chain under concurrent writes', async () => {
    const owner = await signIn(t.app);
    const base = `/v1/workspaces/${owner.workspaceId}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.app.inject({
          method: 'POST',
          url: `${base}/incidents`,
          headers: as(owner),
          payload: incidentBody(),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    const verdict = (
      await t.app.inject({ method: 'GET', url: `${base}/audit/verify`, headers: as(owner) })
    ).json<{ isValid: boolean; checked: number }>();
    expect(verdict).toEqual({ isValid: true, checked: 9 });
  });

  it('P-AUD-2 twenty concurrent writers in one workspace all succeed, and every change is chained exactly once', async () => {
    const owner = await signIn(t.app);
    const base = `/v1/workspaces/${owner.workspaceId}`;
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.app.inject({
          method: 'POST',
          url: `${base}/incidents`,
          headers: as(owner),
          payload: incidentBody(),
        }),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const verdict = (
      await t.app.inject({ method: 'GET', url: `${base}/audit/verify`, headers: as(owner) })
    ).json<{ isValid: boolean; checked: number }>();
    expect(verdict).toEqual({ isValid: true, checked: 21 });
    const entries = (
      await t.app.inject({ method: 'GET', url: `${base}/audit?limit=200`, headers: as(owner) })
    ).json<{ items: Entry[] }>().items;
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 21 }, (_, i) => i + 1),
    );
    const chained = entries.filter((e) => e.action === 'incident.created').map((e) => e.target.id);
    const created = results.map((r) => r.json<{ id: string }>().id);
    expect(chained.sort()).toEqual([...created].sort());
  });

  it('P-AUD-2 sealers racing on the same waiting entries seal each one exactly once', async () => {
    const owner = await signIn(t.app);
    const { db } = t.app.deps;
    const targets = Array.from({ length: 30 }, () => createId());
    const pending = targets.map((id) =>
      buildPendingAuditItem(db, owner.workspaceId, {
        at: new Date().toISOString(),
        id: createId(),
        actor: { type: 'system', id: 'test', label: 'test' },
        action: 'incident.created',
        target: { type: 'incident', id },
        details: {},
      }),
    );
    await db.doc.send(new TransactWriteCommand({ TransactItems: pending }));

    const counts = await Promise.all(Array.from({ length: 6 }, () => sealAuditChain(db, owner.workspaceId)));
    // Each entry is counted by the one sealer whose transaction linked it.
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(30);
    const left = await db.doc.send(
      new QueryCommand({
        TableName: db.mainTable,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': `TENANT#${owner.workspaceId}`,
          ':prefix': SK_PREFIX.auditPending,
        },
        ConsistentRead: true,
      }),
    );
    expect(left.Items).toEqual([]);
    const base = `/v1/workspaces/${owner.workspaceId}`;
    const verdict = (
      await t.app.inject({ method: 'GET', url: `${base}/audit/verify`, headers: as(owner) })
    ).json<{ isValid: boolean; checked: number }>();
    expect(verdict).toEqual({ isValid: true, checked: 31 });
    const entries = (
      await t.app.inject({ method: 'GET', url: `${base}/audit?limit=200`, headers: as(owner) })
    ).json<{ items: Entry[] }>().items;
    const chained = entries.filter((e) => e.action === 'incident.created').map((e) => e.target.id);
    expect(chained.sort()).toEqual([...targets].sort());
  });
});

/** The real table client, except that chosen transactions can be made to keep colliding. */
function dbWithCollisions(): Db & { collide: (what: 'none' | 'commits' | 'seals') => void } {
  const real = createDb(testConfig());
  let colliding: 'none' | 'commits' | 'seals' = 'none';
  const send = (async (command: {
    input?: { TransactItems?: { Put?: { Item?: { entity?: unknown } } }[] };
  }) => {
    const entities = (command.input?.TransactItems ?? []).map((item) => item.Put?.Item?.entity);
    const isHit =
      (colliding === 'commits' && entities.includes('AuditPending')) ||
      (colliding === 'seals' && entities.includes('AuditHead'));
    if (isHit)
      throw new TransactionCanceledException({
        message: 'Transaction cancelled',
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: entities.map(() => ({ Code: 'TransactionConflict' })),
      });
    return real.doc.send(command as never);
  }) as Db['doc']['send'];
  return {
    ...real,
    doc: new Proxy(real.doc, {
      get: (target, name): unknown => (name === 'send' ? send : Reflect.get(target, name)),
    }),
    collide: (what) => {
      colliding = what;
    },
  };
}

describe('audit log under sustained contention', () => {
  let t: TestApp;
  let db: ReturnType<typeof dbWithCollisions>;
  beforeAll(async () => {
    db = dbWithCollisions();
    t = await createTestApp({ overrides: { db } });
  });
  afterAll(async () => {
    await t.app.close();
    db.destroy();
  });

  it('P-AUD-2 a chain that cannot settle answers 503 with Retry-After, never 500, and a later reader seals what waited', async () => {
    const owner = await signIn(t.app);
    const base = `/v1/workspaces/${owner.workspaceId}`;
    const verify = () => t.app.inject({ method: 'GET', url: `${base}/audit/verify`, headers: as(owner) });

    // A change whose own transaction keeps colliding is refused whole, with a time to retry.
    db.collide('commits');
    const refused = await t.app.inject({
      method: 'POST',
      url: `${base}/incidents`,
      headers: as(owner),
      payload: incidentBody(),
    });
    expect(refused.statusCode).toBe(503);
    expect(refused.headers['retry-after']).toBe('1');
    expect(refused.json<{ code: string }>().code).toBe('busy');

    // Sealing keeps losing: the change still succeeds (its entry waits), and readers answer 503.
    db.collide('seals');
    const created = await t.app.inject({
      method: 'POST',
      url: `${base}/incidents`,
      headers: as(owner),
      payload: incidentBody(),
    });
    expect(created.statusCode).toBe(201);
    const busy = await verify();
    expect(busy.statusCode).toBe(503);
    expect(busy.headers['retry-after']).toBe('1');
    const list = await t.app.inject({ method: 'GET', url: `${base}/audit`, headers: as(owner) });
    expect(list.statusCode).toBe(503);

    db.collide('none');
    expect((await verify()).json()).toEqual({ isValid: true, checked: 2 });
    const entries = (await t.app.inject({ method: 'GET', url: `${base}/audit`, headers: as(owner) })).json<{
      items: Entry[];
    }>().items;
    expect(entries.map((e) => e.action)).toEqual(['incident.created', 'workspace.created']);
    expect(entries[0]?.target.id).toBe(created.json<{ id: string }>().id);
  });
});
