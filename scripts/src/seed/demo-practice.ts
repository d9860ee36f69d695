import { finishAttempt, listAttempts, startAttempt } from '@holdfast/api/modules/practice/attempts';
import { startAssessment, submitAssessment } from '@holdfast/api/modules/practice/assessments';
import { EXERCISES, type CatalogExercise } from '@holdfast/api/modules/practice/content';
import type { SeedDeps } from './demo.js';

type Caller = Parameters<typeof startAttempt>[1];
type FinishInput = Parameters<typeof finishAttempt>[3];
type Answer = FinishInput['answer'];
type SelfRating = FinishInput['selfRating'];

const DAY_MS = 86_400_000;
/** How far back the demo history starts, and the skills the demo person practised. */
const HISTORY_DAYS = 35;
const DEMO_SKILLS = ['biff-replies', 'facts-not-opinions', 'de-escalation', 'neutral-incident-writing'];
/** The timed assessments taken: days back (before that evening's practice) and the share answered right. */
const ASSESSMENTS = [
  { skillId: 'biff-replies', daysAgo: 9, rightShare: 1 },
  { skillId: 'facts-not-opinions', daysAgo: 4, rightShare: 0.5 },
];

/** The same services at another moment: the history is written as it would have happened. */
function depsAt(deps: SeedDeps, at: number): SeedDeps {
  return { ...deps, now: () => new Date(at) };
}

/**
 * An answer as a learner improving over the weeks would give it: `isRight` picks the correct
 * option (or meets most of the rubric), otherwise the first wrong one (or half the rubric).
 */
function answerFor(exercise: CatalogExercise, isRight: boolean): Answer {
  if (exercise.type === 'multiple-choice') {
    const option = exercise.options.find((o) => o.isCorrect === isRight) ?? exercise.options[0];
    return { type: 'multiple-choice', optionId: option?.id ?? 'a' };
  }
  if (exercise.type === 'written') {
    const rubric = exercise.rubric.map((criterion) => criterion.id);
    return {
      type: 'written',
      text: 'Thanks for letting me know. I will bring Maya at 5:00 pm on Friday as the plan says.',
      criteriaMet: isRight ? rubric : rubric.slice(0, Math.ceil(rubric.length / 2)),
    };
  }
  return { type: 'drill' };
}

/** A small deterministic sequence (the same history on every fresh start). */
function pattern(index: number): number {
  return (index * 7919) % 100;
}

/**
 * Five weeks of practice for the demo person: a few exercises on most days (some days missed, so
 * "active days in the last 28" is not a perfect score), getting better over time, and a timed
 * assessment of two skills, so the progress charts, mastery and the catch-up or review
 * recommendations all have something to show. Idempotent: skipped when any attempt exists.
 */
export async function seedPractice(deps: SeedDeps, caller: Caller): Promise<boolean> {
  if ((await listAttempts(deps, caller, { limit: 1 })).items.length > 0) return false;
  const exercises = [...EXERCISES.values()].filter((e) => DEMO_SKILLS.includes(e.skillId));
  const now = deps.now().getTime();
  let done = 0;
  for (let daysAgo = HISTORY_DAYS; daysAgo >= 1; daysAgo -= 1) {
    // Each assessment in its place in the day's order, so the audit log reads newest first.
    const assessment = ASSESSMENTS.find((taken) => taken.daysAgo === daysAgo);
    if (assessment !== undefined)
      await seedAssessment(deps, caller, assessment.skillId, now - daysAgo * DAY_MS, assessment.rightShare);
    if (pattern(daysAgo) < 30) continue;
    const count = 1 + (daysAgo % 3);
    for (let i = 0; i < count; i += 1) {
      const exercise = exercises[(done * 5) % exercises.length];
      if (exercise === undefined) continue;
      const startedAt = now - daysAgo * DAY_MS + (19 * 60 + i * 6) * 60_000;
      // Right more often as the weeks go by.
      const isRight = pattern(done + daysAgo) < 55 + (HISTORY_DAYS - daysAgo);
      const selfRating: SelfRating = isRight ? (i % 2 === 0 ? 'good' : 'easy') : 'hard';
      const attempt = await startAttempt(depsAt(deps, startedAt), caller, exercise.id);
      await finishAttempt(depsAt(deps, startedAt + (90 + pattern(done)) * 1000), caller, attempt.id, {
        answer: answerFor(exercise, isRight),
        selfRating,
      });
      done += 1;
    }
  }
  return true;
}

/** A timed assessment taken at `at`, with the share `rightShare` of its questions answered right. */
async function seedAssessment(
  deps: SeedDeps,
  caller: Caller,
  skillId: string,
  at: number,
  rightShare: number,
): Promise<void> {
  const { assessment } = await startAssessment(depsAt(deps, at), caller, skillId);
  const answers = assessment.exerciseIds.flatMap((exerciseId, index) => {
    const exercise = EXERCISES.get(exerciseId);
    if (exercise === undefined) return [];
    const isRight = index < Math.round(assessment.exerciseIds.length * rightShare);
    return [{ exerciseId, answer: answerFor(exercise, isRight) }];
  });
  await submitAssessment(depsAt(deps, at + 60_000), caller, assessment.id, { answers });
}
