import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { batchGetAll, type ItemKey } from '../../platform/db/batch-get.js';
import type { Db } from '../../platform/db/client.js';
import { SK, tenantPk } from '../../platform/db/keys.js';
import { buildDueBound, GSI1 } from '../../platform/db/index-keys.js';
import { toCard } from './repo.js';
import type { CardState } from './scheduler.js';
import type { SkillTally } from './skill-tally.js';
import { isSkillTallyItem, skillTallyKeys, TALLY_FIELDS, toSkillTally } from './skill-tally-repo.js';

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
  const { items } = await batchGetAll(db, db.mainTable, allKeys, { projection: SUMMARY_FIELDS });
  return {
    cards: items.filter((item) => !isSkillTallyItem(item)).map(toSummary),
    skills: items.filter(isSkillTallyItem).map(toSkillTally),
  };
}

/** The attributes a summary reads of a card or a skill tally. */
const SUMMARY_FIELDS = ['entity', 'exerciseId', 'skillId', 'reps', 'lastReview', ...TALLY_FIELDS];

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

/** Most pages a due count reads (each up to 1 MB of the index, thousands of cards). */
const DUE_COUNT_MAX_PAGES = 4;
/** DynamoDB takes at most 100 operands in one `IN`, and filter expressions of at most 4 KB. */
const MAX_IN_OPERANDS = 100;
const MAX_FILTERED_EXERCISES = 400;

/** Which due cards count: those of the offered exercises (of the offered skills, past 400). */
export type DueCountScope = { exerciseIds: readonly string[]; skillIds: readonly string[] };

/** `#name IN (...) OR #name IN (...)` over `values`, 100 to a list, with short placeholders. */
function inFilter(name: string, tag: string, values: readonly string[]) {
  const placeholders = values.map((_, index) => `:${tag}${index.toString(36)}`);
  const lists: string[] = [];
  for (let start = 0; start < placeholders.length; start += MAX_IN_OPERANDS)
    lists.push(`${name} IN (${placeholders.slice(start, start + MAX_IN_OPERANDS).join(', ')})`);
  return {
    expression: lists.join(' OR '),
    values: Object.fromEntries(placeholders.map((placeholder, index) => [placeholder, values[index]])),
  };
}

/**
 * How many cards of `scope` are due at `at`, counted by DynamoDB (`Select: COUNT`: no card comes
 * back, so nothing is unmarshalled), over at most four index pages. `isLowerBound` says the
 * budget ran out first (a backlog of many thousands): the count then means "at least". The
 * filter names the offered exercises, so a card of an archived or withdrawn exercise does not
 * count; past 400 exercises it names the offered skills instead (a filter holds at most 4 KB).
 */
export async function countDueCards(
  db: Db,
  tenantId: string,
  userId: string,
  at: string,
  scope: DueCountScope,
): Promise<{ count: number; isLowerBound: boolean }> {
  const filter =
    scope.exerciseIds.length <= MAX_FILTERED_EXERCISES
      ? { attribute: 'exerciseId', ...inFilter('#scope', 'e', scope.exerciseIds) }
      : { attribute: 'skillId', ...inFilter('#scope', 's', scope.skillIds.slice(0, MAX_IN_OPERANDS)) };
  if (filter.expression === '') return { count: 0, isLowerBound: false };
  let count = 0;
  let startKey: Record<string, unknown> | undefined;
  for (let page = 0; page < DUE_COUNT_MAX_PAGES; page += 1) {
    const result = await db.doc.send(
      new QueryCommand({
        TableName: db.mainTable,
        IndexName: 'GSI1',
        Select: 'COUNT',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :due',
        FilterExpression: filter.expression,
        ExpressionAttributeNames: { '#scope': filter.attribute },
        ExpressionAttributeValues: {
          ':pk': GSI1.practiceCardsByDueOfUser(tenantId, userId).GSI1PK,
          ':due': buildDueBound(at),
          ...filter.values,
        },
        ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey }),
      }),
    );
    count += result.Count ?? 0;
    startKey = result.LastEvaluatedKey;
    if (startKey === undefined) return { count, isLowerBound: false };
  }
  return { count, isLowerBound: true };
}
