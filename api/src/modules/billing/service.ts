import type Stripe from 'stripe';
import { buildWebUrl } from '../../config.js';
import { commitWithAudit, type TransactItem } from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import type { FollowUp, WebhookEffect } from '../../platform/webhooks/types.js';
import { getEntitlements } from './entitlements.js';
import type { BillingNotice } from './notices.js';
import {
  CADENCES,
  PAID_TIERS,
  PLANS,
  planKeyOf,
  planOfPrice,
  priceIdOf,
  type Cadence,
  type PaidTier,
} from './plans.js';
import * as repo from './repo.js';
import type { Billing, Invoice } from './schema.js';

const SYSTEM: AuditActor = { type: 'system', id: 'stripe', label: 'Stripe' };
const LIVE_STATUSES = new Set(['trialing', 'active', 'past_due', 'unpaid']);
const DAY_MS = 86_400_000;

function requireStripe(deps: AppDeps): Stripe {
  if (deps.stripe === undefined) {
    throw new AppError(
      'unavailable',
      'Billing is off here: every workspace has every feature on the local plan.',
    );
  }
  return deps.stripe;
}

function toIso(epochSeconds: number | null | undefined): string | undefined {
  return epochSeconds === null || epochSeconds === undefined
    ? undefined
    : new Date(epochSeconds * 1000).toISOString();
}

type PlanPrice = Billing['plans'][number]['prices'][number];

/** How long prices read from Stripe are reused: they change rarely, the plan page is read often. */
const PRICE_CACHE_MS = 10 * 60_000;
const priceCache = new WeakMap<Stripe, { readAt: number; prices: Map<string, PlanPrice> }>();

/**
 * What each paid plan costs, per cadence, as Stripe says (Stripe holds the prices; only their ids
 * are configured). A price Stripe does not give a fixed amount for is left out. Kept for a few
 * minutes per Stripe client; when Stripe cannot be reached, the plans are shown without prices.
 */
async function readPlanPrices(deps: AppDeps): Promise<Map<string, PlanPrice>> {
  const stripe = deps.stripe;
  if (stripe === undefined) return new Map();
  const now = deps.now().getTime();
  const cached = priceCache.get(stripe);
  if (cached !== undefined && now - cached.readAt < PRICE_CACHE_MS) return cached.prices;
  const prices = new Map<string, PlanPrice>();
  try {
    await Promise.all(
      PAID_TIERS.flatMap((tier) =>
        CADENCES.map(async (cadence) => {
          const id = priceIdOf(deps.config, tier, cadence);
          if (id === undefined) return;
          const price = await stripe.prices.retrieve(id, {}, { timeout: 5_000, maxNetworkRetries: 0 });
          if (price.unit_amount === null) return;
          prices.set(planKeyOf(tier, cadence), {
            cadence,
            amount: price.unit_amount,
            currency: price.currency,
          });
        }),
      ),
    );
  } catch {
    // Prices are shown when known; the plan page itself must not fail with Stripe.
    return cached?.prices ?? new Map();
  }
  priceCache.set(stripe, { readAt: now, prices });
  return prices;
}

/** The plan page's data: current plan, state, entitlements, and the plans on offer with their prices. */
export async function getBilling(deps: AppDeps, tenantId: string): Promise<Billing> {
  const [access, prices] = await Promise.all([getEntitlements(deps, tenantId), readPlanPrices(deps)]);
  const state = access.state;
  const now = deps.now().getTime();
  const trialEnd = state?.status === 'trialing' ? state.trialEnd : undefined;
  return {
    isEnabled: deps.stripe !== undefined,
    tier: access.plan.tier,
    planName: access.plan.name,
    entitlements: access.entitlements,
    isReadOnly: access.isReadOnly,
    hasCustomer: state?.customerId !== undefined,
    ...(state?.cadence === undefined ? {} : { cadence: state.cadence }),
    ...(state?.status === undefined ? {} : { status: state.status }),
    ...(trialEnd === undefined
      ? {}
      : { trialEnd, trialDaysLeft: Math.max(0, Math.ceil((Date.parse(trialEnd) - now) / DAY_MS)) }),
    ...(state?.currentPeriodEnd === undefined ? {} : { currentPeriodEnd: state.currentPeriodEnd }),
    ...(state?.cancelAtPeriodEnd === undefined ? {} : { cancelAtPeriodEnd: state.cancelAtPeriodEnd }),
    ...(access.graceEndsAt === undefined ? {} : { graceEndsAt: access.graceEndsAt }),
    plans: PAID_TIERS.map((tier) => ({
      tier,
      name: PLANS[tier].name,
      trialDays: PLANS[tier].trialDays,
      entitlements: PLANS[tier].entitlements,
      prices: CADENCES.flatMap((cadence) => prices.get(planKeyOf(tier, cadence)) ?? []),
    })),
  };
}

