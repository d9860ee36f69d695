import type { AppDeps } from '../../platform/deps.js';
import type { Caller } from './caller.js';
import { isOwn, readOfferedCatalogue, type OfferedCatalogue } from './catalogue.js';
import {
  compareSelfRating,
  masteryFromPractice,
  tallyPractice,
  type AssessmentResult as MasteryAssessment,
  type Mastery,
  type ScoredAttempt,
} from './mastery.js';
import { recommendNext } from './recommend.js';
import type { CardSummary } from './due-repo.js';
import * as dueRepo from './due-repo.js';
import * as repo from './repo.js';
import { retrievabilityOf, type CardState } from './scheduler.js';
import { countedAssessmentsOf, tallySinceFrom } from './skill-tally.js';
import type { Assessment, Attempt, NextQuery } from './schema.js';
import { toExerciseView } from './views.js';

/**
 * Progress (from a person's cards, assessments and recent attempts) and recommendations (from the
 * due cards, card summaries, skill tallies and assessments: never the attempts).
 */

const DAY_MS = 86_400_000;
/** How far back progress reads attempts: the eight weeks the chart shows. */
export const PROGRESS_WEEKS = 8;
/** Reads are bounded: at most this many recent attempts and assessments are considered. */
const MAX_RECENT_ATTEMPTS = 2000;
const MAX_ASSESSMENTS = 200;

type Standing = {
  catalogue: OfferedCatalogue;
  cards: CardState[];
  assessments: Assessment[];
  attempts: Attempt[];
  mastery: Map<string, Mastery>;
};

/** Attempts per query page: a few large pages instead of many round trips. */
const ATTEMPT_PAGE = 500;

async function readRecentAttempts(deps: AppDeps, caller: Caller, since: string): Promise<Attempt[]> {
  const attempts: Attempt[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await repo.queryAttempts(deps.db, caller.tenantId, caller.userId, {
      limit: ATTEMPT_PAGE,
      ...(startKey === undefined ? {} : { startKey }),
    });
    for (const attempt of page.items) {
      if (attempt.startedAt < since) return attempts;
      attempts.push(attempt);
    }
    startKey = page.lastKey;
  } while (startKey !== undefined && attempts.length < MAX_RECENT_ATTEMPTS);
  return attempts;
}

async function readAssessments(deps: AppDeps, caller: Caller): Promise<Assessment[]> {
  const page = await repo.queryAssessments(deps.db, caller.tenantId, caller.userId, {
    limit: MAX_ASSESSMENTS,
  });
  return page.items;
}

function toScored(attempts: readonly Attempt[]): ScoredAttempt[] {
  return attempts.flatMap((a) =>
    a.endedAt === undefined || a.selfRating === undefined
      ? []
      : [{ endedAt: a.endedAt, score: a.score ?? null, selfRating: a.selfRating }],
  );
}

/**
 * The oldest moment an attempt can still change a mastery level: the latest counted assessment of
 * each skill, the earliest of them (`computeMastery` weighs only practice after it). Undefined
 * when no skill has a counted assessment: then no attempt changes any level. A backfill of the
 * skill tallies reads a person's attempts back to here (see skill-tally-repo.ts).
 */
export function masteryHorizon(assessments: readonly Assessment[]): string | undefined {
  const latest = new Map<string, string>();
  for (const a of assessments) {
    if (a.completedAt === undefined || a.score === undefined || a.isLate === true) continue;
    const known = latest.get(a.skillId);
    if (known === undefined || a.completedAt > known) latest.set(a.skillId, a.completedAt);
  }
  return [...latest.values()].sort()[0];
}

/**
 * How many due cards "next" reads: twice what a day may offer (catch-up ranks those by recall),
 * at least 25 so a small cap still ranks a backlog of a few days; never every card of a long
 * history. How many are due in all is counted apart (`countDueCards`) when more are due.
 */
const DUE_READ_PER_DAILY_REVIEW = 2;
const MIN_DUE_READ = 25;
/** Cards read ahead of time per item asked for, when nothing is due or new. */
const AHEAD_READ_PER_ITEM = 4;

type StandingForNext = {
  catalogue: OfferedCatalogue;
  /** The due cards, longest-waiting first, at most the read cap. */
  due: CardState[];
  /** How many offered cards are due in all (more than `due` holds when the read was capped). */
  dueCount: { count: number; isLowerBound: boolean };
  /** Every card of a catalogue exercise, without its schedule. */
  known: CardSummary[];
  mastery: Map<string, Mastery>;
};

/**
 * What the recommendations need, without reading every card, any attempt or any assessment: the
 * workspace's catalogue (shipped and its own, one query), the due cards through the due-date index
 * (capped), and the catalogue's cards as summaries (which exercises are known, which skills
 * started, what was done today: bounded by the catalogue) read in one batch with the skill
 * tallies (the practice since each latest assessment, the latest two counted assessments, and
 * whether one was begun). Only when the due read is full are the due cards counted, by the index.
 * The levels come out the same as from every attempt and assessment (`readStanding`).
 */
