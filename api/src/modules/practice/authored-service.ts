import { Value } from 'typebox/value';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { commitWithAudit, type TransactItem } from '../../platform/audit/audit-log.js';
import { createId } from '../../platform/db/ids.js';
import { explainFailedCondition, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as repo from './authored-repo.js';
import type {
  ExerciseInput,
  ExerciseUpdate,
  OwnExercise,
  OwnSkill,
  SkillInput,
  SkillUpdate,
} from './authored-schema.js';
import { AUTHORED_ID_PREFIX, type ExerciseContent } from './content-schema.js';
import { listExerciseProblems } from './content.js';

/** Bounds on what one workspace may write, so its catalogue stays readable in one query. */
export const MAX_OWN_SKILLS = 50;
export const MAX_OWN_EXERCISES = 500;

/** Who writes: an owner or admin of the workspace (the route's rule says so). */
export type Author = { tenantId: string; actor: AuditActor };

/** A new id that can never be a shipped one (shipped ids may not start with the prefix). */
function newContentId(): string {
  return `${AUTHORED_ID_PREFIX}${createId().toLowerCase()}`;
}

/** The same rules the shipped files are held to, named by field for the form (400). */
function toContent(id: string, input: ExerciseInput): ExerciseContent {
  const content: ExerciseContent = { ...input, id };
  const problems = listExerciseProblems(content);
  if (problems.length > 0) {
    const field = content.type === 'multiple-choice' ? '/exercise/options' : '/exercise/rubric';
    const errors = problems.map((problem) => ({ field, message: problem.replace(`exercise ${id}: `, '') }));
    throw new AppError('validation_failed', 'The exercise breaks a content rule.', { errors });
  }
  return content;
}

function trimmed(input: SkillInput): SkillInput {
  return { area: input.area, title: input.title.trim(), summary: input.summary.trim() };
}

/** The workspace's own skills and exercises, archived ones too. */
export function listOwnContent(
  deps: AppDeps,
  tenantId: string,
): Promise<{ skills: OwnSkill[]; exercises: OwnExercise[] }> {
  return repo.listOwnContent(deps.db, tenantId);
}

export async function listOwnExercises(deps: AppDeps, tenantId: string): Promise<OwnExercise[]> {
  return (await repo.listOwnContent(deps.db, tenantId)).exercises;
}

export async function requireOwnSkill(deps: AppDeps, tenantId: string, skillId: string): Promise<OwnSkill> {
  const skill = skillId.startsWith(AUTHORED_ID_PREFIX)
    ? await repo.getSkill(deps.db, tenantId, skillId)
    : undefined;
  if (skill === undefined) throw new AppError('not_found', 'This workspace has no skill with that id.');
  return skill;
}

async function requireOwnExercise(deps: AppDeps, tenantId: string, exerciseId: string): Promise<OwnExercise> {
  const exercise = exerciseId.startsWith(AUTHORED_ID_PREFIX)
    ? await repo.getExercise(deps.db, tenantId, exerciseId)
    : undefined;
  if (exercise === undefined) throw new AppError('not_found', 'This workspace has no exercise with that id.');
  return exercise;
}

type Edit = {
  item: TransactItem;
  action: string;
  target: { type: string; id: string };
  version: number;
  explain: () => Promise<AppError>;
};

/** One versioned edit with its audit entry in the same transaction; a stale version gets 409. */
async function commitEdit(deps: AppDeps, author: Author, edit: Edit): Promise<void> {
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        author.tenantId,
        [edit.item],
        {
          actor: author.actor,
          action: edit.action,
          target: edit.target,
          details: { fromVersion: edit.version },
        },
        deps.now,
      ),
    edit.explain,
  );
}

