/**
 * A fixed-window request counter per tenant, in memory per process like the per-IP limit.
 * @fastify/rate-limit runs at most one limiter per request (it marks the request once its first
 * limiter ran), so the per-tenant limit, which needs the tenant resolved first, is kept here.
 */
export class TenantRateLimiter {
  private readonly windows = new Map<string, { startedAt: number; count: number }>();

  constructor(
    private readonly maxPerWindow: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one request; answers how long to wait (seconds) when over the limit, else undefined. */
  hit(tenantId: string, now: number): number | undefined {
    const window = this.windows.get(tenantId);
    if (window === undefined || now - window.startedAt >= this.windowMs) {
      if (this.windows.size > 50_000) this.sweep(now);
      this.windows.set(tenantId, { startedAt: now, count: 1 });
      return undefined;
    }
    window.count += 1;
    if (window.count <= this.maxPerWindow) return undefined;
    return Math.max(1, Math.ceil((window.startedAt + this.windowMs - now) / 1000));
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows)
      if (now - window.startedAt >= this.windowMs) this.windows.delete(key);
  }
}
