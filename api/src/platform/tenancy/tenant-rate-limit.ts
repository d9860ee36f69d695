import type { SharedWindowCounter } from '../rate-limit/shared-window-counter.js';

/**
 * The per-tenant request limit, shared by every instance through its counter.
 * @fastify/rate-limit runs at most one limiter per request (it marks the request once its first
 * limiter ran), so the per-tenant limit, which needs the tenant resolved first, is kept here.
 */
export class TenantRateLimiter {
  constructor(private readonly counter: SharedWindowCounter) {}

  /** Counts one request; answers how long to wait (seconds) when over the limit, else undefined. */
  hit(tenantId: string, now: number): number | undefined {
    const answer = this.counter.hit(tenantId, now);
    if (answer.isAllowed) return undefined;
    return Math.max(1, Math.ceil(answer.retryAfterMs / 1000));
  }
}
