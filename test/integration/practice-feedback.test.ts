// AI feedback on written practice answers against the real embedded stack and the real SDKs
// talking to a local provider server: what is sent, that it is feedback only, and without a provider.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeAiProviders } from '../support/ai-providers.js';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type Attempt = { id: string; endedAt?: string; score?: number | null; version: number };
type Feedback = {
  criteria: { criterionId: string; criterion: string; level: string; comment: string }[];
  suggestion: string;
  promptVersion: string;
  provider: string;
  model: string;
};
type Problem = { status: number; code: string; errors?: { field: string }[] };

// biff-06: a written exercise whose rubric has five criteria.
const EXERCISE = 'biff-06';
const RUBRIC_IDS = ['brief', 'answers', 'no-defence', 'friendly', 'firm'];
const ANSWER = 'Yes, I will take Mia on Thursday at 4:30. Thanks for letting me know about Zephyrine.';
const COMMENT = 'Your reply names the time, which answers the question.';
const SUGGESTION = 'Drop the last sentence so the reply ends firmly.';

function providerAnswer(ids: readonly string[] = RUBRIC_IDS) {
  return {
    criteria: ids.map((id, index) => ({
      id,
      level: index === 0 ? 'met' : index === 1 ? 'partly' : 'not-yet',
      comment: `${COMMENT} (${id})`,
    })),
    suggestion: SUGGESTION,
  };
}

function practiceClient(t: () => TestApp) {
  const url = (session: Session, path: string) => `/v1/workspaces/${session.workspaceId}/practice${path}`;
  return {
    start: async (session: Session, exerciseId = EXERCISE) => {
      const reply = await t().app.inject({
        method: 'POST',
        url: url(session, '/attempts'),
        headers: as(session),
        payload: { exerciseId },
      });
      expect(reply.statusCode).toBe(201);
      return reply.json<Attempt>();
    },
    ask: (session: Session, attemptId: string, payload: unknown, as_ = session) =>
      t().app.inject({
        method: 'POST',
        url: url(session, `/attempts/${attemptId}/feedback`),
        headers: as(as_),
        payload: payload as Record<string, unknown>,
      }),
    get: (session: Session, path: string) =>
      t().app.inject({ method: 'GET', url: url(session, path), headers: as(session) }),
  };
}

