import { Value } from 'typebox/value';
import biffReplies from './content/biff-replies.json' with { type: 'json' };
import boundaryScenarios from './content/boundary-scenarios.json' with { type: 'json' };
import deEscalation from './content/de-escalation.json' with { type: 'json' };
import ethicsVignettes from './content/ethics-vignettes.json' with { type: 'json' };
import factsNotOpinions from './content/facts-not-opinions.json' with { type: 'json' };
import neutralIncidentWriting from './content/neutral-incident-writing.json' with { type: 'json' };
import phiFreeDocumentation from './content/phi-free-documentation.json' with { type: 'json' };
import {
  AUTHORED_ID_PREFIX,
  ContentFileSchema,
  type ContentFile,
  type ExerciseContent,
  type SkillContent,
} from './content-schema.js';
import { IS_SHIPPED_DATA_CHECKED_AT_BUILD } from '../../platform/shipped-data-check.js';

/**
 * The shipped practice content, read once at start-up. Each file is validated against its schema
 * and against the rules a schema cannot express (unique ids, exactly one correct option); any
 * problem throws at import (in a bundle, when the bundle is built), so broken content never
 * reaches a learner.
 */

/** The raw files, in the order skills are shown. */
export const CONTENT_FILES: readonly unknown[] = [
  biffReplies,
  neutralIncidentWriting,
  deEscalation,
  factsNotOpinions,
  phiFreeDocumentation,
  ethicsVignettes,
  boundaryScenarios,
];

/** Every problem in a set of content files; empty when they can all be served. */
export function listContentProblems(files: readonly unknown[]): string[] {
  const problems: string[] = [];
  const skillIds = new Set<string>();
  const exerciseIds = new Set<string>();
  files.forEach((file, index) => {
    if (!Value.Check(ContentFileSchema, file)) {
      const first = Value.Errors(ContentFileSchema, file)[0];
      problems.push(
        `file ${index}: ${first?.instancePath ?? ''} ${first?.message ?? 'does not match the schema'}`,
      );
      return;
    }
    if (skillIds.has(file.skill.id)) problems.push(`skill ${file.skill.id}: id used twice`);
    // A workspace's own ids start with the prefix, so a shipped id never collides with one.
    for (const id of [file.skill.id, ...file.exercises.map((exercise) => exercise.id)])
      if (id.startsWith(AUTHORED_ID_PREFIX))
        problems.push(`${id}: shipped ids never start ${AUTHORED_ID_PREFIX}`);
    skillIds.add(file.skill.id);
    for (const exercise of file.exercises) {
      if (exerciseIds.has(exercise.id)) problems.push(`exercise ${exercise.id}: id used twice`);
      exerciseIds.add(exercise.id);
      problems.push(...listExerciseProblems(exercise));
    }
  });
  return problems;
}

/** Rules of one exercise a schema cannot express (exactly one correct option, unique ids). */
export function listExerciseProblems(exercise: ExerciseContent): string[] {
  const problems: string[] = [];
  if (exercise.type === 'multiple-choice') {
    const correct = exercise.options.filter((option) => option.isCorrect).length;
    if (correct !== 1)
      problems.push(`exercise ${exercise.id}: ${correct} correct options, expected exactly 1`);
    if (new Set(exercise.options.map((o) => o.id)).size !== exercise.options.length)
      problems.push(`exercise ${exercise.id}: option ids repeat`);
  }
  if (
    exercise.type === 'written' &&
    new Set(exercise.rubric.map((c) => c.id)).size !== exercise.rubric.length
  )
    problems.push(`exercise ${exercise.id}: rubric criterion ids repeat`);
  return problems;
}

function loadContent(files: readonly unknown[]): ContentFile[] {
  // The bundle's build checked these same files (platform/shipped-data-check.ts).
  if (IS_SHIPPED_DATA_CHECKED_AT_BUILD) return files as ContentFile[];
  const problems = listContentProblems(files);
  if (problems.length > 0) throw new Error(`Practice content is invalid:\n${problems.join('\n')}`);
  return files.filter((file): file is ContentFile => Value.Check(ContentFileSchema, file));
}

export type CatalogExercise = ExerciseContent & { skillId: string; contentVersion: number };

const LOADED = loadContent(CONTENT_FILES);

/** The skills, in the order they are shown. */
export const SKILLS: readonly SkillContent[] = LOADED.map((file) => file.skill);

/** Every exercise by id, each knowing its skill and the version of the file it came from. */
export const EXERCISES: ReadonlyMap<string, CatalogExercise> = new Map(
  LOADED.flatMap((file) =>
    file.exercises.map((exercise): [string, CatalogExercise] => [
      exercise.id,
      { ...exercise, skillId: file.skill.id, contentVersion: file.contentVersion },
    ]),
  ),
);

/** The exercises of one skill, in file order. */
export function listExercisesOfSkill(skillId: string): CatalogExercise[] {
  return [...EXERCISES.values()].filter((exercise) => exercise.skillId === skillId);
}

export function findSkill(skillId: string): SkillContent | undefined {
  return SKILLS.find((skill) => skill.id === skillId);
}
