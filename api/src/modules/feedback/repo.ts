import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixFilteredPage } from '../../platform/db/query.js';
import type { Feedback } from './schema.js';

/**
 * Feedback items: `TENANT#<t> / FEEDBACK#<id>`, the screenshot kept as a Binary attribute.
 */

type Item = Record<string, unknown>;

const FEEDBACK_FIELDS = [
  'id',
  'message',
  'pageUrl',
  'userAgent',
  'hasScreenshot',
  'submittedBy',
  'createdAt',
  'handledAt',
  'handledBy',
  'editedAt',
] as const;

/** Presenter: the feedback's own fields, without keys or the screenshot bytes. */
function toFeedback(item: Item): Feedback {
  const feedback: Item = {};
  for (const field of FEEDBACK_FIELDS) if (item[field] !== undefined) feedback[field] = item[field];
  return feedback as Feedback;
}

export function buildPutFeedback(
  db: Db,
  tenantId: string,
  feedback: Feedback,
  screenshot: { bytes: Uint8Array; type: string } | undefined,
): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: tenantPk(tenantId),
        SK: SK.feedback(feedback.id),
        entity: 'Feedback',
        ...feedback,
        ...(screenshot === undefined
          ? {}
          : { screenshot: screenshot.bytes, screenshotType: screenshot.type }),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export function buildMarkFeedback(
  db: Db,
  tenantId: string,
  feedbackId: string,
  handled: { at: string; by: string } | undefined,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.feedback(feedbackId) },
      ...(handled === undefined
        ? { UpdateExpression: 'REMOVE handledAt, handledBy' }
        : {
            UpdateExpression: 'SET handledAt = :at, handledBy = :by',
            ExpressionAttributeValues: { ':at': handled.at, ':by': handled.by },
          }),
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}

export async function getFeedback(
  db: Db,
  tenantId: string,
  feedbackId: string,
): Promise<{ feedback: Feedback; screenshot?: { bytes: Uint8Array; type: string } } | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.feedback(feedbackId) },
      ConsistentRead: true,
    }),
  );
  if (result.Item === undefined) return undefined;
  const { screenshot, screenshotType } = result.Item as { screenshot?: Uint8Array; screenshotType?: string };
  return {
    feedback: toFeedback(result.Item),
    ...(screenshot === undefined || screenshotType === undefined
      ? {}
      : { screenshot: { bytes: screenshot, type: screenshotType } }),
  };
}

/** One page of a workspace's feedback, newest first, by status and (when given) its author. */
export async function queryFeedback(
  db: Db,
  tenantId: string,
  filter: { status: 'open' | 'handled' | 'all'; authorId?: string },
  page: { limit: number; startKey?: Item },
): Promise<{ items: Feedback[]; lastKey?: Item }> {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Item = {};
  if (filter.status !== 'all')
    conditions.push(
      filter.status === 'open' ? 'attribute_not_exists(handledAt)' : 'attribute_exists(handledAt)',
    );
  if (filter.authorId !== undefined) {
    conditions.push('submittedBy.#authorId = :author');
    names['#authorId'] = 'id';
    values[':author'] = filter.authorId;
  }
  const result = await queryPrefixFilteredPage(
    db,
    {
      pk: tenantPk(tenantId),
      prefix: SK_PREFIX.feedback,
      isNewestFirst: true,
      ...(conditions.length === 0 ? {} : { filter: { expression: conditions.join(' AND '), names, values } }),
      // The screenshot stays in the table: lists never carry it.
      projection: FEEDBACK_FIELDS,
    },
    page,
  );
  return {
    items: result.items.map(toFeedback),
    ...(result.lastKey === undefined ? {} : { lastKey: result.lastKey }),
  };
}

/** The author's correction of their message (only the author's own feedback matches). */
export function buildEditFeedbackMessage(
  db: Db,
  tenantId: string,
  feedbackId: string,
  authorId: string,
  message: string,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.feedback(feedbackId) },
      UpdateExpression: 'SET message = :message, editedAt = :at',
      ConditionExpression: 'attribute_exists(PK) AND submittedBy.#authorId = :author',
      ExpressionAttributeNames: { '#authorId': 'id' },
      ExpressionAttributeValues: { ':message': message, ':at': at, ':author': authorId },
    },
  };
}

/** Removes a feedback's screenshot; `authorId` limits it to the author's own feedback. */
export function buildRemoveFeedbackScreenshot(
  db: Db,
  tenantId: string,
  feedbackId: string,
  authorId: string | undefined,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.feedback(feedbackId) },
      UpdateExpression: 'SET hasScreenshot = :false REMOVE screenshot, screenshotType',
      ConditionExpression:
        authorId === undefined
          ? 'attribute_exists(PK)'
          : 'attribute_exists(PK) AND submittedBy.#authorId = :author',
      ...(authorId === undefined
        ? { ExpressionAttributeValues: { ':false': false } }
        : {
            ExpressionAttributeNames: { '#authorId': 'id' },
            ExpressionAttributeValues: { ':false': false, ':author': authorId },
          }),
    },
  };
}
