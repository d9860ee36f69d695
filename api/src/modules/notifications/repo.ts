import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { hashSecret } from '../../platform/db/ids.js';
import { platformPk, SK } from '../../platform/db/keys.js';
import { buildDueBound, GSI1, GSI2 } from '../../platform/db/index-keys.js';
import { isConditionFailed } from '../../platform/db/transactions.js';
import {
  OPTIONAL_MAIL_KINDS,
  type OptionalMailKind,
  type TemplateName,
} from '../../platform/email/templates.js';

/**
 * Items of the notifications module: email preferences (under the person), the suppression list
 * and transient-bounce counters (by address), and the outbox (one item per message).
 */

// ---- preferences ----------------------------------------------------------------------------

export type Preferences = Record<OptionalMailKind, boolean> & { updatedAt?: string };

/** A person's opt-ins, read strongly consistent: the send path decides on it (P-MAIL-3). */
export async function getPreferences(db: Db, userId: string): Promise<Preferences> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('user', userId), SK: SK.emailPreferences() },
      ConsistentRead: true,
    }),
  );
  const item = result.Item ?? {};
  const preferences = Object.fromEntries(
    OPTIONAL_MAIL_KINDS.map((kind) => [kind, item[kind] === true]),
  ) as Record<OptionalMailKind, boolean>;
  return typeof item.updatedAt === 'string' ? { ...preferences, updatedAt: item.updatedAt } : preferences;
}

/**
 * Sets some opt-ins (every kind not named keeps its value; a kind never set is off). Turning the
 * weekly resources email on or off adds or removes the item's `GSI2.weeklyResourcesConsent` keys
 * in the same write, so the weekly run reads exactly the people who want it.
 */
export async function setPreferences(
  db: Db,
  userId: string,
  changes: Partial<Record<OptionalMailKind, boolean>>,
  now: string,
): Promise<void> {
  const kinds = OPTIONAL_MAIL_KINDS.filter((kind) => changes[kind] !== undefined);
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':now': now, ':entity': 'EmailPreferences' };
  const sets = ['updatedAt = :now', 'entity = :entity'];
  for (const kind of kinds) {
    names[`#${kind}`] = kind;
    values[`:${kind}`] = changes[kind];
    sets.push(`#${kind} = :${kind}`);
  }
  if (changes.weeklyResources === true) {
    const consent = GSI2.weeklyResourcesConsent(userId);
    values[':consentPk'] = consent.GSI2PK;
    values[':consentSk'] = consent.GSI2SK;
    sets.push('GSI2PK = :consentPk', 'GSI2SK = :consentSk');
  }
  const removes = changes.weeklyResources === false ? ' REMOVE GSI2PK, GSI2SK' : '';
  await db.doc.send(
    new UpdateCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('user', userId), SK: SK.emailPreferences() },
      UpdateExpression: `SET ${sets.join(', ')}${removes}`,
      ...(kinds.length === 0 ? {} : { ExpressionAttributeNames: names }),
      ExpressionAttributeValues: values,
    }),
  );
}

// ---- suppression ----------------------------------------------------------------------------

export type SuppressionReason = 'bounce' | 'complaint';

export type Suppression = {
  email: string;
  /** `none`: never suppressed, only transient bounces counted. */
  status: 'active' | 'lifted' | 'none';
  reason?: SuppressionReason;
  suppressedAt?: string;
  events: number;
  liftedAt?: string;
  transientBounces: number;
  lastTransientBounceAt?: string;
};

function suppressionKey(email: string) {
  return { PK: platformPk('emailSuppression', email), SK: SK.emailSuppression() };
}

/** Puts an address on the suppression list (again, if it was lifted). */
export function buildSuppressItem(
  db: Db,
  email: string,
  reason: SuppressionReason,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: suppressionKey(email),
      UpdateExpression:
        'SET entity = :entity, email = :email, #status = :active, reason = :reason, suppressedAt = :at, lastEventAt = :at REMOVE liftedAt, liftedBy ADD events :one',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':entity': 'EmailSuppression',
        ':email': email,
        ':active': 'active',
        ':reason': reason,
        ':at': at,
        ':one': 1,
      },
    },
  };
}

/** Counts a transient (or undetermined) bounce without suppressing the address. */
export function buildCountTransientBounceItem(db: Db, email: string, at: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: platformPk('emailSuppression', email), SK: SK.transientBounces() },
      UpdateExpression: 'SET entity = :entity, lastAt = :at ADD #count :one',
      ExpressionAttributeNames: { '#count': 'count' },
      ExpressionAttributeValues: { ':entity': 'TransientBounceCount', ':at': at, ':one': 1 },
    },
  };
}

/** Whether mail to the address is stopped; read strongly consistent on the send path (P-MAIL-4). */
export async function isSuppressed(db: Db, email: string): Promise<boolean> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: suppressionKey(email), ConsistentRead: true }),
  );
  return result.Item?.status === 'active';
}

