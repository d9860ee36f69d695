import { tallyPractice, toScorePoints, type PracticeTally, type ScoredAttempt } from './mastery.js';

/**
 * A person's running tally of one skill: the scored practice since the skill's latest counted
 * assessment (`since`), the scores of the latest two counted assessments (all mastery reads of
 * them) and whether any assessment was begun. Every finished attempt adds to it, every begun
 * assessment marks it, and every on-time assessment restarts it, in the same transaction as the
 * attempt or the assessment, so "next" can weigh recent practice (the mastery drop) and the
 * assessments without reading the attempts or the assessments. These pure steps say what the
 * transactions do; `summariseSkill` is the same tally computed from a full history.
 */
export type SkillTally = PracticeTally & {
  skillId: string;
  /** When the latest counted (on-time) assessment was completed, and its score. */
  since?: string;
  sinceScore?: number;
  /** The counted assessment before it (mastery needs two to say "mastered"). */
  prior?: CountedAssessment;
  /** An assessment of the skill was begun (finished or not): the skill is started. */
  isAssessed?: true;
};

export type CountedAssessment = { completedAt: string; score: number };

/** A skill's tally before anything was done in it. */
export function emptySkillTally(skillId: string): SkillTally {
  return { skillId, scoredCount: 0, scorePoints: 0 };
}

/** A finished attempt: a scored one counts, a drill (no score) does not. */
export function addAttempt(tally: SkillTally, score: number | null): SkillTally {
  if (score === null) return tally;
  return {
    ...tally,
    scoredCount: tally.scoredCount + 1,
    scorePoints: tally.scorePoints + toScorePoints(score),
  };
}

/** A begun assessment: the skill counts as started, whatever comes of it. */
export function markAssessed(tally: SkillTally): SkillTally {
  return { ...tally, isAssessed: true };
}

/**
 * A completed assessment: an on-time one starts a new tally from its completion, and the one it
 * follows becomes the prior; a late one is ignored.
 */
export function rollAtAssessment(
  tally: SkillTally,
  completedAt: string,
  score: number,
  isLate: boolean,
): SkillTally {
  if (isLate) return tally;
  const prior =
    tally.since === undefined || tally.sinceScore === undefined
      ? {}
      : { prior: { completedAt: tally.since, score: tally.sinceScore } };
  return {
    skillId: tally.skillId,
    since: completedAt,
    sinceScore: score,
    ...prior,
    scoredCount: 0,
    scorePoints: 0,
    isAssessed: true,
  };
}

/**
 * The practice after the latest counted assessment (completed at `since`) as the tally holds it.
 * A tally that started at another moment (one not yet backfilled) counts as no practice: the level
 * then follows the assessments alone until the next assessment restarts the tally.
 */
export function tallySinceFrom(tally: SkillTally | undefined, since: string): PracticeTally {
  if (tally?.since !== since) return { scoredCount: 0, scorePoints: 0 };
  return { scoredCount: tally.scoredCount, scorePoints: tally.scorePoints };
}

/** The counted assessments a tally holds, newest first, as mastery reads them. */
export function countedAssessmentsOf(
  tally: SkillTally | undefined,
): { completedAt: string; score: number; isLate: boolean }[] {
  if (tally?.since === undefined || tally.sinceScore === undefined) return [];
  const latest = { completedAt: tally.since, score: tally.sinceScore, isLate: false };
  return tally.prior === undefined ? [latest] : [latest, { ...tally.prior, isLate: false }];
}

/**
 * The tally of one skill computed from its whole history: what the running tally holds after the
 * same attempts and assessments, and what a backfill writes for records made before tallies
 * existed (read each person's assessments, then their attempts since the latest counted one).
 */
export function summariseSkill(
  skillId: string,
  attempts: readonly (ScoredAttempt & { skillId: string })[],
  assessments: readonly { skillId: string; completedAt?: string; score?: number; isLate?: boolean }[],
): SkillTally {
  const mine = assessments.filter((a) => a.skillId === skillId);
  const [latest, prior] = mine
    .flatMap((a) =>
      a.completedAt !== undefined && a.score !== undefined && a.isLate !== true
        ? [{ completedAt: a.completedAt, score: a.score }]
        : [],
    )
    .sort((a, b) => b.completedAt.localeCompare(a.completedAt));
  const own = attempts.filter((a) => a.skillId === skillId);
  const isAssessed = mine.length > 0 ? { isAssessed: true as const } : {};
  // Before any counted assessment the running tally counts every scored attempt (from the start).
  if (latest === undefined) return { skillId, ...tallyPractice(own, ''), ...isAssessed };
  return {
    skillId,
    since: latest.completedAt,
    sinceScore: latest.score,
    ...(prior === undefined ? {} : { prior }),
    ...tallyPractice(own, latest.completedAt),
    ...isAssessed,
  };
}
