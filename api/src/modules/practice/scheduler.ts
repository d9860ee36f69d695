import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';

/**
 * Spaced repetition for practice exercises, on ts-fsrs (FSRS-6). Each exercise a person has done
 * has a card; a finished attempt reviews it with the person's rating. Pure functions on plain
 * values: the caller stores the result, and tests run them on fixed dates.
 */

export const SELF_RATINGS = ['again', 'hard', 'good', 'easy'] as const;
export type SelfRating = (typeof SELF_RATINGS)[number];

export const DEFAULT_RETENTION = 0.9;
export const MIN_RETENTION = 0.7;
export const MAX_RETENTION = 0.97;

/** A card as stored: ts-fsrs's fields as JSON-safe values. */
export type CardState = {
  exerciseId: string;
  skillId: string;
  due: string;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: number;
  lastReview?: string;
};

const GRADE_OF: Record<SelfRating, Grade> = {
  again: Rating.Again,
  hard: Rating.Hard,
  good: Rating.Good,
  easy: Rating.Easy,
};

/** Below this score an objective answer counts as forgotten, whatever the self-rating says. */
export const FORGOTTEN_BELOW_SCORE = 0.6;

/**
 * The rating the scheduler uses: the person's own, except that a scored answer below 60% is
 * reviewed as "again" (a wrong answer rated "easy" would otherwise be hidden for weeks).
 */
export function ratingForSchedule(selfRating: SelfRating, score: number | null): SelfRating {
  return score !== null && score < FORGOTTEN_BELOW_SCORE ? 'again' : selfRating;
}

/** One scheduler per retention: building one computes its parameters, too slow per card. */
const SCHEDULERS = new Map<number, ReturnType<typeof fsrs>>();

function schedulerFor(retention: number) {
  const known = SCHEDULERS.get(retention);
  if (known !== undefined) return known;
  // No fuzz: the same history gives the same schedule, which the tests and the person can rely on.
  const scheduler = fsrs({ request_retention: retention, enable_fuzz: false });
  // Retention is bounded by the schema (0.7..0.97), so the cache stays small; cleared if it grows.
  if (SCHEDULERS.size > 64) SCHEDULERS.clear();
  SCHEDULERS.set(retention, scheduler);
  return scheduler;
}

function toCard(state: CardState): Card {
  return {
    due: new Date(state.due),
    stability: state.stability,
    difficulty: state.difficulty,
    elapsed_days: 0,
    scheduled_days: state.scheduledDays,
    learning_steps: state.learningSteps,
    reps: state.reps,
    lapses: state.lapses,
    state: state.state,
    ...(state.lastReview === undefined ? {} : { last_review: new Date(state.lastReview) }),
  };
}

function fromCard(card: Card, exerciseId: string, skillId: string): CardState {
  return {
    exerciseId,
    skillId,
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.last_review === undefined ? {} : { lastReview: card.last_review.toISOString() }),
  };
}

/** The card after one review at `now` (a first attempt starts from an empty card). */
export function reviewCard(
  previous: CardState | undefined,
  exercise: { id: string; skillId: string },
  rating: SelfRating,
  now: Date,
  retention = DEFAULT_RETENTION,
): CardState {
  const card = previous === undefined ? createEmptyCard(now) : toCard(previous);
  const next = schedulerFor(retention).next(card, now, GRADE_OF[rating]).card;
  return fromCard(next, exercise.id, exercise.skillId);
}

/** The predicted chance (0..1) that the person still recalls the exercise at `now`. */
export function retrievabilityOf(card: CardState, now: Date, retention = DEFAULT_RETENTION): number {
  if (card.reps === 0) return 0;
  return schedulerFor(retention).get_retrievability(toCard(card), now, false);
}

/** Whether the card is due at `now`. */
export function isDue(card: CardState, now: Date): boolean {
  return Date.parse(card.due) <= now.getTime();
}
