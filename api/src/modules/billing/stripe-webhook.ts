import type Stripe from 'stripe';
import type { AppDeps } from '../../platform/deps.js';
import type { ProviderWebhook } from '../../platform/webhooks/webhook-routes.js';
import { handleStripeEvent } from './service.js';

/** Stripe's signature tolerance, both ways; 0 would switch the timestamp check off. */
export const STRIPE_TOLERANCE_SECONDS = 300;

class StaleSignature extends Error {
  override name = 'StaleSignature';
}

/**
 * Verifies with `constructEventAsync` on the raw bytes (P-HOOK-1). The SDK only refuses old
 * timestamps, so a timestamp from the future beyond the tolerance is refused here too.
 */
export function createStripeWebhook(
  deps: AppDeps,
  stripe: Stripe,
  secret: string,
): ProviderWebhook<Stripe.Event> {
  return {
    verify: async (raw, headers) => {
      const header = headers['stripe-signature'];
      if (typeof header !== 'string') throw new StaleSignature('no signature header');
      const nowMs = deps.now().getTime();
      const timestamp = Number(/(?:^|,)t=(\d+)/.exec(header)?.[1]);
      if (!Number.isFinite(timestamp) || timestamp * 1000 - nowMs > STRIPE_TOLERANCE_SECONDS * 1000) {
        throw new StaleSignature('timestamp from the future');
      }
      return stripe.webhooks.constructEventAsync(
        raw,
        header,
        secret,
        STRIPE_TOLERANCE_SECONDS,
        undefined,
        nowMs,
      );
    },
    handle: handleStripeEvent,
  };
}
