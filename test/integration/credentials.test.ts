import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { credentialsData } from '@holdfast/api/modules/credentials/data';
import { runPurge } from '@holdfast/api/modules/privacy/purge';
import { as, createTestApp, signIn, uniqueEmail, type Session, type TestApp } from '../support/harness.js';

type License = { id: string; version: number; number: string; overrides?: Record<string, unknown> };
type Effective = { value: number | null; source: string; catalogueValue: number | null };
type Renewal = {
  rule: { license: string; sources: string[]; sourceDates: unknown[]; confidence: string } | null;
  boardNotice: string;
  requirements: {
    cycleMonths: Effective;
    totalHours: Effective;
    topics: { topic: string; hours: Effective }[];
  };
  cycles: {
    isKnown: boolean;
    current?: { startsOn: string; endsOn: string; isFirstRenewal: boolean | null };
  };
};

const DAY_MS = 86_400_000;

/** A clock the purge test moves past the deletion grace period. */
function createClock() {
  let offsetMs = 0;
  return {
    now: () => new Date(Date.now() + offsetMs),
    advanceDays: (days: number) => (offsetMs += days * DAY_MS),
  };
}

function licenseBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    jurisdiction: 'CA',
    credentialType: 'LMFT',
    number: 'LMFT 123456',
    issuedOn: '2020-07-01',
    expiresOn: '2026-06-30',
    firstLicensedOn: '2020-07-01',
    supervisorStatus: 'supervisor',
    status: 'active',
    notes: 'Renew online.',
    ...overrides,
  };
}

