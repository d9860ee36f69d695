import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { GetCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { EXERCISES } from '@holdfast/api/modules/practice/content';
import { SK, tenantPk } from '@holdfast/api/platform/db/keys';
import { listCards } from '@holdfast/api/modules/practice/repo';
import { isDue } from '@holdfast/api/modules/practice/scheduler';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';

/**
 * The due-date index of practice cards: "next" reads the due cards through it (and the
 * catalogue's card summaries), never every card of the person; the index keys are written with
 * the card in the same transaction. Past the due cards it reads, it counts the due ones by the
 * index, so the count does not stop at the page.
 */

jest.setTimeout(120_000);

const DAY_MS = 86_400_000;

/** A correct answer to any shipped exercise, from the content the test imports. */
function correctAnswer(exerciseId: string): Record<string, unknown> {
  const exercise = EXERCISES.get(exerciseId);
  if (exercise?.type === 'multiple-choice')
    return { type: 'multiple-choice', optionId: exercise.options.find((o) => o.isCorrect)?.id ?? 'a' };
  if (exercise?.type === 'written')
    return { type: 'written', text: 'A calm, brief answer.', criteriaMet: exercise.rubric.map((r) => r.id) };
  return { type: 'drill' };
}

describe('practice due-date index', () => {
  let t: TestApp;
  let owner: Session;
  let offsetMs = 0;
  const queries: QueryCommandInput[] = [];
  beforeAll(async () => {
    t = await createTestApp({ overrides: { now: () => new Date(Date.now() + offsetMs) } });
    owner = await signIn(t.app);
    t.app.deps.db.doc.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'QueryCommand') queries.push(args.input as QueryCommandInput);
        return next(args);
      },
      { step: 'initialize', name: 'practiceQueryRecorder' },
    );
  });
  afterAll(async () => {
    await t.app.close();
  });

  const url = (path: string) => `/v1/workspaces/${owner.workspaceId}/practice${path}`;
  const get = (path: string) => t.app.inject({ method: 'GET', url: url(path), headers: as(owner) });
  const post = (path: string, payload: object) =>
    t.app.inject({ method: 'POST', url: url(path), headers: as(owner), payload });
  const travel = async (ms: number) => {
    offsetMs += ms;
    owner = { ...(await signIn(t.app, owner.email)), workspaceId: owner.workspaceId };
  };
  const practise = async (exerciseId: string, selfRating = 'good') => {
    const started = await post('/attempts', { exerciseId });
    expect(started.statusCode).toBe(201);
    const finished = await post(`/attempts/${started.json<{ id: string }>().id}/finish`, {
      answer: correctAnswer(exerciseId),
      selfRating,
    });
    expect(finished.statusCode).toBe(200);
    return finished.json<{ nextDue: string }>().nextDue;
  };
  const readCard = async (exerciseId: string) =>
    (
      await t.app.deps.db.doc.send(
        new GetCommand({
          TableName: t.app.deps.db.mainTable,
          Key: { PK: tenantPk(owner.workspaceId), SK: SK.practiceCard(owner.userId, exerciseId) },
        }),
      )
    ).Item;
  type Next = {
    mode: string;
    dueCount: number;
    items: { kind: string; exercise: { id: string } }[];
  };

  it('writes the index keys with the card, and moves them with every review', async () => {
    const firstDue = await practise('biff-01');
    const card = await readCard('biff-01');
    expect(card?.GSI1SK).toBe(`${firstDue}#biff-01`);
    expect(String(card?.GSI1PK)).toContain(owner.userId);
    await travel(30 * DAY_MS);
    const secondDue = await practise('biff-01');
    expect(secondDue > firstDue).toBe(true);
    expect((await readCard('biff-01'))?.GSI1SK).toBe(`${secondDue}#biff-01`);
  });

  it('next reads due cards through the index, never the whole card prefix, and caps catch-up per day', async () => {
    for (const id of ['biff-02', 'biff-03', 'fno-01']) await practise(id);
    await travel(60 * DAY_MS);
    queries.length = 0;
    const next = await get('/next?limit=5&dailyReviewCap=2');
    expect(next.statusCode).toBe(200);
    const body = next.json<Next>();
    expect(body.dueCount).toBe(4);
    expect(body.mode).toBe('catch-up');
    expect(body.items.filter((item) => item.kind === 'review')).toHaveLength(2);
    const cardPrefixReads = queries.filter((q) =>
      JSON.stringify(q.ExpressionAttributeValues ?? {}).includes('#CARD#'),
    );
    expect(cardPrefixReads).toEqual([]);
    expect(queries.some((q) => q.IndexName === 'GSI1')).toBe(true);
  });

  it('with nothing due and no new exercise left for today, offers the soonest cards ahead of time', async () => {
    const fresh = [...EXERCISES.values()].filter((e) => e.skillId === 'de-escalation').slice(0, 5);
    // Ten new exercises today use up the daily allowance of new ones (the four reviews above are done too).
    for (const id of ['biff-01', 'biff-02', 'biff-03', 'fno-01']) await practise(id, 'easy');
    const more = [...EXERCISES.values()].filter((e) => e.skillId === 'ethics-vignettes').slice(0, 5);
    for (const exercise of [...fresh, ...more]) await practise(exercise.id, 'easy');
    const body = (await get('/next?limit=3')).json<Next>();
    expect(body.dueCount).toBe(0);
    expect(body.items).toHaveLength(3);
    for (const item of body.items) expect(item.kind).toBe('ahead');
  });

  it('counts every due card past the page it reads, by the index, exactly', async () => {
    const known = new Set(
      (await listCards(t.app.deps.db, owner.workspaceId, owner.userId)).map((c) => c.exerciseId),
    );
    const fresh = [...EXERCISES.values()].filter((e) => !known.has(e.id)).slice(0, 30);
    expect(fresh).toHaveLength(30);
    for (const exercise of fresh) await practise(exercise.id);
    await travel(400 * DAY_MS);
    const now = t.app.deps.now();
    const cards = await listCards(t.app.deps.db, owner.workspaceId, owner.userId);
    const dueInAll = cards.filter((card) => isDue(card, now)).length;
    // More are due than "next" reads (at least 25 cards a pick), so the count is the index's.
    expect(dueInAll).toBeGreaterThan(25);
    queries.length = 0;
    const body = (await get('/next?limit=1&dailyReviewCap=2')).json<
      Next & { heldBackCount: number; isDueCountLowerBound: boolean }
    >();
    expect(body.dueCount).toBe(dueInAll);
    expect(body.isDueCountLowerBound).toBe(false);
    expect(body.heldBackCount).toBe(dueInAll - 2);
    expect(body.mode).toBe('catch-up');
    expect(queries.some((q) => q.IndexName === 'GSI1' && q.Select === 'COUNT')).toBe(true);
  });
});
