import { NOT_CONFIGURED_DETAIL } from '../../platform/ai/ai-client.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { withAiQuota } from '../communications/ai-quota.js';
import type { Caller } from './caller.js';
import { findExerciseFor } from './catalogue.js';
import type { CatalogExercise } from './content.js';
import { FeedbackAnswerSchema, type FeedbackAnswer, type WrittenFeedback } from './feedback-schema.js';
import { WRITTEN_FEEDBACK_PROMPT } from './prompts/written-feedback-v1.js';
import * as repo from './repo.js';

type WrittenExercise = Extract<CatalogExercise, { type: 'written' }>;

/** The only content sent: the exercise prompt, its rubric and the answer (P-AI-1). */
export function describeForFeedback(exercise: WrittenExercise, text: string): string {
  return JSON.stringify({
    exercise: {
      prompt: exercise.prompt,
      rubric: exercise.rubric.map(({ id, text: criterion }) => ({ id, criterion })),
    },
    answer: text,
  });
}

/**
 * The provider's answer matched to the rubric: one entry per criterion in the rubric's order. An
 * answer that skips a criterion, names one twice or invents one is not shown (502 ai_bad_output),
 * since half a judgement against a rubric would mislead.
 */
export function matchToRubric(
  exercise: WrittenExercise,
  answer: FeedbackAnswer,
): WrittenFeedback['criteria'] {
  const ids = answer.criteria.map((entry) => entry.id);
  const isExact =
    ids.length === exercise.rubric.length &&
    new Set(ids).size === ids.length &&
    exercise.rubric.every((criterion) => ids.includes(criterion.id));
  if (!isExact) throw new AppError('ai_bad_output');
  return exercise.rubric.map((criterion) => {
    const entry = answer.criteria.find((candidate) => candidate.id === criterion.id);
    if (entry === undefined) throw new AppError('ai_bad_output');
    return {
      criterionId: criterion.id,
      criterion: criterion.text,
      level: entry.level,
      comment: entry.comment,
    };
  });
}

/**
 * Feedback from AI on a written answer, criterion by criterion, for an attempt of the caller's.
 * Feedback only (P-AI-2): nothing is saved and the attempt is untouched; the person still scores
 * and rates themselves. One AI action of the monthly quota; with no provider, 503
 * `ai_not_configured` before anything is sent (P-AI-3), though only once the attempt is known to
 * be the caller's: anyone else's attempt is 404 whatever the server's configuration (P-ISO-1). The answer and the feedback are never
 * logged (P-LOG-1).
 */
export async function getWrittenFeedback(
  deps: AppDeps,
  caller: Caller,
  attemptId: string,
  text: string,
  signal?: AbortSignal,
): Promise<WrittenFeedback> {
  const attempt = await repo.getAttempt(deps.db, caller.tenantId, caller.userId, attemptId);
  if (attempt === undefined) throw new AppError('not_found');
  if (!deps.ai.isConfigured()) throw new AppError('ai_not_configured', NOT_CONFIGURED_DETAIL);
  const exercise = await findExerciseFor(deps, caller.tenantId, attempt.exerciseId, { isOffered: false });
  if (exercise.type !== 'written')
    throw new AppError('validation_failed', 'Feedback is given on written answers only.', {
      errors: [{ field: '/attemptId', message: 'is not an attempt at a written exercise' }],
    });
  // Matching to the rubric runs inside the quota's call, so an unusable answer gives its action back.
  return withAiQuota(deps, caller.tenantId, async () => {
    const result = await deps.ai.generate({
      task: 'practice-feedback',
      instructions: WRITTEN_FEEDBACK_PROMPT.instructions,
      input: describeForFeedback(exercise, text.trim()),
      formatName: 'practice_feedback',
      schema: FeedbackAnswerSchema,
      maxOutputTokens: 2000,
      ...(signal === undefined ? {} : { signal }),
    });
    return {
      criteria: matchToRubric(exercise, result.value),
      suggestion: result.value.suggestion,
      promptVersion: WRITTEN_FEEDBACK_PROMPT.version,
      provider: result.provider,
      model: result.model,
    };
  });
}
