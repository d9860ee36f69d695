import { describe, expect, it, jest } from '@jest/globals';
import { isOwn, readOfferedCatalogue } from '@holdfast/api/modules/practice/catalogue';
import { EXERCISES } from '@holdfast/api/modules/practice/content';
import type { MasteryLevel } from '@holdfast/api/modules/practice/mastery';
import { recommendNext } from '@holdfast/api/modules/practice/recommend';
import { listCards } from '@holdfast/api/modules/practice/repo';
import { seeded, usePracticeHistory } from '../support/practice-history.js';

/**
 * "Next" reads a few bounded key ranges (the due cards, the catalogue's card summaries and skill
 * tallies, which hold what mastery needs of the assessments) instead of every card, attempt and
 * assessment. For generated histories, regular days and a catch-up after a break, its answer
 * equals the recommendation computed from every card and the mastery progress computes from the
 * attempts and assessments: the same items, in the same order, with the same reasons, mode and
 * counts. The two skills hold 18 exercises, fewer than the due cards "next" reads (twice what a
 * day offers, at least 25): beyond that read catch-up ranks the longest-waiting ones read, and
 * the due count comes from the index (practice-due-index.test.ts).
 */

jest.setTimeout(240_000);

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const SKILLS = ['facts-not-opinions', 'de-escalation'];

type Next = {
  mode: string;
  dueCount: number;
  heldBackCount: number;
  reviewsLeftToday: number;
  items: { kind: string; reason: string; retrievability?: number; exercise: { id: string } }[];
};
type Progress = { skills: { skillId: string; title: string; level: MasteryLevel }[] };

describe('practice next from bounded reads', () => {
  const history = usePracticeHistory();
  const { request } = history;

  /** What "next" would say if it read every card, and mastery as progress reads it (attempts). */
  async function recommendFromEverything(limit: number, dailyReviewCap: number) {
    const { deps } = history.app;
    const { owner } = history;
    const now = deps.now();
    const [cards, catalogue, progress] = await Promise.all([
      listCards(deps.db, owner.workspaceId, owner.userId),
      readOfferedCatalogue(deps, owner.workspaceId),
      request('GET', '/progress').then((reply) => reply.json<Progress>()),
    ]);
    const offered = cards.filter((card) => catalogue.exercises.has(card.exerciseId));
    const today = now.toISOString().slice(0, 10);
    const touched = offered.filter((card) => card.lastReview?.slice(0, 10) === today);
    const result = recommendNext({
      now,
      cards: offered,
      exercises: [...catalogue.exercises.values()],
      skills: progress.skills.map((skill, order) => ({
        skillId: skill.skillId,
        title: skill.title,
        order,
        level: skill.level,
        isOwn: isOwn(skill.skillId),
      })),
      reviewedToday: touched.filter((card) => card.reps > 1).length,
      introducedToday: touched.filter((card) => card.reps === 1).length,
      limit,
      dailyReviewCap,
    });
    return {
      mode: result.mode,
      dueCount: result.dueCount,
      heldBackCount: result.heldBackCount,
      reviewsLeftToday: result.reviewsLeftToday,
      items: result.items.map((item) => ({
        id: item.exerciseId,
        kind: item.kind,
        reason: item.reason,
        retrievability: item.retrievability,
      })),
    };
  }

  async function expectSamePick(limit: number, dailyReviewCap: number): Promise<Next> {
    history.queries.length = 0;
    const reply = await request('GET', `/next?limit=${limit}&dailyReviewCap=${dailyReviewCap}`);
    expect(reply.statusCode).toBe(200);
    const next = reply.json<Next>();
    // Only key ranges and the due-date index: no partition walk, no card or attempt prefix.
    expect(history.queries.filter((q) => (q.KeyConditionExpression ?? '').includes('begins_with'))).toEqual(
      [],
    );
    const expected = await recommendFromEverything(limit, dailyReviewCap);
    expect({
      mode: next.mode,
      dueCount: next.dueCount,
      heldBackCount: next.heldBackCount,
      reviewsLeftToday: next.reviewsLeftToday,
      items: next.items.map((item) => ({
        id: item.exercise.id,
        kind: item.kind,
        reason: item.reason,
        retrievability: item.retrievability,
      })),
    }).toEqual(expected);
    return next;
  }

  it('gives the same pick, reasons and counts as every card and attempt, day by day and in catch-up after a break', async () => {
    const random = seeded(7);
    const exercises = [...EXERCISES.values()].filter((e) => SKILLS.includes(e.skillId));
    const modes = new Set<string>();
    const kinds = new Set<string>();
    const record = (next: Next) => {
      modes.add(next.mode);
      for (const item of next.items) kinds.add(item.kind);
    };
    for (let step = 0; step < 36; step += 1) {
      // Short moves of the clock (the session stays valid): a history of about two weeks.
      history.travel(Math.floor(random() * 16 * HOUR_MS));
      if (step % 12 === 5) await history.takeAssessment(SKILLS[step % 2] ?? 'de-escalation', random);
      const exercise = exercises[Math.floor(random() * exercises.length)];
      if (exercise !== undefined) await history.practise(exercise.id, random);
      if (step % 4 === 3) {
        record(await expectSamePick(5, 20));
        record(await expectSamePick(3, 4));
      }
    }
    // A month away: more reviews are due than a day offers, so catch-up ranks them by recall.
    history.travel(30 * DAY_MS);
    await history.signInAgain();
    const caughtUp = await expectSamePick(5, 3);
    expect(caughtUp.mode).toBe('catch-up');
    expect(caughtUp.items[0]?.reason).toMatch(/^Catch-up after a break/);
    record(caughtUp);
    record(await expectSamePick(10, 20));
    // Reviews done today count against the cap: do two of the offered ones and ask again.
    for (const item of caughtUp.items.filter((i) => i.kind === 'review').slice(0, 2))
      await history.practise(item.exercise.id, random);
    record(await expectSamePick(5, 3));
    record(await expectSamePick(8, 4));
    // The history went through every kind of answer "next" gives.
    expect([...modes].sort()).toEqual(['catch-up', 'regular']);
    expect(kinds.has('review') && kinds.has('new')).toBe(true);
  });
});
