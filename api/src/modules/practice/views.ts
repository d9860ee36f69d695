import { AppError } from '../../platform/errors.js';
import { EXERCISES, findSkill, listExercisesOfSkill, SKILLS, type CatalogExercise } from './content.js';
import type { ExerciseView } from './schema.js';

/** How content is shown: before an answer (nothing that gives it away) and after (the feedback). */

export function toExerciseView(exercise: CatalogExercise): ExerciseView {
  const base = {
    id: exercise.id,
    skillId: exercise.skillId,
    type: exercise.type,
    title: exercise.title,
    prompt: exercise.prompt,
    contentVersion: exercise.contentVersion,
  };
  if (exercise.type === 'multiple-choice')
    return { ...base, options: exercise.options.map(({ id, text }) => ({ id, text })) };
  if (exercise.type === 'written')
    return { ...base, rubric: exercise.rubric.map(({ id, text, points }) => ({ id, text, points })) };
  return { ...base, steps: [...exercise.steps], tip: exercise.tip };
}

/** Feedback shown once an attempt is finished. */
export function toFeedback(exercise: CatalogExercise) {
  if (exercise.type === 'multiple-choice') {
    const correct = exercise.options.find((option) => option.isCorrect);
    return {
      ...(correct === undefined ? {} : { correctOptionId: correct.id }),
      options: exercise.options.map(({ id, isCorrect, explanation }) => ({ id, isCorrect, explanation })),
    };
  }
  if (exercise.type === 'written') return { modelAnswer: exercise.modelAnswer };
  return {};
}

/** An exercise of the catalogue, or 404 (an unknown id is not a server error). */
export function requireExercise(exerciseId: string): CatalogExercise {
  const exercise = EXERCISES.get(exerciseId);
  if (exercise === undefined) throw new AppError('not_found', 'No exercise has that id.');
  return exercise;
}

export function requireSkill(skillId: string) {
  const skill = findSkill(skillId);
  if (skill === undefined) throw new AppError('not_found', 'No skill has that id.');
  return skill;
}

/** The skills with how many exercises each has. */
export function listSkills() {
  return SKILLS.map((skill) => {
    const exercises = listExercisesOfSkill(skill.id);
    return { ...skill, exerciseCount: exercises.length, contentVersion: exercises[0]?.contentVersion ?? 1 };
  });
}