/** The workspace's Stripe customer, created (with its lookup) the first time it goes to Checkout. */
async function ensureCustomer(deps: AppDeps, stripe: Stripe, tenantId: string, actor: AuditActor) {
  const state = await repo.getBillingState(deps.db, tenantId);
  if (state !== undefined) return state;
  // Only the workspace id goes to Stripe: the person enters their own details on Stripe's page.
  const customer = await stripe.customers.create(
    { metadata: { workspaceId: tenantId } },
    { idempotencyKey: `customer-${tenantId}` },
  );
  const fresh: repo.BillingState = { tier: 'free', customerId: customer.id, syncedAt: '' };
  await commitWithAudit(
    deps.db,
    tenantId,
    [
      repo.buildPutCustomerLookup(deps.db, customer.id, tenantId),
      repo.buildPutBillingState(deps.db, tenantId, fresh),
    ],
    { actor, action: 'billing.customer_created', target: { type: 'workspace', id: tenantId } },
    deps.now,
  );
  return fresh;
}

/** A Stripe Checkout page for a paid plan, with the plan's trial the first time (card entered at Stripe). */
export async function createCheckout(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: { tier: PaidTier; cadence: Cadence },
): Promise<{ url: string }> {
  const stripe = requireStripe(deps);
  const state = await ensureCustomer(deps, stripe, tenantId, actor);
  if (state.status !== undefined && LIVE_STATUSES.has(state.status)) {
    throw new AppError(
      'conflict',
      'This workspace already has a subscription; change it in the billing portal.',
    );
  }
  const price = priceIdOf(deps.config, input.tier, input.cadence);
  if (price === undefined) throw new AppError('unavailable', 'This plan is not on sale.');
  const hasTrialed = state.trialEnd !== undefined;
  const trialDays = PLANS[input.tier].trialDays;
  const session = await stripe.checkout.sessions.create({
    mode: 'subscription',
    customer: state.customerId,
    client_reference_id: tenantId,
    line_items: [{ price, quantity: 1 }],
    subscription_data: {
      metadata: { workspaceId: tenantId },
      ...(hasTrialed || trialDays === 0 ? {} : { trial_period_days: trialDays }),
    },
    success_url: buildWebUrl(deps.config, `/w/${tenantId}/billing?checkout=done`),
    cancel_url: buildWebUrl(deps.config, `/w/${tenantId}/billing`),
  });
  if (session.url === null) throw new AppError('unavailable', 'Stripe did not open a Checkout page.');
  return { url: session.url };
}

/** A Customer Portal session, where the owner changes plan, card or cancels. */
export async function createPortal(deps: AppDeps, tenantId: string): Promise<{ url: string }> {
  const stripe = requireStripe(deps);
  const state = await repo.getBillingState(deps.db, tenantId);
  if (state === undefined) throw new AppError('conflict', 'This workspace has no subscription yet.');
  const session = await stripe.billingPortal.sessions.create({
    customer: state.customerId,
    return_url: buildWebUrl(deps.config, `/w/${tenantId}/billing`),
  });
  return { url: session.url };
}

/** The workspace's recent invoices, read from Stripe (never stored here). */
export async function listInvoices(deps: AppDeps, tenantId: string): Promise<Invoice[]> {
  const stripe = requireStripe(deps);
  const state = await repo.getBillingState(deps.db, tenantId);
  if (state === undefined) return [];
  const invoices = await stripe.invoices.list({ customer: state.customerId, limit: 24 });
  return invoices.data.map((invoice) => ({
    id: invoice.id ?? '',
    ...(invoice.number === null ? {} : { number: invoice.number }),
    status: invoice.status ?? 'draft',
    amountPaid: invoice.amount_paid,
    currency: invoice.currency,
    createdAt: new Date(invoice.created * 1000).toISOString(),
    ...(invoice.hosted_invoice_url == null ? {} : { url: invoice.hosted_invoice_url }),
  }));
}

function idOf(value: string | { id: string } | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : value.id;
}

/** The subscription an invoice belongs to, in the current API shape and the older one. */
function subscriptionOfInvoice(invoice: Stripe.Invoice): string | undefined {
  const fromParent = idOf(invoice.parent?.subscription_details?.subscription);
  if (fromParent !== undefined) return fromParent;
  return idOf((invoice as unknown as { subscription?: string | { id: string } | null }).subscription);
}

