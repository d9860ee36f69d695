import type { Middleware } from 'openapi-fetch';

/** Gives the session token to send now, or null when this browser holds none. */
export type BearerTokenSource = () => Promise<string | null>;

let source: BearerTokenSource | undefined;

/**
 * Installs where session tokens come from (Clerk, once a deployment uses it); `undefined` removes
 * it. Without one, calls carry only the session cookie, as in the magic-link default.
 */
export function setBearerTokenSource(next: BearerTokenSource | undefined): void {
  source = next;
}

/**
 * The token for a call made now. Asked on every call, not kept: the source caches it and renews it
 * before it expires. A source that fails sends the call without one, so the API answers it as it
 * answers anyone signed out, rather than the app breaking.
 */
export async function readBearerToken(): Promise<string | undefined> {
  if (source === undefined) return undefined;
  try {
    return (await source()) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * Asked without a token: it says whether Clerk is used at all, so waiting for Clerk's token
 * before it would wait for ever on a browser that remembers signing in with Clerk.
 */
const ASKED_WITHOUT_TOKEN = new Set(['/v1/auth/config']);

/** Sends the session token as `Authorization: Bearer` on every call while there is one. */
export const bearerTokenMiddleware: Middleware = {
  async onRequest({ request, schemaPath }) {
    if (ASKED_WITHOUT_TOKEN.has(schemaPath)) return request;
    const token = await readBearerToken();
    if (token !== undefined) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
};
