import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient, unwrap } from './client';
import { setStepUpHandler } from './step-up';

const stepUp = () =>
  new Response(JSON.stringify({ type: 'x', title: 'x', status: 401, code: 'second_factor_required' }), {
    status: 401,
    headers: { 'content-type': 'application/problem+json' },
  });
const created = () => new Response(JSON.stringify({ message: 'sent' }), { status: 202 });

describe('step-up', () => {
  let remove = () => {};
  afterEach(() => remove());

  it('opens the prompt on 401 second_factor_required and sends the same request again once proven', async () => {
    const bodies: string[] = [];
    let calls = 0;
    const client = createApiClient({
      baseUrl: 'http://holdfast.test',
      fetch: async (request) => {
        bodies.push(await request.text());
        calls += 1;
        return calls === 1 ? stepUp() : created();
      },
    });
    let prompts = 0;
    remove = setStepUpHandler(async () => {
      prompts += 1;
      return true;
    });
    await unwrap(client.POST('/v1/auth/magic-link', { body: { email: 'a@example.com' } }));
    expect(prompts).toBe(1);
    expect(bodies).toEqual([
      JSON.stringify({ email: 'a@example.com' }),
      JSON.stringify({ email: 'a@example.com' }),
    ]);
  });

  it('leaves the refusal as it is when the person cancels', async () => {
    const client = createApiClient({ baseUrl: 'http://holdfast.test', fetch: async () => stepUp() });
    remove = setStepUpHandler(async () => false);
    await expect(
      unwrap(client.POST('/v1/auth/magic-link', { body: { email: 'a@example.com' } })),
    ).rejects.toMatchObject({
      code: 'second_factor_required',
    });
  });
});
