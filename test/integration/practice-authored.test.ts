// A workspace's own practice skills and exercises against the real embedded stack: owners and
// admins write them under the shipped content's rules, members practise them beside the shipped
// catalogue, edits are versioned, archived ones are no longer offered, and no other workspace
// sees them.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getExercise } from '@holdfast/api/modules/practice/authored-repo';
import { practiceData } from '@holdfast/api/modules/practice/data';
import { OWN_FIRST } from '@holdfast/api/modules/practice/recommend';
import { purgeAccount } from '@holdfast/api/modules/privacy/purge';
import { addMember, as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

type OwnSkill = { id: string; title: string; isArchived: boolean; version: number };
type OwnExercise = {
  id: string;
  skillId: string;
  contentVersion: number;
  isArchived: boolean;
  version: number;
  exercise: { type: string; title: string };
};
type Problem = { status: number; code: string; errors?: { field: string; message: string }[] };

const DAY_MS = 86_400_000;
const SKILL = { area: 'clinician', title: 'Intake calls', summary: 'How our clinic answers a first call.' };
const CHOICE = {
  type: 'multiple-choice',
  title: 'Opening the call',
  prompt: 'A caller asks whether they are in the right place. What do you say first?',
  options: [
    {
      id: 'a',
      text: 'Our name, yours, and how you can help.',
      isCorrect: true,
      explanation: 'Orients them.',
    },
    { id: 'b', text: 'Ask for their insurance number.', isCorrect: false, explanation: 'Too soon.' },
  ],
};
const WRITTEN = {
  type: 'written',
  title: 'Taking a message',
  prompt: 'Write the message you leave for a clinician after a caller asks for a call back.',
  rubric: [
    { id: 'when', text: 'Says when to call back.', points: 1 },
    { id: 'no-phi', text: 'Holds no health details.', points: 2 },
  ],
  modelAnswer: 'Please call J. back today before 5 pm on the number in the file.',
};
const DRILL = {
  type: 'drill',
  title: 'Hold music check',
  prompt: 'Practise putting a caller on hold.',
  steps: ['Ask first.', 'Say how long.'],
  tip: 'Come back within a minute.',
};

describe('practice: a workspace’s own skills and exercises', () => {
  let t: TestApp;
  let owner: Session;
  let member: Session;
  let outsider: Session;
  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_TTL_DAYS: '90' } });
    owner = await signIn(t.app);
    member = await addMember(t.app, owner, 'member');
    outsider = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  const url = (path: string, session: Session) => `/v1/workspaces/${session.workspaceId}/practice${path}`;
  const send = (
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    payload?: unknown,
    session = owner,
    as_ = session,
  ) =>
    t.app.inject({
      method,
      url: url(path, session),
      headers: as(as_),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });
  const createSkill = async () => {
    const reply = await send('POST', '/own/skills', SKILL);
    expect(reply.statusCode).toBe(201);
    return reply.json<OwnSkill>();
  };
  const createExercise = async (skillId: string, exercise: unknown) => {
    const reply = await send('POST', `/own/skills/${skillId}/exercises`, { exercise });
    expect(reply.statusCode).toBe(201);
    return reply.json<OwnExercise>();
  };

  it('an owner adds a skill and exercises of the three types; members see them beside the shipped skills and practise them', async () => {
    const skill = await createSkill();
    expect(skill).toMatchObject({ ...SKILL, isArchived: false, version: 1 });
    expect(skill.id).toMatch(/^own-[a-z0-9]+$/);
    const choice = await createExercise(skill.id, CHOICE);
    await createExercise(skill.id, WRITTEN);
    await createExercise(skill.id, DRILL);
    expect(choice).toMatchObject({ skillId: skill.id, contentVersion: 1, exercise: { id: choice.id } });

    const skills = (await send('GET', '/skills', undefined, owner, member)).json<{
      items: { id: string; exerciseCount: number }[];
    }>().items;
    expect(skills.length).toBeGreaterThan(7);
    expect(skills.at(-1)).toMatchObject({ id: skill.id, exerciseCount: 3 });
    const listed = (await send('GET', `/skills/${skill.id}/exercises`, undefined, owner, member)).json<{
      items: { id: string; type: string }[];
    }>().items;
    expect(listed.map((e) => e.type)).toEqual(['multiple-choice', 'written', 'drill']);
    // Before answering a member sees no answers, as with shipped exercises.
    expect(JSON.stringify(listed)).not.toMatch(/isCorrect|explanation|modelAnswer/);

    const started = await send('POST', '/attempts', { exerciseId: choice.id }, owner, member);
    expect(started.statusCode).toBe(201);
    const finished = await send(
      'POST',
      `/attempts/${started.json<{ id: string }>().id}/finish`,
      { answer: { type: 'multiple-choice', optionId: 'a' }, selfRating: 'good' },
      owner,
      member,
    );
    expect(finished.statusCode).toBe(200);
    expect(finished.json<{ attempt: { score: number } }>().attempt.score).toBe(1);
    // An assessment of the workspace's skill sets its scored exercises (not the drill).
    const assessment = await send('POST', '/assessments', { skillId: skill.id }, owner, member);
    expect(assessment.statusCode).toBe(201);
    expect(assessment.json<{ exercises: unknown[] }>().exercises).toHaveLength(2);
  });

  it('refuses content that breaks the shipped content’s rules with 400 naming the field', async () => {
    const skill = await createSkill();
    const cases: [unknown, string][] = [
      [{ ...CHOICE, options: CHOICE.options.map((o) => ({ ...o, isCorrect: true })) }, '/exercise/options'],
      [{ ...CHOICE, options: [CHOICE.options[0]] }, 'options'],
      [
        { ...CHOICE, options: [{ ...CHOICE.options[0], explanation: undefined }, CHOICE.options[1]] },
        'explanation',
      ],
      [{ ...CHOICE, title: '   ' }, 'title'],
      [{ ...CHOICE, prompt: 'x'.repeat(2001) }, 'prompt'],
      [
        {
          ...WRITTEN,
          rubric: Array.from({ length: 9 }, (_, i) => ({ id: `c${i}`, text: 'A point.', points: 1 })),
        },
        'rubric',
      ],
      [{ ...WRITTEN, rubric: [WRITTEN.rubric[0], WRITTEN.rubric[0]] }, '/exercise/rubric'],
      [{ ...DRILL, steps: [] }, 'steps'],
      [{ ...DRILL, type: 'essay' }, 'type'],
    ];
    for (const [exercise, field] of cases) {
      const reply = await send('POST', `/own/skills/${skill.id}/exercises`, { exercise });
      expect({ field, status: reply.statusCode }).toEqual({ field, status: 400 });
      expect(JSON.stringify(reply.json<Problem>())).toContain(field);
    }
    for (const [body, field] of [
      [{ ...SKILL, title: ' ' }, 'title'],
      [{ ...SKILL, area: 'law' }, 'area'],
      [{ ...SKILL, id: 'biff-replies' }, 'body'],
    ] as const) {
      const reply = await send('POST', '/own/skills', body);
      expect({ field, status: reply.statusCode }).toEqual({ field, status: 400 });
    }
  });

  it('P-ISO-3 only owners and admins write content; members and viewers get 403', async () => {
    const viewer = await addMember(t.app, owner, 'viewer');
    const admin = await addMember(t.app, owner, 'admin');
    for (const session of [member, viewer])
      expect((await send('POST', '/own/skills', SKILL, owner, session)).statusCode).toBe(403);
    expect((await send('POST', '/own/skills', SKILL, owner, admin)).statusCode).toBe(201);
  });

  it('edits are versioned: a stale version gets 409 and an edit raises the content version', async () => {
    const skill = await createSkill();
    const exercise = await createExercise(skill.id, CHOICE);
    const edited = await send('PUT', `/own/exercises/${exercise.id}`, {
      exercise: { ...CHOICE, title: 'Opening a first call' },
      isArchived: false,
      version: 1,
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<OwnExercise>()).toMatchObject({ version: 2, contentVersion: 2 });
    const stale = await send('PUT', `/own/exercises/${exercise.id}`, {
      exercise: CHOICE,
      isArchived: false,
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const renamed = await send('PUT', `/own/skills/${skill.id}`, {
      ...SKILL,
      title: 'First calls',
      isArchived: false,
      version: 1,
    });
    expect(renamed.json<OwnSkill>()).toMatchObject({ title: 'First calls', version: 2 });
    expect(
      (await send('PUT', `/own/skills/${skill.id}`, { ...SKILL, isArchived: false, version: 1 })).statusCode,
    ).toBe(409);
    // A shipped skill is not the workspace's to edit.
    expect(
      (await send('PUT', '/own/skills/biff-replies', { ...SKILL, isArchived: false, version: 1 })).statusCode,
    ).toBe(404);
  });

  it('archived content is no longer offered, but an attempt begun before can be finished and is kept', async () => {
    const skill = await createSkill();
    const exercise = await createExercise(skill.id, WRITTEN);
    const attempt = (await send('POST', '/attempts', { exerciseId: exercise.id })).json<{ id: string }>();
    const archived = await send('PUT', `/own/exercises/${exercise.id}`, {
      exercise: WRITTEN,
      isArchived: true,
      version: 1,
    });
    expect(archived.json<OwnExercise>()).toMatchObject({ isArchived: true, contentVersion: 1 });
    expect((await send('POST', '/attempts', { exerciseId: exercise.id })).statusCode).toBe(404);
    expect((await send('GET', `/exercises/${exercise.id}`)).statusCode).toBe(404);
    const finished = await send('POST', `/attempts/${attempt.id}/finish`, {
      answer: { type: 'written', text: 'Call back before 5 pm.', criteriaMet: ['when'] },
      selfRating: 'good',
    });
    expect(finished.statusCode).toBe(200);
    expect(finished.json<{ attempt: { score: number } }>().attempt.score).toBeCloseTo(1 / 3);
    await send('PUT', `/own/skills/${skill.id}`, { ...SKILL, isArchived: true, version: 1 });
    const skills = (await send('GET', '/skills')).json<{ items: { id: string }[] }>().items;
    expect(skills.map((s) => s.id)).not.toContain(skill.id);
    expect((await send('GET', `/skills/${skill.id}/exercises`)).statusCode).toBe(404);
    // The authors still see it, archived.
    const own = (await send('GET', '/own/skills')).json<{ skills: OwnSkill[]; exercises: OwnExercise[] }>();
    expect(own.skills.find((s) => s.id === skill.id)?.isArchived).toBe(true);
    expect(own.exercises.find((e) => e.id === exercise.id)?.isArchived).toBe(true);
  });

  it('P-ISO-1 another workspace never sees them: 404 for every route, and its own lists do not hold them', async () => {
    const skill = await createSkill();
    const exercise = await createExercise(skill.id, CHOICE);
    // The outsider in the owner's workspace: not a member.
    expect((await send('GET', '/own/skills', undefined, owner, outsider)).statusCode).toBe(404);
    expect((await send('GET', `/skills/${skill.id}/exercises`, undefined, owner, outsider)).statusCode).toBe(
      404,
    );
    // The outsider in their own workspace, naming the owner's ids.
    expect((await send('GET', `/exercises/${exercise.id}`, undefined, outsider)).statusCode).toBe(404);
    expect((await send('GET', `/skills/${skill.id}/exercises`, undefined, outsider)).statusCode).toBe(404);
    expect((await send('POST', '/attempts', { exerciseId: exercise.id }, outsider)).statusCode).toBe(404);
    expect((await send('POST', '/assessments', { skillId: skill.id }, outsider)).statusCode).toBe(404);
    expect(
      (
        await send(
          'PUT',
          `/own/exercises/${exercise.id}`,
          { exercise: CHOICE, isArchived: true, version: 1 },
          outsider,
        )
      ).statusCode,
    ).toBe(404);
    expect(
      (await send('PUT', `/own/skills/${skill.id}`, { ...SKILL, isArchived: true, version: 1 }, outsider))
        .statusCode,
    ).toBe(404);
    const theirs = (await send('GET', '/skills', undefined, outsider)).json<{ items: { id: string }[] }>()
      .items;
    expect(theirs.some((s) => s.id.startsWith('own-'))).toBe(false);
    expect((await getExercise(t.app.deps.db, owner.workspaceId, exercise.id))?.isArchived).toBe(false);
  });

  it('a member is recommended the workspace’s own exercise first among equally new skills, and sees its skill in progress', async () => {
    const clinic = await signIn(t.app);
    const learner = await addMember(t.app, clinic, 'member');
    const skill = (await send('POST', '/own/skills', SKILL, clinic)).json<OwnSkill>();
    const exercise = (
      await send('POST', `/own/skills/${skill.id}/exercises`, { exercise: CHOICE }, clinic)
    ).json<OwnExercise>();
    type Next = { items: { kind: string; reason: string; exercise: { id: string } }[] };
    const next = (await send('GET', '/next?limit=3', undefined, clinic, learner)).json<Next>();
    expect(next.items[0]).toMatchObject({ kind: 'new', exercise: { id: exercise.id } });
    expect(next.items[0]?.reason).toContain(SKILL.title);
    // Equally weak as the shipped skills (nothing done yet): the tie-break is said in the reason.
    expect(next.items[0]?.reason).toContain(OWN_FIRST);

    const started = await send('POST', '/attempts', { exerciseId: exercise.id }, clinic, learner);
    await send(
      'POST',
      `/attempts/${started.json<{ id: string }>().id}/finish`,
      { answer: { type: 'multiple-choice', optionId: 'a' }, selfRating: 'good' },
      clinic,
      learner,
    );
    // Done once, it is known: the next new exercise comes from another skill.
    const after = (await send('GET', '/next?limit=3', undefined, clinic, learner)).json<Next>();
    expect(after.items.map((item) => item.exercise.id)).not.toContain(exercise.id);
    type Progress = {
      skills: { skillId: string; title: string; exercisesStarted: number; exerciseCount: number }[];
    };
    const progress = (await send('GET', '/progress', undefined, clinic, learner)).json<Progress>();
    expect(progress.skills.find((s) => s.skillId === skill.id)).toMatchObject({
      title: SKILL.title,
      exercisesStarted: 1,
      exerciseCount: 1,
    });
    // Another workspace's learner is offered nothing of it.
    const theirs = (await send('GET', '/next?limit=3', undefined, outsider)).json<Next>();
    expect(theirs.items.some((item) => item.exercise.id.startsWith('own-'))).toBe(false);
  });

  it('P-RIGHT-1 every member’s export holds the workspace’s own content; P-RIGHT-3 the workspace purge removes it', async () => {
    const skill = await createSkill();
    const exercise = await createExercise(skill.id, DRILL);
    const scope = {
      tenantId: owner.workspaceId,
      userId: member.userId,
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
    expect((await rowsOf('practice-own-skills')).map((r) => r.id)).toContain(skill.id);
    expect((await rowsOf('practice-own-exercises')).map((r) => r.id)).toContain(exercise.id);

    let offsetMs = 0;
    const purging = await createTestApp({
      env: { SESSION_TTL_DAYS: '90' },
      overrides: { now: () => new Date(Date.now() + offsetMs) },
    });
    try {
      const leaving = await signIn(purging.app);
      const created = await purging.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${leaving.workspaceId}/practice/own/skills`,
        headers: as(leaving),
        payload: SKILL,
      });
      const added = await purging.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${leaving.workspaceId}/practice/own/skills/${created.json<OwnSkill>().id}/exercises`,
        headers: as(leaving),
        payload: { exercise: DRILL },
      });
      const { id } = added.json<OwnExercise>();
      expect(await getExercise(purging.app.deps.db, leaving.workspaceId, id)).toBeDefined();
      const deletion = await purging.app.inject({
        method: 'POST',
        url: '/v1/account/deletion',
        headers: as(leaving),
        payload: { confirmation: 'DELETE' },
      });
      expect(deletion.statusCode).toBe(202);
      offsetMs = 31 * DAY_MS;
      expect(await purgeAccount(purging.app.deps, leaving.userId)).toBe('purged');
      expect(await getExercise(purging.app.deps.db, leaving.workspaceId, id)).toBeUndefined();
    } finally {
      await purging.app.close();
    }
  });
});
