import { tallyPractice, toScorePoints, type PracticeTally, type ScoredAttempt } from './mastery.js';

/**
 * A person's running tally of one skill: the scored practice since the skill's latest counted
 * assessment (`since`). Every finished attempt adds to it and every on-time assessment restarts
 * it, in the same transaction as the attempt or the assessment, so "next" can weigh recent
 * practice (the mastery drop) without reading the attempts. These pure steps say what the
 * transactions do; `summariseSkill` is the same tally computed from a full history.
 */
export type SkillTally = PracticeTally & { skillId: string; since?: string };

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

/** A completed assessment: an on-time one starts a new tally from its completion; a late one is ignored. */
export function rollAtAssessment(tally: SkillTally, completedAt: string, isLate: boolean): SkillTally {
  if (isLate) return tally;
  return { skillId: tally.skillId, since: completedAt, scoredCount: 0, scorePoints: 0 };
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

/**
 * The tally of one skill computed from its whole history: what the running tally holds after the
 * same attempts and assessments, and what a backfill writes for records made before tallies
 * existed (read each person's assessments, then their attempts since the latest counted one).
 */
export function summariseSkill(
  skillId: string,
  attempts: readonly (ScoredAttempt & { skillId: string })[],
  assessments: readonly { skillId: string; completedAt?: string; isLate?: boolean }[],
): SkillTally {
  const since = assessments
    .flatMap((a) =>
      a.skillId === skillId && a.completedAt !== undefined && a.isLate !== true ? [a.completedAt] : [],
    )
    .sort()
    .at(-1);
  const own = attempts.filter((a) => a.skillId === skillId);
  // Before any counted assessment the running tally counts every scored attempt (from the start).
  if (since === undefined) return { skillId, ...tallyPractice(own, '') };
  return { skillId, since, ...tallyPractice(own, since) };
}
