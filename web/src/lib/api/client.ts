import createClient, { type Middleware } from 'openapi-fetch';
import { bearerTokenMiddleware } from './bearer-token';
import { ApiError, networkError, toProblem } from './problem';
import { createStepUpMiddleware } from './step-up';
import type { paths } from './schema';

/** The API refuses a cookie-authenticated change that lacks this header (its CSRF defence). */
export const CSRF_HEADER = 'X-Holdfast-CSRF';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Adds the CSRF header to every request that is not a safe method. */
export const csrfMiddleware: Middleware = {
  onRequest({ request }) {
    if (!SAFE_METHODS.has(request.method.toUpperCase())) request.headers.set(CSRF_HEADER, '1');
    return request;
  },
};

type ClientOptions = {
  /** Origin of the API; '' (the default) means the page's own origin, proxied by Vite in dev. */
  baseUrl?: string;
  fetch?: (input: Request) => Promise<Response>;
};

/** Creates a typed API client that sends the session cookie, the CSRF header and any session token. */
export function createApiClient(options: ClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    credentials: 'include',
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  client.use(csrfMiddleware);
  // Before the step-up middleware, whose copy of a refused request is sent again with the token.
  client.use(bearerTokenMiddleware);
  // Administrative actions refused for a stale second factor open the prompt, then retry.
  client.use(createStepUpMiddleware(options.fetch));
  return client;
}

/** The app's one API client. */
export const api = createApiClient();

/**
 * A fresh Idempotency-Key (the API accepts 8-128 of `[A-Za-z0-9_.:-]`). Uses getRandomValues,
 * which, unlike randomUUID, also exists outside secure contexts.
 */
export function createIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

type FetchResult<T> = { data?: T; error?: unknown; response: Response };

async function settle<T>(request: Promise<FetchResult<T>>): Promise<FetchResult<T>> {
  try {
    return await request;
  } catch {
    throw networkError();
  }
}

/** Awaits an API call and returns its body, or throws an ApiError carrying the problem. */
export async function unwrap<T>(request: Promise<FetchResult<T>>): Promise<T> {
  const result = await settle(request);
  if (!result.response.ok) {
    throw new ApiError(toProblem(result.error, result.response.status, result.response.statusText));
  }
  return result.data as T;
}

/** Awaits an API call whose success has no body (204), or throws an ApiError. */
export async function unwrapEmpty(request: Promise<FetchResult<unknown>>): Promise<void> {
  const result = await settle(request);
  if (!result.response.ok) {
    throw new ApiError(toProblem(result.error, result.response.status, result.response.statusText));
  }
}
