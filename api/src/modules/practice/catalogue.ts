import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { findOwnExercise, listOwnContent, listOwnExercises, requireOwnSkill } from './authored-service.js';
import type { OwnExercise } from './authored-schema.js';
import { AUTHORED_ID_PREFIX, type SkillContent } from './content-schema.js';
import { EXERCISES, listExercisesOfSkill, SKILLS, type CatalogExercise } from './content.js';
import type { Skill } from './schema.js';
import { listSkills, requireSkill } from './views.js';

/**
 * One workspace's catalogue: the shipped content merged with the skills and exercises the
 * workspace wrote itself. Their ids cannot collide (a workspace's start with `own-`, which no
 * shipped id may); another workspace's never appear (they live in its own partition). Archived
 * ones are not offered, but an attempt made before archiving can still be finished and read.
 */

function toCatalogExercise(own: OwnExercise): CatalogExercise {
  return { ...own.exercise, skillId: own.skillId, contentVersion: own.contentVersion };
}

/** Whether a skill or exercise id names the workspace's own content (never a shipped one). */
export const isOwn = (id: string) => id.startsWith(AUTHORED_ID_PREFIX);

/**
 * An exercise of the workspace's catalogue, or 404. `isOffered` refuses archived ones (starting
 * an attempt); without it an archived exercise is still found (finishing one begun before).
 */
export async function findExerciseFor(
  deps: AppDeps,
  tenantId: string,
  exerciseId: string,
  options: { isOffered: boolean },
): Promise<CatalogExercise> {
  const shipped = EXERCISES.get(exerciseId);
  if (shipped !== undefined) return shipped;
  const own = isOwn(exerciseId) ? await findOwnExercise(deps, tenantId, exerciseId) : undefined;
  if (own === undefined || (options.isOffered && own.isArchived))
    throw new AppError('not_found', 'No exercise has that id.');
  return toCatalogExercise(own);
}

/** The offered exercises of one skill (shipped or the workspace's own), or 404 for an unknown skill. */
export async function listExercisesOfSkillFor(
  deps: AppDeps,
  tenantId: string,
  skillId: string,
): Promise<CatalogExercise[]> {
  if (!isOwn(skillId)) {
    requireSkill(skillId);
    return listExercisesOfSkill(skillId);
  }
  const skill = await requireOwnSkill(deps, tenantId, skillId);
  if (skill.isArchived) throw new AppError('not_found', 'No skill has that id.');
  const exercises = await listOwnExercises(deps, tenantId);
  return exercises.filter((e) => e.skillId === skillId && !e.isArchived).map(toCatalogExercise);
}

/** The shipped skills, then the workspace's own that are not archived, each with its exercise count. */
export async function listSkillsFor(deps: AppDeps, tenantId: string): Promise<Skill[]> {
  const { skills, exercises } = await listOwnContent(deps, tenantId);
  const own = skills
    .filter((skill) => !skill.isArchived)
    .map((skill) => {
      const offered = exercises.filter((e) => e.skillId === skill.id && !e.isArchived);
      return {
        id: skill.id,
        area: skill.area,
        title: skill.title,
        summary: skill.summary,
        exerciseCount: offered.length,
        contentVersion: Math.max(1, ...offered.map((e) => e.contentVersion)),
      };
    });
  return [...listSkills(), ...own];
}

/** What a workspace offers its people to practise: skills and exercises, none archived. */
export type OfferedCatalogue = {
  skills: readonly SkillContent[];
  exercises: ReadonlyMap<string, CatalogExercise>;
};

/**
 * The shipped catalogue alone, built once per process: it cannot change while the process runs,
 * and most workspaces add nothing to it, so "next" does not rebuild it on every pick.
 */
const SHIPPED_ONLY: OfferedCatalogue = {
  skills: SKILLS,
  exercises: EXERCISES,
};

/**
 * The workspace's offered catalogue in one query: its own skills first, then the shipped ones
 * (among equally weak skills "next" offers the own ones first: see `weakestFirst`). An exercise of an archived skill is not offered either.
 */
export async function readOfferedCatalogue(deps: AppDeps, tenantId: string): Promise<OfferedCatalogue> {
  const own = await listOwnContent(deps, tenantId);
  if (own.skills.length === 0 && own.exercises.length === 0) return SHIPPED_ONLY;
  const skills = own.skills
    .filter((skill) => !skill.isArchived)
    .map(({ id, area, title, summary }) => ({ id, area, title, summary }));
  const offered = new Set(skills.map((skill) => skill.id));
  const exercises = own.exercises
    .filter((exercise) => !exercise.isArchived && offered.has(exercise.skillId))
    .map(toCatalogExercise);
  return {
    skills: [...skills, ...SKILLS],
    exercises: new Map([...exercises, ...EXERCISES.values()].map((exercise) => [exercise.id, exercise])),
  };
}
