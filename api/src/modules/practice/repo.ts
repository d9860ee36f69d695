import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK, SK_PREFIX, SK_PREFIX_OF, tenantPk } from '../../platform/db/keys.js';
import { GSI1 } from '../../platform/db/index-keys.js';
import { deletePrefix } from '../../platform/db/partition-sweep.js';
import { queryPrefixAll, queryPrefixPage } from '../../platform/db/query.js';
import { buildVersionedUpdate } from '../../platform/db/updates.js';
import type { CardState } from './scheduler.js';
import { ASSESSMENT_FIELDS, ATTEMPT_FIELDS, type Assessment, type Attempt } from './schema.js';

/**
 * Practice items, all under the tenant's partition and one person's prefix
 * (`PRACTICE#<user>#ATTEMPT#<ulid>`, `…#CARD#<exercise>`, `…#ASSESSMENT#<ulid>`), so a person's
 * practice is read, exported and purged with prefix queries and never mixes with a colleague's.
 * A pointer in the person's own partition (`PRACTICEIN#<tenant>`) lets the account purge find the
 * workspaces to clean.
 */

type Item = Record<string, unknown>;
type Page<T> = { items: T[]; lastKey?: Item };

function pick<T>(item: Item, fields: readonly (keyof T)[]): T {
  const value: Record<string, unknown> = {};
  for (const field of fields)
    if (item[field as string] !== undefined) value[field as string] = item[field as string];
  return value as T;
}

/** Presenters: only the record's own fields leave the repo. */
export function toAttempt(item: Item): Attempt {
  return pick<Attempt>(item, ATTEMPT_FIELDS);
}
export function toAssessment(item: Item): Assessment {
  return pick<Assessment>(item, ASSESSMENT_FIELDS);
}
const CARD_FIELDS: readonly (keyof CardState)[] = [
  'exerciseId',
  'skillId',
  'due',
  'stability',
  'difficulty',
  'scheduledDays',
  'learningSteps',
  'reps',
  'lapses',
  'state',
  'lastReview',
];
export function toCard(item: Item): CardState {
  return pick<CardState>(item, CARD_FIELDS);
}

/** A new item of a person's practice, written only if it does not exist yet. */
function buildPutOwn(db: Db, tenantId: string, sk: string, entity: string, userId: string, record: object) {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: tenantPk(tenantId), SK: sk, entity, userId, ...record },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  } satisfies TransactItem;
}

/** Closes an open record at the version read; a closed one (a second submit) fails the condition. */
function buildCloseOwn(
  db: Db,
  tenantId: string,
  sk: string,
  changes: Record<string, unknown>,
  expected: { version: number; closedBy: 'endedAt' | 'completedAt' },
): TransactItem {
  return buildVersionedUpdate(db, { PK: tenantPk(tenantId), SK: sk }, changes, {
    expectedVersion: expected.version,
    condition: `attribute_not_exists(${expected.closedBy})`,
  });
}

export function buildPutAttempt(db: Db, tenantId: string, userId: string, attempt: Attempt): TransactItem {
  return buildPutOwn(
    db,
    tenantId,
    SK.practiceAttempt(userId, attempt.id),
    'PracticeAttempt',
    userId,
    attempt,
  );
}

export function buildFinishAttempt(
  db: Db,
  tenantId: string,
  userId: string,
  attemptId: string,
  changes: Partial<Attempt>,
  expectedVersion: number,
): TransactItem {
  const sk = SK.practiceAttempt(userId, attemptId);
  return buildCloseOwn(db, tenantId, sk, changes, { version: expectedVersion, closedBy: 'endedAt' });
}

/**
 * Writes a card; `expectedReps` is the review count read before (absent for a first review), so
 * two attempts finished at once cannot both build on the same old card. The card carries its
 * due-date index keys (GSI1), rewritten with every review in the same transaction, so the index
 * never disagrees with the card. Cards written before the index existed carry none: a one-off
 * backfill would read each person's `CARD#` prefix and rewrite every card with
 * `GSI1.practiceCardByDue` (idempotent, like `backfill:people`); the embedded stack starts empty.
 */
export function buildPutCard(
  db: Db,
  tenantId: string,
  userId: string,
  card: CardState,
  expectedReps: number | undefined,
): TransactItem {
  const put = buildPutOwn(db, tenantId, SK.practiceCard(userId, card.exerciseId), 'PracticeCard', userId, {
    ...card,
    ...GSI1.practiceCardByDue(tenantId, userId, card.due, card.exerciseId),
  });
  if (expectedReps === undefined) return put;
  return {
    Put: {
      ...put.Put,
      ConditionExpression: 'reps = :reps',
      ExpressionAttributeValues: { ':reps': expectedReps },
    },
  };
}

