import { afterEach, describe, expect, it } from 'vitest';
import { setBearerTokenSource } from './bearer-token';
import { createApiClient } from './client';

function recordingClient() {
  const requests: Request[] = [];
  const client = createApiClient({
    baseUrl: 'http://holdfast.test',
    fetch: async (request) => {
      requests.push(request);
      return new Response(JSON.stringify({ isSignedIn: true }), {
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { client, requests };
}

describe('bearer token', () => {
  afterEach(() => setBearerTokenSource(undefined));

  it('sends no Authorization header without a token source (the magic-link default)', async () => {
    const { client, requests } = recordingClient();
    await client.GET('/v1/auth/session');
    expect(requests[0]?.headers.get('Authorization')).toBeNull();
  });

  it('asks the source on every call, so a renewed token is sent at once', async () => {
    const tokens = ['first', 'renewed'];
    setBearerTokenSource(async () => tokens.shift() ?? null);
    const { client, requests } = recordingClient();
    await client.GET('/v1/auth/session');
    await client.GET('/v1/me');
    await client.GET('/v1/me');
    expect(requests.map((request) => request.headers.get('Authorization'))).toEqual([
      'Bearer first',
      'Bearer renewed',
      null,
    ]);
  });

  it('asks for the sign-in config without a token, and sends calls on when the source fails', async () => {
    let asked = 0;
    setBearerTokenSource(async () => {
      asked += 1;
      throw new Error('Clerk did not load');
    });
    const { client, requests } = recordingClient();
    await client.GET('/v1/auth/config');
    expect(asked).toBe(0);
    await client.GET('/v1/me');
    expect(asked).toBe(1);
    expect(requests.map((request) => request.headers.get('Authorization'))).toEqual([null, null]);
  });
});
