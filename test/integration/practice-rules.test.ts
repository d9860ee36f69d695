// The practice module's rules on fixed dates, without the HTTP layer: the shipped content, the
// scheduler against ts-fsrs itself, the recommendations after a break, and the mastery rules.
import { describe, expect, it } from '@jest/globals';
import { createEmptyCard, fsrs, Rating } from 'ts-fsrs';
import {
  CONTENT_FILES,
  EXERCISES,
  listContentProblems,
  SKILLS,
} from '@holdfast/api/modules/practice/content';
import {
  compareSelfRating,
  computeMastery,
  type ScoredAttempt,
} from '@holdfast/api/modules/practice/mastery';
import { masteryHorizon } from '@holdfast/api/modules/practice/progress';
import { OWN_FIRST, recommendNext, type SkillStanding } from '@holdfast/api/modules/practice/recommend';
import type { Assessment } from '@holdfast/api/modules/practice/schema';
import {
  ratingForSchedule,
  retrievabilityOf,
  reviewCard,
  type CardState,
} from '@holdfast/api/modules/practice/scheduler';

const DAY = 86_400_000;
const T0 = new Date('2026-03-02T09:00:00.000Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);

describe('practice content', () => {
  it('ships at least 6 skills and 60 exercises of every type, with unique ids', () => {
    expect(SKILLS.length).toBeGreaterThanOrEqual(6);
    expect(EXERCISES.size).toBeGreaterThanOrEqual(60);
    expect(new Set(SKILLS.map((s) => s.id)).size).toBe(SKILLS.length);
    const types = new Set([...EXERCISES.values()].map((e) => e.type));
    expect([...types].sort()).toEqual(['drill', 'multiple-choice', 'written']);
    expect(new Set(SKILLS.map((s) => s.area))).toEqual(new Set(['co-parenting', 'clinician']));
    for (const skill of SKILLS)
      expect([...EXERCISES.values()].filter((e) => e.skillId === skill.id).length).toBeGreaterThanOrEqual(5);
    expect(listContentProblems(CONTENT_FILES)).toEqual([]);
  });

  it('every multiple choice has exactly one correct option and an explanation per option; every rubric has criteria', () => {
    for (const exercise of EXERCISES.values()) {
      if (exercise.type === 'multiple-choice') {
        expect(exercise.options.filter((o) => o.isCorrect)).toHaveLength(1);
        for (const option of exercise.options) expect(option.explanation.trim().length).toBeGreaterThan(10);
      }
      if (exercise.type === 'written') {
        expect(exercise.rubric.length).toBeGreaterThan(0);
        expect(exercise.modelAnswer.trim().length).toBeGreaterThan(10);
      }
    }
  });

  it('refuses broken content: two correct options, a repeated id, a missing explanation', () => {
    const good = CONTENT_FILES[0] as {
      skill: object;
      exercises: Record<string, unknown>[];
      contentVersion: number;
    };
    const first = good.exercises[0] as { options: { isCorrect: boolean }[] };
    const twoCorrect = {
      ...good,
      exercises: [{ ...first, options: first.options.map((o) => ({ ...o, isCorrect: true })) }],
    };
    expect(listContentProblems([twoCorrect]).join()).toMatch(/3 correct options, expected exactly 1/);
    expect(listContentProblems([good, good]).join()).toMatch(/id used twice/);
    const noExplanation = {
      ...good,
      exercises: [
        { ...first, options: first.options.map(({ isCorrect }) => ({ id: 'a', text: 'x', isCorrect })) },
      ],
    };
    expect(listContentProblems([noExplanation])).not.toEqual([]);
  });
});

describe('practice scheduler (ts-fsrs)', () => {
  const exercise = { id: 'biff-01', skillId: 'biff-replies' };

  it('schedules exactly as ts-fsrs does for the same ratings on fixed dates', () => {
    const f = fsrs({ request_retention: 0.9, enable_fuzz: false });
    let expected = f.next(createEmptyCard(T0), T0, Rating.Good).card;
    let card = reviewCard(undefined, exercise, 'good', T0);
    expect(card.due).toBe(expected.due.toISOString());
    const second = new Date(expected.due.getTime());
    expected = f.next(expected, second, Rating.Easy).card;
    card = reviewCard(card, exercise, 'easy', second);
    expect(card.due).toBe(expected.due.toISOString());
    expect(card.stability).toBeCloseTo(expected.stability, 10);
    expect(card.reps).toBe(2);
  });

  it('a higher desired retention brings the next review sooner', () => {
    const start = reviewCard(reviewCard(undefined, exercise, 'good', T0), exercise, 'good', at(3));
    const relaxed = reviewCard(start, exercise, 'good', at(10), 0.8);
    const strict = reviewCard(start, exercise, 'good', at(10), 0.95);
    expect(Date.parse(strict.due)).toBeLessThan(Date.parse(relaxed.due));
  });

  it('a wrong answer is reviewed as "again" whatever the self-rating; a drill keeps its self-rating', () => {
    expect(ratingForSchedule('easy', 0)).toBe('again');
    expect(ratingForSchedule('easy', 0.5)).toBe('again');
    expect(ratingForSchedule('hard', 1)).toBe('hard');
    expect(ratingForSchedule('good', null)).toBe('good');
  });
});

/** A reviewed card due `dueInDays` from T0, with a stability that sets how fast it is forgotten. */
function card(id: string, skillId: string, dueInDays: number, stability: number): CardState {
  return {
    exerciseId: id,
    skillId,
    due: at(dueInDays).toISOString(),
    stability,
    difficulty: 5,
    scheduledDays: Math.round(stability),
    learningSteps: 0,
    reps: 3,
    lapses: 0,
    state: 2,
    lastReview: at(dueInDays - stability).toISOString(),
  };
}

const skills: SkillStanding[] = [
  { skillId: 'a', title: 'Skill A', level: 'proficient', order: 0 },
  { skillId: 'b', title: 'Skill B', level: 'attempted', order: 1 },
];
const exercises = [
  ...Array.from({ length: 60 }, (_, i) => ({ id: `a-${i}`, skillId: 'a' })),
  { id: 'b-1', skillId: 'b' },
  { id: 'b-2', skillId: 'b' },
];

describe('practice recommendations', () => {
  it('after a break, catch-up mode offers the most-forgotten first and caps the day (no backlog avalanche)', () => {
    // 50 cards were due during a month away; stabilities differ, so recall differs.
    const cards = Array.from({ length: 50 }, (_, i) => card(`a-${i}`, 'a', -30 + (i % 10), 2 + i));
    const now = T0;
    const result = recommendNext({
      now,
      cards,
      exercises,
      skills,
      reviewedToday: 0,
      introducedToday: 0,
      limit: 20,
      dailyReviewCap: 15,
    });
    expect(result.mode).toBe('catch-up');
    expect(result.dueCount).toBe(50);
    expect(result.items.filter((i) => i.kind === 'review')).toHaveLength(15);
    expect(result.heldBackCount).toBe(35);
    const recalls = result.items.flatMap((i) => (i.retrievability === undefined ? [] : [i.retrievability]));
    expect(recalls).toEqual([...recalls].sort((x, y) => x - y));
    const lowestOverall = Math.min(...cards.map((c) => retrievabilityOf(c, now)));
    expect(recalls[0]).toBeCloseTo(lowestOverall, 10);
    expect(result.items[0]?.reason).toMatch(/Catch-up after a break: 50 reviews are waiting/);
    // The limit left room: new exercises come from the weakest skill (B, attempted) first.
    expect(result.items.filter((i) => i.kind === 'new').map((i) => i.exerciseId)).toEqual([
      'b-1',
      'b-2',
      'a-50',
      'a-51',
      'a-52',
    ]);
    expect(result.items.find((i) => i.kind === 'new')?.reason).toMatch(/your weakest skill/);
  });

  it('the next day the rest of the backlog comes back, still capped, and reviews done today count against the cap', () => {
    const cards = Array.from({ length: 50 }, (_, i) => card(`a-${i}`, 'a', -30, 5));
    const result = recommendNext({
      now: T0,
      cards,
      exercises,
      skills,
      reviewedToday: 12,
      introducedToday: 0,
      limit: 20,
      dailyReviewCap: 15,
    });
    expect(result.reviewsLeftToday).toBe(3);
    expect(result.items.filter((i) => i.kind === 'review')).toHaveLength(3);
    expect(result.heldBackCount).toBe(47);
  });

  it('regular mode: the longest-waiting review first, with its reason', () => {
    const cards = [card('a-1', 'a', -1, 4), card('a-2', 'a', -3, 4), card('a-3', 'a', 5, 4)];
    const result = recommendNext({
      now: T0,
      cards,
      exercises,
      skills,
      reviewedToday: 0,
      introducedToday: 0,
      limit: 2,
    });
    expect(result.mode).toBe('regular');
    expect(result.items.map((i) => i.exerciseId)).toEqual(['a-2', 'a-1']);
    expect(result.items[0]?.reason).toMatch(
      /^Due for review: last practised 7 days ago, predicted recall \d+%\.$/,
    );
  });

  it('when nothing is due and no new exercise is left for today, offers practice ahead (optional)', () => {
    const cards = [card('a-1', 'a', 4, 4)];
    const result = recommendNext({
      now: T0,
      cards,
      exercises: [{ id: 'a-1', skillId: 'a' }],
      skills,
      reviewedToday: 0,
      introducedToday: 0,
      limit: 3,
    });
    expect(result.items).toEqual([expect.objectContaining({ exerciseId: 'a-1', kind: 'ahead' })]);
    expect(result.items[0]?.reason).toMatch(/Nothing is due/);
  });
});

describe('practice recommendations: own and shipped skills equally weak', () => {
  const own = { skillId: 'own-s', title: 'Intake notes', order: 2, isOwn: true };
  const shipped = { skillId: 'ship', title: 'BIFF replies', order: 0 };
  const catalogue = [
    { id: 'ship-1', skillId: 'ship' },
    { id: 'own-1', skillId: 'own-s' },
  ];
  const pick = (standings: SkillStanding[]) =>
    recommendNext({
      now: T0,
      cards: [],
      exercises: catalogue,
      skills: standings,
      reviewedToday: 0,
      introducedToday: 0,
      limit: 2,
    }).items;

  it("the workspace's own skill comes first, whatever the catalogue order, and the reason says why", () => {
    for (const standings of [
      [
        { ...shipped, level: 'attempted' as const },
        { ...own, level: 'attempted' as const },
      ],
      [
        { ...own, level: 'attempted' as const, order: 9 },
        { ...shipped, level: 'attempted' as const },
      ],
    ]) {
      const items = pick(standings);
      expect(items.map((i) => i.exerciseId)).toEqual(['own-1', 'ship-1']);
      expect(items[0]?.reason).toBe(
        `New in Intake notes, your weakest skill right now (attempted). ${OWN_FIRST}`,
      );
      expect(items[1]?.reason).toBe('New in BIFF replies (attempted).');
    }
  });

  it('a weaker shipped skill still comes first, and an untied own skill says nothing of the tie-break', () => {
    const items = pick([
      { ...shipped, level: 'not-started' },
      { ...own, level: 'familiar' },
    ]);
    expect(items.map((i) => i.exerciseId)).toEqual(['ship-1', 'own-1']);
    expect(items[1]?.reason).toBe('New in Intake notes (familiar).');
  });
});

const assessed = (day: number, score: number, isLate = false) => ({
  completedAt: at(day).toISOString(),
  score,
  isLate,
});
const practised = (day: number, score: number | null, selfRating: ScoredAttempt['selfRating'] = 'good') => ({
  endedAt: at(day).toISOString(),
  score,
  selfRating,
});

describe('practice mastery rules', () => {
  it('not-started, attempted, familiar at 60%, proficient at 80%', () => {
    expect(computeMastery([], []).level).toBe('not-started');
    expect(computeMastery([], [practised(0, 1)]).level).toBe('attempted');
    expect(computeMastery([assessed(0, 0.5)], []).level).toBe('attempted');
    expect(computeMastery([assessed(0, 0.6)], []).level).toBe('familiar');
    expect(computeMastery([assessed(0, 0.8)], []).level).toBe('proficient');
  });

  it('mastered takes two results of 90% or more on different days; one is proficient', () => {
    expect(computeMastery([assessed(0, 0.95)], []).level).toBe('proficient');
    expect(computeMastery([assessed(0, 0.95), assessed(0.01, 0.95)], []).level).toBe('proficient');
    expect(computeMastery([assessed(0, 0.9), assessed(2, 1)], []).level).toBe('mastered');
  });

  it('mastery is lost again: a weaker latest result, or practice since then averaging below 50%', () => {
    expect(computeMastery([assessed(0, 0.9), assessed(2, 1), assessed(5, 0.65)], []).level).toBe('familiar');
    const weak = [3, 3.1, 3.2, 3.3, 3.4].map((d) => practised(d, 0.2));
    const dropped = computeMastery([assessed(0, 0.9), assessed(2, 1)], weak);
    expect(dropped.level).toBe('proficient');
    expect(dropped.reason).toMatch(/take another assessment/);
    // Four weak attempts are not enough to judge.
    expect(computeMastery([assessed(0, 0.9), assessed(2, 1)], weak.slice(1)).level).toBe('mastered');
  });

  it('late assessment results are kept but do not count', () => {
    expect(computeMastery([assessed(0, 1, true)], []).level).toBe('attempted');
  });

  it('self-rating compared with scores: higher, lower, matched, or not enough data', () => {
    const overrated = [0, 1, 2, 3, 4].map((d) => practised(d, 0.4, 'easy'));
    expect(compareSelfRating(overrated)).toBe('higher');
    const underrated = [0, 1, 2, 3, 4].map((d) => practised(d, 1, 'hard'));
    expect(compareSelfRating(underrated)).toBe('lower');
    expect(compareSelfRating([0, 1, 2, 3, 4].map((d) => practised(d, 0.8, 'good')))).toBe('matched');
    expect(compareSelfRating(overrated.slice(1))).toBe('not-enough-data');
    expect(compareSelfRating([0, 1, 2, 3, 4].map((d) => practised(d, null, 'easy')))).toBe('not-enough-data');
  });
});

describe('practice recommendations read only what can change a level', () => {
  const assessment = (skillId: string, completedAt: string | undefined, isLate = false): Assessment => ({
    id: `a-${skillId}-${completedAt ?? 'open'}`,
    skillId,
    startedAt: '2026-03-01T09:00:00.000Z',
    deadline: '2026-03-01T09:15:00.000Z',
    timeLimitSeconds: 900,
    exerciseIds: [],
    state: completedAt === undefined ? 'open' : 'completed',
    ...(completedAt === undefined ? {} : { completedAt, score: 0.8 }),
    isLate,
    version: 1,
  });

  it('the horizon is the earliest of the skills’ latest counted assessments; none without one', () => {
    expect(masteryHorizon([])).toBeUndefined();
    expect(masteryHorizon([assessment('a', '2026-03-05T00:00:00.000Z', true)])).toBeUndefined();
    expect(masteryHorizon([assessment('a', undefined)])).toBeUndefined();
    expect(
      masteryHorizon([
        assessment('a', '2026-03-01T00:00:00.000Z'),
        assessment('a', '2026-03-09T00:00:00.000Z'),
        assessment('b', '2026-03-04T00:00:00.000Z'),
        assessment('b', '2026-03-20T00:00:00.000Z', true),
      ]),
    ).toBe('2026-03-04T00:00:00.000Z');
  });
});
