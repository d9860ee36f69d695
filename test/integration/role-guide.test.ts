// The role guide route against the real embedded stack: the reviewed guide with and without an AI
// provider, what reaches the provider, bad answers refused naming the field, outsiders and
// professionals kept out, and nothing stored.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeAiProviders } from '../support/ai-providers.js';
import {
  addMember,
  addProfessional,
  as,
  createTestApp,
  signIn,
  type Session,
  type TestApp,
} from '../support/harness.js';

type Guide = {
  guideVersion: string;
  notAdvice: string;
  stateRulesNote: string;
  isSaved: boolean;
  safety: {
    isFlagged: boolean;
    reasons: string[];
    mediationCaution?: string;
    emergency: string;
    hotline: { phone: string };
  };
  recommendations: { profession: string; priority: string; why: string[]; caution?: string }[];
  ai: {
    status: string;
    detail: string;
    whyForYou?: string;
    promptVersion?: string;
    provider?: string;
    model?: string;
  };
};
type Problem = { status: number; code: string; errors?: { field: string; message: string }[] };

const SAFE_ANSWERS = {
  situations: ['schedule-disagreement', 'communication-breakdown'],
  courtCase: 'none',
  goals: ['agree-a-plan'],
};
const FEARFUL_ANSWERS = {
  situations: ['afraid-of-other-parent', 'schedule-disagreement'],
  courtCase: 'considering',
  goals: ['agree-a-plan', 'stay-safe'],
  note: 'Handovers at the school gate are tense.',
};
const WHY = 'Because you fear the other parent, safety comes first; an advocate can help you plan.';

const guideUrl = (session: Session) => `/v1/workspaces/${session.workspaceId}/role-guide`;

describe('role guide without any AI provider', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const ask = (payload: unknown, session: Session = owner, headers = as(session)) =>
    t.app.inject({
      method: 'POST',
      url: guideUrl(owner),
      headers,
      payload: payload as Record<string, unknown>,
    });

  it('P-AI-3 answers the reviewed guide, and says AI was not used because no provider is configured', async () => {
    const reply = await ask({ ...FEARFUL_ANSWERS, withAi: true });
    expect(reply.statusCode).toBe(200);
    const guide = reply.json<Guide>();
    expect(guide).toMatchObject({ guideVersion: 'role-guide-v1', isSaved: false });
    expect(guide.ai).toEqual({
      status: 'not-configured',
      detail: expect.stringMatching(/no AI provider is configured/),
    });
    expect(guide.recommendations.map((r) => r.profession)).toEqual([
      'domestic-violence-advocate',
      'mediator',
    ]);
    // Without a provider, asking for no AI says so too.
    const plain = (await ask(SAFE_ANSWERS)).json<Guide>();
    expect(plain.ai.status).toBe('not-requested');
    expect(plain.recommendations[0]).toMatchObject({ profession: 'mediator', priority: 'first' });
  });

  it('flags fear of the other parent: 911, the hotline, and mediation cautioned; always information, not advice', async () => {
    const guide = (await ask(FEARFUL_ANSWERS)).json<Guide>();
    expect(guide.safety).toMatchObject({
      isFlagged: true,
      emergency: 'If you are in danger now, call 911.',
      hotline: { phone: '1-800-799-7233' },
    });
    expect(guide.safety.mediationCaution).toMatch(/Mediation may not be safe/);
    expect(guide.recommendations.find((r) => r.profession === 'mediator')).toMatchObject({
      priority: 'consider',
      caution: guide.safety.mediationCaution,
    });
    expect(guide.notAdvice).toMatch(/not legal advice/);
    expect(guide.stateRulesNote).toMatch(/Rules vary by state/);
  });

  it('stores nothing: the audit log is unchanged by asking', async () => {
    const audit = () =>
      t.app.inject({ method: 'GET', url: `/v1/workspaces/${owner.workspaceId}/audit`, headers: as(owner) });
    const before = (await audit()).json<unknown>();
    expect((await ask(FEARFUL_ANSWERS)).statusCode).toBe(200);
    expect((await audit()).json<unknown>()).toEqual(before);
  });

  it('refuses bad answers with 400 problem+json naming the field, before anything else', async () => {
    const cases: [unknown, string][] = [
      [{ ...SAFE_ANSWERS, goals: [] }, 'goals'],
      [{ ...SAFE_ANSWERS, goals: ['win-at-all-costs'] }, 'goals'],
      [{ ...SAFE_ANSWERS, situations: ['high-conflict', 'high-conflict'] }, 'situations'],
      [{ ...SAFE_ANSWERS, courtCase: 'maybe' }, 'courtCase'],
      [{ situations: [], goals: ['legal-advice'] }, 'courtCase'],
      [{ ...SAFE_ANSWERS, note: '   ' }, 'note'],
      [{ ...SAFE_ANSWERS, note: 'x'.repeat(301) }, 'note'],
      [{ ...SAFE_ANSWERS, withAi: 'yes' }, 'withAi'],
      [{ ...SAFE_ANSWERS, situations: 'high-conflict' }, 'situations'],
      // An unknown field is named by its place: the body.
      [{ ...SAFE_ANSWERS, extra: 1 }, 'body'],
    ];
    for (const [payload, field] of cases) {
      const reply = await ask(payload);
      expect({ field, status: reply.statusCode }).toEqual({ field, status: 400 });
      expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(reply.json<Problem>())).toContain(field);
    }
  });

  it('P-ISO-1 answers 404 to another workspace’s person and 403 to a professional; every member role may ask', async () => {
    const outsider = await signIn(t.app);
    expect((await ask(SAFE_ANSWERS, outsider)).statusCode).toBe(404);
    const professional = await addProfessional(t.app, owner, ['incidents']);
    expect((await ask(SAFE_ANSWERS, professional)).statusCode).toBe(403);
    for (const role of ['admin', 'member', 'viewer'] as const) {
      const member = await addMember(t.app, owner, role);
      expect({ role, status: (await ask(SAFE_ANSWERS, member)).statusCode }).toEqual({ role, status: 200 });
    }
  });
});

