import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  LOCAL_PACKAGES,
  POLICY_VERSIONS,
  RECORD_TYPES,
  SUBPROCESSORS,
  type PolicyVersion,
} from '@holdfast/api/modules/privacy/inventory';
import {
  announcePolicyChanges,
  findPolicyScheduleProblems,
  policyStatus,
} from '@holdfast/api/modules/privacy/service';
import { readDayCounts } from '@holdfast/api/modules/usage/repo';
import { DATA_HOLDERS } from '@holdfast/api/modules/privacy/holders';
import {
  addMember,
  as,
  createTestApp,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';

const API_ROOT = fileURLToPath(new URL('../../api/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

describe('data inventory', () => {
  it('names every record type the code stores, and only those', () => {
    const stored = new Set(
      sourceFiles(join(API_ROOT, 'src')).flatMap((file) =>
        [...readFileSync(file, 'utf8').matchAll(/entity'?: '([A-Za-z]+)'/g)].map((m) => m[1] ?? ''),
      ),
    );
    // The inventory's own declarations are not stores.
    const declared = new Set(RECORD_TYPES.map((type) => type.entity));
    const undeclared = [...stored].filter((entity) => !declared.has(entity));
    expect(undeclared).toEqual([]);
    const unused = [...declared].filter((entity) => !stored.has(entity));
    expect(unused).toEqual([]);
  });

  it('classifies every runtime package of the API as a subprocessor route or local-only', () => {
    const manifest = JSON.parse(readFileSync(join(API_ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const known = new Set([...SUBPROCESSORS.flatMap((s) => s.packages), ...LOCAL_PACKAGES]);
    expect(Object.keys(manifest.dependencies).filter((name) => !known.has(name))).toEqual([]);
  });

  it('registers every record type with exactly one holder that exports and purges it', () => {
    const held = DATA_HOLDERS.flatMap((holder) =>
      holder.entities.map((entity) => ({ entity, owner: holder.owner })),
    );
    const declared = RECORD_TYPES.map((type) => type.entity).sort();
    expect(held.map((h) => h.entity).sort()).toEqual(declared);
    for (const holder of DATA_HOLDERS)
      for (const entity of Object.keys(holder.notExported ?? {})) expect(holder.entities).toContain(entity);
  });

  it('gives every record type a provider that is a listed subprocessor', () => {
    const ids = new Set(SUBPROCESSORS.map((s) => s.id));
    for (const type of RECORD_TYPES)
      for (const provider of type.providers) expect(ids.has(provider)).toBe(true);
  });
});

describe('privacy pages, usage counts and feedback', () => {
  let t: TestApp;
  let owner: Session;
  const now = new Date();
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('publishes the inventory, the subprocessors and the policy version without sign-in', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/v1/privacy/inventory' });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      policy: { current: PolicyVersion; versions: PolicyVersion[] };
      recordTypes: { entity: string; retention: string }[];
      subprocessors: { id: string }[];
    }>();
    expect(body.policy.current.version).toBe(policyStatus(POLICY_VERSIONS, now).current.version);
    expect(body.recordTypes.map((r) => r.entity)).toEqual(RECORD_TYPES.map((r) => r.entity));
    expect(body.recordTypes.every((r) => r.retention.length > 10)).toBe(true);
    expect(body.subprocessors.map((s) => s.id)).toEqual(SUBPROCESSORS.map((s) => s.id));
  });

  it('P-RIGHT-5 material policy changes are announced by email and in the app at least 7 days ahead', async () => {
    expect(findPolicyScheduleProblems(POLICY_VERSIONS)).toEqual([]);
    const version = `t${randomUUID().slice(0, 8)}`;
    const publishedAt = new Date(now.getTime() - 3_600_000).toISOString();
    const change: PolicyVersion = {
      version,
      publishedAt,
      effectiveAt: new Date(Date.parse(publishedAt) + 8 * 86_400_000).toISOString(),
      kind: 'material',
      summary: 'Feedback screenshots are kept for 90 days.',
    };
    const versions = [...POLICY_VERSIONS, change];
    // Shown in the app from publication until it takes effect.
    expect(policyStatus(versions, now).upcoming?.version).toBe(version);
    expect(policyStatus(versions, new Date(Date.parse(change.effectiveAt) + 1)).current.version).toBe(
      version,
    );

    // The job writes to every account in the shared test table: keep its mail in this test.
    const mails: { to: string; text: string; category: string }[] = [];
    const realMailer = t.app.deps.mailer;
    t.app.deps.mailer = {
      send: (mail) => {
        mails.push(mail);
        return Promise.resolve({ messageId: randomUUID() });
      },
      destroy: () => undefined,
    };
    try {
      await expectAnnouncedOnce(mails, versions, version);
    } finally {
      t.app.deps.mailer = realMailer;
    }
  });

  async function expectAnnouncedOnce(
    mails: { to: string; text: string; category: string }[],
    versions: PolicyVersion[],
    version: string,
  ) {
    const change = versions.at(-1) as PolicyVersion;
    const first = await announcePolicyChanges(t.app.deps, versions);
    expect(first.notified).toBeGreaterThan(0);
    const toOwner = mails.filter((m) => m.to === owner.email && m.text.includes(version));
    expect(toOwner).toHaveLength(1);
    expect(toOwner[0]?.category).toBe('transactional');
    // Running again (a schedule, a retry) tells no one twice.
    const second = await announcePolicyChanges(t.app.deps, versions);
    expect(second.notified).toBe(0);
    expect(mails.filter((m) => m.to === owner.email && m.text.includes(version))).toHaveLength(1);

    // A material change with less than 7 days' notice is refused before anyone is emailed.
    const rushed = {
      ...change,
      version: `${version}r`,
      effectiveAt: new Date(now.getTime() + 86_400_000).toISOString(),
    };
    await expect(announcePolicyChanges(t.app.deps, [...POLICY_VERSIONS, rushed])).rejects.toThrow(
      /less than 7 days/,
    );
    expect(mails.some((m) => m.text.includes(rushed.version))).toBe(false);
  }

  it('P-LOG-2 usage is counted as daily totals only, sets no cookie, and honors Global Privacy Control', async () => {
    const day = now.toISOString().slice(0, 10);
    const before = await readDayCounts(t.app.deps.db, day);
    const count = (name: string, list: typeof before) => list.find((c) => c.name === name)?.count ?? 0;
    const page = `/workspaces/:id/p${randomUUID().slice(0, 6)}`;

    const counted = await t.app.inject({
      method: 'POST',
      url: '/v1/usage',
      headers: as(owner),
      payload: { kind: 'page', name: page },
    });
    expect(counted.statusCode).toBe(204);
    expect(counted.headers['set-cookie']).toBeUndefined();
    const withGpc = await t.app.inject({
      method: 'POST',
      url: '/v1/usage',
      headers: { 'sec-gpc': '1' },
      payload: { kind: 'page', name: page },
    });
    expect(withGpc.statusCode).toBe(204);
    const funnel = await t.app.inject({
      method: 'POST',
      url: '/v1/usage',
      payload: { kind: 'funnel', name: 'first-incident' },
    });
    expect(funnel.statusCode).toBe(204);

    const after = await readDayCounts(t.app.deps.db, day);
    expect(count(page, after)).toBe(1);
    expect(count('first-incident', after) - count('first-incident', before)).toBe(1);
    // Nothing but kind, name and count is kept: no user, no address, no device.
    const raw = await t.app.deps.db.doc.send(
      new QueryCommand({
        TableName: t.app.deps.db.mainTable,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `ANALYTICS#${day}` },
      }),
    );
    for (const item of raw.Items ?? [])
      expect(Object.keys(item).sort()).toEqual(['PK', 'SK', 'count', 'entity', 'kind', 'name']);

    // Anything that could carry an identity is refused.
    for (const payload of [
      { kind: 'page', name: `/workspaces/${owner.workspaceId}` },
      { kind: 'page', name: '/incidents', userId: owner.userId },
      { kind: 'funnel', name: 'bought-a-car' },
      { kind: 'page', name: 'incidents' },
    ]) {
      const refused = await t.app.inject({ method: 'POST', url: '/v1/usage', payload });
      expect(refused.statusCode).toBe(400);
    }
  });

  it('P-LOG-2 platform admins read the aggregate totals per day and per funnel step; nobody else can', async () => {
    const adminEmail = uniqueEmail('operator');
    const ops = await createTestApp({ env: { PLATFORM_ADMIN_EMAILS: adminEmail } });
    try {
      const admin = await signIn(ops.app, adminEmail);
      const someone = await signIn(ops.app);
      const me = (session: Session) => ops.app.inject({ method: 'GET', url: '/v1/me', headers: as(session) });
      expect((await me(admin)).json<{ isPlatformAdmin: boolean }>().isPlatformAdmin).toBe(true);
      expect((await me(someone)).json<{ isPlatformAdmin: boolean }>().isPlatformAdmin).toBe(false);
      const read = (session: Session, days = 7) =>
        ops.app.inject({ method: 'GET', url: `/v1/admin/usage?days=${days}`, headers: as(session) });
      expect((await read(someone)).statusCode).toBe(404);
      expect((await read(admin, 91)).statusCode).toBe(400);

      type Report = {
        from: string;
        to: string;
        days: { day: string; pageViews: number; pages: { name: string; count: number }[] }[];
        totals: { pages: { name: string; count: number }[]; funnel: { name: string; count: number }[] };
      };
      const before = (await read(admin)).json<Report>();
      const page = `/incidents/:id/p${randomUUID().slice(0, 6)}`;
      for (const payload of [
        { kind: 'page', name: page },
        { kind: 'page', name: page },
        { kind: 'funnel', name: 'signed-in' },
      ])
        expect((await ops.app.inject({ method: 'POST', url: '/v1/usage', payload })).statusCode).toBe(204);
      const after = (await read(admin)).json<Report>();
      expect(after.days).toHaveLength(7);
      expect(after.to).toBe(new Date().toISOString().slice(0, 10));
      const today = after.days.at(-1);
      expect(today?.pages).toEqual(expect.arrayContaining([{ name: page, count: 2 }]));
      expect((today?.pageViews ?? 0) - (before.days.at(-1)?.pageViews ?? 0)).toBe(2);
      expect(after.totals.pages).toEqual(expect.arrayContaining([{ name: page, count: 2 }]));
      const step = (report: Report) => report.totals.funnel.find((s) => s.name === 'signed-in')?.count ?? 0;
      expect(step(after) - step(before)).toBe(1);
      expect(after.totals.funnel.map((s) => s.name)).toEqual([
        'sign-in-requested',
        'signed-in',
        'workspace-created',
        'first-incident',
        'invite-sent',
      ]);
    } finally {
      await ops.app.close();
    }
  });

  describe('feedback', () => {
    let member: Session;
    let viewer: Session;
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    beforeAll(async () => {
      member = await addMember(t.app, owner, 'member');
      viewer = await addMember(t.app, owner, 'viewer');
    });
    const url = () => `/v1/workspaces/${owner.workspaceId}/feedback`;

    it('takes a message, page, browser and an optional screenshot; admins read it and mark it handled', async () => {
      const sent = await t.app.inject({
        method: 'POST',
        url: url(),
        headers: as(member),
        payload: {
          message: 'The timeline skips Sundays.',
          pageUrl: 'http://127.0.0.1:5173/workspaces/x/timeline',
          userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
          screenshot: `data:image/png;base64,${png.toString('base64')}`,
        },
      });
      expect(sent.statusCode).toBe(201);
      const feedback = sent.json<{ id: string; hasScreenshot: boolean; submittedBy: { id: string } }>();
      expect(feedback.hasScreenshot).toBe(true);
      expect(feedback.submittedBy.id).toBe(member.userId);

      const fromViewer = await t.app.inject({
        method: 'POST',
        url: url(),
        headers: as(viewer),
        payload: { message: 'Dark mode please', pageUrl: 'http://127.0.0.1:5173/', userAgent: 'x' },
      });
      expect(fromViewer.statusCode).toBe(201);

      // Members send; only admins read.
      const memberList = await t.app.inject({ method: 'GET', url: url(), headers: as(member) });
      expect(memberList.statusCode).toBe(403);
      const list = await t.app.inject({ method: 'GET', url: url(), headers: as(owner) });
      expect(list.statusCode).toBe(200);
      const items = list.json<{ items: { id: string; message: string }[] }>().items;
      expect(items.map((i) => i.id)).toContain(feedback.id);
      expect(JSON.stringify(items)).not.toContain('iVBOR');

      const shot = await t.app.inject({
        method: 'GET',
        url: `${url()}/${feedback.id}/screenshot`,
        headers: as(owner),
      });
      expect(shot.statusCode).toBe(200);
      expect(shot.headers['content-type']).toBe('image/png');
      expect(shot.rawPayload.equals(png)).toBe(true);

      const handled = await t.app.inject({
        method: 'PATCH',
        url: `${url()}/${feedback.id}`,
        headers: as(owner),
        payload: { handled: true },
      });
      expect(handled.statusCode).toBe(200);
      expect(handled.json<{ handledAt?: string }>().handledAt).toBeDefined();
      const open = await t.app.inject({ method: 'GET', url: `${url()}?status=open`, headers: as(owner) });
      expect(open.json<{ items: { id: string }[] }>().items.map((i) => i.id)).not.toContain(feedback.id);
      const done = await t.app.inject({ method: 'GET', url: `${url()}?status=handled`, headers: as(owner) });
      expect(done.json<{ items: { id: string }[] }>().items.map((i) => i.id)).toContain(feedback.id);

      const audit = await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${owner.workspaceId}/audit`,
        headers: as(owner),
      });
      const actions = audit.json<{ items: { action: string; target: { id: string } }[] }>().items;
      expect(
        actions
          .filter((a) => a.target.id === feedback.id)
          .map((a) => a.action)
          .sort(),
      ).toEqual(['feedback.handled', 'feedback.submitted']);
      expect(audit.body).not.toContain('skips Sundays');
    });

    it('refuses a screenshot that is not a PNG or JPEG, and unknown feedback', async () => {
      const fake = await t.app.inject({
        method: 'POST',
        url: url(),
        headers: as(member),
        payload: {
          message: 'x',
          pageUrl: '/',
          userAgent: 'x',
          screenshot: `data:image/png;base64,${Buffer.from('MZ not an image').toString('base64')}`,
        },
      });
      expect(fake.statusCode).toBe(400);
      const missing = await t.app.inject({
        method: 'PATCH',
        url: `${url()}/01JZZZZZZZZZZZZZZZZZZZZZZZ`,
        headers: as(owner),
        payload: { handled: true },
      });
      expect(missing.statusCode).toBe(404);
    });
  });
});
