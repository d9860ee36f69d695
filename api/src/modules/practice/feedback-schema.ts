import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';

/** AI feedback on a written answer: what is sent, what the provider must answer, what is shown. */

export const FEEDBACK_LEVELS = ['met', 'partly', 'not-yet'] as const;
export type FeedbackLevel = (typeof FEEDBACK_LEVELS)[number];

const Level = stringEnum(FEEDBACK_LEVELS, { description: 'met, partly met, or not yet met' });

/** The provider's answer; checked again on our side (and against the rubric) before it is shown. */
export const FeedbackAnswerSchema = Type.Object(
  {
    criteria: Type.Array(
      Type.Object(
        {
          id: Type.String({ minLength: 1, maxLength: 64 }),
          // Literals rather than an enum keyword, so our own check of the answer holds them too.
          level: Type.Union(FEEDBACK_LEVELS.map((level) => Type.Literal(level))),
          comment: Type.String({ minLength: 1, maxLength: 400 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 10 },
    ),
    suggestion: Type.String({ minLength: 1, maxLength: 600 }),
  },
  { additionalProperties: false },
);
export type FeedbackAnswer = Static<typeof FeedbackAnswerSchema>;

export const FeedbackRequestSchema = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: 5000,
      pattern: '\\S',
      description: 'The answer you wrote (sent with the exercise prompt and rubric only)',
    }),
  },
  { additionalProperties: false },
);

/**
 * Feedback only (P-AI-2): it names no score and is never saved; the person still ticks the
 * criteria they meet and rates themselves.
 */
export const WrittenFeedbackSchema = Type.Object(
  {
    criteria: Type.Array(
      Type.Object({
        criterionId: Type.String(),
        criterion: Type.String({ description: 'The rubric criterion, as the exercise states it' }),
        level: Level,
        comment: Type.String(),
      }),
      { description: 'One entry per rubric criterion, in the rubric’s order' },
    ),
    suggestion: Type.String({ description: 'The one change that would most improve the answer' }),
    promptVersion: Type.String({ description: 'The prompt that produced this feedback' }),
    provider: Type.Union([Type.Literal('openai'), Type.Literal('anthropic')]),
    model: Type.String(),
  },
  { $id: 'PracticeWrittenFeedback' },
);
export type WrittenFeedback = Static<typeof WrittenFeedbackSchema>;
