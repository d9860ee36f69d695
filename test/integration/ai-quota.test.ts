import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeAiProviders } from '../support/ai-providers.js';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';
import { logMessage } from '../support/journal-fixtures.js';

const ANSWER = { reply: 'I will be at school at 3:15 on Friday.', removed: [], questionsToAnswer: [] };
type Usage = { month: string; used: number; limit: number | null; resetsAt: string; isConfigured: boolean };
type Problem = { status: number; code: string; detail?: string };

// A fixed clock in the middle of a month, so "when it resets" is known.
const NOW = new Date('2026-12-05T12:00:00Z');

describe('monthly AI quota per workspace', () => {
  const fake = new FakeAiProviders();
  let t: TestApp;
  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({
      env: fake.env({ AI_LOCAL_PLAN_ACTIONS_PER_MONTH: '2' }),
      overrides: { now: () => NOW },
    });
  });
  afterAll(async () => {
    await t.app.close();
    await fake.stop();
  });
  beforeEach(() => {
    fake.reset();
    fake.defaultReply = { kind: 'json', value: ANSWER };
  });

  const rewrite = (session: Session) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/drafts/rewrite`,
      headers: as(session),
      payload: { draft: 'Fine. I will be at school at 3:15 on Friday. Whatever.' },
    });
  const usage = async (session: Session) =>
    (
      await t.app.inject({
        method: 'GET',
        url: `/v1/workspaces/${session.workspaceId}/ai/usage`,
        headers: as(session),
      })
    ).json<Usage>();

  it('counts each action, answers 429 ai_quota_exceeded with when it resets once the month is used, and keeps the rest working', async () => {
    const owner = await signIn(t.app);
    expect(await usage(owner)).toEqual({
      month: '2026-12',
      used: 0,
      limit: 2,
      resetsAt: '2027-01-01T00:00:00.000Z',
      isConfigured: true,
    });
    expect((await rewrite(owner)).statusCode).toBe(200);
    expect((await rewrite(owner)).statusCode).toBe(200);
    const refused = await rewrite(owner);
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.json<Problem>().code).toBe('ai_quota_exceeded');
    expect(refused.json<Problem>().detail).toMatch(/2027-01-01/);
    expect(refused.headers['retry-after']).toBe(
      String((Date.parse('2027-01-01T00:00:00Z') - NOW.getTime()) / 1000),
    );
    expect(fake.requests).toHaveLength(2);
    expect((await usage(owner)).used).toBe(2);
    // Another workspace has its own count.
    const other = await signIn(t.app);
    expect((await rewrite(other)).statusCode).toBe(200);
    // The journal keeps working.
    const list = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/communications`,
      headers: as(owner),
    });
    expect(list.statusCode).toBe(200);
  });

  it('does not charge a call the provider failed', async () => {
    const owner = await signIn(t.app);
    fake.replies.push({ kind: 'status', status: 503 }, { kind: 'text', text: 'not json' });
    expect((await rewrite(owner)).statusCode).toBe(503);
    expect((await rewrite(owner)).statusCode).toBe(502);
    expect((await usage(owner)).used).toBe(0);
  });

  it('counts atomically: of many requests at once, only the plan’s number are served', async () => {
    const owner = await signIn(t.app);
    const replies = await Promise.all(Array.from({ length: 6 }, () => rewrite(owner)));
    const statuses = replies.map((reply) => reply.statusCode).sort();
    expect(statuses).toEqual([200, 200, 429, 429, 429, 429]);
    expect(fake.requests).toHaveLength(2);
    expect((await usage(owner)).used).toBe(2);
  });
});

describe('a plan with no AI actions', () => {
  const fake = new FakeAiProviders();
  let t: TestApp;
  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({ env: fake.env({ AI_LOCAL_PLAN_ACTIONS_PER_MONTH: '0' }) });
  });
  afterAll(async () => {
    await t.app.close();
    await fake.stop();
  });

  it('answers 402 payment_required and calls no provider', async () => {
    const owner = await signIn(t.app);
    const reply = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/drafts/rewrite`,
      headers: as(owner),
      payload: { draft: 'See you Friday.' },
    });
    expect(reply.statusCode).toBe(402);
    expect(reply.json<Problem>().code).toBe('payment_required');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('AI usage without a provider', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AI-3 says AI is not configured, counts nothing, and a summary answers 503 ai_not_configured', async () => {
    const owner = await signIn(t.app);
    // Said first, whatever the period holds, and with a message logged all the same.
    const logged = await logMessage(t.app, owner);
    expect(logged.statusCode).toBe(201);
    for (const from of ['2026-10-01T00:00:00Z', '2026-03-01T00:00:00Z']) {
      const off = await t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/summaries/suggest`,
        headers: as(owner),
        payload: { from, to: from.replace(/-01T/, '-28T') },
      });
      expect(off.statusCode).toBe(503);
      expect(off.json<Problem>()).toMatchObject({ code: 'ai_not_configured' });
      expect(off.json<Problem>().detail).toMatch(/Everything else works/);
    }
    const usage = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/ai/usage`,
      headers: as(owner),
    });
    expect(usage.json<Usage>()).toMatchObject({ used: 0, limit: null, isConfigured: false });
  });
});
