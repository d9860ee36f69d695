import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';

/**
 * A local stand-in for the parts of the Stripe API Holdfast calls, spoken the way the real SDK
 * speaks it (form-encoded `/v1/...`). Tests set the truth (subscriptions, invoices) here, and
 * build and sign events with the SDK's own test-header helper.
 */

export type FakeSubscription = {
  id: string;
  customer: string;
  status: Stripe.Subscription.Status;
  priceId: string;
  trialEnd?: number;
  currentPeriodEnd: number;
  cancelAtPeriodEnd?: boolean;
};

export type RecordedRequest = { method: string; path: string; params: Record<string, string> };

export const WEBHOOK_SECRET = 'whsec_test_holdfast_local_secret';
export const PRICES = {
  STRIPE_PRICE_PLUS_MONTHLY: 'price_plus_monthly',
  STRIPE_PRICE_PLUS_YEARLY: 'price_plus_yearly',
  STRIPE_PRICE_PRO_MONTHLY: 'price_pro_monthly',
  STRIPE_PRICE_PRO_YEARLY: 'price_pro_yearly',
} as const;

/** What the test server says each price costs (USD cents), by price id. */
export const PRICE_AMOUNTS: Record<string, { amount: number; interval: 'month' | 'year' }> = {
  [PRICES.STRIPE_PRICE_PLUS_MONTHLY]: { amount: 900, interval: 'month' },
  [PRICES.STRIPE_PRICE_PLUS_YEARLY]: { amount: 9000, interval: 'year' },
  [PRICES.STRIPE_PRICE_PRO_MONTHLY]: { amount: 1900, interval: 'month' },
  [PRICES.STRIPE_PRICE_PRO_YEARLY]: { amount: 19000, interval: 'year' },
};

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function toSubscriptionObject(sub: FakeSubscription) {
  return {
    id: sub.id,
    object: 'subscription',
    customer: sub.customer,
    status: sub.status,
    trial_end: sub.trialEnd ?? null,
    cancel_at_period_end: sub.cancelAtPeriodEnd ?? false,
    metadata: {},
    items: {
      object: 'list',
      data: [
        {
          id: `si_${sub.id}`,
          object: 'subscription_item',
          price: { id: sub.priceId, object: 'price' },
          current_period_end: sub.currentPeriodEnd,
        },
      ],
    },
  };
}

export class StripeTestServer {
  readonly requests: RecordedRequest[] = [];
  readonly subscriptions = new Map<string, FakeSubscription>();
  private server: Server | undefined;
  private url = '';
  private readonly stripe = new Stripe('sk_test_signing_only');

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      void (async () => {
        const raw = await readBody(request);
        const url = new URL(request.url ?? '/', 'http://local');
        const params = Object.fromEntries(new URLSearchParams(request.method === 'GET' ? url.search : raw));
        this.requests.push({ method: request.method ?? 'GET', path: url.pathname, params });
        const answer = this.answer(request.method ?? 'GET', url.pathname, params);
        response.writeHead(answer.status, {
          'content-type': 'application/json',
          'request-id': `req_${randomUUID()}`,
        });
        response.end(JSON.stringify(answer.body));
      })();
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server === undefined ? resolve() : this.server.close(() => resolve()),
    );
  }

  /** Config for an app with billing on against this server. */
  env(): Record<string, string> {
    return {
      STRIPE_SECRET_KEY: 'sk_test_holdfast_local',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: this.url,
      ...PRICES,
    };
  }

  setSubscription(sub: FakeSubscription): void {
    this.subscriptions.set(sub.id, sub);
  }

  private answer(
    method: string,
    path: string,
    params: Record<string, string>,
  ): { status: number; body: unknown } {
    if (method === 'POST' && path === '/v1/customers') {
      return {
        status: 200,
        body: { id: `cus_${randomUUID().slice(0, 12)}`, object: 'customer', metadata: {} },
      };
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_test_${randomUUID().slice(0, 12)}`;
      return {
        status: 200,
        body: {
          id,
          object: 'checkout.session',
          mode: params.mode,
          customer: params.customer,
          url: `https://checkout.stripe.test/c/pay/${id}`,
        },
      };
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      return {
        status: 200,
        body: {
          id: 'bps_test',
          object: 'billing_portal.session',
          url: 'https://billing.stripe.test/p/session',
        },
      };
    }
    const price = /^\/v1\/prices\/([A-Za-z0-9_]+)$/.exec(path)?.[1];
    const amount = price === undefined ? undefined : PRICE_AMOUNTS[price];
    if (method === 'GET' && price !== undefined) {
      return amount === undefined
        ? { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such price' } } }
        : {
            status: 200,
            body: {
              id: price,
              object: 'price',
              active: true,
              currency: 'usd',
              unit_amount: amount.amount,
              recurring: { interval: amount.interval, interval_count: 1 },
            },
          };
    }
    const subscription = /^\/v1\/subscriptions\/([A-Za-z0-9_]+)$/.exec(path);
    if (method === 'GET' && subscription?.[1] !== undefined) {
      const found = this.subscriptions.get(subscription[1]);
      return found === undefined
        ? { status: 404, body: { error: { type: 'invalid_request_error', message: 'No such subscription' } } }
        : { status: 200, body: toSubscriptionObject(found) };
    }
    // Cancelling at once (what an account's purge does): Stripe answers the subscription, now
    // canceled, and a second cancel of the same one fails as resource_missing.
    if (method === 'DELETE' && subscription?.[1] !== undefined) {
      const found = this.subscriptions.get(subscription[1]);
      if (found === undefined || found.status === 'canceled') {
        return {
          status: 404,
          body: {
            error: {
              type: 'invalid_request_error',
              code: 'resource_missing',
              message: 'No such subscription',
            },
          },
        };
      }
      const canceled = { ...found, status: 'canceled' as const };
      this.subscriptions.set(canceled.id, canceled);
      return { status: 200, body: toSubscriptionObject(canceled) };
    }
    if (method === 'GET' && path === '/v1/invoices') {
      return {
        status: 200,
        body: {
          object: 'list',
          has_more: false,
          url: '/v1/invoices',
          data: [
            {
              id: 'in_test_1',
              object: 'invoice',
              number: 'HF-0001',
              status: 'paid',
              amount_paid: 900,
              currency: 'usd',
              created: 1_780_000_000,
              hosted_invoice_url: 'https://invoice.stripe.test/i/1',
              customer: params.customer,
            },
          ],
        },
      };
    }
    return { status: 404, body: { error: { type: 'invalid_request_error', message: `No route ${path}` } } };
  }

  /** A Stripe event as Stripe would send it. */
  event(type: string, object: Record<string, unknown>, created = Math.floor(Date.now() / 1000)) {
    return {
      id: `evt_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
      object: 'event',
      api_version: '2025-10-29.clover',
      created,
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
      data: { object },
    };
  }

  subscriptionObject(id: string) {
    const sub = this.subscriptions.get(id);
    if (sub === undefined) throw new Error(`no subscription ${id}`);
    return toSubscriptionObject(sub);
  }

  /** Headers and body of a signed delivery; `timestamp` (seconds) defaults to now. */
  sign(event: unknown, options: { timestamp?: number; secret?: string } = {}) {
    const payload = JSON.stringify(event);
    const signature = this.stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? WEBHOOK_SECRET,
      timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
    });
    return { payload, headers: { 'stripe-signature': signature, 'content-type': 'application/json' } };
  }
}
