import type { CounterStore, WindowTotals } from './counter-repo.js';

export type HitAnswer =
  /** `count`: the subject's estimated hits in the sliding window, this one included. */
  { isAllowed: true; count: number; resetMs: number } | { isAllowed: false; retryAfterMs: number };

export type SharedCounterOptions = {
  /** The limit's name; counters of different limits never mix. */
  limit: string;
  max: number;
  windowMs: number;
  store: CounterStore;
  /** Publish a subject's hits at least this often while it is being hit. */
  syncMs: number;
  /** Reports a failed publish (names and counts only): counting goes on locally meanwhile. */
  onSyncError: (limit: string, error: unknown) => void;
};

type SubjectState = {
  window: number;
  /** All instances' total of the window before, as last known. */
  previous: number;
  /** All instances' total of this window as of the last publish (this instance's published hits in it). */
  published: number;
  /** Hits on their way to the store. */
  inFlight: number;
  /** Hits this instance counted and has not sent yet. */
  unpublished: number;
  lastSyncAt: number;
  blockedUntil: number;
  isSyncing: boolean;
};

/** States kept before windows that ended are swept out. */
const SWEEP_ABOVE = 50_000;
/** A subject's hits are published once this share of its limit is unpublished. */
const SYNC_SHARE_OF_LIMIT = 1 / 50;

/**
 * A rate limit that holds across instances without a database call per request. Each instance
 * counts hits in memory and, in the background, adds what it counted to one DynamoDB counter per
 * subject (atomic ADD) and reads back everyone's total: when a subject has used a fiftieth of its
 * limit since the last publish, when `syncMs` has passed, and on the last hit the limit allows (so
 * the others learn of it). A subject over the limit is then refused from memory until it has room
 * again, so a refusal costs nothing, and the request path never waits for the store.
 *
 * The window slides: the count is this window's hits plus the window before weighted by how much of
 * it still overlaps the last `windowMs` (Cloudflare's estimate), so a burst at a window's edge does
 * not get twice the limit.
 *
 * Overshoot bound: an instance admits at most `max / 50` (at least 1) hits of a subject, plus those
 * arriving during one store round trip or within `syncMs`, that the others have not seen. With N
 * instances the total can pass the limit by at most N × that many hits. If the store fails, each
 * instance still enforces the whole limit alone (never less safe than the in-memory limiter).
 */
export class SharedWindowCounter {
  private readonly states = new Map<string, SubjectState>();
  private readonly pending = new Set<Promise<void>>();
  private readonly syncEvery: number;

  constructor(private readonly options: SharedCounterOptions) {
    this.syncEvery = Math.max(1, Math.floor(options.max * SYNC_SHARE_OF_LIMIT));
  }

  /** Counts one hit of `subject` at `now` (ms) and answers whether it is allowed; never waits on I/O. */
  hit(subject: string, now: number): HitAnswer {
    const { max, windowMs } = this.options;
    const window = Math.floor(now / windowMs);
    const elapsed = now - window * windowMs;
    let state = this.states.get(subject);
    if (state?.window !== window) state = this.startWindow(subject, state, window);
    if (now < state.blockedUntil) return { isAllowed: false, retryAfterMs: state.blockedUntil - now };
    const before = state.previous * (1 - elapsed / windowMs) + this.currentTotal(state);
    if (before + 1 > max) {
      state.blockedUntil = now + this.waitMs(state, elapsed);
      return { isAllowed: false, retryAfterMs: state.blockedUntil - now };
    }
    state.unpublished += 1;
    const isLastAllowed = before + 2 > max;
    if (state.unpublished >= this.syncEvery || now - state.lastSyncAt >= this.options.syncMs || isLastAllowed)
      this.publish(subject, state, now);
    return { isAllowed: true, count: Math.ceil(before + 1), resetMs: windowMs - elapsed };
  }

  /** Resolves once every publish under way has finished (closing the app, tests). */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private currentTotal(state: SubjectState): number {
    return state.published + state.inFlight + state.unpublished;
  }

  private startWindow(subject: string, old: SubjectState | undefined, window: number): SubjectState {
    if (this.states.size > SWEEP_ABOVE) this.sweep(window);
    const state: SubjectState = {
      window,
      previous: old?.window === window - 1 ? this.currentTotal(old) : 0,
      published: 0,
      inFlight: 0,
      unpublished: 0,
      // A subject hit steadily publishes on its schedule whatever the window; a new one at once.
      lastSyncAt: old?.lastSyncAt ?? Number.NEGATIVE_INFINITY,
      // A refusal computed in the last window may reach into this one.
      blockedUntil: old?.blockedUntil ?? 0,
      isSyncing: false,
    };
    this.states.set(subject, state);
    return state;
  }

  /**
   * How long until one more hit fits: later in this window as the previous window's weight fades,
   * or in the next window once this one's total has faded enough.
   */
  private waitMs(state: SubjectState, elapsed: number): number {
    const { max, windowMs } = this.options;
    const current = this.currentTotal(state);
    if (current + 1 <= max && state.previous > 0) {
      const within = windowMs * (1 - (max - 1 - current) / state.previous) - elapsed;
      if (within < windowMs - elapsed) return Math.max(1, Math.ceil(within));
    }
    const intoNext = current > max - 1 ? windowMs * (1 - (max - 1) / current) : 0;
    return Math.max(1, Math.ceil(windowMs - elapsed + intoNext));
  }

  private publish(subject: string, state: SubjectState, now: number): void {
    if (state.isSyncing) return;
    const { limit, windowMs, store } = this.options;
    const delta = state.unpublished;
    state.isSyncing = true;
    state.lastSyncAt = now;
    state.inFlight = delta;
    state.unpublished = 0;
    const window = state.window;
    const expiresAtEpoch = Math.ceil(((window + 2) * windowMs) / 1000);
    const sent = store
      .add({ limit, subject, window, delta, expiresAtEpoch })
      .then(
        (totals) => this.learn(subject, state, delta, totals),
        (error: unknown) => {
          // Not lost: sent again with the next publish.
          state.unpublished += state.inFlight;
          this.options.onSyncError(limit, error);
        },
      )
      .finally(() => {
        state.inFlight = 0;
        state.isSyncing = false;
        this.pending.delete(sent);
      });
    this.pending.add(sent);
  }

  private learn(subject: string, state: SubjectState, delta: number, totals: WindowTotals): void {
    // Totals only grow, so a smaller answer (a store that lost the item) never lowers what we know.
    state.published = Math.max(state.published + delta, totals.current);
    state.inFlight = 0;
    state.previous = Math.max(state.previous, totals.previous);
    const live = this.states.get(subject);
    // The window ended while the publish was under way: its total is the new window's previous.
    if (live !== undefined && live !== state && live.window === state.window + 1)
      live.previous = Math.max(live.previous, state.published);
  }

  private sweep(window: number): void {
    for (const [subject, state] of this.states)
      if (state.window < window - 1 && !state.isSyncing) this.states.delete(subject);
  }
}