describe('practice feedback without any AI provider', () => {
  let t: TestApp;
  let owner: Session;
  const client = practiceClient(() => t);
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AI-3 answers 503 ai_not_configured as problem+json, and the attempt can still be finished', async () => {
    const attempt = await client.start(owner);
    const reply = await client.ask(owner, attempt.id, { text: ANSWER });
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.json<Problem>().code).toBe('ai_not_configured');
    const finished = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/practice/attempts/${attempt.id}/finish`,
      headers: as(owner),
      payload: { answer: { type: 'written', text: ANSWER, criteriaMet: ['brief'] }, selfRating: 'good' },
    });
    expect(finished.statusCode).toBe(200);
  });
});

describe('practice feedback with an AI provider (real SDKs against a local provider server)', () => {
  const fake = new FakeAiProviders();
  let t: TestApp;
  let owner: Session;
  const client = practiceClient(() => t);
  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({
      env: fake.env({ OPENAI_MODEL: 'gpt-test-mini', AI_LOCAL_PLAN_ACTIONS_PER_MONTH: '5' }),
    });
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  it('P-AI-1 sends only the exercise prompt, its rubric and the answer, with storage off', async () => {
    const attempt = await client.start(owner);
    fake.replies.push({ kind: 'json', value: providerAnswer() });
    const reply = await client.ask(owner, attempt.id, { text: `  ${ANSWER}  ` });
    expect(reply.statusCode).toBe(200);
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent?.body).toMatchObject({ store: false, model: 'gpt-test-mini' });
    expect(String(sent?.body.instructions)).toContain('practising a written exercise');
    const input = JSON.parse(String(sent?.body.input)) as {
      exercise: { prompt: string; rubric: { id: string; criterion: string }[] };
      answer: string;
    };
    expect(Object.keys(input).sort()).toEqual(['answer', 'exercise']);
    expect(Object.keys(input.exercise).sort()).toEqual(['prompt', 'rubric']);
    expect(input.exercise.prompt).toMatch(/^Write a BIFF reply to/);
    expect(input.exercise.rubric.map((c) => c.id)).toEqual(RUBRIC_IDS);
    expect(input.answer).toBe(ANSWER);
    // Nothing else of the person: no ids, email, workspace, attempt, title or model answer.
    for (const other of [
      owner.email,
      owner.userId,
      owner.workspaceId,
      attempt.id,
      'Reply to a blaming message',
    ])
      expect(sent?.raw).not.toContain(other);
    expect(sent?.raw).not.toContain('Thanks for the reminder');
    expect(sent?.raw).not.toMatch(/"user"|metadata|safety_identifier/);
    // Neither the answer nor the feedback reaches a log line (P-LOG-1).
    const logs = t.logs.join('\n');
    expect(logs).not.toContain('Zephyrine');
    expect(logs).not.toContain(COMMENT);
    expect(logs).not.toContain(SUGGESTION);
  });

  it('P-AI-2 returns feedback per rubric criterion and a suggestion, and never scores, rates or saves', async () => {
    const attempt = await client.start(owner);
    // The provider answers out of the rubric's order: the feedback follows the rubric.
    fake.replies.push({ kind: 'json', value: providerAnswer([...RUBRIC_IDS].reverse()) });
    const reply = await client.ask(owner, attempt.id, { text: ANSWER });
    expect(reply.statusCode).toBe(200);
    const feedback = reply.json<Feedback>();
    expect(feedback).toMatchObject({
      suggestion: SUGGESTION,
      promptVersion: 'practice-written-feedback-v1',
      provider: 'openai',
      model: 'gpt-test-mini',
    });
    expect(feedback.criteria.map((c) => c.criterionId)).toEqual(RUBRIC_IDS);
    expect(feedback.criteria[0]).toEqual({
      criterionId: 'brief',
      criterion: 'Brief: four sentences or fewer.',
      level: 'not-yet',
      comment: `${COMMENT} (brief)`,
    });
    expect(feedback.criteria.at(-1)?.level).toBe('met');
    expect(JSON.stringify(feedback)).not.toMatch(/score|selfRating|rating/i);
    // The attempt is untouched: still open, unscored, same version.
    const stored = (await client.get(owner, `/attempts/${attempt.id}`)).json<Attempt>();
    expect(stored).toMatchObject({ id: attempt.id, version: attempt.version });
    expect(stored.endedAt).toBeUndefined();
    expect(stored.score).toBeUndefined();
    // The person still scores themselves: their ticks decide the score, not the feedback.
    const finished = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/practice/attempts/${attempt.id}/finish`,
      headers: as(owner),
      payload: { answer: { type: 'written', text: ANSWER, criteriaMet: [] }, selfRating: 'hard' },
    });
    expect(finished.json<{ attempt: { score: number; scoredBy: string } }>().attempt).toMatchObject({
      score: 0,
      scoredBy: 'self',
    });
  });

  it('refuses an answer that skips or invents a criterion (502) and gives the AI action back', async () => {
    const attempt = await client.start(owner);
    const usage = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/workspaces/${owner.workspaceId}/ai/usage`,
          headers: as(owner),
        })
      ).json<{ used: number }>().used;
    const before = await usage();
    for (const ids of [RUBRIC_IDS.slice(1), [...RUBRIC_IDS, 'invented'], [...RUBRIC_IDS.slice(1), 'firm']]) {
      fake.replies.push({ kind: 'json', value: providerAnswer(ids) });
      const reply = await client.ask(owner, attempt.id, { text: ANSWER });
      expect(reply.statusCode).toBe(502);
      expect(reply.json<Problem>().code).toBe('ai_bad_output');
    }
    fake.replies.push({ kind: 'json', value: { criteria: [], suggestion: '' } });
    expect((await client.ask(owner, attempt.id, { text: ANSWER })).statusCode).toBe(502);
    expect(await usage()).toBe(before);
  });

  it('refuses bad input with 400 naming the field, other exercise types with 400, and calls no provider', async () => {
    const attempt = await client.start(owner);
    const cases: [unknown, string][] = [
      [{ text: '   ' }, 'text'],
      [{ text: '' }, 'text'],
      [{ text: 'x'.repeat(5001) }, 'text'],
      [{ text: 42 }, 'text'],
      [{}, 'text'],
      [{ text: ANSWER, score: 1 }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const reply = await client.ask(owner, attempt.id, payload);
      expect({ field, status: reply.statusCode }).toEqual({ field, status: 400 });
      expect(JSON.stringify(reply.json<Problem>())).toContain(field);
    }
    const choice = await client.start(owner, 'biff-01');
    const wrongType = await client.ask(owner, choice.id, { text: ANSWER });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<Problem>().errors?.[0]?.field).toBe('/attemptId');
    expect(fake.requests).toHaveLength(0);
  });

  it('P-ISO-1 answers 404 for an attempt that is not the caller’s, in another workspace or their own', async () => {
    const attempt = await client.start(owner);
    const outsider = await signIn(t.app);
    // The outsider names the owner's workspace: not a member, so 404.
    expect((await client.ask(owner, attempt.id, { text: ANSWER }, outsider)).statusCode).toBe(404);
    // In their own workspace the owner's attempt id names nothing.
    expect((await client.ask(outsider, attempt.id, { text: ANSWER })).statusCode).toBe(404);
    expect((await client.ask(owner, '01J00000000000000000000000', { text: ANSWER })).statusCode).toBe(404);
    expect(fake.requests).toHaveLength(0);
  });
});
