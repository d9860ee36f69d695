import { AppError } from '../../platform/errors.js';
import type { CatalogExercise } from './content.js';
import type { Answer } from './schema.js';

/**
 * Scores an answer against its exercise: multiple choice by the correct option, written answers by
 * the rubric criteria met, drills not at all (only the self-rating speaks for them).
 *
 * Written answers are self-scored: the person ticks the criteria their answer meets. `RubricScorer`
 * is the seam for scoring by an AI provider when a workspace configures one: it gets the exercise
 * and the text and returns the criteria met; the rest of the module only sees the result and who
 * scored it.
 */

export type ScoredBy = 'answer-key' | 'self' | 'none';
export type Score = { score: number | null; scoredBy: ScoredBy; criteriaMet?: string[] };

export type RubricScorer = (
  exercise: Extract<CatalogExercise, { type: 'written' }>,
  answer: Extract<Answer, { type: 'written' }>,
) => Promise<{ criteriaMet: string[]; scoredBy: ScoredBy }>;

/** The default: the person's own ticks, limited to criteria the rubric has. */
export const selfScoring: RubricScorer = async (exercise, answer) => {
  const known = new Set(exercise.rubric.map((criterion) => criterion.id));
  return { criteriaMet: [...new Set(answer.criteriaMet)].filter((id) => known.has(id)), scoredBy: 'self' };
};

function mismatch(field: string, message: string): AppError {
  return new AppError('validation_failed', `The answer does not fit this exercise: ${message}.`, {
    errors: [{ field, message }],
  });
}

/** The score (0..1) of an answer, or a 400 when the answer is of another type or names an unknown option. */
export async function scoreAnswer(
  exercise: CatalogExercise,
  answer: Answer,
  field: string,
  scoreRubric: RubricScorer = selfScoring,
): Promise<Score> {
  if (answer.type !== exercise.type)
    throw mismatch(`${field}/type`, `this exercise takes a ${exercise.type} answer`);
  if (exercise.type === 'multiple-choice' && answer.type === 'multiple-choice') {
    const chosen = exercise.options.find((option) => option.id === answer.optionId);
    if (chosen === undefined) throw mismatch(`${field}/optionId`, 'no such option');
    return { score: chosen.isCorrect ? 1 : 0, scoredBy: 'answer-key' };
  }
  if (exercise.type === 'written' && answer.type === 'written') {
    const unknown = answer.criteriaMet.find((id) => !exercise.rubric.some((c) => c.id === id));
    if (unknown !== undefined) throw mismatch(`${field}/criteriaMet`, 'names a criterion the rubric lacks');
    const { criteriaMet, scoredBy } = await scoreRubric(exercise, answer);
    const total = exercise.rubric.reduce((sum, c) => sum + c.points, 0);
    const met = exercise.rubric
      .filter((c) => criteriaMet.includes(c.id))
      .reduce((sum, c) => sum + c.points, 0);
    return { score: total === 0 ? 0 : met / total, scoredBy, criteriaMet };
  }
  return { score: null, scoredBy: 'none' };
}
