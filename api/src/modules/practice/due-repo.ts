import { BatchGetCommand, QueryCommand, type BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { buildDueBound, GSI1, SK, tenantPk } from '../../platform/db/keys.js';
import { toCard } from './repo.js';
import type { CardState } from './scheduler.js';

/**
 * The reads "what to practise next" makes instead of reading every card of a person: the due
 * cards through the due-date index (GSI1, one partition per person, sorted by due date), and, for
 * the exercises of the catalogue, only whether a card exists and when it was last reviewed.
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
    }),
  );
  return (result.Items ?? []).map(toCard);
}

const BATCH_GET_MAX = 100;

/**
 * The summaries of a person's cards of the given exercises (those with no card are simply
 * absent). Bounded by the exercises asked for, never by the person's history; batches of 100 go
 * out side by side.
 */
export async function getCardSummaries(
  db: Db,
  tenantId: string,
  userId: string,
  exerciseIds: readonly string[],
): Promise<CardSummary[]> {
  const batches: string[][] = [];
  for (let start = 0; start < exerciseIds.length; start += BATCH_GET_MAX)
    batches.push(exerciseIds.slice(start, start + BATCH_GET_MAX));
  const found = await Promise.all(
    batches.map(async (ids) => {
      const items: Item[] = [];
      let keys: Item[] | undefined = ids.map((id) => ({
        PK: tenantPk(tenantId),
        SK: SK.practiceCard(userId, id),
      }));
      while (keys !== undefined && keys.length > 0) {
        const result: BatchGetCommandOutput = await db.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [db.mainTable]: {
                Keys: keys,
                ConsistentRead: true,
                ProjectionExpression: 'exerciseId, skillId, reps, lastReview',
              },
            },
          }),
        );
        items.push(...(result.Responses?.[db.mainTable] ?? []));
        keys = result.UnprocessedKeys?.[db.mainTable]?.Keys;
      }
      return items.map(toSummary);
    }),
  );
  return found.flat();
}

function toSummary(item: Item): CardSummary {
  return {
    exerciseId: String(item.exerciseId),
    skillId: String(item.skillId),
    reps: Number(item.reps),
    ...(typeof item.lastReview === 'string' ? { lastReview: item.lastReview } : {}),
  };
}
