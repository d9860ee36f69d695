import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ceCompletionsData } from '@holdfast/api/modules/credentials/completions/data';
import { exportHolderRows } from '../support/holder-export.js';
import { as, createTestApp, signIn, uniqueEmail, type Session, type TestApp } from '../support/harness.js';
import { deleteAccountAndPurge } from '../support/account-deletion.js';

type Link = { id: string; status: string; providerLabel: string; endedAt: string | null };
type Completion = { id: string; status: string; linkId: string; activityId: string | null; hours: number };
type Progress = { licenses: { total: { earned: number } }[] };

const DAY_MS = 86_400_000;
const PENDING_CAP = 3;
type Problem = { code: string; detail: string };

function completionBody(linkId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    linkId,
    courseTitle: 'Suicide risk assessment',
    providerName: 'State CE Institute',
    completedOn: '2026-03-02',
    hours: 3.5,
    category: 'Suicide prevention',
    format: 'live-online',
    certificateNumber: 'SCI-2026-0042',
    ...overrides,
  };
}

describe('credentials: training providers report completions through a link the person made', () => {
  let t: TestApp;
  let clock = new Date();
  let person: Session;
  let provider: Session;
  let otherProvider: Session;
  let providerKey: string;
  let otherKey: string;
  let keyCount = 0;
  beforeAll(async () => {
    // A small cap, so reaching it takes a few reports (100 by default).
    t = await createTestApp({
      env: { CE_PENDING_COMPLETIONS_PER_LINK: String(PENDING_CAP) },
      overrides: { now: () => clock },
    });
    person = await signIn(t.app, uniqueEmail('counsellor'));
    provider = await signIn(t.app, uniqueEmail('ce-institute'));
    otherProvider = await signIn(t.app, uniqueEmail('other-institute'));
    providerKey = await createKey(provider, ['ce:completions:write']);
    otherKey = await createKey(otherProvider, ['ce:completions:write']);
  });
  afterAll(async () => {
    await t.app.close();
  });

  async function createKey(owner: Session, scopes: string[]): Promise<string> {
    const created = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/api-keys`,
      headers: as(owner),
      payload: { name: 'Completions sync', scopes },
    });
    expect(created.statusCode).toBe(201);
    return created.json<{ secret: string }>().secret;
  }
  const personUrl = (path: string, session: Session = person) =>
    `/v1/workspaces/${session.workspaceId}/credentials/${path}`;
  const providerUrl = (path: string, session: Session = provider) =>
    `/v1/workspaces/${session.workspaceId}/ce/${path}`;
  const asPerson = (method: 'GET' | 'POST', path: string, payload?: object, session: Session = person) =>
    t.app.inject({
      method,
      url: personUrl(path, session),
      headers: as(session),
      ...(payload === undefined ? {} : { payload }),
    });
  const withKey = (
    secret: string,
    method: 'GET' | 'POST',
    path: string,
    payload?: object,
    headers: Record<string, string> = {},
    session: Session = provider,
  ) =>
    t.app.inject({
      method,
      url: providerUrl(path, session),
      headers: { authorization: `Bearer ${secret}`, ...headers },
      ...(payload === undefined ? {} : { payload }),
    });
  const idempotencyKey = () => {
    keyCount += 1;
    return { 'idempotency-key': `completion-${Date.now()}-${keyCount}` };
  };

  async function makeCode(label = 'State CE Institute'): Promise<{ link: Link; code: string }> {
    const created = await asPerson('POST', 'provider-links', { providerLabel: label, expiresInDays: 7 });
    expect(created.statusCode).toBe(201);
    return created.json<{ link: Link; code: string }>();
  }
  async function linkProvider(secret = providerKey, session: Session = provider): Promise<string> {
    const { code } = await makeCode();
    const redeemed = await withKey(secret, 'POST', 'links', { linkCode: code }, {}, session);
    expect(redeemed.statusCode).toBe(201);
    return redeemed.json<{ linkId: string }>().linkId;
  }
  async function report(linkId: string, overrides: Record<string, unknown> = {}): Promise<Completion> {
    const reported = await withKey(
      providerKey,
      'POST',
      'completions',
      completionBody(linkId, overrides),
      idempotencyKey(),
    );
    expect(reported.statusCode).toBe(201);
    return reported.json<Completion>();
  }

  it('a person makes a code; the provider redeems it once and learns only the link id (P-AUTH-5)', async () => {
    const { link, code } = await makeCode();
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(link.status).toBe('waiting');
    const redeemed = await withKey(providerKey, 'POST', 'links', { linkCode: code.toLowerCase() });
    expect(redeemed.statusCode).toBe(201);
    const side = redeemed.json<Record<string, unknown>>();
    expect(Object.keys(side).sort()).toEqual(['endedAt', 'linkId', 'linkedAt']);
    expect(side.linkId).toBe(link.id);
    expect(redeemed.body).not.toContain(person.workspaceId);
    // Once only, for this provider and any other.
    expect((await withKey(providerKey, 'POST', 'links', { linkCode: code })).statusCode).toBe(404);
    expect((await withKey(otherKey, 'POST', 'links', { linkCode: code }, {}, otherProvider)).statusCode).toBe(
      404,
    );
    const links = (await asPerson('GET', 'provider-links')).json<{ items: Link[] }>().items;
    expect(links.find((l) => l.id === link.id)?.status).toBe('linked');
    expect(JSON.stringify(links)).not.toContain(code);
  });

  it('an expired code answers 404 like an unknown one', async () => {
    const { code } = await makeCode();
    clock = new Date(Date.now() + 8 * DAY_MS);
    try {
      expect((await withKey(providerKey, 'POST', 'links', { linkCode: code })).statusCode).toBe(404);
    } finally {
      clock = new Date();
    }
    expect((await withKey(providerKey, 'POST', 'links', { linkCode: 'ABCD-EFGH-JKMN' })).statusCode).toBe(
      404,
    );
  });

  it('a report needs Idempotency-Key; a retry replays the answer, another body with the same key is refused', async () => {
    const linkId = await linkProvider();
    const body = completionBody(linkId);
    expect((await withKey(providerKey, 'POST', 'completions', body)).statusCode).toBe(400);
    const headers = idempotencyKey();
    const first = await withKey(providerKey, 'POST', 'completions', body, headers);
    expect(first.statusCode).toBe(201);
    const again = await withKey(providerKey, 'POST', 'completions', body, headers);
    expect(again.statusCode).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json<Completion>().id).toBe(first.json<Completion>().id);
    const changed = await withKey(providerKey, 'POST', 'completions', { ...body, hours: 4 }, headers);
    expect(changed.statusCode).toBe(409);
    const pending = (await asPerson('GET', 'reported-completions?status=pending')).json<{
      items: Completion[];
    }>();
    expect(pending.items.filter((c) => c.linkId === linkId)).toHaveLength(1);
  });

  it('refuses malformed reports with 400s naming the field', async () => {
    const linkId = await linkProvider();
    const cases: [Record<string, unknown>, string][] = [
      [completionBody(linkId, { hours: 0.3 }), 'hours'],
      [completionBody(linkId, { hours: 250 }), 'hours'],
      [completionBody(linkId, { hours: '2' }), 'hours'],
      [completionBody(linkId, { courseTitle: '   ' }), 'courseTitle'],
      [completionBody(linkId, { completedOn: '2026-02-30' }), 'completedOn'],
      [completionBody(linkId, { category: 'x'.repeat(201) }), 'category'],
      [completionBody(linkId, { personWorkspaceId: person.workspaceId }), ''],
    ];
    for (const [payload, field] of cases) {
      const response = await withKey(providerKey, 'POST', 'completions', payload, idempotencyKey());
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain(field);
    }
    expect(
      (await asPerson('POST', 'provider-links', { providerLabel: ' ', expiresInDays: 7 })).statusCode,
    ).toBe(400);
    expect(
      (await asPerson('POST', 'provider-links', { providerLabel: 'X', expiresInDays: 90 })).statusCode,
    ).toBe(400);
  });

  it('a key without the scope gets 403; another provider and another workspace get 404 (P-ISO-1)', async () => {
    const linkId = await linkProvider();
    const readOnly = await createKey(provider, ['incidents:read']);
    expect(
      (await withKey(readOnly, 'POST', 'completions', completionBody(linkId), idempotencyKey())).statusCode,
    ).toBe(403);
    expect((await withKey(readOnly, 'POST', 'links', { linkCode: 'ABCD-EFGH-JKMN' })).statusCode).toBe(403);
    // Another provider cannot report through this link, nor read what was reported.
    const foreign = await withKey(
      otherKey,
      'POST',
      'completions',
      completionBody(linkId),
      idempotencyKey(),
      otherProvider,
    );
    expect(foreign.statusCode).toBe(404);
    expect(
      (await withKey(otherKey, 'GET', `links/${linkId}/completions`, undefined, {}, otherProvider))
        .statusCode,
    ).toBe(404);
    // A key acts only in its own workspace.
    expect(
      (await withKey(providerKey, 'GET', `links/${linkId}/completions`, undefined, {}, otherProvider))
        .statusCode,
    ).toBe(404);
    const completion = await report(linkId);
    // Another workspace cannot see or decide the person's completion.
    expect(
      (
        await asPerson(
          'POST',
          `reported-completions/${completion.id}/decision`,
          { decision: 'accept' },
          otherProvider,
        )
      ).statusCode,
    ).toBe(404);
    const intrusion = await t.app.inject({
      method: 'GET',
      url: personUrl('reported-completions'),
      headers: as(otherProvider),
    });
    expect(intrusion.statusCode).toBe(404);
  });

  it('accepting makes an activity that counts toward the license, keeping who reported it; the provider sees it accepted', async () => {
    const license = await asPerson('POST', 'licenses', {
      jurisdiction: 'CA',
      credentialType: 'LMFT',
      number: 'CA-COMP-1',
      issuedOn: '2020-01-01',
      expiresOn: '2027-06-30',
    });
    expect(license.statusCode).toBe(201);
    const earned = async () =>
      (await asPerson('GET', 'progress')).json<Progress>().licenses[0]?.total.earned ?? 0;
    const before = await earned();
    const linkId = await linkProvider();
    const completion = await report(linkId);
    expect(completion.status).toBe('pending');
    expect(await earned()).toBe(before);

    const accepted = await asPerson('POST', `reported-completions/${completion.id}/decision`, {
      decision: 'accept',
    });
    expect(accepted.statusCode).toBe(200);
    const { activity, completion: decided } = accepted.json<{
      activity: { id: string; title: string; reportedBy: { providerName: string; linkId: string } };
      completion: Completion;
    }>();
    expect(decided.status).toBe('accepted');
    expect(decided.activityId).toBe(activity.id);
    expect(activity.reportedBy).toMatchObject({ providerName: 'State CE Institute', linkId });
    expect((await asPerson('GET', `activities/${activity.id}`)).json<{ title: string }>().title).toBe(
      'Suicide risk assessment',
    );
    expect(await earned()).toBe(before + 3.5);
    expect(
      (await asPerson('POST', `reported-completions/${completion.id}/decision`, { decision: 'accept' }))
        .statusCode,
    ).toBe(409);

    const reports = await withKey(providerKey, 'GET', `links/${linkId}/completions`);
    expect(reports.statusCode).toBe(200);
    expect(reports.json<{ items: Completion[] }>().items.map((r) => [r.id, r.status])).toEqual([
      [completion.id, 'accepted'],
    ]);
    expect(reports.body).not.toContain(activity.id);

    // Both sides hold an audit entry of the acceptance (P-AUD-1).
    for (const session of [person, provider]) {
      const audit = await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${session.workspaceId}/audit`,
        headers: as(session),
      });
      expect(audit.body).toContain('ce-completion.accepted');
    }
  });

  it('declining adds nothing; the provider sees it declined', async () => {
    const linkId = await linkProvider();
    const completion = await report(linkId, { courseTitle: 'Billing basics' });
    const declined = await asPerson('POST', `reported-completions/${completion.id}/decision`, {
      decision: 'decline',
    });
    expect(declined.statusCode).toBe(200);
    expect(declined.json<{ completion: Completion }>().completion).toMatchObject({
      status: 'declined',
      activityId: null,
    });
    const activities = (await asPerson('GET', 'activities?limit=100')).body;
    expect(activities).not.toContain('Billing basics');
    const reports = (await withKey(providerKey, 'GET', `links/${linkId}/completions`)).json<{
      items: Completion[];
    }>();
    expect(reports.items[0]?.status).toBe('declined');
    expect(
      (await asPerson('POST', `reported-completions/${completion.id}/decision`, { decision: 'accept' }))
        .statusCode,
    ).toBe(409);
  });

  const pendingOf = async (linkId: string) =>
    (await asPerson('GET', 'reported-completions?status=pending&limit=100'))
      .json<{ items: Completion[] }>()
      .items.filter((c) => c.linkId === linkId);
  const decide = async (completionId: string, decision: 'accept' | 'decline') => {
    const decided = await asPerson('POST', `reported-completions/${completionId}/decision`, { decision });
    expect(decided.statusCode).toBe(200);
  };
  const expectCapRefusal = (response: {
    statusCode: number;
    headers: Record<string, unknown>;
    body: string;
  }) => {
    expect(response.statusCode).toBe(409);
    expect(String(response.headers['content-type'])).toContain('application/problem+json');
    const problem = JSON.parse(response.body) as Problem;
    expect(problem.code).toBe('too_many_pending_completions');
    expect(problem.detail).toContain(`${PENDING_CAP} completions`);
    expect(problem.detail).toContain('The person must act');
  };

  it('a link holds a bounded number of pending completions; beyond it 409 until the person accepts or declines one', async () => {
    const linkId = await linkProvider();
    const reported: Completion[] = [];
    for (let i = 0; i < PENDING_CAP; i += 1) reported.push(await report(linkId, { hours: i + 1 }));
    const over = await withKey(providerKey, 'POST', 'completions', completionBody(linkId), idempotencyKey());
    expectCapRefusal(over);
    // Refused means nothing stored: the person still has exactly the cap waiting.
    expect(await pendingOf(linkId)).toHaveLength(PENDING_CAP);
    // Each link has its own count: another link of the same person is not held back.
    await report(await linkProvider());

    // A decline frees a slot, and so does an acceptance; one slot takes one report. The refused
    // report's own Idempotency-Key is not held to its refusal: its retry now runs and succeeds.
    const refusedKey = idempotencyKey();
    const refusedBody = completionBody(linkId, { hours: 7 });
    expectCapRefusal(await withKey(providerKey, 'POST', 'completions', refusedBody, refusedKey));
    expectCapRefusal(await withKey(providerKey, 'POST', 'completions', refusedBody, refusedKey));
    await decide(reported[0]?.id ?? '', 'decline');
    const retried = await withKey(providerKey, 'POST', 'completions', refusedBody, refusedKey);
    expect(retried.statusCode).toBe(201);
    expect(retried.headers['idempotent-replayed']).toBeUndefined();
    // Once it succeeded, that answer is what the key replays.
    const replayed = await withKey(providerKey, 'POST', 'completions', refusedBody, refusedKey);
    expect(replayed.statusCode).toBe(201);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    await decide(reported[1]?.id ?? '', 'decline');
    await report(linkId);
    expectCapRefusal(
      await withKey(providerKey, 'POST', 'completions', completionBody(linkId), idempotencyKey()),
    );
    await decide(reported[2]?.id ?? '', 'accept');
    await report(linkId);
    expect(await pendingOf(linkId)).toHaveLength(PENDING_CAP);
  });

  it('concurrent reports never pass the cap, and a retried Idempotency-Key is counted once', async () => {
    const linkId = await linkProvider();
    const body = completionBody(linkId);
    const headers = idempotencyKey();
    expect((await withKey(providerKey, 'POST', 'completions', body, headers)).statusCode).toBe(201);
    for (let i = 0; i < 3; i += 1) {
      const retried = await withKey(providerKey, 'POST', 'completions', body, headers);
      expect(retried.statusCode).toBe(201);
      expect(retried.headers['idempotent-replayed']).toBe('true');
    }
    // The retries took no slot: exactly the rest of the cap is left, however many race for it.
    const racing = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        withKey(
          providerKey,
          'POST',
          'completions',
          completionBody(linkId, { hours: i + 1 }),
          idempotencyKey(),
        ),
      ),
    );
    const statuses = racing.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(PENDING_CAP - 1);
    for (const refused of racing.filter((response) => response.statusCode !== 201)) expectCapRefusal(refused);
    expect(await pendingOf(linkId)).toHaveLength(PENDING_CAP);
  });

  it('a revoked link answers 404 for new completions; what was reported stays readable', async () => {
    const linkId = await linkProvider();
    await report(linkId);
    const revoked = await asPerson('POST', `provider-links/${linkId}/revoke`);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json<Link>().status).toBe('revoked');
    const late = await withKey(providerKey, 'POST', 'completions', completionBody(linkId), idempotencyKey());
    expect(late.statusCode).toBe(404);
    expect((await withKey(providerKey, 'GET', `links/${linkId}/completions`)).statusCode).toBe(200);
    // A waiting code stops working once revoked.
    const { link, code } = await makeCode();
    await asPerson('POST', `provider-links/${link.id}/revoke`);
    expect((await withKey(providerKey, 'POST', 'links', { linkCode: code })).statusCode).toBe(404);
  });

  it('the export holds links and completions on both sides; a person’s purge ends their links (P-RIGHT-1, P-RIGHT-3)', async () => {
    const nurse = await signIn(t.app, uniqueEmail('leaving-nurse'));
    const created = await asPerson(
      'POST',
      'provider-links',
      { providerLabel: 'State CE Institute', expiresInDays: 7 },
      nurse,
    );
    const { link, code } = created.json<{ link: Link; code: string }>();
    expect((await withKey(providerKey, 'POST', 'links', { linkCode: code })).statusCode).toBe(201);
    const completion = await report(link.id);
    const waiting = (
      await asPerson('POST', 'provider-links', { providerLabel: 'Another', expiresInDays: 7 }, nurse)
    ).json<{
      code: string;
    }>();

    const exported = (session: Session) => exportHolderRows(t.app, ceCompletionsData, session);
    const nurseRows = await exported(nurse);
    expect(nurseRows['ce-provider-links']).toHaveLength(2);
    expect(JSON.stringify(nurseRows['ce-reported-completions'])).toContain(completion.id);
    expect(JSON.stringify(nurseRows)).not.toContain(provider.workspaceId);
    const providerRows = await exported(provider);
    expect(JSON.stringify(providerRows['ce-completion-reports'])).toContain(completion.id);
    expect(JSON.stringify(providerRows['ce-provider-side-links'])).toContain(link.id);
    expect(JSON.stringify(providerRows)).not.toContain(nurse.workspaceId);

    await deleteAccountAndPurge(t.app, nurse, (at) => (clock = at));
    expect(await exported(nurse)).toEqual({
      'ce-provider-links': [],
      'ce-reported-completions': [],
      'ce-provider-side-links': [],
      'ce-completion-reports': [],
    });
    const late = await withKey(providerKey, 'POST', 'completions', completionBody(link.id), idempotencyKey());
    expect(late.statusCode).toBe(404);
    expect((await withKey(providerKey, 'POST', 'links', { linkCode: waiting.code })).statusCode).toBe(404);
    const side = (await exported(provider))['ce-provider-side-links'] as {
      linkId: string;
      endedAt: string | null;
    }[];
    expect(side.find((row) => row.linkId === link.id)?.endedAt).not.toBeNull();
  });

  it('a provider’s purge ends each person’s link to it and drops what still waits; accepted completions stay (P-RIGHT-3)', async () => {
    const leaving = await signIn(t.app, uniqueEmail('closing-institute'));
    const leavingKey = await createKey(leaving, ['ce:completions:write']);
    const linkId = await linkProvider(leavingKey, leaving);
    const reportAs = async (title: string) => {
      const reported = await withKey(
        leavingKey,
        'POST',
        'completions',
        completionBody(linkId, { courseTitle: title }),
        idempotencyKey(),
        leaving,
      );
      expect(reported.statusCode).toBe(201);
      return reported.json<Completion>();
    };
    const kept = await reportAs('Kept course');
    const waiting = await reportAs('Waiting course');
    const accepted = await asPerson('POST', `reported-completions/${kept.id}/decision`, {
      decision: 'accept',
    });
    const activityId = accepted.json<{ activity: { id: string } }>().activity.id;

    await deleteAccountAndPurge(t.app, leaving, (at) => (clock = at));
    // A second run (a purge killed part-way is finished by the next) changes nothing more.
    await ceCompletionsData.purgeWorkspace?.(t.app.deps, leaving.workspaceId);

    const link = (await asPerson('GET', 'provider-links'))
      .json<{ items: Link[] }>()
      .items.find((item) => item.id === linkId);
    expect(link).toMatchObject({ status: 'ended', endedAt: expect.any(String) });
    // What still waited is dropped; what the person accepted is theirs and stays.
    const all = (await asPerson('GET', 'reported-completions?limit=100')).json<{ items: Completion[] }>();
    expect(all.items.map((c) => c.id)).not.toContain(waiting.id);
    expect(all.items.find((c) => c.id === kept.id)?.status).toBe('accepted');
    expect((await asPerson('GET', `activities/${activityId}`)).statusCode).toBe(200);
    expect(
      (await asPerson('POST', `reported-completions/${waiting.id}/decision`, { decision: 'accept' }))
        .statusCode,
    ).toBe(404);
    // The person's log says so, once each, however many times the purge ran.
    const audit = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${person.workspaceId}/audit?limit=200`,
      headers: as(person),
    });
    const actions = audit.json<{ items: { action: string; target: { id: string } }[] }>().items;
    expect(
      actions.filter((e) => e.action === 'ce-provider-link.ended' && e.target.id === linkId),
    ).toHaveLength(1);
    expect(
      actions.filter((e) => e.action === 'ce-completion.dropped' && e.target.id === waiting.id),
    ).toHaveLength(1);
    // An ended link leaves the person's other links as they were.
    expect(
      (await asPerson('GET', 'provider-links'))
        .json<{ items: Link[] }>()
        .items.some((l) => l.status === 'linked'),
    ).toBe(true);
  });
});
