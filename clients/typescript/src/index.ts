import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type { components, paths };

/** The problem every error answer carries (`application/problem+json`). */
export type Problem = components['schemas']['Problem'];

export type HoldfastClientOptions = {
  /** Where the API is served, e.g. `https://holdfast.example`. */
  baseUrl: string;
  /** An API key's secret (`hf_...`), sent as a bearer token. */
  apiKey: string;
  /** The fetch to use (tests, proxies); the global one by default. */
  fetch?: typeof globalThis.fetch;
};

/**
 * A client whose paths, parameters, bodies and answers are the API's own types, generated from
 * its OpenAPI document (`pnpm --filter @holdfast/client gen:api`), so a call that does not match
 * the contract fails to compile.
 */
export function createHoldfastClient(options: HoldfastClientOptions): Client<paths> {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
  });
  const authorize: Middleware = {
    onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${options.apiKey}`);
      return request;
    },
  };
  client.use(authorize);
  return client;
}

/**
 * How long to wait before retrying a 429 or 503, from its `Retry-After` header (seconds), or
 * undefined when the answer is not one to retry.
 */
export function retryAfterMs(response: Response): number | undefined {
  if (response.status !== 429 && response.status !== 503) return undefined;
  const header = response.headers.get('retry-after');
  const seconds = header === null || header.trim() === '' ? Number.NaN : Number(header);
  // Without a usable header, wait a second rather than hammering the API.
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000;
}