describe('role guide with an AI provider (real SDKs against a local provider server)', () => {
  const fake = new FakeAiProviders();
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    await fake.start();
    t = await createTestApp({
      env: fake.env({ OPENAI_MODEL: 'gpt-test-mini', AI_LOCAL_PLAN_ACTIONS_PER_MONTH: '3' }),
    });
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
    await fake.stop();
  });
  beforeEach(() => fake.reset());

  const ask = (payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: guideUrl(owner), headers: as(owner), payload });

  it('P-AI-1 sends only the questionnaire answers and the suggested professionals, with storage off', async () => {
    fake.replies.push({ kind: 'json', value: { whyForYou: WHY } });
    const reply = await ask({ ...FEARFUL_ANSWERS, withAi: true });
    expect(reply.statusCode).toBe(200);
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent?.body).toMatchObject({ store: false, model: 'gpt-test-mini' });
    expect(JSON.parse(String(sent?.body.input))).toEqual({
      answers: {
        situations: FEARFUL_ANSWERS.situations,
        courtCase: FEARFUL_ANSWERS.courtCase,
        goals: FEARFUL_ANSWERS.goals,
        note: FEARFUL_ANSWERS.note,
      },
      suggested: ['domestic-violence-advocate', 'mediator'],
    });
    for (const identifying of [owner.email, owner.userId, owner.workspaceId])
      expect(sent?.raw).not.toContain(identifying);
    expect(sent?.raw).not.toMatch(/"user"|metadata|safety_identifier/);
    // The note is the person's words: never in a log line (P-LOG-1).
    expect(t.logs.join('\n')).not.toContain('school gate');
  });

  it('P-AI-2 shows the paragraph with its prompt version beside the reviewed guide, and saves nothing', async () => {
    fake.replies.push({ kind: 'json', value: { whyForYou: WHY } });
    const guide = (await ask({ ...FEARFUL_ANSWERS, withAi: true })).json<Guide>();
    expect(guide.ai).toEqual({
      status: 'used',
      detail: expect.stringMatching(/written by AI from your answers only/),
      whyForYou: WHY,
      promptVersion: 'role-guide-why-v1',
      provider: 'openai',
      model: 'gpt-test-mini',
    });
    expect(guide.isSaved).toBe(false);
    // Asking without AI calls no provider and counts nothing.
    expect((await ask(SAFE_ANSWERS)).json<Guide>().ai.status).toBe('not-requested');
    expect(fake.requests).toHaveLength(1);
  });

  it('keeps the guide when the provider fails or the month’s AI actions are used up, saying why', async () => {
    fake.replies.push({ kind: 'text', text: '{"whyForYou": ' });
    const broken = await ask({ ...SAFE_ANSWERS, withAi: true });
    expect(broken.statusCode).toBe(200);
    expect(broken.json<Guide>().ai).toEqual({ status: 'unavailable', detail: expect.any(String) });
    expect(broken.json<Guide>().recommendations[0]?.profession).toBe('mediator');
    // Three actions a month on this plan: two were used above, a failure gives its action back.
    fake.defaultReply = { kind: 'json', value: { whyForYou: WHY } };
    expect((await ask({ ...SAFE_ANSWERS, withAi: true })).json<Guide>().ai.status).toBe('used');
    expect((await ask({ ...SAFE_ANSWERS, withAi: true })).json<Guide>().ai.status).toBe('quota-exceeded');
  });
});
