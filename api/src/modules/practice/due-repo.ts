import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, type ItemKey } from '../../platform/db/batch-get.js';
import type { Db } from '../../platform/db/client.js';
import { SK, SK_PREFIX_OF, tenantPk } from '../../platform/db/keys.js';
import { buildDueBound, GSI1 } from '../../platform/db/index-keys.js';
import { toCard } from './repo.js';
import type { CardState } from './scheduler.js';
import type { Assessment } from './schema.js';
import type { SkillTally } from './skill-tally.js';
import { isSkillTallyItem, skillTallyKeys, toSkillTally } from './skill-tally-repo.js';
import { skPrefixCondition } from '../../platform/db/query.js';

/**
 * The reads "what to practise next" makes instead of reading every card of a person: the due
 * cards through the due-date index (GSI1, one partition per person, sorted by due date), and, for
 * the exercises of the catalogue, only whether a card exists and when it was last reviewed, read
 * with the person's skill tallies.
 */

type Item = Record<string, unknown>;

/** What `next` needs to know of a card it does not review: that it exists, its skill, today's work. */
export type CardSummary = Pick<CardState, 'exerciseId' | 'skillId' | 'reps' | 'lastReview'>;

/**
 * The cards due at `at`, longest-waiting first, at most `limit` of them (an index read, so a
 * review finished a moment ago may show for a moment more; the card's own condition still
 * refuses a stale update). `isCapped` says more were due than were read.
 */
export async function queryDueCards(
  db: Db,
  tenantId: string,
  userId: string,
  at: string,
  limit: number,
): Promise<{ cards: CardState[]; isCapped: boolean }> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :due',
      ExpressionAttributeValues: {
        ':pk': GSI1.practiceCardsByDueOfUser(tenantId, userId).GSI1PK,
        ':due': buildDueBound(at),
      },
      Limit: limit,
      ProjectionExpression: Object.keys(CARD_FIELDS).join(', '),
      ExpressionAttributeNames: CARD_FIELDS,
    }),
  );
  return { cards: (result.Items ?? []).map(toCard), isCapped: result.LastEvaluatedKey !== undefined };
}

/** The first `limit` cards not yet due at `at`, soonest first (practice ahead of time). */
export async function queryCardsDueAfter(
  db: Db,
  tenantId: string,
  userId: string,
  at: string,
  limit: number,
): Promise<CardState[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK > :due',
      ExpressionAttributeValues: {
        ':pk': GSI1.practiceCardsByDueOfUser(tenantId, userId).GSI1PK,
        ':due': buildDueBound(at),
      },
      Limit: limit,
      ProjectionExpression: Object.keys(CARD_FIELDS).join(', '),
      ExpressionAttributeNames: CARD_FIELDS,
    }),
  );
  return (result.Items ?? []).map(toCard);
}

/**
 * The summaries of a person's cards of the given exercises (those with no card are simply
 * absent) and their tallies of the given skills, in one batch read. Bounded by the exercises and
 * skills asked for, never by the person's history.
 */
export async function getCardAndSkillSummaries(
  db: Db,
  tenantId: string,
  userId: string,
  exerciseIds: readonly string[],
  skillIds: readonly string[],
): Promise<{ cards: CardSummary[]; skills: SkillTally[] }> {
  const allKeys: ItemKey[] = [
    ...exerciseIds.map((id) => ({ PK: tenantPk(tenantId), SK: SK.practiceCard(userId, id) })),
    ...skillTallyKeys(tenantId, userId, skillIds),
  ];
  const { items } = await batchGetAll(db, db.mainTable, allKeys, {
    projection: Object.values(SUMMARY_FIELDS),
  });
  return {
    cards: items.filter((item) => !isSkillTallyItem(item)).map(toSummary),
    skills: items.filter(isSkillTallyItem).map(toSkillTally),
  };
}

/** The attributes a summary reads of a card or a skill tally (named: some are reserved words). */
const SUMMARY_FIELDS: Record<string, string> = {
  '#kind': 'entity',
  '#exerciseId': 'exerciseId',
  '#skillId': 'skillId',
  '#reps': 'reps',
  '#lastReview': 'lastReview',
  '#since': 'since',
  '#scoredCount': 'scoredCount',
  '#scorePoints': 'scorePoints',
};

function toSummary(item: Item): CardSummary {
  return {
    exerciseId: String(item.exerciseId),
    skillId: String(item.skillId),
    reps: Number(item.reps),
    ...(typeof item.lastReview === 'string' ? { lastReview: item.lastReview } : {}),
  };
}

/** The attributes of a card the scheduler reads (named: some are reserved words). */
const CARD_FIELDS: Record<string, string> = {
  '#exerciseId': 'exerciseId',
  '#skillId': 'skillId',
  '#due': 'due',
  '#stability': 'stability',
  '#difficulty': 'difficulty',
  '#scheduledDays': 'scheduledDays',
  '#learningSteps': 'learningSteps',
  '#reps': 'reps',
  '#lapses': 'lapses',
  '#state': 'state',
  '#lastReview': 'lastReview',
};

/** What mastery reads of an assessment: its skill and, once completed, its score and lateness. */
export type AssessmentResult = Pick<Assessment, 'skillId' | 'completedAt' | 'score' | 'isLate'>;

/** The attributes of an assessment mastery reads: not its exercises, answers or results. */
const RESULT_FIELDS: Record<string, string> = {
  '#skillId': 'skillId',
  '#completedAt': 'completedAt',
  '#score': 'score',
  '#isLate': 'isLate',
};

/**
 * The newest `limit` assessments of a person, only what mastery reads of each: the assessments'
 * answers and per-exercise results are most of their size and "next" needs none of them.
 */
export async function queryAssessmentResults(
  db: Db,
  tenantId: string,
  userId: string,
  limit: number,
): Promise<AssessmentResult[]> {
  const keyCondition = skPrefixCondition(tenantPk(tenantId), SK_PREFIX_OF.practiceAssessmentsOfUser(userId));
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      KeyConditionExpression: keyCondition.expression,
      ExpressionAttributeValues: keyCondition.values,
      ScanIndexForward: false,
      Limit: limit,
      ProjectionExpression: Object.keys(RESULT_FIELDS).join(', '),
      ExpressionAttributeNames: RESULT_FIELDS,
    }),
  );
  return (result.Items ?? []).map(toAssessmentResult);
}

function toAssessmentResult(item: Item): AssessmentResult {
  return {
    skillId: String(item.skillId),
    ...(typeof item.completedAt === 'string' ? { completedAt: item.completedAt } : {}),
    ...(typeof item.score === 'number' ? { score: item.score } : {}),
    ...(typeof item.isLate === 'boolean' ? { isLate: item.isLate } : {}),
  };
}