async function readStandingForNext(
  deps: AppDeps,
  caller: Caller,
  dueReadCap: number,
): Promise<StandingForNext> {
  const { tenantId, userId } = caller;
  const at = deps.now().toISOString();
  const reading = readOfferedCatalogue(deps, tenantId);
  const dueReading = dueRepo.queryDueCards(deps.db, tenantId, userId, at, dueReadCap);
  const isOffered = (offered: OfferedCatalogue) => (card: CardState) =>
    offered.exercises.has(card.exerciseId);
  const [catalogue, due, summaries, dueCount] = await Promise.all([
    reading,
    dueReading,
    // The summaries name the catalogue's exercises and skills, so only they wait for it.
    reading.then((offered) =>
      dueRepo.getCardAndSkillSummaries(
        deps.db,
        tenantId,
        userId,
        [...offered.exercises.keys()],
        offered.skills.map((skill) => skill.id),
      ),
    ),
    // Counted by the index only when the due page is full, beside the summaries (no extra wait).
    Promise.all([reading, dueReading]).then(([offered, read]) =>
      read.isCapped
        ? dueRepo.countDueCards(deps.db, tenantId, userId, at, {
            exerciseIds: [...offered.exercises.keys()],
            skillIds: offered.skills.map((skill) => skill.id),
          })
        : { count: read.cards.filter(isOffered(offered)).length, isLowerBound: false },
    ),
  ]);
  const tallies = new Map(summaries.skills.map((tally) => [tally.skillId, tally]));
  const mastery = masteryOf(
    catalogue.skills,
    summaries.cards,
    (skillId) => countedAssessmentsOf(tallies.get(skillId)),
    (skillId) => tallies.get(skillId)?.isAssessed === true,
    (skillId) => ({
      hasPractised: false,
      tallySince: (since) => tallySinceFrom(tallies.get(skillId), since),
    }),
  );
  return {
    catalogue,
    due: due.cards.filter(isOffered(catalogue)),
    dueCount,
    known: summaries.cards,
    mastery,
  };
}

async function readStanding(deps: AppDeps, caller: Caller): Promise<Standing> {
  const since = new Date(deps.now().getTime() - PROGRESS_WEEKS * 7 * DAY_MS).toISOString();
  const [catalogue, cards, assessments, attempts] = await Promise.all([
    readOfferedCatalogue(deps, caller.tenantId),
    repo.listCards(deps.db, caller.tenantId, caller.userId),
    readAssessments(deps, caller),
    readRecentAttempts(deps, caller, since),
  ]);
  const mastery = masteryOf(
    catalogue.skills,
    cards,
    (skillId) => completedOf(assessments.filter((a) => a.skillId === skillId)),
    (skillId) => assessments.some((a) => a.skillId === skillId),
    (skillId) => {
      const practised = toScored(attempts.filter((a) => a.skillId === skillId));
      return { hasPractised: practised.length > 0, tallySince: (at) => tallyPractice(practised, at) };
    },
  );
  return { catalogue, cards, assessments, attempts, mastery };
}

/** The practice of one skill as mastery weighs it: from attempts read, or from the skill's tally. */
type PracticeOfSkill = (skillId: string) => Parameters<typeof masteryFromPractice>[1];

/** The completed assessments of a list, as mastery reads them (late ones included, marked). */
function completedOf(assessments: readonly Assessment[]): MasteryAssessment[] {
  return assessments.flatMap((a) =>
    a.completedAt !== undefined && a.score !== undefined
      ? [{ completedAt: a.completedAt, score: a.score, isLate: a.isLate === true }]
      : [],
  );
}

/**
 * The mastery of every skill, from its completed assessments (`resultsOf`), whether any
 * assessment of it was begun (`isAssessed`) and its practice (`practiceOf`).
 */
function masteryOf(
  skills: OfferedCatalogue['skills'],
  cards: readonly Pick<CardState, 'skillId'>[],
  resultsOf: (skillId: string) => MasteryAssessment[],
  isAssessed: (skillId: string) => boolean,
  practiceOf: PracticeOfSkill,
): Map<string, Mastery> {
  const started = new Set(cards.map((card) => card.skillId));
  const mastery = new Map<string, Mastery>();
  for (const skill of skills) {
    const level = masteryFromPractice(resultsOf(skill.id), practiceOf(skill.id));
    // Attempts older than the window still count as having started the skill.
    mastery.set(
      skill.id,
      (started.has(skill.id) || isAssessed(skill.id)) && level.level === 'not-started'
        ? { level: 'attempted', reason: 'Take an assessment to earn a mastery level.' }
        : level,
    );
  }
  return mastery;
}

/** Monday 00:00 UTC of the week holding `time`. */
function weekStartOf(time: number): number {
  const day = new Date(time);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return midnight - ((day.getUTCDay() + 6) % 7) * DAY_MS;
}

