import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeAiProviders } from '../support/ai-providers.js';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';
import { logMessage } from '../support/journal-fixtures.js';

const DRAFT = 'Fine. As usual you forgot the pickup, so I will be at school at 3:15 on Friday. Whatever.';
const ANSWER = {
  reply: 'I will pick the children up at school at 3:15 on Friday.',
  removed: [
    { text: 'As usual you forgot the pickup', reason: 'blame' },
    { text: 'Whatever.', reason: 'sarcasm' },
  ],
  questionsToAnswer: [],
};

type Suggestion = typeof ANSWER & {
  original: string;
  promptVersion: string;
  provider: string;
  model: string;
};
type Problem = { status: number; code: string; detail?: string };

describe('rewrite a draft calmly (AI configured, real SDKs against a local provider server)', () => {
  const fake = new FakeAiProviders();
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({ env: fake.env({ OPENAI_MODEL: 'gpt-test-mini' }) });
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  const rewrite = (draft: string, session: Session = owner) =>
    t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/drafts/rewrite`,
      headers: as(session),
      payload: { draft },
    });

  it('P-AI-1 sends only the draft, with storage off, and nothing that names the person or the workspace', async () => {
    fake.replies.push({ kind: 'json', value: ANSWER });
    const reply = await rewrite(DRAFT);
    expect(reply.statusCode).toBe(200);
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent?.body).toMatchObject({ store: false, model: 'gpt-test-mini', input: DRAFT });
    for (const identifying of [owner.email, owner.userId, owner.workspaceId])
      expect(sent?.raw).not.toContain(identifying);
    expect(sent?.raw).not.toMatch(/"user"|metadata|safety_identifier/);
    // The draft is record content: it never reaches a log line (P-LOG-1).
    expect(t.logs.join('\n')).not.toContain('forgot the pickup');
  });

  it('P-AI-2 returns a suggestion with its prompt version and the original kept; nothing is saved or changed', async () => {
    const auditBefore = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/audit`,
      headers: as(owner),
    });
    const logBefore = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/communications`,
      headers: as(owner),
    });
    fake.replies.push({ kind: 'json', value: ANSWER });
    const reply = await rewrite(DRAFT);
    expect(reply.json<Suggestion>()).toEqual({
      ...ANSWER,
      original: DRAFT,
      promptVersion: 'rewrite-biff-v1',
      provider: 'openai',
      model: 'gpt-test-mini',
    });
    const auditAfter = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/audit`,
      headers: as(owner),
    });
    const logAfter = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/communications`,
      headers: as(owner),
    });
    expect(auditAfter.json()).toEqual(auditBefore.json());
    expect(logAfter.json()).toEqual(logBefore.json());
  });

  it('refuses malformed provider output with 502 ai_bad_output and a down provider with 503, as problem+json without details', async () => {
    const cases: [Parameters<typeof fake.replies.push>[0], number, string][] = [
      [{ kind: 'text', text: '{"reply": "unterminated' }, 502, 'ai_bad_output'],
      [{ kind: 'json', value: { reply: '', removed: [], questionsToAnswer: [] } }, 502, 'ai_bad_output'],
      [{ kind: 'json', value: { reply: 'ok' } }, 502, 'ai_bad_output'],
      [{ kind: 'refusal' }, 502, 'ai_bad_output'],
      [{ kind: 'status', status: 503 }, 503, 'ai_unavailable'],
    ];
    for (const [providerReply, status, code] of cases) {
      fake.replies.push(providerReply);
      const reply = await rewrite(DRAFT);
      expect({ status: reply.statusCode, code: reply.json<Problem>().code }).toEqual({ status, code });
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(reply.body).not.toMatch(/unterminated|fake failure|forgot the pickup|openai|\.ts:\d+/i);
    }
  });

  it('refuses an empty, blank or oversized draft with 400 before any provider call', async () => {
    for (const draft of ['', '   ', 'x'.repeat(5001)]) {
      const reply = await rewrite(draft);
      expect(reply.statusCode).toBe(400);
    }
    expect(fake.requests).toHaveLength(0);
  });
});

describe('rewrite without any AI provider configured', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AI-3 answers 503 problem+json ai_not_configured, and the rest of the journal keeps working', async () => {
    const reply = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/drafts/rewrite`,
      headers: as(owner),
      payload: { draft: DRAFT },
    });
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.json<Problem>()).toMatchObject({ status: 503, code: 'ai_not_configured' });
    expect(reply.json<Problem>().detail).toMatch(/is configured on this server/);
    const logged = await logMessage(t.app, owner, {
      occurredAt: '2026-11-03T18:05:00-06:00',
      channel: 'email',
      direction: 'sent',
      content: 'I will be at school at 3:15 on Friday.',
    });
    expect(logged.statusCode).toBe(201);
    const health = await t.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
  });
});
