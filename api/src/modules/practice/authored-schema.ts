import { Type, type Static } from 'typebox';
import { versionField } from '../../platform/http/params.js';
import {
  drillFields,
  ExerciseContentSchema,
  exerciseTextFields,
  multipleChoiceFields,
  RubricCriterionSchema,
  skillFields,
  writtenFields,
} from './content-schema.js';

/**
 * A workspace's own skills and exercises (a clinic training its staff): the same content schema as
 * the shipped files, with ids given by the server and a shorter rubric (1–8 criteria).
 */

/** The most criteria a workspace's rubric may have: enough to judge, few enough to tick honestly. */
export const MAX_AUTHORED_CRITERIA = 8;

export const SkillInputSchema = Type.Object({ ...skillFields }, { additionalProperties: false });
export type SkillInput = Static<typeof SkillInputSchema>;

export const SkillUpdateSchema = Type.Object(
  {
    ...skillFields,
    isArchived: Type.Boolean({ description: 'Archived skills are not offered; their history is kept' }),
    version: versionField(),
  },
  { additionalProperties: false },
);
export type SkillUpdate = Static<typeof SkillUpdateSchema>;

/**
 * A valid exercise, shown in the API document: the content rules (one correct option, an
 * explanation each) are more than a schema says, so a generated body would not meet them.
 */
const EXERCISE_EXAMPLE = {
  type: 'multiple-choice',
  title: 'Reply to a late pickup',
  prompt: 'Which reply keeps to the facts?',
  options: [
    { id: 'a', text: 'Noted: pickup at 6 on Friday.', isCorrect: true, explanation: 'Brief and factual.' },
    { id: 'b', text: 'You are always late.', isCorrect: false, explanation: 'Blames, and invites a fight.' },
  ],
};

export const ExerciseInputSchema = Type.Union(
  [
    Type.Object({ ...exerciseTextFields, ...multipleChoiceFields }, { additionalProperties: false }),
    Type.Object(
      {
        ...exerciseTextFields,
        ...writtenFields,
        rubric: Type.Array(RubricCriterionSchema, { minItems: 1, maxItems: MAX_AUTHORED_CRITERIA }),
      },
      { additionalProperties: false },
    ),
    Type.Object({ ...exerciseTextFields, ...drillFields }, { additionalProperties: false }),
  ],
  { examples: [EXERCISE_EXAMPLE] },
);
export type ExerciseInput = Static<typeof ExerciseInputSchema>;

export const CreateExerciseSchema = Type.Object(
  { exercise: ExerciseInputSchema },
  { additionalProperties: false },
);

export const ExerciseUpdateSchema = Type.Object(
  {
    exercise: ExerciseInputSchema,
    isArchived: Type.Boolean({ description: 'Archived exercises are not offered; attempts are kept' }),
    version: versionField(),
  },
  { additionalProperties: false },
);
export type ExerciseUpdate = Static<typeof ExerciseUpdateSchema>;

const stamps = {
  isArchived: Type.Boolean(),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
};

export const OwnSkillSchema = Type.Object(
  { id: Type.String(), ...skillFields, ...stamps },
  { $id: 'PracticeOwnSkill' },
);
export type OwnSkill = Static<typeof OwnSkillSchema>;

/** A workspace exercise as its authors see it: with the answers, since they wrote them. */
export const OwnExerciseSchema = Type.Object(
  {
    id: Type.String(),
    skillId: Type.String(),
    contentVersion: Type.Integer({
      description: 'Raised with every edit, so attempts name what they answered',
    }),
    exercise: ExerciseContentSchema,
    ...stamps,
  },
  { $id: 'PracticeOwnExercise' },
);
export type OwnExercise = Static<typeof OwnExerciseSchema>;

/** The fields stored, in the export's column order. */
export const OWN_SKILL_FIELDS = Object.keys(OwnSkillSchema.properties);
export const OWN_EXERCISE_FIELDS = Object.keys(OwnExerciseSchema.properties);
