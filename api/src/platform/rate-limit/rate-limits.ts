import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { CounterStore } from './counter-repo.js';
import { SharedWindowCounter } from './shared-window-counter.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyInstance {
    /** The instance's rate-limit counters (tests settle their background publishes). */
    rateLimits: RateLimits;
  }
}

/**
 * Every rate limit of one app instance, each a `SharedWindowCounter` on the same store, so the
 * per-IP, per-tenant and per-route limits all hold across instances.
 */
export class RateLimits {
  private readonly counters = new Map<string, SharedWindowCounter>();

  constructor(
    private readonly store: CounterStore,
    private readonly options: {
      /** Instances with the same namespace share their counts (one deployment's instances). */
      namespace: string;
      syncMs: number;
      onSyncError: (limit: string, error: unknown) => void;
    },
  ) {}

  /** The counter of a named limit (made on first use; a name always keeps its first max and window). */
  counter(limit: string, max: number, windowMs: number): SharedWindowCounter {
    let counter = this.counters.get(limit);
    if (counter === undefined) {
      const { namespace, syncMs, onSyncError } = this.options;
      counter = new SharedWindowCounter({
        limit: `${namespace}:${limit}`,
        max,
        windowMs,
        store: this.store,
        syncMs,
        onSyncError,
      });
      this.counters.set(limit, counter);
    }
    return counter;
  }

  /** Resolves once every counter's publish under way has finished. */
  async settle(): Promise<void> {
    await Promise.all([...this.counters.values()].map((counter) => counter.settle()));
  }

  /**
   * A store for @fastify/rate-limit: the global limit counts under `limit`, a route with its own
   * limit under its method and path. The answer is given synchronously from memory.
   */
  fastifyStore(limit: string): FastifyRateLimitStoreCtor {
    const hit = (name: string, key: string, max: number, windowMs: number) =>
      this.counter(name, max, windowMs).hit(key, Date.now());
    class SharedStore implements FastifyRateLimitStore {
      constructor(
        _options?: unknown,
        private readonly name = limit,
      ) {}

      incr(
        key: string,
        callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
        timeWindow: number,
        max: number,
      ): void {
        const answer = hit(this.name, key, max, timeWindow);
        // Over the limit, `current` above `max` makes the plugin answer 429 with `ttl` as Retry-After.
        callback(
          null,
          answer.isAllowed
            ? { current: answer.count, ttl: answer.resetMs }
            : { current: max + 1, ttl: answer.retryAfterMs },
        );
      }

      /** A route with its own limit counts under its method and URL, the same on every instance. */
      child(params: object): FastifyRateLimitStore {
        // The plugin hands the route's merged limit options with the route itself as `routeInfo`.
        const route = 'routeInfo' in params && typeof params.routeInfo === 'object' ? params.routeInfo : null;
        const method = route !== null && 'method' in route ? String(route.method) : '';
        const url = route !== null && 'url' in route ? String(route.url) : '';
        return new SharedStore(undefined, `route:${method}:${url}`);
      }
    }
    return SharedStore;
  }
}
