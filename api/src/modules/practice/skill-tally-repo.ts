import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { SK, tenantPk } from '../../platform/db/keys.js';
import { toScorePoints } from './mastery.js';
import type { SkillTally } from './skill-tally.js';
import type { ItemKey } from '../../platform/db/batch-get.js';

/**
 * The skill tallies (`PRACTICE#<user>#SKILL#<skill>`, see skill-tally.ts), written inside the
 * attempt's and the assessment's transactions. Under the person's practice prefix, so export and
 * purge find them with the rest of their practice.
 *
 * Backfill of records made before tallies existed (or before they held the assessments): a one-off
 * job reads each person's assessments and their attempts since each skill's latest counted
 * assessment, and puts `summariseSkill`'s result (idempotent, like `backfill:people`). Until then
 * a skill without a tally counts as no practice since its assessment and as not assessed; the
 * embedded stack starts empty.
 */

type Item = Record<string, unknown>;

/** The entity name every tally carries (written as a field so the inventory test finds it). */
const TALLY = { entity: 'PracticeSkillTally' } as const;

function tallyKey(tenantId: string, userId: string, skillId: string) {
  return { PK: tenantPk(tenantId), SK: SK.practiceSkillTally(userId, skillId) };
}

/**
 * Adds a finished attempt's score to its skill's tally (created on the first one). `ADD` on whole
 * units, so attempts finished side by side both count without a read first. Undefined for a
 * drill: no score, nothing to add.
 */
export function buildAddToSkillTally(
  db: Db,
  tenantId: string,
  userId: string,
  skillId: string,
  score: number | null,
): TransactItem | undefined {
  if (score === null) return undefined;
  return {
    Update: {
      TableName: db.mainTable,
      Key: tallyKey(tenantId, userId, skillId),
      UpdateExpression:
        'SET #kind = :entity, #userId = :userId, #skillId = :skillId ADD #count :one, #points :points',
      ExpressionAttributeNames: {
        '#kind': 'entity',
        '#userId': 'userId',
        '#skillId': 'skillId',
        '#count': 'scoredCount',
        '#points': 'scorePoints',
      },
      ExpressionAttributeValues: {
        ':entity': TALLY.entity,
        ':userId': userId,
        ':skillId': skillId,
        ':one': 1,
        ':points': toScorePoints(score),
      },
    },
  };
}

/** What marks and restarts set on every tally: its entity, person and skill. */
const OWNER_NAMES = { '#kind': 'entity', '#userId': 'userId', '#skillId': 'skillId' } as const;

function ownerValues(userId: string, skillId: string) {
  return { ':entity': TALLY.entity, ':userId': userId, ':skillId': skillId };
}

/** Marks a skill's tally when an assessment of it is begun: the skill is started from then on. */
export function buildMarkSkillAssessed(
  db: Db,
  tenantId: string,
  userId: string,
  skillId: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: tallyKey(tenantId, userId, skillId),
      UpdateExpression: 'SET #kind = :entity, #userId = :userId, #skillId = :skillId, #assessed = :true',
      ExpressionAttributeNames: { ...OWNER_NAMES, '#assessed': 'isAssessed' },
      ExpressionAttributeValues: { ...ownerValues(userId, skillId), ':true': true },
    },
  };
}

/** Stands for "no prior assessment" when the tally had no counted one yet (read as absent). */
const NO_PRIOR_AT = '';
const NO_PRIOR_SCORE = -1;

/**
 * Restarts a skill's tally at an on-time assessment's completion, keeping the assessment it
 * follows as the prior one. An update, not a put: the right-hand sides read the tally as it was,
 * so the previous latest becomes the prior in the same write.
 */
export function buildRollSkillTally(
  db: Db,
  tenantId: string,
  userId: string,
  skillId: string,
  completed: { completedAt: string; score: number },
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: tallyKey(tenantId, userId, skillId),
      UpdateExpression:
        'SET #kind = :entity, #userId = :userId, #skillId = :skillId, #assessed = :true, ' +
        '#priorAt = if_not_exists(#since, :noPriorAt), #priorScore = if_not_exists(#sinceScore, :noPriorScore), ' +
        '#since = :at, #sinceScore = :score, #count = :zero, #points = :zero',
      ExpressionAttributeNames: {
        ...OWNER_NAMES,
        '#assessed': 'isAssessed',
        '#priorAt': 'priorAt',
        '#priorScore': 'priorScore',
        '#since': 'since',
        '#sinceScore': 'sinceScore',
        '#count': 'scoredCount',
        '#points': 'scorePoints',
      },
      ExpressionAttributeValues: {
        ...ownerValues(userId, skillId),
        ':true': true,
        ':noPriorAt': NO_PRIOR_AT,
        ':noPriorScore': NO_PRIOR_SCORE,
        ':at': completed.completedAt,
        ':score': completed.score,
        ':zero': 0,
      },
    },
  };
}

/** A whole tally as stored: what a backfill puts from `summariseSkill`'s result. */
export function toSkillTallyItem(tenantId: string, userId: string, tally: SkillTally): Item {
  const { prior, ...rest } = tally;
  return {
    ...tallyKey(tenantId, userId, tally.skillId),
    ...TALLY,
    userId,
    ...rest,
    ...(prior === undefined ? {} : { priorAt: prior.completedAt, priorScore: prior.score }),
  };
}

/** The keys of a person's tallies of the given skills (read in one batch with their cards). */
export function skillTallyKeys(tenantId: string, userId: string, skillIds: readonly string[]): ItemKey[] {
  return skillIds.map((skillId) => tallyKey(tenantId, userId, skillId));
}

export function isSkillTallyItem(item: Item): boolean {
  return item.entity === TALLY.entity;
}

/** The presenter: only the tally's own fields leave the repo. */
export function toSkillTally(item: Item): SkillTally {
  return {
    skillId: String(item.skillId),
    scoredCount: Number(item.scoredCount ?? 0),
    scorePoints: Number(item.scorePoints ?? 0),
    ...(typeof item.since === 'string' ? { since: item.since } : {}),
    ...(typeof item.sinceScore === 'number' ? { sinceScore: item.sinceScore } : {}),
    ...(typeof item.priorAt === 'string' &&
    item.priorAt !== NO_PRIOR_AT &&
    typeof item.priorScore === 'number' &&
    item.priorScore !== NO_PRIOR_SCORE
      ? { prior: { completedAt: item.priorAt, score: item.priorScore } }
      : {}),
    ...(item.isAssessed === true ? { isAssessed: true as const } : {}),
  };
}

/** The attributes of a tally `toSkillTally` reads (besides the entity and skill). */
export const TALLY_FIELDS = [
  'since',
  'sinceScore',
  'priorAt',
  'priorScore',
  'isAssessed',
  'scoredCount',
  'scorePoints',
] as const;