function averageRecall(cards: readonly CardState[], at: Date): number {
  if (cards.length === 0) return 0;
  return cards.reduce((sum, card) => sum + retrievabilityOf(card, at), 0) / cards.length;
}

export async function getProgress(deps: AppDeps, caller: Caller) {
  const now = deps.now();
  const standing = await readStanding(deps, caller);
  const finished = standing.attempts.filter((a) => a.endedAt !== undefined);
  const activeSince = now.getTime() - 28 * DAY_MS;
  const activeDays = new Set(
    finished.flatMap((a) =>
      a.endedAt !== undefined && Date.parse(a.endedAt) >= activeSince ? [a.endedAt.slice(0, 10)] : [],
    ),
  );
  const thisWeek = weekStartOf(now.getTime());
  const weeks = Array.from({ length: PROGRESS_WEEKS }, (_, index) => {
    const start = thisWeek - (PROGRESS_WEEKS - 1 - index) * 7 * DAY_MS;
    const inWeek = finished.filter((a) => {
      const at = Date.parse(a.endedAt ?? a.startedAt);
      return at >= start && at < start + 7 * DAY_MS;
    });
    const seconds = inWeek.reduce((sum, a) => sum + (a.durationSeconds ?? 0), 0);
    return {
      weekStart: new Date(start).toISOString().slice(0, 10),
      attempts: inWeek.length,
      minutes: Math.round(seconds / 6) / 10,
    };
  });
  const { catalogue } = standing;
  return {
    skills: catalogue.skills.map((skill) => {
      const mastery = standing.mastery.get(skill.id) ?? { level: 'not-started' as const, reason: '' };
      return {
        skillId: skill.id,
        title: skill.title,
        area: skill.area,
        level: mastery.level,
        reason: mastery.reason,
        calibration: compareSelfRating(toScored(finished.filter((a) => a.skillId === skill.id))),
        exercisesStarted: standing.cards.filter((card) => card.skillId === skill.id).length,
        exerciseCount: [...catalogue.exercises.values()].filter((e) => e.skillId === skill.id).length,
      };
    }),
    activeDaysLast28: activeDays.size,
    weeks,
    retention: {
      cards: standing.cards.length,
      now: averageRecall(standing.cards, now),
      in7Days: averageRecall(standing.cards, new Date(now.getTime() + 7 * DAY_MS)),
      in30Days: averageRecall(standing.cards, new Date(now.getTime() + 30 * DAY_MS)),
    },
  };
}

/** The next exercises to do, each with why it was chosen (see `recommendNext`). */
export async function getNext(deps: AppDeps, caller: Caller, query: NextQuery) {
  const now = deps.now();
  const limit = query.limit ?? 5;
  const dailyReviewCap = query.dailyReviewCap ?? 20;
  const standing = await readStandingForNext(
    deps,
    caller,
    Math.max(MIN_DUE_READ, DUE_READ_PER_DAILY_REVIEW * Math.max(dailyReviewCap, limit)),
  );
  const today = now.toISOString().slice(0, 10);
  const touchedToday = standing.known.filter((card) => card.lastReview?.slice(0, 10) === today);
  const { catalogue } = standing;
  const isOffered = (card: CardState) => catalogue.exercises.has(card.exerciseId);
  const input = {
    now,
    cards: standing.due,
    dueCount: standing.dueCount.count,
    knownExerciseIds: new Set(standing.known.map((card) => card.exerciseId)),
    exercises: [...catalogue.exercises.values()],
    skills: catalogue.skills.map((skill, order) => ({
      skillId: skill.id,
      title: skill.title,
      order,
      level: standing.mastery.get(skill.id)?.level ?? 'not-started',
      isOwn: isOwn(skill.id),
    })),
    reviewedToday: touchedToday.filter((card) => card.reps > 1).length,
    introducedToday: touchedToday.filter((card) => card.reps === 1).length,
    limit,
    dailyReviewCap,
  };
  let result = recommendNext(input);
  if (result.items.length === 0 && input.knownExerciseIds.size > 0) {
    // Nothing due or new to offer: only then are the soonest cards ahead of time read.
    const ahead = await dueRepo.queryCardsDueAfter(
      deps.db,
      caller.tenantId,
      caller.userId,
      now.toISOString(),
      AHEAD_READ_PER_ITEM * limit,
    );
    result = recommendNext({ ...input, cards: [...input.cards, ...ahead.filter(isOffered)] });
  }
  return {
    ...result,
    isDueCountLowerBound: standing.dueCount.isLowerBound,
    // Every item is an exercise of the catalogue (the recommender is given no other).
    items: result.items.flatMap(({ exerciseId, ...rest }) => {
      const exercise = catalogue.exercises.get(exerciseId);
      return exercise === undefined ? [] : [{ ...rest, exercise: toExerciseView(exercise) }];
    }),
  };
}
