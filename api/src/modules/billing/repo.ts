import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK, tenantPk } from '../../platform/db/keys.js';
import type { Cadence, Tier } from './plans.js';

/**
 * The subscription state of a workspace (P-PAY-1): these attributes and nothing else — no card
 * data, no addresses, no amounts. `pastDueSince` starts the grace period; `syncedAt` orders
 * writes so an older read of Stripe never overwrites a newer one.
 */
export const BILLING_STATE_ATTRIBUTES = [
  'tier',
  'planKey',
  'cadence',
  'customerId',
  'subscriptionId',
  'status',
  'trialEnd',
  'currentPeriodEnd',
  'cancelAtPeriodEnd',
  'pastDueSince',
  'syncedAt',
] as const;

export type BillingState = {
  tier: Tier;
  planKey?: string;
  cadence?: Cadence;
  customerId: string;
  subscriptionId?: string;
  /** Stripe's subscription status (`trialing`, `active`, `past_due`, `canceled`, ...). */
  status?: string;
  trialEnd?: string;
  currentPeriodEnd?: string;
  cancelAtPeriodEnd?: boolean;
  pastDueSince?: string;
  syncedAt: string;
};

const KEY_ATTRIBUTES = ['PK', 'SK', 'entity'];

export async function getBillingState(db: Db, tenantId: string): Promise<BillingState | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.billing() },
      ConsistentRead: true,
    }),
  );
  if (result.Item === undefined) return undefined;
  const state: Record<string, unknown> = {};
  for (const name of BILLING_STATE_ATTRIBUTES) {
    if (result.Item[name] !== undefined) state[name] = result.Item[name];
  }
  return state as BillingState;
}

/**
 * Writes the whole state, only if nothing newer was written meanwhile (two deliveries racing
 * each read Stripe; the later read wins whatever order they commit in).
 */
export function buildPutBillingState(db: Db, tenantId: string, state: BillingState): TransactItem {
  const item: Record<string, unknown> = { PK: tenantPk(tenantId), SK: SK.billing(), entity: 'BillingState' };
  for (const name of BILLING_STATE_ATTRIBUTES) {
    if (state[name] !== undefined) item[name] = state[name];
  }
  return {
    Put: {
      TableName: db.mainTable,
      Item: item,
      ConditionExpression: 'attribute_not_exists(PK) OR syncedAt <= :syncedAt',
      ExpressionAttributeValues: { ':syncedAt': state.syncedAt },
    },
  };
}

/** Names of the stored attributes beyond the key, for the P-PAY-1 check. */
export function storedAttributeNames(item: Record<string, unknown>): string[] {
  return Object.keys(item).filter((name) => !KEY_ATTRIBUTES.includes(name));
}

export async function findTenantOfCustomer(db: Db, customerId: string): Promise<string | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('stripeCustomer', customerId), SK: SK.stripeCustomer() },
      ConsistentRead: true,
    }),
  );
  return result.Item?.tenantId as string | undefined;
}

/** The customer → workspace pointer, written once when the workspace first goes to Checkout. */
export function buildPutCustomerLookup(db: Db, customerId: string, tenantId: string): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: platformPk('stripeCustomer', customerId),
        SK: SK.stripeCustomer(),
        entity: 'StripeCustomerLookup',
        tenantId,
      },
      ConditionExpression: 'attribute_not_exists(PK) OR tenantId = :tenantId',
      ExpressionAttributeValues: { ':tenantId': tenantId },
    },
  };
}
