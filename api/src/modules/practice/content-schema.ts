import { Type, type Static } from 'typebox';

/**
 * The shape of a shipped content file (`content/<skill-id>.json`): one skill and its exercises.
 * Files are checked against this at load, so a malformed file stops the API from starting rather
 * than failing a learner mid-exercise.
 */

/** Content ids: lower-case words and digits joined by dashes, safe inside a sort key. */
export const CONTENT_ID_PATTERN = '^[a-z0-9]+(-[a-z0-9]+)*$';
export const ContentId = Type.String({ pattern: CONTENT_ID_PATTERN, minLength: 2, maxLength: 64 });

export const SKILL_AREAS = ['co-parenting', 'clinician'] as const;
export const EXERCISE_TYPES = ['multiple-choice', 'written', 'drill'] as const;
export type ExerciseType = (typeof EXERCISE_TYPES)[number];

/** Ids of a workspace's own skills and exercises start so; no shipped id may (content.ts checks). */
export const AUTHORED_ID_PREFIX = 'own-';

// Whitespace-only text says nothing: shipped files and workspace authors alike must write something.
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

/** The fields every exercise has besides its id (a workspace's exercise gets its id from the server). */
export const exerciseTextFields = {
  title: Text(120),
  prompt: Text(2000),
};

const exerciseBase = { id: ContentId, ...exerciseTextFields };

export const ChoiceOptionSchema = Type.Object(
  {
    id: Type.String({ pattern: '^[a-z]$' }),
    text: Text(600),
    isCorrect: Type.Boolean(),
    explanation: Text(600),
  },
  { additionalProperties: false },
);

/** What a multiple-choice exercise holds besides its id and texts. */
export const multipleChoiceFields = {
  type: Type.Literal('multiple-choice'),
  options: Type.Array(ChoiceOptionSchema, { minItems: 2, maxItems: 6 }),
};

export const MultipleChoiceSchema = Type.Object(
  { ...exerciseBase, ...multipleChoiceFields },
  { additionalProperties: false },
);

export const RubricCriterionSchema = Type.Object(
  {
    id: ContentId,
    text: Text(300),
    points: Type.Integer({ minimum: 1, maximum: 10 }),
  },
  { additionalProperties: false },
);

export const writtenFields = {
  type: Type.Literal('written'),
  rubric: Type.Array(RubricCriterionSchema, { minItems: 1, maxItems: 10 }),
  modelAnswer: Text(2000),
};

export const WrittenSchema = Type.Object(
  { ...exerciseBase, ...writtenFields },
  { additionalProperties: false },
);

export const drillFields = {
  type: Type.Literal('drill'),
  steps: Type.Array(Text(400), { minItems: 1, maxItems: 10 }),
  tip: Text(400),
};

export const DrillSchema = Type.Object({ ...exerciseBase, ...drillFields }, { additionalProperties: false });

export const ExerciseContentSchema = Type.Union([MultipleChoiceSchema, WrittenSchema, DrillSchema]);
export type ExerciseContent = Static<typeof ExerciseContentSchema>;
export type MultipleChoiceContent = Static<typeof MultipleChoiceSchema>;
export type WrittenContent = Static<typeof WrittenSchema>;

/** What a skill holds besides its id. */
export const skillFields = {
  area: Type.Union(SKILL_AREAS.map((area) => Type.Literal(area))),
  title: Text(120),
  summary: Text(600),
};

export const SkillContentSchema = Type.Object(
  { id: ContentId, ...skillFields },
  { additionalProperties: false },
);
export type SkillContent = Static<typeof SkillContentSchema>;

export const ContentFileSchema = Type.Object(
  {
    /** Raised whenever a file's exercises change meaning, so attempts can name what they answered. */
    contentVersion: Type.Integer({ minimum: 1, maximum: 1000 }),
    skill: SkillContentSchema,
    exercises: Type.Array(ExerciseContentSchema, { minItems: 1, maxItems: 200 }),
  },
  { additionalProperties: false },
);
export type ContentFile = Static<typeof ContentFileSchema>;
