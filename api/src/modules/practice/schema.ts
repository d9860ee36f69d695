import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { CursorQuery, IdParam, limitQuery } from '../../platform/http/params.js';
import { ContentId, EXERCISE_TYPES, SKILL_AREAS } from './content-schema.js';
import { MASTERY_LEVELS } from './mastery.js';
import { MAX_RETENTION, MIN_RETENTION, SELF_RATINGS } from './scheduler.js';

/** Request and response schemas of the practice routes; every field bounded. */

export const SelfRatingSchema = stringEnum(SELF_RATINGS, {
  description: 'How it went for you: again (forgot), hard, good, easy',
});
const Score = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);
const DateTime = Type.String({ format: 'date-time' });

export const SkillIdParams = Type.Object({ workspaceId: IdParam, skillId: ContentId });

export const AnswerSchema = Type.Union([
  Type.Object(
    { type: Type.Literal('multiple-choice'), optionId: Type.String({ pattern: '^[a-z]$' }) },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      type: Type.Literal('written'),
      text: Type.String({ minLength: 1, maxLength: 5000, pattern: '\\S' }),
      criteriaMet: Type.Array(ContentId, {
        maxItems: 10,
        description: 'The rubric criteria your answer meets (self-scored)',
      }),
    },
    { additionalProperties: false },
  ),
  Type.Object({ type: Type.Literal('drill') }, { additionalProperties: false }),
]);
export type Answer = Static<typeof AnswerSchema>;

/** An exercise as a learner sees it before answering: no correct option, explanations or model answer. */
export const ExerciseViewSchema = Type.Object(
  {
    id: Type.String(),
    skillId: Type.String(),
    type: stringEnum(EXERCISE_TYPES),
    title: Type.String(),
    prompt: Type.String(),
    contentVersion: Type.Integer(),
    options: Type.Optional(Type.Array(Type.Object({ id: Type.String(), text: Type.String() }))),
    rubric: Type.Optional(
      Type.Array(Type.Object({ id: Type.String(), text: Type.String(), points: Type.Integer() })),
    ),
    steps: Type.Optional(Type.Array(Type.String())),
    tip: Type.Optional(Type.String()),
  },
  { $id: 'PracticeExercise' },
);
export type ExerciseView = Static<typeof ExerciseViewSchema>;

/** What a finished attempt teaches: every option's explanation, or the model answer. */
export const FeedbackSchema = Type.Object({
  correctOptionId: Type.Optional(Type.String()),
  options: Type.Optional(
    Type.Array(Type.Object({ id: Type.String(), isCorrect: Type.Boolean(), explanation: Type.String() })),
  ),
  modelAnswer: Type.Optional(Type.String()),
});

export const SkillSchema = Type.Object(
  {
    id: Type.String(),
    area: stringEnum(SKILL_AREAS),
    title: Type.String(),
    summary: Type.String(),
    exerciseCount: Type.Integer(),
    contentVersion: Type.Integer(),
  },
  { $id: 'PracticeSkill' },
);
export type Skill = Static<typeof SkillSchema>;

export const AttemptSchema = Type.Object(
  {
    id: Type.String(),
    exerciseId: Type.String(),
    skillId: Type.String(),
    exerciseType: stringEnum(EXERCISE_TYPES),
    contentVersion: Type.Integer(),
    startedAt: DateTime,
    endedAt: Type.Optional(DateTime),
    durationSeconds: Type.Optional(Type.Integer({ minimum: 0 })),
    answer: Type.Optional(AnswerSchema),
    score: Type.Optional(Score),
    scoredBy: Type.Optional(stringEnum(['answer-key', 'self', 'none'] as const)),
    selfRating: Type.Optional(SelfRatingSchema),
    version: Type.Integer(),
  },
  { $id: 'PracticeAttempt' },
);
export type Attempt = Static<typeof AttemptSchema>;

/** Every stored attribute of an attempt, in the schema's order (export columns, presenter). */
export const ATTEMPT_FIELDS: readonly (keyof Attempt)[] = Object.keys(AttemptSchema.properties).filter(
  (field): field is keyof Attempt => field in AttemptSchema.properties,
);

export const StartAttemptSchema = Type.Object({ exerciseId: ContentId }, { additionalProperties: false });

