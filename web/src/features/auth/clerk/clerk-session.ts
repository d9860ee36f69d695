import { setBearerTokenSource } from '../../../lib/api/bearer-token';

/**
 * What the rest of the app may ask of Clerk once it has loaded. The app reaches Clerk only through
 * these, so `@clerk/react` stays in a chunk of its own that only Clerk deployments download.
 */
export type ClerkControls = {
  /** The session token for an API call (Clerk caches it and renews it), or null when signed out. */
  getToken: () => Promise<string | null>;
  /** Opens Clerk's sign-in; once signed in, the app goes on to `redirectTo`. */
  openSignIn: (redirectTo: string) => void;
  /** Ends the Clerk session in this browser. */
  signOut: () => Promise<void>;
};

/**
 * Marks a browser whose last sign-in was through Clerk. It holds no secret, only which way to
 * look first on the next visit: there, API calls wait for Clerk (and its token) rather than going
 * out signed out and landing on the sign-in page.
 */
const SIGNED_IN_WITH_KEY = 'holdfast.signedInWith';
/** How long calls wait for Clerk to load before going without a token (then 401 → sign-in page). */
const CLERK_LOAD_TIMEOUT_MS = 15_000;

let publishableKey: string | undefined;
let controls: ClerkControls | undefined;
const listeners = new Set<() => void>();
let waiters: ((ready: ClerkControls | undefined) => void)[] = [];
/** Set once Clerk failed to load in time: later calls go on at once rather than each waiting again. */
let hasTimedOut = false;

function notify(): void {
  for (const listener of listeners) listener();
}

function settleWaiters(ready: ClerkControls | undefined): void {
  const settled = waiters;
  waiters = [];
  for (const settle of settled) settle(ready);
}

/** Whether this browser's last sign-in was through Clerk. */
export function wasSignedInWithClerk(): boolean {
  try {
    return window.localStorage.getItem(SIGNED_IN_WITH_KEY) === 'clerk';
  } catch {
    return false;
  }
}

/** Remembers (or forgets) that this browser is signed in through Clerk. */
export function rememberClerkSignIn(isSignedIn: boolean): void {
  try {
    if (isSignedIn) window.localStorage.setItem(SIGNED_IN_WITH_KEY, 'clerk');
    else window.localStorage.removeItem(SIGNED_IN_WITH_KEY);
  } catch {
    // Storage can be unavailable (private mode): a reload then shows the sign-in page first.
  }
}

/** Resolves with Clerk's controls once loaded; undefined when it does not load in time or is not used. */
export function whenClerkReady(): Promise<ClerkControls | undefined> {
  if (controls !== undefined) return Promise.resolve(controls);
  if (hasTimedOut) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const timer = window.setTimeout(() => {
      hasTimedOut = true;
      resolve(undefined);
    }, CLERK_LOAD_TIMEOUT_MS);
    waiters.push((ready) => {
      window.clearTimeout(timer);
      resolve(ready);
    });
  });
}

async function readClerkToken(): Promise<string | null> {
  const ready = await whenClerkReady();
  return ready === undefined ? null : ready.getToken();
}

/**
 * Asks for Clerk to be loaded with this publishable key (the sign-in page does when the API says
 * Clerk is on). From now on every API call asks Clerk for its token first.
 */
export function requestClerk(key: string): void {
  if (publishableKey === key) return;
  publishableKey = key;
  setBearerTokenSource(readClerkToken);
  notify();
}

/** Clerk is not used here after all (the API says magic link): calls stop waiting for it. */
export function abandonClerk(): void {
  rememberClerkSignIn(false);
  setBearerTokenSource(undefined);
  settleWaiters(undefined);
}

/** The Clerk bridge, once Clerk has loaded, hands in its controls (undefined when it unmounts). */
export function setClerkControls(next: ClerkControls | undefined): void {
  controls = next;
  if (next !== undefined) {
    hasTimedOut = false;
    settleWaiters(next);
  }
  notify();
}

/** Ends the Clerk session too, when there is one; nothing to do in a magic-link deployment. */
export async function signOutOfClerk(): Promise<void> {
  rememberClerkSignIn(false);
  if (controls !== undefined) await controls.signOut();
}

/** For useSyncExternalStore: listens for Clerk being requested or becoming ready. */
export function subscribeToClerk(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The publishable key Clerk was requested with, if it was. */
export function getRequestedClerkKey(): string | undefined {
  return publishableKey;
}

/** Clerk's controls, once loaded. */
export function getClerkControls(): ClerkControls | undefined {
  return controls;
}

// A browser that signed in through Clerk last time: calls wait for Clerk's token from the start
// (the loader then reads the API's config and loads Clerk, or gives up on it).
if (wasSignedInWithClerk()) setBearerTokenSource(readClerkToken);
