import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SK, tenantPk } from '@holdfast/api/platform/db/keys';
import type { Page } from 'playwright-core';
import { signInInBrowser, startBrowserStack, type BrowserStack } from '../support/browser.js';
import { uniqueEmail } from '../support/harness.js';
import { StripeTestServer } from '../support/stripe-server.js';

const DAY_SECONDS = 86_400;

/**
 * The plan page in Debian's Chromium with billing on against the local Stripe test server: an
 * owner sees the plans with their prices, starts Checkout (the browser is sent to the Checkout URL
 * Stripe answered, which never leaves the machine), comes back, and the page shows the trial once
 * the signed subscription webhook lands; a failed payment then shows the payment-failed banner, and
 * after cancelling, the documents page names Free's quota and the plan with more.
 */
describe('browser plan page with Stripe', () => {
  const stripe = new StripeTestServer();
  let stack: BrowserStack;
  let page: Page;

  beforeAll(async () => {
    await stripe.start();
    stack = await startBrowserStack({ env: stripe.env(), viewport: { width: 1024, height: 900 } });
    page = stack.page;
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await stripe.stop();
  });

  /** Delivers a Stripe event to the API's webhook, signed as Stripe signs it. */
  async function deliver(event: unknown): Promise<void> {
    const signed = stripe.sign(event);
    const response = await stack.t.app.inject({
      method: 'POST',
      url: '/webhooks/stripe',
      headers: signed.headers,
      payload: signed.payload,
    });
    expect(response.statusCode).toBe(200);
  }

  const textOf = async (testId: string) => (await page.getByTestId(testId).textContent())?.trim() ?? '';

  it('P-PAY-2 an owner sees the plans with prices, starts Checkout, sees the trial once Stripe confirms it, then the payment-failed banner; cancelled and over Free’s quota, the documents page says so (P-FILE-2)', async () => {
    await signInInBrowser(page, stack.spaUrl, uniqueEmail('browser-billing'));
    await page.getByTestId('new-incident').waitFor();
    const workspaceId = /\/w\/([^/]+)\//.exec(page.url())?.[1] ?? '';
    expect(workspaceId).not.toBe('');

    await page.getByTestId('nav-billing').click();
    await page.getByTestId('billing-current').waitFor();
    await expect(page.getByTestId('billing-current').getByRole('heading').textContent()).resolves.toBe(
      'Free',
    );
    const plans = page.getByTestId('billing-plan');
    await expect(plans.count()).resolves.toBe(2);
    await expect(plans.nth(0).getByTestId('billing-price').textContent()).resolves.toBe('$9.00 per month');
    await expect(plans.nth(1).getByTestId('billing-price').textContent()).resolves.toBe('$19.00 per month');
    await page.getByTestId('billing-cadence').selectOption('yearly');
    await expect(plans.nth(0).getByTestId('billing-price').textContent()).resolves.toBe('$90.00 per year');
    await page.getByTestId('billing-cadence').selectOption('monthly');
    await expect(page.getByTestId('billing-upgrade-plus').textContent()).resolves.toBe(
      'Start a 14-day trial of Plus',
    );

    // The Checkout URL the test server hands out is answered here, so nothing leaves the machine.
    await page.route('https://checkout.stripe.test/**', (route) =>
      route.fulfill({ contentType: 'text/html', body: '<title>Checkout stand-in</title>' }),
    );
    await page.getByTestId('billing-upgrade-plus').click();
    await page.waitForURL(/^https:\/\/checkout\.stripe\.test\/c\/pay\/cs_test_/);
    const asked = stripe.requests.filter((r) => r.path === '/v1/checkout/sessions');
    expect(asked).toHaveLength(1);
    const params = asked[0]?.params ?? {};
    expect(params).toMatchObject({
      mode: 'subscription',
      client_reference_id: workspaceId,
      'line_items[0][price]': 'price_plus_monthly',
      'line_items[0][quantity]': '1',
      'subscription_data[trial_period_days]': '14',
      success_url: `${stack.spaUrl}/w/${workspaceId}/billing?checkout=done`,
      cancel_url: `${stack.spaUrl}/w/${workspaceId}/billing`,
    });
    const customer = params.customer ?? '';
    expect(customer).toMatch(/^cus_/);

    // Stripe sends the person back; until its webhook lands the page says it is waiting.
    await page.goto(params.success_url ?? '');
    await page.getByTestId('billing-confirming').waitFor();
    const now = Math.floor(Date.now() / 1000);
    const subscriptionId = `sub_${workspaceId}`;
    stripe.setSubscription({
      id: subscriptionId,
      customer,
      status: 'trialing',
      priceId: 'price_plus_monthly',
      trialEnd: now + 14 * DAY_SECONDS,
      currentPeriodEnd: now + 14 * DAY_SECONDS,
    });
    await deliver(stripe.event('customer.subscription.created', stripe.subscriptionObject(subscriptionId)));

    // The page re-reads the plan by itself and shows the trial.
    await page.getByTestId('billing-trial-days').waitFor({ timeout: 10_000 });
    await expect(page.getByTestId('billing-current').getByRole('heading').textContent()).resolves.toBe(
      'Plus · monthly',
    );
    await expect(textOf('billing-status')).resolves.toBe('Status: Trial');
    await expect(textOf('billing-trial-days')).resolves.toContain('14 days left');
    const trialEnd = new Date((now + 14 * DAY_SECONDS) * 1000).toISOString();
    const expectedEnd = await page.evaluate(
      (iso) =>
        new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
      trialEnd,
    );
    await expect(textOf('billing-trial-end')).resolves.toBe(expectedEnd);
    await expect(page.getByTestId('billing-confirming').count()).resolves.toBe(0);
    await page.getByTestId('billing-portal').waitFor();
    await expect(page.getByTestId('banner-payment-failed').count()).resolves.toBe(0);

    // The first payment after the trial fails: Stripe says past_due and sends the invoice event.
    stripe.setSubscription({
      id: subscriptionId,
      customer,
      status: 'past_due',
      priceId: 'price_plus_monthly',
      currentPeriodEnd: now + 30 * DAY_SECONDS,
    });
    await deliver(
      stripe.event('invoice.payment_failed', {
        id: `in_failed_${workspaceId}`,
        object: 'invoice',
        customer,
        amount_paid: 0,
        parent: { type: 'subscription_details', subscription_details: { subscription: subscriptionId } },
      }),
    );
    await page.reload();
    const banner = page.getByTestId('banner-payment-failed');
    await banner.waitFor();
    await expect(banner.textContent()).resolves.toContain('A payment failed');
    await expect(banner.textContent()).resolves.toContain('Update the payment method before');
    await expect(textOf('billing-status')).resolves.toBe('Status: Payment past due');
    // The banner shows on the workspace's other pages too.
    await page.getByTestId('nav-incidents').click();
    await banner.waitFor();

    // Cancelled, the workspace falls to Free. Holding more than Free's 512 MB (the usage counter
    // stands for those files here), the documents page says so and an upload is refused by name.
    stripe.setSubscription({
      id: subscriptionId,
      customer,
      status: 'canceled',
      priceId: 'price_plus_monthly',
      currentPeriodEnd: now,
    });
    await deliver(stripe.event('customer.subscription.deleted', stripe.subscriptionObject(subscriptionId)));
    const db = stack.t.app.deps.db;
    await db.doc.send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: { PK: tenantPk(workspaceId), SK: SK.vaultUsage() },
        UpdateExpression: 'ADD #bytes :more',
        ExpressionAttributeNames: { '#bytes': 'bytes' },
        ExpressionAttributeValues: { ':more': 600 * 1024 ** 2 },
      }),
    );
    await page.getByTestId('nav-documents').click();
    await expect(textOf('storage-usage')).resolves.toBe('600 MB of 512 MB used (Free plan).');
    const notice = page.getByTestId('storage-over-quota');
    await expect(notice.textContent()).resolves.toContain('Over the 512 MB storage quota of the Free plan');
    await expect(notice.textContent()).resolves.toContain('the Plus plan, which allows 10 GB');
    await page
      .getByTestId('upload-input')
      .setInputFiles([{ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('one more note\n') }]);
    const refused = page.getByTestId('upload-error');
    await refused.waitFor();
    await expect(refused.textContent()).resolves.toContain('512 MB storage quota of the Free plan');
    await expect(refused.textContent()).resolves.toContain('The Plus plan allows 10 GB');
  }, 60_000);
});
