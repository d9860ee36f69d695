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
 * Backfill of records made before tallies existed: a one-off job reads each person's assessments
 * and their attempts since each skill's latest counted assessment, and puts `summariseSkill`'s
 * result (idempotent, like `backfill:people`). Until then a skill without a tally counts as no
 * practice since its assessment; the embedded stack starts empty.
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

/** Restarts a skill's tally at an on-time assessment's completion. */
export function buildRollSkillTally(
  db: Db,
  tenantId: string,
  userId: string,
  skillId: string,
  completedAt: string,
): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        ...tallyKey(tenantId, userId, skillId),
        ...TALLY,
        userId,
        skillId,
        since: completedAt,
        scoredCount: 0,
        scorePoints: 0,
      },
    },
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
  };
}
