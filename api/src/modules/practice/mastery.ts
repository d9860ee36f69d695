import type { SelfRating } from './scheduler.js';

/**
 * Mastery per skill, from assessment results and recent practice. The rules, in order:
 *
 * - `not-started`: no attempt and no assessment in the skill.
 * - `attempted`: something was done, but no on-time assessment scored 60% or more yet.
 * - `familiar`: the latest on-time assessment scored at least 60%.
 * - `proficient`: the latest on-time assessment scored at least 80%.
 * - `mastered`: the latest two on-time assessments both scored at least 90%, taken on different
 *   days (once can be luck; twice on different days is retained).
 *
 * Mastery is lost again when performance drops: it is always read from the latest assessments, so
 * a weaker result lowers it at once; and when at least 5 scored practice attempts since the latest
 * assessment average below 50%, the level drops one step (never below `attempted`) until the next
 * assessment. Late assessment submissions are kept but do not count.
 */

export const MASTERY_LEVELS = ['not-started', 'attempted', 'familiar', 'proficient', 'mastered'] as const;
export type MasteryLevel = (typeof MASTERY_LEVELS)[number];

export const FAMILIAR_AT = 0.6;
export const PROFICIENT_AT = 0.8;
export const MASTERED_AT = 0.9;
/** Practice since the latest assessment that pulls the level down one step. */
export const DROP_MIN_ATTEMPTS = 5;
export const DROP_BELOW_AVERAGE = 0.5;

export type AssessmentResult = { completedAt: string; score: number; isLate: boolean };
export type ScoredAttempt = { endedAt: string; score: number | null; selfRating: SelfRating };

export type Mastery = {
  level: MasteryLevel;
  /** Why the level is what it is, in a sentence for the person. */
  reason: string;
};

function levelFromScore(score: number): MasteryLevel {
  if (score >= PROFICIENT_AT) return 'proficient';
  if (score >= FAMILIAR_AT) return 'familiar';
  return 'attempted';
}

function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

/**
 * Scored practice since a moment: how many attempts and the sum of their scores, in millionths of
 * a point so that a running sum kept by the database (which adds decimals, not binary floats)
 * comes out exactly as a sum over the attempts.
 */
export type PracticeTally = { scoredCount: number; scorePoints: number };
export const SCORE_UNITS = 1_000_000;

/** A score as the whole number of units a tally adds. */
export function toScorePoints(score: number): number {
  return Math.round(score * SCORE_UNITS);
}

/** The tally of the scored attempts that ended after `since`, from the attempts themselves. */
export function tallyPractice(attempts: readonly ScoredAttempt[], since: string): PracticeTally {
  let scoredCount = 0;
  let scorePoints = 0;
  for (const attempt of attempts) {
    if (attempt.score === null || attempt.endedAt <= since) continue;
    scoredCount += 1;
    scorePoints += toScorePoints(attempt.score);
  }
  return { scoredCount, scorePoints };
}

/** The mastery of one skill; `assessments` and `attempts` may come in any order. */
export function computeMastery(
  assessments: readonly AssessmentResult[],
  attempts: readonly ScoredAttempt[],
): Mastery {
  return masteryFromPractice(assessments, {
    hasPractised: attempts.length > 0,
    tallySince: (since) => tallyPractice(attempts, since),
  });
}

/**
 * The mastery of one skill from its assessments and a tally of the practice after the latest
 * counted one: either summed from the attempts (`computeMastery`) or kept running with every
 * attempt (the skill tallies "next" reads), which give the same level.
 */
export function masteryFromPractice(
  assessments: readonly AssessmentResult[],
  practice: { hasPractised: boolean; tallySince: (since: string) => PracticeTally },
): Mastery {
  const counted = assessments
    .filter((a) => !a.isLate)
    .sort((a, b) => b.completedAt.localeCompare(a.completedAt));
  const [latest, previous] = counted;
  if (latest === undefined) {
    if (assessments.length === 0 && !practice.hasPractised)
      return { level: 'not-started', reason: 'Nothing done in this skill yet.' };
    return { level: 'attempted', reason: 'Take an assessment to earn a mastery level.' };
  }
  let level = levelFromScore(latest.score);
  let reason = `Latest assessment: ${percent(latest.score)}.`;
  if (
    latest.score >= MASTERED_AT &&
    previous !== undefined &&
    previous.score >= MASTERED_AT &&
    previous.completedAt.slice(0, 10) !== latest.completedAt.slice(0, 10)
  ) {
    level = 'mastered';
    reason = `Two assessments in a row at ${percent(MASTERED_AT)} or more, on different days.`;
  }
  const { scoredCount, scorePoints } = practice.tallySince(latest.completedAt);
  // Compared in whole units, so both kinds of tally decide alike at exactly the threshold.
  const isWeak = scorePoints < DROP_BELOW_AVERAGE * SCORE_UNITS * scoredCount;
  if (scoredCount >= DROP_MIN_ATTEMPTS && isWeak && level !== 'attempted') {
    const average = scorePoints / SCORE_UNITS / scoredCount;
    level = MASTERY_LEVELS[Math.max(MASTERY_LEVELS.indexOf(level) - 1, 1)] ?? 'attempted';
    reason = `Practice since the latest assessment averages ${percent(average)}: take another assessment to win the level back.`;
  }
  return { level, reason };
}

/** What each self-rating claims, as a score, to compare with the scores actually reached. */
const CLAIMED_SCORE: Record<SelfRating, number> = { again: 0.25, hard: 0.5, good: 0.75, easy: 1 };
export const CALIBRATION_MIN_ATTEMPTS = 5;
export const CALIBRATION_GAP = 0.2;

export type Calibration = 'higher' | 'lower' | 'matched' | 'not-enough-data';

/**
 * How self-ratings compare with scores over the latest 20 scored attempts of a skill: `higher`
 * when the ratings claim 20 points more than the scores show ("you rate yourself higher than your
 * scores"), `lower` for the reverse, `matched` otherwise; at least 5 scored attempts are needed.
 */
export function compareSelfRating(attempts: readonly ScoredAttempt[]): Calibration {
  const scored = attempts
    .filter((a) => a.score !== null)
    .sort((a, b) => b.endedAt.localeCompare(a.endedAt))
    .slice(0, 20);
  if (scored.length < CALIBRATION_MIN_ATTEMPTS) return 'not-enough-data';
  const claimed = scored.reduce((sum, a) => sum + CLAIMED_SCORE[a.selfRating], 0) / scored.length;
  const reached = scored.reduce((sum, a) => sum + (a.score ?? 0), 0) / scored.length;
  if (claimed - reached > CALIBRATION_GAP) return 'higher';
  if (reached - claimed > CALIBRATION_GAP) return 'lower';
  return 'matched';
}