export const FinishAttemptSchema = Type.Object(
  {
    answer: AnswerSchema,
    selfRating: SelfRatingSchema,
    desiredRetention: Type.Optional(
      Type.Number({
        minimum: MIN_RETENTION,
        maximum: MAX_RETENTION,
        description: 'The chance of recall to schedule the next review for (0.9 by default)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FinishAttempt = Static<typeof FinishAttemptSchema>;

export const FinishedAttemptSchema = Type.Object({
  attempt: AttemptSchema,
  feedback: FeedbackSchema,
  nextDue: DateTime,
});

export const AttemptListQuerySchema = Type.Object(
  { skillId: Type.Optional(ContentId), cursor: CursorQuery, limit: limitQuery(25) },
  { additionalProperties: false },
);
export type AttemptListQuery = Static<typeof AttemptListQuerySchema>;

export const NextQuerySchema = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 20, default: 5 })),
    dailyReviewCap: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 200, default: 20, description: 'The most reviews offered a day' }),
    ),
  },
  { additionalProperties: false },
);
export type NextQuery = Static<typeof NextQuerySchema>;

export const NextSchema = Type.Object({
  mode: stringEnum(['regular', 'catch-up'] as const),
  dueCount: Type.Integer(),
  isDueCountLowerBound: Type.Boolean({
    description: 'The due cards were counted up to a budget and more remain: dueCount means "at least".',
  }),
  heldBackCount: Type.Integer(),
  reviewsLeftToday: Type.Integer(),
  items: Type.Array(
    Type.Object({
      exercise: ExerciseViewSchema,
      kind: stringEnum(['review', 'new', 'ahead'] as const),
      reason: Type.String(),
      retrievability: Type.Optional(Type.Number()),
    }),
  ),
});

export const MasteryLevelSchema = stringEnum(MASTERY_LEVELS);

export const ProgressSchema = Type.Object({
  skills: Type.Array(
    Type.Object({
      skillId: Type.String(),
      title: Type.String(),
      area: stringEnum(SKILL_AREAS),
      level: MasteryLevelSchema,
      reason: Type.String(),
      calibration: stringEnum(['higher', 'lower', 'matched', 'not-enough-data'] as const),
      exercisesStarted: Type.Integer(),
      exerciseCount: Type.Integer(),
    }),
  ),
  activeDaysLast28: Type.Integer({ description: 'Days with at least one finished attempt in the last 28' }),
  weeks: Type.Array(
    Type.Object({ weekStart: Type.String(), attempts: Type.Integer(), minutes: Type.Number() }),
  ),
  retention: Type.Object({
    cards: Type.Integer(),
    now: Type.Number(),
    in7Days: Type.Number(),
    in30Days: Type.Number(),
  }),
});

export const AssessmentSchema = Type.Object(
  {
    id: Type.String(),
    skillId: Type.String(),
    startedAt: DateTime,
    deadline: DateTime,
    timeLimitSeconds: Type.Integer(),
    exerciseIds: Type.Array(Type.String()),
    state: stringEnum(['open', 'completed'] as const),
    completedAt: Type.Optional(DateTime),
    score: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    isLate: Type.Optional(Type.Boolean()),
    results: Type.Optional(
      Type.Array(Type.Object({ exerciseId: Type.String(), answer: AnswerSchema, score: Type.Number() })),
    ),
    version: Type.Integer(),
  },
  { $id: 'PracticeAssessment' },
);
export type Assessment = Static<typeof AssessmentSchema>;
export const ASSESSMENT_FIELDS: readonly (keyof Assessment)[] = Object.keys(
  AssessmentSchema.properties,
).filter((field): field is keyof Assessment => field in AssessmentSchema.properties);

export const StartedAssessmentSchema = Type.Object({
  assessment: AssessmentSchema,
  exercises: Type.Array(ExerciseViewSchema),
});

export const StartAssessmentSchema = Type.Object({ skillId: ContentId }, { additionalProperties: false });

export const SubmitAssessmentSchema = Type.Object(
  {
    answers: Type.Array(
      Type.Object({ exerciseId: ContentId, answer: AnswerSchema }, { additionalProperties: false }),
      { maxItems: 20 },
    ),
  },
  { additionalProperties: false },
);
export type SubmitAssessment = Static<typeof SubmitAssessmentSchema>;

export const AssessmentListQuerySchema = Type.Object(
  { skillId: Type.Optional(ContentId), cursor: CursorQuery, limit: limitQuery(25) },
  { additionalProperties: false },
);
export type AssessmentListQuery = Static<typeof AssessmentListQuerySchema>;
