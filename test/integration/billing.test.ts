import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { assertModuleAccess } from '@holdfast/api/modules/billing/entitlements';
import { purgeAccount } from '@holdfast/api/modules/privacy/purge';
import { BILLING_STATE_ATTRIBUTES } from '@holdfast/api/modules/billing/repo';
import { SK, tenantPk } from '@holdfast/api/platform/db/keys';
import {
  addMember,
  as,
  createTestApp,
  incidentBody,
  readMailbox,
  signIn,
  uniqueEmail,
  type Session,
  type TestApp,
} from '../support/harness.js';
import { StripeTestServer } from '../support/stripe-server.js';

// The story tests sign people in through the real mail path on a shared machine.
jest.setTimeout(30_000);

const DAY = 86_400_000;
const GIB = 1024 ** 3;
/** The Free plan's storage quota (plans.ts). */
const FREE_QUOTA = GIB / 2;

type Billing = {
  isEnabled: boolean;
  tier: string;
  planName: string;
  status?: string;
  trialDaysLeft?: number;
  isReadOnly: boolean;
  graceEndsAt?: string;
};

describe('billing with Stripe (local test server, real SDK)', () => {
  const stripe = new StripeTestServer();
  let t: TestApp;
  let clock = Date.now();
  const admin = uniqueEmail('platform-admin');
  /** The one fault to inject, at a point, for one event id; it fires once. */
  let armed: { point: string; eventId: string } | undefined;

  beforeAll(async () => {
    await stripe.start();
    t = await createTestApp({
      env: { ...stripe.env(), PLATFORM_ADMIN_EMAILS: admin, BILLING_GRACE_DAYS: '7', SESSION_TTL_DAYS: '90' },
      overrides: {
        now: () => new Date(clock),
        webhookFaults: (point, context) => {
          if (armed?.point !== point || armed.eventId !== context.eventId) return;
          armed = undefined;
          throw new Error(`injected fault ${point}`);
        },
      },
    });
  });
  afterAll(async () => {
    await t.app.close();
    await stripe.stop();
  });

  const nowSeconds = () => Math.floor(clock / 1000);

  async function deliver(
    event: unknown,
    options: { timestamp?: number; secret?: string; payload?: string } = {},
  ) {
    const signed = stripe.sign(event, { timestamp: options.timestamp ?? nowSeconds(), ...options });
    return t.app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: signed.headers,
      payload: options.payload ?? signed.payload,
    });
  }

  async function billingOf(session: Session): Promise<Billing> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/billing`,
      headers: as(session),
    });
    expect(response.statusCode).toBe(200);
    return response.json<Billing>();
  }

  async function storedState(tenantId: string): Promise<Record<string, unknown> | undefined> {
    const result = await t.app.deps.db.doc.send(
      new GetCommand({
        TableName: t.app.deps.db.mainTable,
        Key: { PK: `TENANT#${tenantId}`, SK: 'BILLING' },
      }),
    );
    return result.Item;
  }

  async function auditActions(session: Session): Promise<string[]> {
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/audit?limit=100`,
      headers: as(session),
    });
    return response.json<{ items: { action: string }[] }>().items.map((e) => e.action);
  }

  /** An invoice event of a subscription, as Stripe's current API shapes it. */
  function invoiceEvent(
    type: string,
    id: string,
    customer: string,
    subscriptionId: string,
    amountPaid: number,
  ) {
    return stripe.event(type, {
      id,
      object: 'invoice',
      customer,
      amount_paid: amountPaid,
      parent: { type: 'subscription_details', subscription_details: { subscription: subscriptionId } },
    });
  }

  /** Sets what Stripe says about a Plus monthly subscription, its period ending `days` from the clock. */
  function setPlus(id: string, customer: string, status: 'active' | 'past_due' | 'canceled', days: number) {
    stripe.setSubscription({
      id,
      customer,
      status,
      priceId: 'price_plus_monthly',
      currentPeriodEnd: nowSeconds() + days * 86_400,
    });
  }

  /** A workspace that went through Checkout, with its customer id and a subscription on the server. */
  async function subscribedWorkspace(status: 'trialing' | 'active' = 'active', isSynced = true) {
    const owner = await signIn(t.app);
    const checkout = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/billing/checkout`,
      headers: as(owner),
      payload: { tier: 'plus', cadence: 'monthly' },
    });
    expect(checkout.statusCode).toBe(200);
    const sessionParams =
      stripe.requests.filter((r) => r.path === '/v1/checkout/sessions').at(-1)?.params ?? {};
    const customer = sessionParams.customer ?? '';
    const subscriptionId = `sub_${owner.workspaceId}`;
    stripe.setSubscription({
      id: subscriptionId,
      customer,
      status,
      priceId: 'price_plus_monthly',
      ...(status === 'trialing' ? { trialEnd: nowSeconds() + 14 * 86_400 } : {}),
      currentPeriodEnd: nowSeconds() + 14 * 86_400,
    });
    if (isSynced) {
      const created = await deliver(
        stripe.event('customer.subscription.created', stripe.subscriptionObject(subscriptionId)),
      );
      expect(created.statusCode).toBe(200);
    }
    return {
      owner,
      customer,
      subscriptionId,
      sessionParams,
      checkoutUrl: checkout.json<{ url: string }>().url,
    };
  }

  it('P-PAY-2 P-PAY-1 runs a trial → paid → past-due → cancelled story end to end', async () => {
    const { owner, customer, subscriptionId, sessionParams, checkoutUrl } = await subscribedWorkspace(
      'trialing',
      false,
    );
    expect(checkoutUrl).toMatch(/^https:\/\/checkout\.stripe\.test\//);
    expect(sessionParams['subscription_data[trial_period_days]']).toBe('14');
    expect(sessionParams['line_items[0][price]']).toBe('price_plus_monthly');
    expect(sessionParams.client_reference_id).toBe(owner.workspaceId);
    // Before Stripe confirms anything, the workspace is on Free.
    expect((await billingOf(owner)).tier).toBe('free');

    const completed = await deliver(
      stripe.event('checkout.session.completed', {
        id: 'cs_test_1',
        object: 'checkout.session',
        mode: 'subscription',
        customer,
        subscription: subscriptionId,
        client_reference_id: owner.workspaceId,
      }),
    );
    expect(completed.statusCode).toBe(200);
    let billing = await billingOf(owner);
    expect(billing).toMatchObject({ isEnabled: true, tier: 'plus', planName: 'Plus', status: 'trialing' });
    expect(billing.trialDaysLeft).toBe(14);

    // P-PAY-1: the stored state holds only the listed attributes; no card data, amounts or addresses.
    const stored = (await storedState(owner.workspaceId)) ?? {};
    const names = Object.keys(stored).filter((name) => !['PK', 'SK', 'entity'].includes(name));
    for (const name of names) expect(BILLING_STATE_ATTRIBUTES as readonly string[]).toContain(name);
    expect(stored).toMatchObject({
      tier: 'plus',
      planKey: 'plus_monthly',
      cadence: 'monthly',
      customerId: customer,
    });
    // And nothing card-like ever went from the service to Stripe.
    for (const request of stripe.requests) {
      expect(Object.keys(request.params).join(',')).not.toMatch(/card|cvc|exp_month|number/);
    }

    clock += 11 * DAY;
    await deliver(
      stripe.event('customer.subscription.trial_will_end', stripe.subscriptionObject(subscriptionId)),
    );
    expect((await readMailbox(owner.email)).some((m) => m.subject.includes('trial ends soon'))).toBe(true);

    clock += 3 * DAY;
    setPlus(subscriptionId, customer, 'active', 30);
    await deliver(invoiceEvent('invoice.paid', 'in_1', customer, subscriptionId, 900));
    billing = await billingOf(owner);
    expect(billing).toMatchObject({ tier: 'plus', status: 'active', isReadOnly: false });
    expect((await readMailbox(owner.email)).some((m) => m.subject.includes('payment was received'))).toBe(
      true,
    );

    clock += 30 * DAY;
    setPlus(subscriptionId, customer, 'past_due', 30);
    await deliver(invoiceEvent('invoice.payment_failed', 'in_2', customer, subscriptionId, 0));
    billing = await billingOf(owner);
    expect(billing).toMatchObject({ tier: 'plus', status: 'past_due', isReadOnly: false });
    expect((await readMailbox(owner.email)).some((m) => m.subject.includes('payment failed'))).toBe(true);
    const incidents = `/v1/workspaces/${owner.workspaceId}/incidents`;
    // Within the grace period everything still works.
    const inGrace = await t.app.inject({
      method: 'POST',
      url: incidents,
      headers: as(owner),
      payload: incidentBody(),
    });
    expect(inGrace.statusCode).toBe(201);

    clock += 8 * DAY;
    expect((await billingOf(owner)).isReadOnly).toBe(true);
    const readOnly = await t.app.inject({
      method: 'POST',
      url: incidents,
      headers: as(owner),
      payload: incidentBody(),
    });
    expect(readOnly.statusCode).toBe(402);
    expect(readOnly.json<{ code: string; detail: string }>()).toMatchObject({ code: 'payment_required' });
    expect(readOnly.json<{ detail: string }>().detail).toContain('Plus');
    const reading = await t.app.inject({ method: 'GET', url: incidents, headers: as(owner) });
    expect(reading.statusCode).toBe(200);
    expect(reading.json<{ items: unknown[] }>().items).toHaveLength(1);

    setPlus(subscriptionId, customer, 'canceled', 0);
    await deliver(stripe.event('customer.subscription.deleted', stripe.subscriptionObject(subscriptionId)));
    billing = await billingOf(owner);
    expect(billing).toMatchObject({ tier: 'free', status: 'canceled', isReadOnly: false });
    // Cancelled falls back to Free without deleting anything: the incident is still there and Free can write.
    const afterCancel = await t.app.inject({ method: 'GET', url: incidents, headers: as(owner) });
    expect(afterCancel.json<{ items: unknown[] }>().items).toHaveLength(1);
    const freeWrite = await t.app.inject({
      method: 'POST',
      url: incidents,
      headers: as(owner),
      payload: incidentBody(),
    });
    expect(freeWrite.statusCode).toBe(201);
    expect((await auditActions(owner)).filter((a) => a === 'billing.subscription_synced')).toHaveLength(5);
  });

  it('P-RIGHT-3 deleting the account cancels its workspace’s Stripe subscription at the purge, once, and not during the 30 days', async () => {
    const { owner, subscriptionId } = await subscribedWorkspace();
    const cancels = () =>
      stripe.requests.filter(
        (r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${subscriptionId}`,
      );
    const deletion = await t.app.inject({
      method: 'POST',
      url: '/v1/account/deletion',
      headers: as(owner),
      payload: { confirmation: 'DELETE' },
    });
    expect(deletion.statusCode).toBe(202);

    // Within the grace period a restore must find the subscription as it was.
    clock += 29 * DAY;
    expect(await purgeAccount(t.app.deps, owner.userId)).toBe('pending');
    expect(cancels()).toHaveLength(0);

    clock += 2 * DAY;
    expect(await purgeAccount(t.app.deps, owner.userId)).toBe('purged');
    expect(cancels()).toHaveLength(1);
    expect(stripe.subscriptionObject(subscriptionId).status).toBe('canceled');
    // The purge is done: a later run neither cancels again nor fails.
    expect(await purgeAccount(t.app.deps, owner.userId)).toBe('none');
    expect(cancels()).toHaveLength(1);
  });

  it('P-PAY-2 answers 402 naming the plan that allows more members, and for modules the plan lacks', async () => {
    const owner = await signIn(t.app);
    const invite = (email: string) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/invites`,
        headers: as(owner),
        payload: { email, role: 'member' },
      });
    // Free allows 2 members, pending invites included: the owner plus one invite.
    expect((await invite(uniqueEmail('first'))).statusCode).toBe(201);
    const over = await invite(uniqueEmail('second'));
    expect(over.statusCode).toBe(402);
    expect(over.json<{ detail: string }>().detail).toMatch(/Free plan allows 2 members.*Plus plan allows it/);
    await expect(assertModuleAccess(t.app.deps, owner.workspaceId, 'wellbeing', false)).rejects.toMatchObject(
      {
        code: 'payment_required',
        detail: expect.stringContaining('The Pro plan allows it') as unknown as string,
      },
    );
    await expect(assertModuleAccess(t.app.deps, owner.workspaceId, 'journal', true)).resolves.toBeUndefined();
  });

  it('P-PAY-2 P-HOOK-3 out-of-order events never roll the state back: the subscription is re-read from Stripe', async () => {
    const { owner, customer, subscriptionId } = await subscribedWorkspace('active');
    const snapshotWhenCreated = stripe.subscriptionObject(subscriptionId);
    setPlus(subscriptionId, customer, 'canceled', 0);
    const deleted = stripe.event('customer.subscription.deleted', stripe.subscriptionObject(subscriptionId));
    // Stripe sends `created` first, but it arrives after `deleted`, carrying its old snapshot.
    const created = stripe.event('customer.subscription.created', snapshotWhenCreated, deleted.created - 60);
    expect((await deliver(deleted)).statusCode).toBe(200);
    expect((await deliver(created)).statusCode).toBe(200);
    expect(await billingOf(owner)).toMatchObject({ tier: 'free', status: 'canceled' });

    // An old subscription ending after a new one began changes nothing.
    const newer = `${subscriptionId}_2`;
    stripe.setSubscription({
      id: newer,
      customer,
      status: 'active',
      priceId: 'price_pro_yearly',
      currentPeriodEnd: nowSeconds() + 365 * 86_400,
    });
    await deliver(stripe.event('customer.subscription.created', stripe.subscriptionObject(newer)));
    expect(await billingOf(owner)).toMatchObject({ tier: 'pro', status: 'active' });
    const late = await deliver(
      stripe.event('customer.subscription.deleted', stripe.subscriptionObject(subscriptionId)),
    );
    expect(late.json<{ outcome: string }>().outcome).toBe('stale-subscription');
    expect(await billingOf(owner)).toMatchObject({ tier: 'pro', status: 'active' });
  });

  it('P-HOOK-1 refuses forged, tampered, stale (±301 s) and unsigned Stripe deliveries, changing nothing', async () => {
    const { owner, customer, subscriptionId } = await subscribedWorkspace('active');
    const before = await storedState(owner.workspaceId);
    const reads = () =>
      stripe.requests.filter((r) => r.path === `/v1/subscriptions/${subscriptionId}`).length;
    const readsBefore = reads();
    const event = stripe.event('customer.subscription.updated', stripe.subscriptionObject(subscriptionId));
    const tampered = stripe.sign(event);
    const attempts = [
      await deliver(event, { secret: 'whsec_someone_else' }),
      await deliver(event, { payload: tampered.payload.replace(customer, 'cus_attacker') }),
      await deliver(event, { timestamp: nowSeconds() - 301 }),
      await deliver(event, { timestamp: nowSeconds() + 301 }),
      await t.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: JSON.stringify(event) }),
    ];
    for (const response of attempts) {
      expect(response.statusCode).toBe(400);
      expect(response.json<{ code: string }>().code).toBe('invalid_signature');
    }
    expect(await storedState(owner.workspaceId)).toEqual(before);
    // No Stripe read happened for any of them: nothing ran before the signature check.
    expect(reads()).toBe(readsBefore);
    // The same event, properly signed within the tolerance, is accepted.
    expect((await deliver(event, { timestamp: nowSeconds() - 299 })).statusCode).toBe(200);
    expect(reads()).toBe(readsBefore + 1);
  });

  it('P-HOOK-1 refuses a signature header with two timestamps, whichever one the signature covers', async () => {
    const { owner, subscriptionId } = await subscribedWorkspace('active');
    const before = await storedState(owner.workspaceId);
    const event = stripe.event('customer.subscription.updated', stripe.subscriptionObject(subscriptionId));
    const future = nowSeconds() + 86_400;
    // Signed a day ahead; a fresh `t=` put first would pass a check that reads the first timestamp.
    const signed = stripe.sign(event, { timestamp: future });
    const header = signed.headers['stripe-signature'];
    const headers = [
      `t=${nowSeconds()},${header}`,
      `${header},t=${nowSeconds()}`,
      header.replace(/^t=\d+,/, ''),
      `t=${nowSeconds()}`,
    ];
    for (const value of headers) {
      const response = await t.app.inject({
        method: 'POST',
        url: '/webhooks/stripe',
        headers: { ...signed.headers, 'stripe-signature': value },
        payload: signed.payload,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<{ code: string }>().code).toBe('invalid_signature');
    }
    expect(await storedState(owner.workspaceId)).toEqual(before);
  });

  it('P-HOOK-3 a replayed delivery has no second effect: one state change, one receipt', async () => {
    const { owner, customer, subscriptionId } = await subscribedWorkspace('active');
    const paid = invoiceEvent('invoice.paid', 'in_replay', customer, subscriptionId, 900);
    const first = await deliver(paid);
    const second = await deliver(paid);
    const third = await deliver(paid);
    expect(first.json<{ outcome: string }>().outcome).toBe('synced:active');
    expect(second.json<{ outcome: string }>().outcome).toBe('duplicate');
    expect(third.json<{ outcome: string }>().outcome).toBe('duplicate');
    // Concurrent duplicates: the conditional write lets exactly one through.
    const racing = stripe.event('invoice.paid', { ...paid.data.object, id: 'in_race' });
    const outcomes = await Promise.all([deliver(racing), deliver(racing), deliver(racing)]);
    expect(
      outcomes.map((r) => r.json<{ outcome: string }>().outcome).filter((o) => o !== 'duplicate'),
    ).toHaveLength(1);
    const receipts = (await readMailbox(owner.email)).filter((m) =>
      m.subject.includes('payment was received'),
    );
    expect(receipts).toHaveLength(2);
    expect((await auditActions(owner)).filter((a) => a === 'billing.subscription_synced')).toHaveLength(3);
  });

  for (const point of ['after-verify', 'during-effect', 'after-commit', 'before-response']) {
    it(`P-HOOK-4 a delivery interrupted ${point} and retried has its effect exactly once`, async () => {
      const { owner, customer, subscriptionId } = await subscribedWorkspace('active');
      const paid = invoiceEvent('invoice.paid', `in_${point}`, customer, subscriptionId, 900);
      armed = { point, eventId: paid.id };
      const interrupted = await deliver(paid);
      expect(interrupted.statusCode).toBe(500);
      expect(armed).toBeUndefined();
      const retried = await deliver(paid);
      expect(retried.statusCode).toBe(200);
      // Committed before the fault (after-commit, before-response): the retry is a duplicate.
      const isCommitted = point === 'after-commit' || point === 'before-response';
      expect(retried.json<{ outcome: string }>().outcome).toBe(isCommitted ? 'duplicate' : 'synced:active');
      expect((await deliver(paid)).json<{ outcome: string }>().outcome).toBe('duplicate');
      const receipts = (await readMailbox(owner.email)).filter((m) =>
        m.subject.includes('payment was received'),
      );
      expect(receipts).toHaveLength(1);
      expect((await auditActions(owner)).filter((a) => a === 'billing.subscription_synced')).toHaveLength(2);
    });
  }

  it('acknowledges event types it does not handle, and logs every delivery without content for platform admins', async () => {
    const ignored = await deliver(
      stripe.event('charge.refunded', { id: 'ch_1', object: 'charge', amount: 5 }),
    );
    expect(ignored.statusCode).toBe(200);
    expect(ignored.json<{ outcome: string }>().outcome).toBe('ignored');
    const operator = await signIn(t.app, admin);
    const log = await t.app.inject({
      method: 'GET',
      url: '/v1/admin/webhooks/stripe/deliveries?limit=100',
      headers: as(operator),
    });
    expect(log.statusCode).toBe(200);
    const items = log.json<{ items: Record<string, unknown>[] }>().items;
    expect(items[0]).toMatchObject({ type: 'charge.refunded', outcome: 'ignored' });
    expect(items.some((item) => item.outcome === 'rejected')).toBe(true);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(
        expect.arrayContaining(['durationMs', 'id', 'outcome', 'receivedAt']),
      );
      expect(JSON.stringify(item)).not.toMatch(/cus_|amount/);
    }
    const someone = await signIn(t.app);
    const refused = await t.app.inject({
      method: 'GET',
      url: '/v1/admin/webhooks/stripe/deliveries',
      headers: as(someone),
    });
    expect(refused.statusCode).toBe(404);
  });

  it('lets owners open the Customer Portal and read invoices; members may not', async () => {
    const { owner } = await subscribedWorkspace('active');
    const portal = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/billing/portal`,
      headers: as(owner),
    });
    expect(portal.statusCode).toBe(200);
    expect(portal.json<{ url: string }>().url).toContain('billing.stripe.test');
    const invoices = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/billing/invoices`,
      headers: as(owner),
    });
    expect(invoices.json<{ items: { url: string }[] }>().items[0]?.url).toContain('invoice.stripe.test');
    const again = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/billing/checkout`,
      headers: as(owner),
      payload: { tier: 'pro', cadence: 'yearly' },
    });
    expect(again.statusCode).toBe(409);
    const member = await addMember(t.app, owner, 'member');
    const refused = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/billing/portal`,
      headers: as(member),
    });
    expect(refused.statusCode).toBe(403);
  });

  it('shows what each plan costs as Stripe states it, read once and reused for a while', async () => {
    const owner = await signIn(t.app);
    const priceReads = () => stripe.requests.filter((r) => r.path.startsWith('/v1/prices/')).length;
    clock += 11 * 60_000;
    const before = priceReads();
    const billing = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/billing`,
      headers: as(owner),
    });
    expect(billing.json<{ plans: { tier: string; prices: unknown[] }[] }>().plans).toEqual([
      expect.objectContaining({
        tier: 'plus',
        prices: [
          { cadence: 'monthly', amount: 900, currency: 'usd' },
          { cadence: 'yearly', amount: 9000, currency: 'usd' },
        ],
      }),
      expect.objectContaining({
        tier: 'pro',
        prices: [
          { cadence: 'monthly', amount: 1900, currency: 'usd' },
          { cadence: 'yearly', amount: 19000, currency: 'usd' },
        ],
      }),
    ]);
    expect(priceReads()).toBe(before + 4);
    await billingOf(owner);
    expect(priceReads()).toBe(before + 4);
  });

  /** Uploads `bytes` as a file of the workspace. */
  function upload(session: Session, bytes: Buffer, filename: string) {
    return t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${session.workspaceId}/documents?filename=${filename}`,
      headers: { ...as(session), 'content-type': 'application/octet-stream' },
      payload: bytes,
    });
  }

  async function storageOf(session: Session) {
    const response = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/storage`,
      headers: as(session),
    });
    expect(response.statusCode).toBe(200);
    return response.json<Record<string, unknown>>();
  }

  async function download(session: Session, documentId: string) {
    return t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${session.workspaceId}/documents/${documentId}/content`,
      headers: as(session),
    });
  }

  it('P-PAY-2 P-FILE-2 storage follows the plan: Plus gets Plus storage; cancelled falls to Free, keeps every file, and refuses uploads over Free’s quota, naming it and the plan that allows more', async () => {
    const { owner, customer, subscriptionId } = await subscribedWorkspace('active');
    expect(await storageOf(owner)).toEqual({
      usedBytes: 0,
      quotaBytes: 10 * GIB,
      plan: 'plus',
      planName: 'Plus',
      largerPlan: { name: 'Pro', quotaBytes: 100 * GIB },
    });
    const kept = Buffer.concat([Buffer.from('kept\n'), Buffer.alloc(1000, 'k')]);
    const spare = Buffer.concat([Buffer.from('spare\n'), Buffer.alloc(3000, 's')]);
    const keptId = (await upload(owner, kept, 'kept.txt')).json<{ document: { id: string } }>().document.id;
    const spareUpload = await upload(owner, spare, 'spare.txt');
    expect(spareUpload.statusCode).toBe(201);
    const spareId = spareUpload.json<{ document: { id: string } }>().document.id;
    // Free allows 512 MB. Rather than upload that much, the usage counter is raised to stand for
    // files the workspace already holds: 1,000 bytes over Free's quota in all.
    const stoodIn = FREE_QUOTA + 1000 - kept.length - spare.length;
    await t.app.deps.db.doc.send(
      new UpdateCommand({
        TableName: t.app.deps.db.mainTable,
        Key: { PK: tenantPk(owner.workspaceId), SK: SK.vaultUsage() },
        UpdateExpression: 'ADD #bytes :more',
        ExpressionAttributeNames: { '#bytes': 'bytes' },
        ExpressionAttributeValues: { ':more': stoodIn },
      }),
    );
    // On Plus the same workspace still has room.
    const onPlus = Buffer.from('while on plus\n');
    const onPlusUpload = await upload(owner, onPlus, 'plus.txt');
    expect(onPlusUpload.statusCode).toBe(201);
    const onPlusId = onPlusUpload.json<{ document: { id: string } }>().document.id;

    setPlus(subscriptionId, customer, 'canceled', 0);
    await deliver(stripe.event('customer.subscription.deleted', stripe.subscriptionObject(subscriptionId)));
    expect(await billingOf(owner)).toMatchObject({ tier: 'free', status: 'canceled' });
    expect(await storageOf(owner)).toEqual({
      usedBytes: FREE_QUOTA + 1000 + onPlus.length,
      quotaBytes: FREE_QUOTA,
      plan: 'free',
      planName: 'Free',
      largerPlan: { name: 'Plus', quotaBytes: 10 * GIB },
    });

    const small = Buffer.from('a small note\n');
    const refused = await upload(owner, small, 'note.txt');
    expect(refused.statusCode).toBe(413);
    const problem = refused.json<{ code: string; detail: string }>();
    expect(problem.code).toBe('storage_quota_exceeded');
    expect(problem.detail).toContain('the 512 MB storage quota of the Free plan');
    expect(problem.detail).toContain('The Plus plan allows 10 GB');
    expect(problem.detail).toContain('its files are kept');

    // Every file stays readable and downloadable, byte for byte.
    const listed = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/documents`,
      headers: as(owner),
    });
    expect(listed.json<{ items: unknown[] }>().items).toHaveLength(3);
    for (const [id, bytes] of [
      [keptId, kept],
      [spareId, spare],
      [onPlusId, onPlus],
    ] as const) {
      const got = await download(owner, id);
      expect(got.statusCode).toBe(200);
      expect(got.rawPayload.equals(bytes)).toBe(true);
    }

    // Deleting works over the quota, and once under it, uploads that fit go through again.
    const deleted = await t.app.inject({
      method: 'DELETE',
      url: `/v1/workspaces/${owner.workspaceId}/documents/${spareId}`,
      headers: as(owner),
    });
    expect(deleted.statusCode).toBe(204);
    const deletedToo = await t.app.inject({
      method: 'DELETE',
      url: `/v1/workspaces/${owner.workspaceId}/documents/${onPlusId}`,
      headers: as(owner),
    });
    expect(deletedToo.statusCode).toBe(204);
    expect((await storageOf(owner)).usedBytes).toBe(FREE_QUOTA + 1000 - spare.length);
    expect((await upload(owner, small, 'note.txt')).statusCode).toBe(201);
    expect((await download(owner, keptId)).statusCode).toBe(200);
  });

  it('P-PAY-2 a read-only workspace (past due beyond its grace) cannot upload, and still lists and downloads its files', async () => {
    const { owner, customer, subscriptionId } = await subscribedWorkspace('active');
    const bytes = Buffer.from('before the payment failed\n');
    const uploaded = await upload(owner, bytes, 'before.txt');
    expect(uploaded.statusCode).toBe(201);
    const documentId = uploaded.json<{ document: { id: string } }>().document.id;
    setPlus(subscriptionId, customer, 'past_due', 30);
    await deliver(
      invoiceEvent('invoice.payment_failed', `in_ro_${subscriptionId}`, customer, subscriptionId, 0),
    );
    clock += 8 * DAY;
    expect(await billingOf(owner)).toMatchObject({ tier: 'plus', isReadOnly: true });
    const refused = await upload(owner, Buffer.from('after\n'), 'after.txt');
    expect(refused.statusCode).toBe(402);
    expect(refused.json<{ code: string; detail: string }>()).toMatchObject({
      code: 'payment_required',
      detail: expect.stringContaining('read-only') as unknown as string,
    });
    const got = await download(owner, documentId);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(bytes)).toBe(true);
    expect((await storageOf(owner)).usedBytes).toBe(bytes.length);
  });
});

describe('billing off (the embedded default)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-PAY-2 puts every workspace on the local plan with every feature, and Stripe routes answer that billing is off', async () => {
    const owner = await signIn(t.app);
    const billing = await t.app.inject({
      method: 'GET',
      url: `/v1/workspaces/${owner.workspaceId}/billing`,
      headers: as(owner),
    });
    expect(billing.json()).toMatchObject({
      isEnabled: false,
      tier: 'local',
      entitlements: { members: null, storageQuotaBytes: null },
    });
    const checkout = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/billing/checkout`,
      headers: as(owner),
      payload: { tier: 'plus', cadence: 'monthly' },
    });
    expect(checkout.statusCode).toBe(503);
    expect((await t.app.inject({ method: 'POST', url: '/webhooks/stripe', payload: '{}' })).statusCode).toBe(
      404,
    );
    for (let i = 0; i < 3; i += 1) {
      const invited = await t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/invites`,
        headers: as(owner),
        payload: { email: uniqueEmail('invitee'), role: 'viewer' },
      });
      expect(invited.statusCode).toBe(201);
    }
  });
});
