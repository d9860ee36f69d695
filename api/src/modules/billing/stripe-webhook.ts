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
 * The timestamp of a `Stripe-Signature` header (`t=...,v1=...[,v1=...]`), parsed once. A header
 * with no `t`, more than one, or no `v1` is refused: the SDK verifies the last `t` it finds, so with
 * two a freshness check could read one timestamp while the signature covers the other.
 */
function readSignedTimestamp(header: string): number {
  const timestamps: string[] = [];
  let signatures = 0;
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    const key = separator < 0 ? part : part.slice(0, separator);
    const value = separator < 0 ? '' : part.slice(separator + 1);
    if (key === 't') timestamps.push(value);
    if (key === 'v1' && value !== '') signatures += 1;
  }
  const [only] = timestamps;
  if (timestamps.length !== 1 || only === undefined || !/^\d{1,12}$/.test(only) || signatures === 0) {
    throw new StaleSignature('malformed signature header');
  }
  return Number(only);
}

/**
 * Verifies with `constructEventAsync` on the raw bytes (P-HOOK-1). The SDK only refuses old
 * timestamps, so a timestamp from the future beyond the tolerance is refused here too, on the one
 * timestamp the signature covers.
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
      const timestamp = readSignedTimestamp(header);
      if (timestamp * 1000 - nowMs > STRIPE_TOLERANCE_SECONDS * 1000) {
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
