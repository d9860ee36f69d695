import { isDue, retrievabilityOf, type CardState } from './scheduler.js';
import { MASTERY_LEVELS, type MasteryLevel } from './mastery.js';

/**
 * Which exercise to do next, and why. Due reviews first, then new exercises from the weakest
 * skill. Nothing here punishes a break:
 *
 * - at most `dailyReviewCap` reviews are offered a day, however many are overdue;
 * - when more are due than the cap (after a break), catch-up mode offers the ones the person is
 *   most likely to have forgotten first (lowest retrievability), and the rest stay for later days,
 *   so the backlog is spread out instead of dropped on one day;
 * - there is no streak: nothing resets or is lost when a day is missed.
 */

export const DEFAULT_DAILY_REVIEW_CAP = 20;
export const DEFAULT_DAILY_NEW_CAP = 10;

export type RecommendationKind = 'review' | 'new' | 'ahead';

export type Recommendation = {
  exerciseId: string;
  skillId: string;
  kind: RecommendationKind;
  reason: string;
  /** Predicted chance of recall now, for reviews. */
  retrievability?: number;
};

export type SkillStanding = {
  skillId: string;
  title: string;
  level: MasteryLevel;
  order: number;
  /** One of the workspace's own skills (absent: a shipped one). */
  isOwn?: boolean;
};

export type RecommendInput = {
  now: Date;
  cards: readonly CardState[];
  /** Every exercise that can be offered, in catalogue order. */
  exercises: readonly { id: string; skillId: string }[];
  skills: readonly SkillStanding[];
  /** Reviews of already-known exercises finished today, and exercises first done today. */
  reviewedToday: number;
  introducedToday: number;
  limit: number;
  /**
   * Every exercise the person has a card for, when `cards` holds only some of them (the due ones
   * read through the due-date index); otherwise the exercises of `cards`.
   */
  knownExerciseIds?: ReadonlySet<string>;
  /**
   * How many offered cards are due in all, when `cards` holds only the longest-waiting of them
   * (the due read is capped); otherwise the due ones among `cards`. Catch-up then ranks the ones
   * read.
   */
  dueCount?: number;
  dailyReviewCap?: number;
  dailyNewCap?: number;
};

export type RecommendResult = {
  mode: 'regular' | 'catch-up';
  dueCount: number;
  /** Due reviews not offered today because of the daily cap; they come back on later days. */
  heldBackCount: number;
  reviewsLeftToday: number;
  items: Recommendation[];
};

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}

function daysSince(iso: string | undefined, now: Date): number {
  return iso === undefined ? 0 : Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000));
}

/**
 * Orders skills weakest first: lowest mastery level; among equally weak skills the workspace's own
 * before the shipped ones (the workspace wrote them for its people to practise: a clinic training
 * its staff); then the catalogue order. Said in the reason (`OWN_FIRST`), so the order is never a
 * surprise.
 */
function weakestFirst(skills: readonly SkillStanding[]): SkillStanding[] {
  return [...skills].sort(
    (a, b) =>
      MASTERY_LEVELS.indexOf(a.level) - MASTERY_LEVELS.indexOf(b.level) ||
      Number(b.isOwn === true) - Number(a.isOwn === true) ||
      a.order - b.order,
  );
}

/** Why an own skill came before an equally weak shipped one. */
export const OWN_FIRST = "Your workspace's own skills come before shipped skills that are equally weak.";

/** The tie-break sentence when `skill` is the workspace's own and a shipped skill is as weak. */
function tieBreakNote(skill: SkillStanding, skills: readonly SkillStanding[]): string {
  const isTied = skills.some((other) => other.isOwn !== true && other.level === skill.level);
  return skill.isOwn === true && isTied ? ` ${OWN_FIRST}` : '';
}

/** The next exercises to do at `input.now`, each with the reason it was chosen. */
export function recommendNext(input: RecommendInput): RecommendResult {
  const cap = input.dailyReviewCap ?? DEFAULT_DAILY_REVIEW_CAP;
  const reviewsLeftToday = Math.max(0, cap - input.reviewedToday);
  // Recall is computed only for the due cards (and the few offered ahead), not every card.
  const due = input.cards
    .filter((card) => isDue(card, input.now))
    .map((card) => ({ card, recall: retrievabilityOf(card, input.now) }));
  const dueCount = Math.max(input.dueCount ?? 0, due.length);
  const isCatchUp = dueCount > cap;
  // Catch-up: most likely forgotten first. Regular: the longest-waiting first.
  const ordered = isCatchUp
    ? [...due].sort((a, b) => a.recall - b.recall || a.card.due.localeCompare(b.card.due))
    : [...due].sort((a, b) => a.card.due.localeCompare(b.card.due));
  const offered = ordered.slice(0, Math.min(reviewsLeftToday, input.limit));
  const items: Recommendation[] = offered.map(({ card, recall }) => ({
    exerciseId: card.exerciseId,
    skillId: card.skillId,
    kind: 'review',
    retrievability: recall,
    reason: isCatchUp
      ? `Catch-up after a break: ${dueCount} reviews are waiting, so today shows the ones you are most likely to have forgotten first (predicted recall ${percent(recall)}); the rest wait for the next days, at most ${cap} a day.`
      : `Due for review: last practised ${daysSince(card.lastReview, input.now)} days ago, predicted recall ${percent(recall)}.`,
  }));

  const known = input.knownExerciseIds ?? new Set(input.cards.map((card) => card.exerciseId));
  const newLeft = Math.max(0, (input.dailyNewCap ?? DEFAULT_DAILY_NEW_CAP) - input.introducedToday);
  const skills = weakestFirst(input.skills);
  for (const [rank, skill] of skills.entries()) {
    if (items.length >= input.limit || items.filter((i) => i.kind === 'new').length >= newLeft) break;
    const fresh = input.exercises.filter((e) => e.skillId === skill.skillId && !known.has(e.id));
    for (const exercise of fresh) {
      if (items.length >= input.limit || items.filter((i) => i.kind === 'new').length >= newLeft) break;
      items.push({
        exerciseId: exercise.id,
        skillId: exercise.skillId,
        kind: 'new',
        reason:
          (rank === 0
            ? `New in ${skill.title}, your weakest skill right now (${skill.level}).`
            : `New in ${skill.title} (${skill.level}).`) + tieBreakNote(skill, skills),
      });
    }
  }

  if (items.length === 0) {
    // Nothing due and nothing new left for today: offer the soonest-due reviews as optional.
    const ahead = input.cards
      .filter((card) => !isDue(card, input.now))
      .sort((a, b) => a.due.localeCompare(b.due))
      .slice(0, input.limit);
    for (const card of ahead) {
      const recall = retrievabilityOf(card, input.now);
      items.push({
        exerciseId: card.exerciseId,
        skillId: card.skillId,
        kind: 'ahead',
        retrievability: recall,
        reason: `Nothing is due. Optional practice ahead of time: due ${card.due.slice(0, 10)}, predicted recall ${percent(recall)}.`,
      });
    }
  }

  return {
    mode: isCatchUp ? 'catch-up' : 'regular',
    dueCount,
    heldBackCount: Math.max(0, dueCount - reviewsLeftToday),
    reviewsLeftToday,
    items,
  };
}
