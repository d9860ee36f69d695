import { describe, expect, it } from 'vitest';
import { createApiClient, createIdempotencyKey, CSRF_HEADER, unwrap, unwrapEmpty } from './client';
import { ApiError } from './problem';

function recordingClient(answer: () => Response) {
  const requests: Request[] = [];
  const client = createApiClient({
    baseUrl: 'http://holdfast.test',
    fetch: async (request) => {
      requests.push(request);
      return answer();
    },
  });
  return { client, requests };
}

const json = (body: unknown, status = 200, type = 'application/json') =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('API client', () => {
  it('sends the CSRF header and cookies on changes, not on reads', async () => {
    const { client, requests } = recordingClient(() => json({ message: 'sent' }, 202));
    await client.POST('/v1/auth/magic-link', { body: { email: 'a@example.com' } });
    await client.GET('/v1/auth/config');
    expect(requests[0]?.headers.get(CSRF_HEADER)).toBe('1');
    expect(requests[0]?.credentials).toBe('include');
    expect(requests[1]?.headers.get(CSRF_HEADER)).toBeNull();
  });

  it('unwraps a body, or throws the problem as an ApiError', async () => {
    const ok = recordingClient(() => json({ provider: 'magic-link' }));
    await expect(unwrap(ok.client.GET('/v1/auth/config'))).resolves.toEqual({ provider: 'magic-link' });

    const failing = recordingClient(() =>
      json(
        { type: 't', title: 'Sign-in required', status: 401, code: 'unauthenticated' },
        401,
        'application/problem+json',
      ),
    );
    const error: unknown = await unwrap(failing.client.GET('/v1/me')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 401, code: 'unauthenticated' });
  });

  it('treats 204 as success and a failed fetch as a network error', async () => {
    const empty = recordingClient(() => new Response(null, { status: 204 }));
    await expect(unwrapEmpty(empty.client.POST('/v1/auth/sign-out'))).resolves.toBeUndefined();

    const offline = createApiClient({
      baseUrl: 'http://holdfast.test',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(unwrap(offline.GET('/v1/me'))).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('makes idempotency keys the API accepts, different each time', () => {
    const key = createIdempotencyKey();
    expect(key).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
    expect(createIdempotencyKey()).not.toBe(key);
  });
});
