import type Stripe from 'stripe';
import type { Config } from '../../config.js';

/**
 * The Stripe client, or undefined when billing is off. STRIPE_API_URL points it at another
 * server (the local test server); card data only ever goes to Stripe's own pages (Checkout,
 * Portal), never through this service (P-PAY-1). The SDK is loaded only when billing is on: with
 * billing off (the embedded default) a cold start never parses it.
 */
export async function createStripeClient(config: Config): Promise<Stripe | undefined> {
  if (config.STRIPE_SECRET_KEY === undefined) return undefined;
  const base = config.STRIPE_API_URL === undefined ? undefined : new URL(config.STRIPE_API_URL);
  const { default: StripeSdk } = await import('stripe');
  return new StripeSdk(config.STRIPE_SECRET_KEY, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base === undefined
      ? {}
      : {
          host: base.hostname,
          port: base.port === '' ? undefined : Number(base.port),
          protocol: base.protocol === 'http:' ? 'http' : 'https',
          maxNetworkRetries: 0,
        }),
  });
}
