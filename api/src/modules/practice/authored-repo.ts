import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll } from '../../platform/db/query.js';
import { buildVersionedUpdate } from '../../platform/db/updates.js';
import { getOwn } from './repo.js';
import { OWN_EXERCISE_FIELDS, OWN_SKILL_FIELDS, type OwnExercise, type OwnSkill } from './authored-schema.js';

/**
 * A workspace's own practice skills and exercises, in the workspace's partition
 * (`PRACTICEOWNSKILL#<id>`, `PRACTICEOWNEXERCISE#<id>`): shared by its members, never a person's,
 * and purged with the workspace. Archived ones stay, so attempts at them keep their meaning.
 */

type Item = Record<string, unknown>;

function pick<T>(item: Item, fields: readonly string[]): T {
  const value: Record<string, unknown> = {};
  for (const field of fields) if (item[field] !== undefined) value[field] = item[field];
  return value as T;
}

/** Presenters: only the record's own fields leave the repo. */
export const toOwnSkill = (item: Item): OwnSkill => pick<OwnSkill>(item, OWN_SKILL_FIELDS);
export const toOwnExercise = (item: Item): OwnExercise => pick<OwnExercise>(item, OWN_EXERCISE_FIELDS);

function buildPutNew(db: Db, tenantId: string, sk: string, entity: string, record: object): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: tenantPk(tenantId), SK: sk, entity, ...record },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export function buildPutSkill(db: Db, tenantId: string, skill: OwnSkill): TransactItem {
  return buildPutNew(db, tenantId, SK.practiceOwnSkill(skill.id), 'PracticeOwnSkill', skill);
}

export function buildPutExercise(db: Db, tenantId: string, exercise: OwnExercise): TransactItem {
  return buildPutNew(db, tenantId, SK.practiceOwnExercise(exercise.id), 'PracticeOwnExercise', exercise);
}

export function buildUpdateSkill(
  db: Db,
  tenantId: string,
  skillId: string,
  changes: Record<string, unknown>,
  version: number,
): TransactItem {
  const key = { PK: tenantPk(tenantId), SK: SK.practiceOwnSkill(skillId) };
  return buildVersionedUpdate(db, key, changes, { expectedVersion: version });
}

export function buildUpdateExercise(
  db: Db,
  tenantId: string,
  exerciseId: string,
  changes: Record<string, unknown>,
  version: number,
): TransactItem {
  const key = { PK: tenantPk(tenantId), SK: SK.practiceOwnExercise(exerciseId) };
  return buildVersionedUpdate(db, key, changes, { expectedVersion: version });
}

export function getSkill(db: Db, tenantId: string, skillId: string): Promise<OwnSkill | undefined> {
  return getOwn(db, tenantId, SK.practiceOwnSkill(skillId), toOwnSkill);
}

export function getExercise(db: Db, tenantId: string, exerciseId: string): Promise<OwnExercise | undefined> {
  return getOwn(db, tenantId, SK.practiceOwnExercise(exerciseId), toOwnExercise);
}

/**
 * Every skill and exercise the workspace wrote, archived ones too, in one query (they share a
 * prefix; a workspace writes tens, not thousands). Read as a key range: "next" reads it on every
 * pick, in the partition that also holds every member's practice history.
 */
export async function listOwnContent(
  db: Db,
  tenantId: string,
): Promise<{ skills: OwnSkill[]; exercises: OwnExercise[] }> {
  const items = await queryPrefixAll(db, { pk: tenantPk(tenantId), prefix: SK_PREFIX.practiceOwn });
  return {
    skills: items.filter((item) => item.entity === 'PracticeOwnSkill').map(toOwnSkill),
    exercises: items.filter((item) => item.entity === 'PracticeOwnExercise').map(toOwnExercise),
  };
}

export async function listSkills(db: Db, tenantId: string): Promise<OwnSkill[]> {
  return (await listOwnContent(db, tenantId)).skills;
}

export async function listExercises(db: Db, tenantId: string): Promise<OwnExercise[]> {
  return (await listOwnContent(db, tenantId)).exercises;
}
