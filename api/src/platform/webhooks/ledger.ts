import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { createId } from '../db/ids.js';
import { platformPk, SK, SK_PREFIX, webhookEventPk } from '../db/keys.js';
import { queryPrefixPage } from '../db/query.js';
import type { FollowUp, TransactWriteItem, WebhookProvider } from './types.js';

/** Processed events are remembered longer than any provider retries (Stripe: 3 days). */
const LEDGER_DAYS = 30;
const LOG_DAYS = 30;
const EVENT_ID = /^[A-Za-z0-9_.:-]{1,200}$/;

/** Whether a provider's event id can key the ledger (anything else is refused, never rewritten). */
export function isUsableEventId(eventId: string): boolean {
  return EVENT_ID.test(eventId);
}

function ledgerKey(provider: WebhookProvider, eventId: string) {
  return { PK: webhookEventPk(provider, eventId), SK: SK.webhookEvent() };
}

export type LedgerEntry = { outcome: string; followUps: FollowUp[]; followUpsDoneAt?: string };

/** The put that records an event as processed; it fails its condition when the id was seen. */
export function buildLedgerPut(
  db: Db,
  input: {
    provider: WebhookProvider;
    eventId: string;
    type: string;
    outcome: string;
    followUps: FollowUp[];
    now: Date;
  },
): TransactWriteItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        ...ledgerKey(input.provider, input.eventId),
        entity: 'WebhookEvent',
        provider: input.provider,
        eventId: input.eventId,
        type: input.type,
        outcome: input.outcome,
        followUps: input.followUps,
        processedAt: input.now.toISOString(),
        expiresAtEpoch: Math.floor(input.now.getTime() / 1000) + LEDGER_DAYS * 86_400,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function findLedgerEntry(
  db: Db,
  provider: WebhookProvider,
  eventId: string,
): Promise<LedgerEntry | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: ledgerKey(provider, eventId), ConsistentRead: true }),
  );
  const item = result.Item;
  if (item === undefined) return undefined;
  return {
    outcome: item.outcome as string,
    followUps: (item.followUps as FollowUp[] | undefined) ?? [],
    ...(typeof item.followUpsDoneAt === 'string' ? { followUpsDoneAt: item.followUpsDoneAt } : {}),
  };
}

export async function markFollowUpsDone(
  db: Db,
  provider: WebhookProvider,
  eventId: string,
  now: Date,
): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.mainTable,
      Key: ledgerKey(provider, eventId),
      UpdateExpression: 'SET followUpsDoneAt = :now',
      ExpressionAttributeValues: { ':now': now.toISOString() },
    }),
  );
}

/** One line of a provider's delivery log: what arrived and what came of it, never its content. */
export type Delivery = {
  id: string;
  eventId?: string;
  type?: string;
  receivedAt: string;
  outcome: string;
  durationMs: number;
};

export async function recordDelivery(
  db: Db,
  provider: WebhookProvider,
  delivery: Omit<Delivery, 'id'>,
): Promise<void> {
  const id = createId();
  await db.doc.send(
    new PutCommand({
      TableName: db.mainTable,
      Item: {
        PK: platformPk('webhookLog', provider),
        SK: SK.webhookDelivery(delivery.receivedAt, id),
        entity: 'WebhookDelivery',
        id,
        ...delivery,
        expiresAtEpoch: Math.floor(Date.parse(delivery.receivedAt) / 1000) + LOG_DAYS * 86_400,
      },
    }),
  );
}

/** Newest deliveries of a provider first. */
export async function listDeliveries(
  db: Db,
  provider: WebhookProvider,
  options: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ items: Delivery[]; lastKey?: Record<string, unknown> }> {
  const page = await queryPrefixPage(db, {
    pk: platformPk('webhookLog', provider),
    prefix: SK_PREFIX.webhookDelivery,
    isNewestFirst: true,
    limit: options.limit,
    ...(options.startKey === undefined ? {} : { startKey: options.startKey }),
  });
  return {
    ...page,
    items: page.items.map((item) => ({
      id: item.id as string,
      ...(typeof item.eventId === 'string' ? { eventId: item.eventId } : {}),
      ...(typeof item.type === 'string' ? { type: item.type } : {}),
      receivedAt: item.receivedAt as string,
      outcome: item.outcome as string,
      durationMs: item.durationMs as number,
    })),
  };
}