/** Adds a skill of the workspace's own, with its audit entry in the same transaction. */
export async function createOwnSkill(deps: AppDeps, author: Author, input: SkillInput): Promise<OwnSkill> {
  if ((await repo.listSkills(deps.db, author.tenantId)).length >= MAX_OWN_SKILLS)
    throw new AppError(
      'conflict',
      `A workspace can have at most ${String(MAX_OWN_SKILLS)} skills of its own.`,
    );
  const now = deps.now().toISOString();
  const skill: OwnSkill = {
    id: newContentId(),
    ...trimmed(input),
    isArchived: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await commitWithAudit(
    deps.db,
    author.tenantId,
    [repo.buildPutSkill(deps.db, author.tenantId, skill)],
    {
      actor: author.actor,
      action: 'practice.skill.created',
      target: { type: 'practice-skill', id: skill.id },
    },
    deps.now,
  );
  return skill;
}

/** Edits or archives a skill at the version read (409 when someone changed it since). */
export async function updateOwnSkill(
  deps: AppDeps,
  author: Author,
  skillId: string,
  update: SkillUpdate,
): Promise<OwnSkill> {
  await requireOwnSkill(deps, author.tenantId, skillId);
  const changes = { ...trimmed(update), isArchived: update.isArchived, updatedAt: deps.now().toISOString() };
  await commitEdit(deps, author, {
    item: repo.buildUpdateSkill(deps.db, author.tenantId, skillId, changes, update.version),
    action: update.isArchived ? 'practice.skill.archived' : 'practice.skill.updated',
    target: { type: 'practice-skill', id: skillId },
    version: update.version,
    explain: async () =>
      explainFailedCondition(await repo.getSkill(deps.db, author.tenantId, skillId), 'skill', false),
  });
  return requireOwnSkill(deps, author.tenantId, skillId);
}

/** Adds an exercise to one of the workspace's own skills, held to the shipped content's rules. */
export async function createOwnExercise(
  deps: AppDeps,
  author: Author,
  skillId: string,
  input: ExerciseInput,
): Promise<OwnExercise> {
  const skill = await requireOwnSkill(deps, author.tenantId, skillId);
  if (skill.isArchived)
    throw new AppError('conflict', 'This skill is archived; restore it to add exercises.');
  if ((await repo.listExercises(deps.db, author.tenantId)).length >= MAX_OWN_EXERCISES)
    throw new AppError(
      'conflict',
      `A workspace can have at most ${String(MAX_OWN_EXERCISES)} exercises of its own.`,
    );
  const id = newContentId();
  const now = deps.now().toISOString();
  const exercise: OwnExercise = {
    id,
    skillId: skill.id,
    contentVersion: 1,
    exercise: toContent(id, input),
    isArchived: false,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await commitWithAudit(
    deps.db,
    author.tenantId,
    [repo.buildPutExercise(deps.db, author.tenantId, exercise)],
    { actor: author.actor, action: 'practice.exercise.created', target: { type: 'practice-exercise', id } },
    deps.now,
  );
  return exercise;
}

/**
 * Replaces an exercise's content or archives it, at the version read. Every edit raises the
 * content version, so an attempt names the wording it answered.
 */
export async function updateOwnExercise(
  deps: AppDeps,
  author: Author,
  exerciseId: string,
  update: ExerciseUpdate,
): Promise<OwnExercise> {
  const current = await requireOwnExercise(deps, author.tenantId, exerciseId);
  const content = toContent(exerciseId, update.exercise);
  // Deep equality regardless of key order (the stored item comes back in the database's order).
  const isEdited = !Value.Equal(content, current.exercise);
  const changes = {
    exercise: content,
    isArchived: update.isArchived,
    contentVersion: current.contentVersion + (isEdited ? 1 : 0),
    updatedAt: deps.now().toISOString(),
  };
  await commitEdit(deps, author, {
    item: repo.buildUpdateExercise(deps.db, author.tenantId, exerciseId, changes, update.version),
    action: update.isArchived ? 'practice.exercise.archived' : 'practice.exercise.updated',
    target: { type: 'practice-exercise', id: exerciseId },
    version: update.version,
    explain: async () =>
      explainFailedCondition(await repo.getExercise(deps.db, author.tenantId, exerciseId), 'exercise', false),
  });
  return requireOwnExercise(deps, author.tenantId, exerciseId);
}

/** One exercise of the workspace's own, archived or not (attempts made before archiving keep it). */
export async function findOwnExercise(
  deps: AppDeps,
  tenantId: string,
  exerciseId: string,
): Promise<OwnExercise | undefined> {
  return repo.getExercise(deps.db, tenantId, exerciseId);
}
