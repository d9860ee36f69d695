import type { ExerciseInput, OwnExercise } from './own-skills-hooks';

/**
 * The form state of a workspace's own exercise, one shape for the three types so switching type
 * keeps what was typed, and how it becomes the API's body. The checks here name each problem in
 * plain words before anything is sent; the API holds the same rules and has the last word.
 */

export type ExerciseType = ExerciseInput['type'];

export const EXERCISE_TYPE_LABELS: Record<ExerciseType, string> = {
  'multiple-choice': 'Multiple choice',
  written: 'Written answer with a rubric',
  drill: 'Self-rated drill',
};

/** The API's bounds (authored-schema.ts): 2–6 options, 1–8 criteria, 1–10 steps. */
export const MAX_OPTIONS = 6;
export const MAX_CRITERIA = 8;
export const MAX_STEPS = 10;

export type OptionDraft = { text: string; explanation: string };
export type CriterionDraft = { text: string; points: number };

export type ExerciseDraft = {
  type: ExerciseType;
  title: string;
  prompt: string;
  options: OptionDraft[];
  correctIndex: number;
  criteria: CriterionDraft[];
  modelAnswer: string;
  /** One step a line. */
  steps: string;
  tip: string;
};

export const EXERCISE_FIELDS = [
  'type',
  'title',
  'prompt',
  'options',
  'rubric',
  'modelAnswer',
  'steps',
  'tip',
] as const;
export type ExerciseField = (typeof EXERCISE_FIELDS)[number];
export type ExerciseErrors = Partial<Record<ExerciseField, string>>;

export function emptyDraft(type: ExerciseType = 'multiple-choice'): ExerciseDraft {
  return {
    type,
    title: '',
    prompt: '',
    options: [
      { text: '', explanation: '' },
      { text: '', explanation: '' },
    ],
    correctIndex: 0,
    criteria: [{ text: '', points: 1 }],
    modelAnswer: '',
    steps: '',
    tip: '',
  };
}

const OPTION_IDS = 'abcdefghijklmnopqrstuvwxyz';
const isBlank = (text: string) => text.trim() === '';
const stepsOf = (text: string) => text.split('\n').filter((line) => !isBlank(line));

/** What is missing or wrong, per field, in words a person can act on; empty when it can be sent. */
export function validateDraft(draft: ExerciseDraft): ExerciseErrors {
  const errors: ExerciseErrors = {};
  if (isBlank(draft.title)) errors.title = 'Give the exercise a title.';
  if (isBlank(draft.prompt)) errors.prompt = 'Write what the exercise asks.';
  if (draft.type === 'multiple-choice') {
    if (draft.options.length < 2) errors.options = 'Give at least two options.';
    else if (draft.options.some((o) => isBlank(o.text) || isBlank(o.explanation)))
      errors.options = 'Every option needs its text and an explanation of why it is right or wrong.';
  }
  if (draft.type === 'written') {
    if (draft.criteria.length === 0 || draft.criteria.some((c) => isBlank(c.text)))
      errors.rubric = 'Every rubric criterion needs its text.';
    if (isBlank(draft.modelAnswer)) errors.modelAnswer = 'Write a model answer to show after answering.';
  }
  if (draft.type === 'drill') {
    if (stepsOf(draft.steps).length === 0) errors.steps = 'Write at least one step, one a line.';
    else if (stepsOf(draft.steps).length > MAX_STEPS) errors.steps = `Write at most ${MAX_STEPS} steps.`;
    if (isBlank(draft.tip)) errors.tip = 'Write a tip to show after the drill.';
  }
  return errors;
}

/** The API body for the draft (only the chosen type's fields, text trimmed). */
export function toExerciseInput(draft: ExerciseDraft): ExerciseInput {
  const base = { title: draft.title.trim(), prompt: draft.prompt.trim() };
  if (draft.type === 'multiple-choice')
    return {
      ...base,
      type: 'multiple-choice',
      options: draft.options.map((option, index) => ({
        id: OPTION_IDS.charAt(index),
        text: option.text.trim(),
        explanation: option.explanation.trim(),
        isCorrect: index === draft.correctIndex,
      })),
    };
  if (draft.type === 'written')
    return {
      ...base,
      type: 'written',
      rubric: draft.criteria.map((criterion, index) => ({
        id: `c${index + 1}`,
        text: criterion.text.trim(),
        points: criterion.points,
      })),
      modelAnswer: draft.modelAnswer.trim(),
    };
  return { ...base, type: 'drill', steps: stepsOf(draft.steps).map((s) => s.trim()), tip: draft.tip.trim() };
}

/** The draft to edit a saved exercise with. */
export function toDraft(exercise: OwnExercise['exercise']): ExerciseDraft {
  const draft = { ...emptyDraft(exercise.type), title: exercise.title, prompt: exercise.prompt };
  if (exercise.type === 'multiple-choice')
    return {
      ...draft,
      options: exercise.options.map(({ text, explanation }) => ({ text, explanation })),
      correctIndex: Math.max(
        0,
        exercise.options.findIndex((option) => option.isCorrect),
      ),
    };
  if (exercise.type === 'written')
    return {
      ...draft,
      criteria: exercise.rubric.map(({ text, points }) => ({ text, points })),
      modelAnswer: exercise.modelAnswer,
    };
  return { ...draft, steps: exercise.steps.join('\n'), tip: exercise.tip };
}

const LOCATIONS = new Set(['body', 'exercise']);

/**
 * The form field an API error names: `exercise.options.0.id` and `/exercise/options` are both
 * `options`. Anything else is '' (shown for the form as a whole).
 */
export function toExerciseField(field: string): ExerciseField | '' {
  const segment = field
    .split(/[./]/)
    .filter((part) => part !== '' && !LOCATIONS.has(part))
    .at(0);
  return EXERCISE_FIELDS.find((known) => known === segment) ?? '';
}