/** The pointer from a person to a workspace they practise in (rewritten each time: idempotent). */
export function buildPutWorkspaceLink(db: Db, userId: string, tenantId: string): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: platformPk('user', userId),
        SK: SK.practiceWorkspace(tenantId),
        entity: 'PracticeWorkspaceLink',
        tenantId,
      },
    },
  };
}

export function buildPutAssessment(
  db: Db,
  tenantId: string,
  userId: string,
  assessment: Assessment,
): TransactItem {
  const sk = SK.practiceAssessment(userId, assessment.id);
  return buildPutOwn(db, tenantId, sk, 'PracticeAssessment', userId, assessment);
}

export function buildCompleteAssessment(
  db: Db,
  tenantId: string,
  userId: string,
  assessmentId: string,
  changes: Partial<Assessment>,
  expectedVersion: number,
): TransactItem {
  const sk = SK.practiceAssessment(userId, assessmentId);
  return buildCloseOwn(db, tenantId, sk, changes, { version: expectedVersion, closedBy: 'completedAt' });
}

/** One practice item of a workspace by its sort key, through its presenter. */
export async function getOwn<T>(
  db: Db,
  tenantId: string,
  sk: string,
  present: (item: Item) => T,
): Promise<T | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: sk },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : present(result.Item);
}

export function getAttempt(db: Db, tenantId: string, userId: string, attemptId: string) {
  return getOwn(db, tenantId, SK.practiceAttempt(userId, attemptId), toAttempt);
}

export function getCard(db: Db, tenantId: string, userId: string, exerciseId: string) {
  return getOwn(db, tenantId, SK.practiceCard(userId, exerciseId), toCard);
}

export function getAssessment(db: Db, tenantId: string, userId: string, assessmentId: string) {
  return getOwn(db, tenantId, SK.practiceAssessment(userId, assessmentId), toAssessment);
}

/** Every card of a person (one per exercise they have done: bounded by the catalogue). */
export async function listCards(db: Db, tenantId: string, userId: string): Promise<CardState[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX_OF.practiceCardsOfUser(userId),
  });
  return items.map(toCard);
}

type PageOptions = { limit: number; startKey?: Item };

/** One page of a person's items under a prefix, through their presenter. */
async function queryOwnPage<T>(
  db: Db,
  tenantId: string,
  prefix: string,
  present: (item: Item) => T,
  options: PageOptions & { isNewestFirst?: boolean },
): Promise<Page<T>> {
  const page = await queryPrefixPage(db, { pk: tenantPk(tenantId), prefix, ...options });
  return { ...page, items: page.items.map(present) };
}

/** One page of a person's attempts, newest first. */
export function queryAttempts(db: Db, tenantId: string, userId: string, options: PageOptions) {
  const prefix = SK_PREFIX_OF.practiceAttemptsOfUser(userId);
  return queryOwnPage(db, tenantId, prefix, toAttempt, { ...options, isNewestFirst: true });
}

/** One page of a person's assessments, newest first. */
export function queryAssessments(db: Db, tenantId: string, userId: string, options: PageOptions) {
  const prefix = SK_PREFIX_OF.practiceAssessmentsOfUser(userId);
  return queryOwnPage(db, tenantId, prefix, toAssessment, { ...options, isNewestFirst: true });
}

/** One page of a person's cards (the export). */
export function queryCards(db: Db, tenantId: string, userId: string, options: PageOptions) {
  return queryOwnPage(db, tenantId, SK_PREFIX_OF.practiceCardsOfUser(userId), toCard, options);
}

/** Deletes everything one person keeps in practice in a workspace (the account purge). */
export async function deletePracticeOfUser(db: Db, tenantId: string, userId: string): Promise<void> {
  await deletePrefix(db, tenantPk(tenantId), SK_PREFIX_OF.practiceOfUser(userId));
}

/** The workspaces a person has practised in (pointers in their own partition). */
export async function listPracticeWorkspaces(db: Db, userId: string): Promise<string[]> {
  const items = await queryPrefixAll(db, {
    pk: platformPk('user', userId),
    prefix: SK_PREFIX.practiceWorkspace,
  });
  return items.map((item) => String(item.tenantId));
}

/** The key of an attempt, as a page cursor resumes from it. */
export function attemptKey(tenantId: string, userId: string, attemptId: string): Item {
  return { PK: tenantPk(tenantId), SK: SK.practiceAttempt(userId, attemptId) };
}
