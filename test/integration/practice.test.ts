import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { practiceData } from '@holdfast/api/modules/practice/data';
import { addMember, as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type Attempt = {
  id: string;
  exerciseId: string;
  skillId: string;
  startedAt: string;
  endedAt?: string;
  durationSeconds?: number;
  score?: number | null;
  selfRating?: string;
  version: number;
};
type Exercise = {
  id: string;
  type: string;
  options?: { id: string; text: string }[];
  rubric?: { id: string; points: number }[];
};
type Assessment = {
  id: string;
  exerciseIds: string[];
  state: string;
  score?: number;
  isLate?: boolean;
  results?: { exerciseId: string; score: number }[];
};

describe('practice', () => {
  let t: TestApp;
  let owner: Session;
  let outsider: Session;
  // The test moves the app's clock forward to check durations, deadlines and schedules.
  let offsetMs = 0;
  beforeAll(async () => {
    t = await createTestApp({ overrides: { now: () => new Date(Date.now() + offsetMs) } });
    owner = await signIn(t.app);
    outsider = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  /** Moves the clock on; sessions expire across long jumps, so both people sign in again. */
  const travel = async (ms: number) => {
    offsetMs += ms;
    owner = { ...(await signIn(t.app, owner.email)), workspaceId: owner.workspaceId };
    outsider = { ...(await signIn(t.app, outsider.email)), workspaceId: outsider.workspaceId };
  };

  const url = (path: string, session: Session = owner) =>
    `/v1/workspaces/${session.workspaceId}/practice${path}`;
  const get = (path: string, session: Session = owner) =>
    t.app.inject({ method: 'GET', url: url(path, session), headers: as(session) });
  const post = (path: string, payload: unknown, session: Session = owner) =>
    t.app.inject({
      method: 'POST',
      url: url(path, session),
      headers: as(session),
      payload: payload as object,
    });

  const start = async (exerciseId: string, session: Session = owner) => {
    const response = await post('/attempts', { exerciseId }, session);
    expect(response.statusCode).toBe(201);
    return response.json<Attempt>();
  };

  it('lists skills and shows exercises without giving the answers away', async () => {
    const skills = await get('/skills');
    expect(skills.statusCode).toBe(200);
    const items = skills.json<{ items: { id: string; exerciseCount: number }[] }>().items;
    expect(items.length).toBeGreaterThanOrEqual(6);
    const exercises = (await get('/skills/biff-replies/exercises')).json<{ items: Exercise[] }>().items;
    expect(exercises.length).toBe(items.find((s) => s.id === 'biff-replies')?.exerciseCount);
    const body = JSON.stringify(exercises);
    expect(body).not.toContain('isCorrect');
    expect(body).not.toContain('explanation');
    expect(body).not.toContain('modelAnswer');
    expect((await get('/exercises/biff-06')).json<Exercise>().rubric?.length).toBeGreaterThan(0);
    expect((await get('/exercises/no-such-exercise')).statusCode).toBe(404);
    expect((await get('/skills/no-such-skill/exercises')).statusCode).toBe(404);
  });

  it('logs an attempt: start, end, duration, answer, score, self-rating, feedback and the next review', async () => {
    const attempt = await start('biff-01');
    expect(attempt.endedAt).toBeUndefined();
    offsetMs += 42_000;
    const finished = await post(`/attempts/${attempt.id}/finish`, {
      answer: { type: 'multiple-choice', optionId: 'b' },
      selfRating: 'good',
    });
    expect(finished.statusCode).toBe(200);
    const body = finished.json<{
      attempt: Attempt;
      feedback: { correctOptionId: string; options: { explanation: string }[] };
      nextDue: string;
    }>();
    expect(body.attempt).toMatchObject({ score: 1, selfRating: 'good', exerciseId: 'biff-01', version: 2 });
    expect(body.attempt.durationSeconds).toBeGreaterThanOrEqual(41);
    expect(body.attempt.durationSeconds).toBeLessThan(60);
    expect(body.feedback.correctOptionId).toBe('b');
    expect(body.feedback.options).toHaveLength(3);
    expect(Date.parse(body.nextDue)).toBeGreaterThan(Date.now() + offsetMs);

    const again = await post(`/attempts/${attempt.id}/finish`, {
      answer: { type: 'multiple-choice', optionId: 'a' },
      selfRating: 'easy',
    });
    expect(again.statusCode).toBe(409);

    const read = await get(`/attempts/${attempt.id}`);
    expect(read.json<Attempt>()).toMatchObject({ id: attempt.id, score: 1, selfRating: 'good' });
  });

  it('scores a written answer against the rubric criteria ticked, and a drill by its self-rating only', async () => {
    const written = await start('biff-06');
    const scored = await post(`/attempts/${written.id}/finish`, {
      answer: {
        type: 'written',
        text: 'Yes, I will take Mia Thursday at 4:30. Thanks.',
        criteriaMet: ['brief', 'answers'],
      },
      selfRating: 'hard',
    });
    expect(scored.statusCode).toBe(200);
    // brief (1) + answers (2) of 7 points.
    expect(scored.json<{ attempt: Attempt }>().attempt.score).toBeCloseTo(3 / 7, 5);
    expect(scored.json<{ feedback: { modelAnswer: string } }>().feedback.modelAnswer).toMatch(/Thursday/);

    const drill = await start('biff-08');
    const done = await post(`/attempts/${drill.id}/finish`, {
      answer: { type: 'drill' },
      selfRating: 'easy',
    });
    expect(done.json<{ attempt: Attempt }>().attempt).toMatchObject({ score: null, selfRating: 'easy' });
  });

  it('answers 400, never 500, to bad input, naming the field', async () => {
    const attempt = await start('biff-02');
    const bad: [string, unknown][] = [
      ['/attempts', { exerciseId: 'BAD ID!' }],
      ['/attempts', { exerciseId: 'biff-01', extra: true }],
      ['/attempts', {}],
      [
        `/attempts/${attempt.id}/finish`,
        { answer: { type: 'multiple-choice', optionId: 'z' }, selfRating: 'good' },
      ],
      [
        `/attempts/${attempt.id}/finish`,
        { answer: { type: 'written', text: 'x', criteriaMet: [] }, selfRating: 'good' },
      ],
      [
        `/attempts/${attempt.id}/finish`,
        { answer: { type: 'multiple-choice', optionId: 'a' }, selfRating: 'great' },
      ],
      [
        `/attempts/${attempt.id}/finish`,
        { answer: { type: 'multiple-choice', optionId: 'a' }, selfRating: 'good', desiredRetention: 2 },
      ],
      [`/attempts/${attempt.id}/finish`, { answer: { type: 'multiple-choice' }, selfRating: 'good' }],
      ['/assessments', { skillId: 'x'.repeat(65) }],
    ];
    for (const [path, payload] of bad) {
      const response = await post(path, payload);
      expect({ path, payload, status: response.statusCode }).toEqual({ path, payload, status: 400 });
    }
    const whitespace = await start('biff-07');
    const blank = await post(`/attempts/${whitespace.id}/finish`, {
      answer: { type: 'written', text: '   \n ', criteriaMet: [] },
      selfRating: 'good',
    });
    expect(blank.statusCode).toBe(400);
    const unknownCriterion = await post(`/attempts/${whitespace.id}/finish`, {
      answer: { type: 'written', text: 'An answer.', criteriaMet: ['not-a-criterion'] },
      selfRating: 'good',
    });
    expect(unknownCriterion.statusCode).toBe(400);
    expect(JSON.stringify(unknownCriterion.json())).toContain('/answer/criteriaMet');
    expect((await get('/attempts?limit=0')).statusCode).toBe(400);
    expect((await get('/next?limit=21')).statusCode).toBe(400);
    expect((await get('/attempts?cursor=not-a-cursor')).statusCode).toBe(400);
    expect(
      (
        await post('/attempts/01ARZ3NDEKTSV4RRFFQ69G5FAV/finish', {
          answer: { type: 'drill' },
          selfRating: 'good',
        })
      ).statusCode,
    ).toBe(404);
    expect((await post('/attempts', { exerciseId: 'no-such-exercise' })).statusCode).toBe(404);
  });

  it('lists the practice history newest first, by skill, page by page', async () => {
    const all = (await get('/attempts?limit=2')).json<{ items: Attempt[]; nextCursor?: string }>();
    expect(all.items).toHaveLength(2);
    expect((all.items[0]?.startedAt ?? '') >= (all.items[1]?.startedAt ?? '')).toBe(true);
    expect(all.nextCursor).toBeDefined();
    const next = await get(`/attempts?limit=2&cursor=${encodeURIComponent(all.nextCursor ?? '')}`);
    expect(next.statusCode).toBe(200);
    const ids = new Set(all.items.map((a) => a.id));
    for (const a of next.json<{ items: Attempt[] }>().items) expect(ids.has(a.id)).toBe(false);
    const skill = (await get('/attempts?skillId=neutral-incident-writing')).json<{ items: Attempt[] }>();
    expect(skill.items).toEqual([]);
  });

  it('recommends what to do next with a reason, and reviews come back when due', async () => {
    const next = await get('/next?limit=5');
    expect(next.statusCode).toBe(200);
    const body = next.json<{ mode: string; items: { exercise: Exercise; kind: string; reason: string }[] }>();
    expect(body.mode).toBe('regular');
    expect(body.items.length).toBe(5);
    for (const item of body.items) expect(item.reason.length).toBeGreaterThan(10);
    expect(body.items[0]?.kind).toBe('new');
    // A month later, the exercises done are due again and come first.
    await travel(30 * 86_400_000);
    const later = (await get('/next?limit=5')).json<{
      items: { exercise: Exercise; kind: string; reason: string }[];
    }>();
    expect(later.items[0]?.kind).toBe('review');
    expect(later.items[0]?.reason).toMatch(/^Due for review/);
  });

  it('runs a timed assessment, keeps the result and turns it into mastery; a late one does not count', async () => {
    const started = await post('/assessments', { skillId: 'facts-not-opinions' });
    expect(started.statusCode).toBe(201);
    const { assessment, exercises } = started.json<{ assessment: Assessment; exercises: Exercise[] }>();
    expect(exercises.map((e) => e.id)).toEqual(assessment.exerciseIds);
    expect(exercises.every((e) => e.type !== 'drill')).toBe(true);
    expect(JSON.stringify(exercises)).not.toContain('isCorrect');

    // Answers are read from the content the test imports: all correct, full rubric.
    const { EXERCISES } = await import('@holdfast/api/modules/practice/content');
    const answers = assessment.exerciseIds.map((id) => {
      const exercise = EXERCISES.get(id);
      if (exercise?.type === 'multiple-choice')
        return {
          exerciseId: id,
          answer: { type: 'multiple-choice', optionId: exercise.options.find((o) => o.isCorrect)?.id },
        };
      if (exercise?.type === 'written')
        return {
          exerciseId: id,
          answer: { type: 'written', text: 'My answer.', criteriaMet: exercise.rubric.map((c) => c.id) },
        };
      throw new Error('assessments hold no drills');
    });
    const outside = await post(`/assessments/${assessment.id}/submit`, {
      answers: [{ exerciseId: 'biff-01', answer: { type: 'multiple-choice', optionId: 'b' } }],
    });
    expect(outside.statusCode).toBe(400);
    const twice = await post(`/assessments/${assessment.id}/submit`, { answers: [answers[0], answers[0]] });
    expect(twice.statusCode).toBe(400);

    const submitted = await post(`/assessments/${assessment.id}/submit`, { answers });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json<Assessment>()).toMatchObject({ state: 'completed', score: 1, isLate: false });
    expect((await post(`/assessments/${assessment.id}/submit`, { answers })).statusCode).toBe(409);

    const progress = (await get('/progress')).json<{ skills: { skillId: string; level: string }[] }>();
    expect(progress.skills.find((s) => s.skillId === 'facts-not-opinions')?.level).toBe('proficient');

    // A second perfect result on another day, but late: kept, not counted.
    await travel(86_400_000);
    const late = (await post('/assessments', { skillId: 'facts-not-opinions' })).json<{
      assessment: Assessment;
    }>();
    await travel(2 * 3_600_000);
    const lateResult = await post(`/assessments/${late.assessment.id}/submit`, { answers: [] });
    expect(lateResult.json<Assessment>()).toMatchObject({ isLate: true, score: 0 });
    const list = (await get('/assessments?skillId=facts-not-opinions')).json<{ items: Assessment[] }>();
    expect(list.items.map((a) => a.id)).toEqual([late.assessment.id, assessment.id]);
    const after = (await get('/progress')).json<{ skills: { skillId: string; level: string }[] }>();
    expect(after.skills.find((s) => s.skillId === 'facts-not-opinions')?.level).toBe('proficient');
  });

  it('shows progress: mastery per skill, active days in the last 28 (no streak), weekly activity, retention', async () => {
    const progress = await get('/progress');
    expect(progress.statusCode).toBe(200);
    const body = progress.json<{
      skills: { skillId: string; level: string; exercisesStarted: number }[];
      activeDaysLast28: number;
      weeks: { attempts: number; minutes: number }[];
      retention: { cards: number; now: number; in30Days: number };
    }>();
    expect(body.skills.find((s) => s.skillId === 'biff-replies')).toMatchObject({
      level: 'attempted',
      exercisesStarted: 3,
    });
    expect(body.weeks).toHaveLength(8);
    expect(body.weeks.reduce((sum, w) => sum + w.attempts, 0)).toBe(3);
    // The three attempts were a month ago: no active day in the last 28, and nothing was lost for it.
    expect(body.activeDaysLast28).toBe(0);
    expect(body.retention.cards).toBe(3);
    expect(body.retention.in30Days).toBeLessThan(body.retention.now);
  });

  it('P-ISO-1 another workspace gets 404, and a colleague in the same workspace never sees your practice', async () => {
    const mine = (await get('/attempts')).json<{ items: Attempt[] }>().items[0];
    expect(mine).toBeDefined();
    const foreign = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/practice/attempts`,
      headers: as(outsider),
    });
    expect(foreign.statusCode).toBe(404);
    const foreignFinish = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/practice/attempts/${mine?.id ?? ''}/finish`,
      headers: as(outsider),
      payload: { answer: { type: 'drill' }, selfRating: 'good' },
    });
    expect(foreignFinish.statusCode).toBe(404);

    const colleague = await addMember(t.app, owner, 'viewer');
    expect((await get(`/attempts/${mine?.id ?? ''}`, colleague)).statusCode).toBe(404);
    expect((await get('/attempts', colleague)).json<{ items: Attempt[] }>().items).toEqual([]);
    // Viewers practise too: it is their own.
    await start('dee-01', colleague);
  });

  it('P-RIGHT-1 the export holds the person’s own practice; P-RIGHT-4 the purge removes it from workspaces they do not own', async () => {
    const person = await addMember(t.app, owner, 'member');
    const attempt = await start('eth-01', person);
    await post(
      `/attempts/${attempt.id}/finish`,
      { answer: { type: 'multiple-choice', optionId: 'a' }, selfRating: 'good' },
      person,
    );
    await post('/assessments', { skillId: 'ethics-vignettes' }, person);

    const scope = {
      tenantId: owner.workspaceId,
      userId: person.userId,
      role: 'member' as const,
      workspaceName: 'w',
    };
    const tables = practiceData.exportWorkspace?.(t.app.deps, scope) ?? [];
    const rowsOf = async (name: string) => {
      const rows: Record<string, unknown>[] = [];
      const table = tables.find((tb) => tb.name === name);
      if (table === undefined) throw new Error(`no ${name} table`);
      for await (const row of table.rows()) rows.push(row);
      return rows;
    };
    expect((await rowsOf('practice-attempts')).map((r) => r.id)).toEqual([attempt.id]);
    expect(await rowsOf('practice-assessments')).toHaveLength(1);
    expect((await rowsOf('practice-schedule')).map((r) => r.exerciseId)).toEqual(['eth-01']);

    await practiceData.purgeUser?.(t.app.deps, person.userId);
    expect(await rowsOf('practice-attempts')).toEqual([]);
    expect(await rowsOf('practice-assessments')).toEqual([]);
    expect(await rowsOf('practice-schedule')).toEqual([]);
    // The owner's practice in the same workspace is untouched.
    expect((await get('/attempts')).json<{ items: Attempt[] }>().items.length).toBeGreaterThan(0);
  });
});