/**
 * Re-reads the subscription from Stripe and stores what it says now, so events may arrive in any
 * order, late or twice: the state written is Stripe's current one, never the event's snapshot.
 */
async function syncSubscription(
  deps: AppDeps,
  input: {
    customerId: string;
    subscriptionId: string;
    type: string;
    notice?: BillingNotice;
    eventId?: string;
  },
): Promise<WebhookEffect> {
  const stripe = requireStripe(deps);
  const tenantId = await repo.findTenantOfCustomer(deps.db, input.customerId);
  if (tenantId === undefined) return { operations: [], outcome: 'unknown-customer' };
  const subscription = await stripe.subscriptions.retrieve(input.subscriptionId);
  const current = await repo.getBillingState(deps.db, tenantId);
  const isLive = LIVE_STATUSES.has(subscription.status);
  if (current?.subscriptionId !== undefined && current.subscriptionId !== subscription.id && !isLive) {
    // An old subscription ended after a newer one began: it changes nothing.
    return { operations: [], outcome: 'stale-subscription' };
  }
  const item = subscription.items.data[0];
  const plan = item === undefined ? undefined : planOfPrice(deps.config, item.price.id);
  const now = deps.now();
  const periodEnd =
    item?.current_period_end ??
    (subscription as unknown as { current_period_end?: number }).current_period_end;
  const state: repo.BillingState = {
    tier: plan === undefined || !isLive ? 'free' : plan.tier,
    ...(plan === undefined ? {} : { planKey: planKeyOf(plan.tier, plan.cadence), cadence: plan.cadence }),
    customerId: input.customerId,
    subscriptionId: subscription.id,
    status: subscription.status,
    ...(toIso(subscription.trial_end) === undefined ? {} : { trialEnd: toIso(subscription.trial_end) }),
    ...(toIso(periodEnd) === undefined ? {} : { currentPeriodEnd: toIso(periodEnd) }),
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    ...(subscription.status === 'past_due'
      ? { pastDueSince: current?.pastDueSince ?? now.toISOString() }
      : {}),
    syncedAt: now.toISOString(),
  };
  const followUps: FollowUp[] =
    input.notice === undefined
      ? []
      : [
          {
            kind: 'billing-notice',
            data: { tenantId, notice: input.notice, eventId: input.eventId ?? subscription.id },
          },
        ];
  const operations: TransactItem[] = [repo.buildPutBillingState(deps.db, tenantId, state)];
  return {
    operations,
    outcome: `synced:${subscription.status}`,
    audit: {
      tenantId,
      event: {
        actor: SYSTEM,
        action: 'billing.subscription_synced',
        target: { type: 'workspace', id: tenantId },
        details: { status: subscription.status, tier: state.tier, event: input.type },
      },
    },
    followUps,
  };
}

/** The effect of one verified Stripe event; types we do not handle are acknowledged and ignored. */
export async function handleStripeEvent(deps: AppDeps, event: Stripe.Event): Promise<WebhookEffect> {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object;
      const customerId = idOf(session.customer);
      const subscriptionId = idOf(session.subscription);
      if (session.mode !== 'subscription' || customerId === undefined || subscriptionId === undefined) {
        return { operations: [], outcome: 'ignored' };
      }
      return syncSubscription(deps, { customerId, subscriptionId, type: event.type });
    }
    case 'customer.subscription.created':
    case 'customer.subscription.updated':
    case 'customer.subscription.deleted':
    case 'customer.subscription.trial_will_end': {
      const subscription = event.data.object;
      const customerId = idOf(subscription.customer);
      if (customerId === undefined) return { operations: [], outcome: 'ignored' };
      return syncSubscription(deps, {
        customerId,
        subscriptionId: subscription.id,
        type: event.type,
        eventId: event.id,
        ...(event.type === 'customer.subscription.trial_will_end' ? { notice: 'trial-ending' as const } : {}),
      });
    }
    case 'invoice.paid':
    case 'invoice.payment_failed': {
      const invoice = event.data.object;
      const customerId = idOf(invoice.customer);
      const subscriptionId = subscriptionOfInvoice(invoice);
      if (customerId === undefined || subscriptionId === undefined)
        return { operations: [], outcome: 'ignored' };
      const notice: BillingNotice | undefined =
        event.type === 'invoice.payment_failed'
          ? 'payment-failed'
          : invoice.amount_paid > 0
            ? 'receipt'
            : undefined;
      return syncSubscription(deps, {
        customerId,
        subscriptionId,
        type: event.type,
        eventId: event.id,
        ...(notice === undefined ? {} : { notice }),
      });
    }
    default:
      return { operations: [], outcome: 'ignored' };
  }
}