/** The suppression record and transient-bounce count of an address, if it has either. */
export async function getSuppression(db: Db, email: string): Promise<Suppression | undefined> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': platformPk('emailSuppression', email) },
      ConsistentRead: true,
    }),
  );
  const items = result.Items ?? [];
  const main = items.find((item) => item.SK === SK.emailSuppression());
  const transient = items.find((item) => item.SK === SK.transientBounces());
  if (main === undefined && transient === undefined) return undefined;
  return {
    email,
    status: main === undefined ? 'none' : (main.status as Suppression['status']),
    ...(typeof main?.reason === 'string' ? { reason: main.reason as SuppressionReason } : {}),
    ...(typeof main?.suppressedAt === 'string' ? { suppressedAt: main.suppressedAt } : {}),
    events: (main?.events as number | undefined) ?? 0,
    ...(typeof main?.liftedAt === 'string' ? { liftedAt: main.liftedAt } : {}),
    transientBounces: (transient?.count as number | undefined) ?? 0,
    ...(typeof transient?.lastAt === 'string' ? { lastTransientBounceAt: transient.lastAt } : {}),
  };
}

/** Lifts an active suppression; false when there was none. */
export async function liftSuppression(
  db: Db,
  email: string,
  by: { userId: string; reason: string },
  at: string,
): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: suppressionKey(email),
        UpdateExpression: 'SET #status = :lifted, liftedAt = :at, liftedBy = :by, liftReason = :why',
        ConditionExpression: '#status = :active',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':lifted': 'lifted',
          ':active': 'active',
          ':at': at,
          ':by': by.userId,
          ':why': by.reason,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

// ---- outbox ---------------------------------------------------------------------------------

/**
 * Life of an outbox message: `pending` → `claimed` (leased; checks run) → `submitting` (handed to
 * SES) → `sent`; or a final `suppressed`, `no_consent`, `failed` (gave up, or unreadable), or
 * `unconfirmed` (the process stopped while SES had the message: never resent, see outbox.ts).
 */
export type OutboxStatus =
  'pending' | 'claimed' | 'submitting' | 'sent' | 'suppressed' | 'no_consent' | 'failed' | 'unconfirmed';

export type OutboxItem = {
  PK: string;
  SK: string;
  id: string;
  queue: string;
  template: TemplateName;
  to: string;
  userId?: string;
  sealed?: string;
  status: OutboxStatus;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string;
  leaseToken?: string;
  leaseUntil?: string;
  sentAt?: string;
  messageId?: string;
  lastError?: string;
  finishedAt?: string;
};

export type OutboxKey = { PK: string; SK: string };

/** The key of the message a caller's dedupe key names (hashed: the key may quote an address). */
export function outboxKey(dedupeKey: string): OutboxKey {
  return { PK: platformPk('outbox', hashSecret(dedupeKey)), SK: SK.outboxMessage() };
}

/** A conditional Put of a new message: a second enqueue with the same dedupe key fails its condition. */
export function buildPutOutboxItem(
  db: Db,
  key: OutboxKey,
  message: Omit<OutboxItem, 'PK' | 'SK'>,
  expiresAtEpoch: number,
): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        ...key,
        entity: 'OutboxMessage',
        ...message,
        ...GSI1.outboxDue(message.queue, message.nextAttemptAt, key.PK),
        expiresAtEpoch,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/**
 * Messages of a queue that are due (or whose lease ran out) by `nowIso`, oldest first, as the
 * index holds them (it may lag a moment: the conditional claim is what decides, not this read).
 */
export async function listDueOutboxItems(
  db: Db,
  queue: string,
  nowIso: string,
  limit: number,
): Promise<OutboxItem[]> {
  const result = await db.doc.send(
    new QueryCommand({
      TableName: db.mainTable,
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :upTo',
      ExpressionAttributeValues: {
        ':pk': GSI1.outboxDueOfQueue(queue).GSI1PK,
        ':upTo': buildDueBound(nowIso),
      },
      Limit: limit,
    }),
  );
  return (result.Items ?? []) as OutboxItem[];
}

/**
 * A conditional update of one message. Returns the new item, or undefined when the condition
 * failed (someone else holds or finished the message).
 */
export async function updateOutboxItem(
  db: Db,
  key: OutboxKey,
  update: {
    set: Record<string, unknown>;
    remove?: string[];
    add?: Record<string, number>;
    condition: string;
    values?: Record<string, unknown>;
  },
): Promise<OutboxItem | undefined> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ...update.values };
  const name = (attribute: string) => {
    names[`#${attribute}`] = attribute;
    return `#${attribute}`;
  };
  const sets = Object.entries(update.set).map(([attribute, value]) => {
    values[`:set_${attribute}`] = value;
    return `${name(attribute)} = :set_${attribute}`;
  });
  const adds = Object.entries(update.add ?? {}).map(([attribute, value]) => {
    values[`:add_${attribute}`] = value;
    return `${name(attribute)} :add_${attribute}`;
  });
  const removes = (update.remove ?? []).map(name);
  // Attribute names in the condition are written as #name too.
  for (const match of update.condition.matchAll(/#(\w+)/g)) if (match[1] !== undefined) name(match[1]);
  const expression = [
    sets.length > 0 ? `SET ${sets.join(', ')}` : '',
    adds.length > 0 ? `ADD ${adds.join(', ')}` : '',
    removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
  ]
    .filter((part) => part !== '')
    .join(' ');
  try {
    const result = await db.doc.send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: key,
        UpdateExpression: expression,
        ConditionExpression: update.condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return result.Attributes as OutboxItem | undefined;
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}