describe('credentials: licenses and renewal cycles', () => {
  let t: TestApp;
  let owner: Session;
  const clock = createClock();
  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_TTL_DAYS: '90' }, overrides: { now: clock.now } });
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const base = (session: Session = owner) => `/v1/workspaces/${session.workspaceId}/credentials`;
  const create = async (body: Record<string, unknown> = licenseBody(), session: Session = owner) => {
    const response = await t.app.inject({
      method: 'POST',
      url: `${base(session)}/licenses`,
      headers: as(session),
      payload: body,
    });
    expect(response.statusCode).toBe(201);
    return response.json<License>();
  };
  const renewal = async (id: string) => {
    const response = await t.app.inject({
      method: 'GET',
      url: `${base()}/licenses/${id}/renewal`,
      headers: as(owner),
    });
    expect(response.statusCode).toBe(200);
    return response.json<Renewal>();
  };

  it('adds, reads, lists, corrects and deletes licenses (several per person)', async () => {
    const ca = await create();
    const tx = await create(licenseBody({ jurisdiction: 'TX', credentialType: 'LPC', number: 'TX-99' }));
    const list = await t.app.inject({ method: 'GET', url: `${base()}/licenses`, headers: as(owner) });
    expect(list.json<{ items: License[] }>().items.map((l) => l.id)).toEqual(
      expect.arrayContaining([ca.id, tx.id]),
    );
    const edited = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/licenses/${tx.id}`,
      headers: as(owner),
      payload: { version: 1, number: '  TX-100 ', expiresOn: null, status: 'inactive' },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({
      number: 'TX-100',
      expiresOn: null,
      status: 'inactive',
      version: 2,
    });
    const stale = await t.app.inject({
      method: 'PATCH',
      url: `${base()}/licenses/${tx.id}`,
      headers: as(owner),
      payload: { version: 1, notes: 'lost' },
    });
    expect(stale.statusCode).toBe(409);
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `${base()}/licenses/${tx.id}`,
      headers: as(owner),
    });
    expect(removed.statusCode).toBe(204);
    const gone = await t.app.inject({
      method: 'GET',
      url: `${base()}/licenses/${tx.id}`,
      headers: as(owner),
    });
    expect(gone.statusCode).toBe(404);
  });

  it('matches a license to its catalogue rule and shows sources, source dates, confidence and the board notice', async () => {
    const license = await create(licenseBody({ issuedOn: '2025-03-10', expiresOn: '2026-09-30' }));
    const answer = await renewal(license.id);
    expect(answer.rule).toMatchObject({ license: 'LMFT', confidence: 'high' });
    expect(answer.rule?.sources.length).toBeGreaterThan(0);
    expect(answer.rule?.sourceDates.length).toBeGreaterThan(0);
    expect(answer.boardNotice).toMatch(/board’s current rule is what counts/);
    expect(answer.requirements.totalHours).toEqual({ value: 36, source: 'catalogue', catalogueValue: 36 });
    expect(answer.cycles).toMatchObject({
      isKnown: true,
      current: { startsOn: '2025-03-10', endsOn: '2026-09-30', isFirstRenewal: true },
    });
  });

  it('keeps a null unknown, and records and shows the holder’s own numbers beside the catalogue’s', async () => {
    const license = await create(licenseBody({ jurisdiction: 'MI', credentialType: 'LMFT' }));
    const before = await renewal(license.id);
    expect(before.requirements.cycleMonths).toEqual({ value: null, source: 'unknown', catalogueValue: null });
    expect(before.cycles.isKnown).toBe(false);
    const set = await t.app.inject({
      method: 'PUT',
      url: `${base()}/licenses/${license.id}/overrides`,
      headers: as(owner),
      payload: { cycleMonths: 24, totalHours: 45, reason: 'Board letter of 2026-01-05' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.json<License>().overrides).toMatchObject({
      cycleMonths: 24,
      totalHours: 45,
      setBy: owner.userId,
    });
    const after = await renewal(license.id);
    expect(after.requirements.cycleMonths).toEqual({ value: 24, source: 'override', catalogueValue: null });
    expect(after.cycles).toMatchObject({ isKnown: true, current: { endsOn: '2026-06-30' } });
    const audit = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/audit`,
      headers: as(owner),
    });
    expect(audit.body).toContain('license.overrides-set');
    // Clearing the overrides goes back to the catalogue.
    const cleared = await t.app.inject({
      method: 'PUT',
      url: `${base()}/licenses/${license.id}/overrides`,
      headers: as(owner),
      payload: {},
    });
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json<License>().version).toBe(3);
    expect((await renewal(license.id)).requirements.cycleMonths.source).toBe('unknown');
  });

  it('answers 400, never 500, to bad input, naming the field', async () => {
    const bad: Record<string, unknown>[] = [
      licenseBody({ jurisdiction: 'California' }),
      licenseBody({ credentialType: 'Wizard' }),
      licenseBody({ number: '   ' }),
      licenseBody({ number: 'x'.repeat(61) }),
      licenseBody({ expiresOn: '2026-02-30' }),
      licenseBody({ issuedOn: 20200701 }),
      licenseBody({ notes: 'x'.repeat(4001) }),
      licenseBody({ extra: true }),
    ];
    for (const payload of bad) {
      const response = await t.app.inject({
        method: 'POST',
        url: `${base()}/licenses`,
        headers: as(owner),
        payload,
      });
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
    }
    const license = await create();
    for (const payload of [
      { cycleMonths: 0 },
      { totalHours: -1 },
      { totalHours: 5e-324 },
      { totalHours: 1.1 },
      { version: 1 },
      {
        topics: [
          { topic: 'A', hours: 1 },
          { topic: 'a', hours: 2 },
        ],
      },
      { limits: [{ kind: 'DROP TABLE', hours: 1 }] },
    ]) {
      const response = await t.app.inject({
        method: 'PUT',
        url: `${base()}/licenses/${license.id}/overrides`,
        headers: as(owner),
        payload,
      });
      expect({ payload, status: response.statusCode }).toEqual({ payload, status: 400 });
    }
  });

  it('another workspace gets 404 for every license route', async () => {
    const license = await create();
    const outsider = await signIn(t.app);
    const foreign = `/v1/workspaces/${owner.workspaceId}/credentials/licenses/${license.id}`;
    for (const [method, url, payload] of [
      ['GET', foreign, undefined],
      ['GET', `${foreign}/renewal`, undefined],
      ['PATCH', foreign, { version: 1, notes: 'x' }],
      ['PUT', `${foreign}/overrides`, { totalHours: 1 }],
      ['DELETE', foreign, undefined],
    ] as const) {
      const response = await t.app.inject({
        method,
        url,
        headers: as(outsider),
        ...(payload ? { payload } : {}),
      });
      expect({ method, url, status: response.statusCode }).toEqual({ method, url, status: 404 });
    }
    // Their own workspace does not hold it either.
    const own = await t.app.inject({
      method: 'GET',
      url: `${base(outsider)}/licenses/${license.id}`,
      headers: as(outsider),
    });
    expect(own.statusCode).toBe(404);
  });

  it('the export contains the licenses and the account purge removes them', async () => {
    const person = await signIn(t.app, uniqueEmail('licensed'));
    const license = await create(licenseBody({ number: 'PURGE-ME' }), person);
    const rows: Record<string, unknown>[] = [];
    for (const table of credentialsData.exportWorkspace?.(t.app.deps, {
      tenantId: person.workspaceId,
      userId: person.userId,
      role: 'owner',
      workspaceName: 'Test',
    }) ?? [])
      for await (const row of table.rows()) rows.push(row);
    expect(rows).toEqual([expect.objectContaining({ id: license.id, number: 'PURGE-ME' })]);

    const deletion = await t.app.inject({
      method: 'POST',
      url: '/v1/account/deletion',
      headers: as(person),
      payload: { confirmation: 'DELETE' },
    });
    expect(deletion.statusCode).toBe(202);
    clock.advanceDays(31);
    await runPurge(t.app.deps);
    const left = await t.app.deps.db.doc.send(
      new QueryCommand({
        TableName: t.app.deps.db.mainTable,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `TENANT#${person.workspaceId}` },
      }),
    );
    expect((left.Items ?? []).filter((item) => item.entity === 'License')).toEqual([]);
  });
});
