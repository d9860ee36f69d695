/**
 * Where to go after signing in. The email link opens a new tab at /auth/verify, so the path is
 * kept in localStorage (not the tab's sessionStorage) for a short while.
 */
const NEXT_PATH_KEY = 'holdfast.nextPath';
const NEXT_PATH_TTL_MS = 60 * 60 * 1000;

/** `value` if it is a path on this site (not `//host`, not a URL, not the sign-in pages), else undefined. */
export function toSafeNextPath(value: string | null | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return undefined;
  if ([...value].some((character) => character.charCodeAt(0) < 32)) return undefined;
  if (value.startsWith('/sign-in') || value.startsWith('/auth/')) return undefined;
  return value;
}

/** Remembers where to go once the emailed link is opened. */
export function rememberNextPath(value: string | null | undefined, now: number = Date.now()): void {
  const path = toSafeNextPath(value);
  try {
    if (path === undefined) window.localStorage.removeItem(NEXT_PATH_KEY);
    else window.localStorage.setItem(NEXT_PATH_KEY, JSON.stringify({ path, at: now }));
  } catch {
    // Storage can be unavailable (private mode); the user then lands on the home page.
  }
}

/** The remembered path (then forgotten), when it is recent and safe. */
export function takeNextPath(now: number = Date.now()): string | undefined {
  try {
    const raw = window.localStorage.getItem(NEXT_PATH_KEY);
    window.localStorage.removeItem(NEXT_PATH_KEY);
    if (raw === null) return undefined;
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { path, at } = parsed as { path?: unknown; at?: unknown };
    if (typeof path !== 'string' || typeof at !== 'number' || now - at > NEXT_PATH_TTL_MS) return undefined;
    return toSafeNextPath(path);
  } catch {
    return undefined;
  }
}
