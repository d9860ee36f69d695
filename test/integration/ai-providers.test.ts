import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Type } from 'typebox';
import { createAi } from '@holdfast/api/platform/ai/ai-client';
import { ConfigError } from '@holdfast/api/config';
import { AppError } from '@holdfast/api/platform/errors';
import { FakeAiProviders } from '../support/ai-providers.js';
import { testConfig } from '../support/harness.js';

const Answer = Type.Object(
  { reply: Type.String({ minLength: 1, maxLength: 40 }), points: Type.Array(Type.String(), { maxItems: 3 }) },
  { additionalProperties: false },
);

const request = {
  task: 'rewrite' as const,
  instructions: 'Rewrite calmly.',
  input: 'The draft text only.',
  formatName: 'answer',
  schema: Answer,
  maxOutputTokens: 500,
};

async function codeOf(promise: Promise<unknown>): Promise<[number, string]> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return [error.status, error.code];
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('AI provider layer (real SDKs against a local provider server)', () => {
  const fake = new FakeAiProviders();
  beforeAll(() => fake.start());
  afterAll(() => fake.stop());
  beforeEach(() => fake.reset());

  it('P-AI-1 OpenAI gets store:false, the configured model, a strict JSON schema and only the input', async () => {
    const ai = createAi(testConfig(fake.env({ OPENAI_MODEL: 'gpt-test-mini' })));
    fake.replies.push({ kind: 'json', value: { reply: 'Calm words.', points: ['a'] } });
    const result = await ai.generate(request);
    expect(result).toEqual({
      value: { reply: 'Calm words.', points: ['a'] },
      provider: 'openai',
      model: 'gpt-test-mini',
    });
    expect(fake.requests).toHaveLength(1);
    const sent = fake.requests[0];
    expect(sent?.provider).toBe('openai');
    expect(sent?.body).toMatchObject({
      model: 'gpt-test-mini',
      store: false,
      instructions: 'Rewrite calmly.',
      input: 'The draft text only.',
      text: { format: { type: 'json_schema', name: 'answer', strict: true } },
    });
    // Nothing that identifies a person or workspace travels with the request.
    expect(Object.keys(sent?.body ?? {}).sort()).toEqual(
      ['input', 'instructions', 'max_output_tokens', 'model', 'store', 'text'].sort(),
    );
    expect(sent?.raw).not.toMatch(/maxLength|"user"|metadata|safety_identifier/);
  });

  it('P-AI-1 a task configured for Anthropic goes there, with no metadata and a JSON-schema output format', async () => {
    const ai = createAi(
      testConfig(fake.env({ AI_PROVIDER_REWRITE: 'anthropic', AI_MODEL_REWRITE: 'claude-test' })),
    );
    fake.replies.push({ kind: 'json', value: { reply: 'Calm words.', points: [] } });
    const result = await ai.generate(request);
    expect(result.provider).toBe('anthropic');
    expect(result.model).toBe('claude-test');
    const sent = fake.requests[0];
    expect(sent?.provider).toBe('anthropic');
    expect(sent?.body).toMatchObject({
      model: 'claude-test',
      system: 'Rewrite calmly.',
      messages: [{ role: 'user', content: 'The draft text only.' }],
      output_config: { format: { type: 'json_schema' } },
    });
    expect(Object.keys(sent?.body ?? {}).sort()).toEqual(
      ['max_tokens', 'messages', 'model', 'output_config', 'system'].sort(),
    );
  });

  it('refuses malformed, out-of-bounds or refused provider output with 502 ai_bad_output', async () => {
    for (const env of [fake.env(), fake.env({ AI_PROVIDER_REWRITE: 'anthropic' })]) {
      const ai = createAi(testConfig(env));
      fake.replies.push({ kind: 'text', text: 'this is { not json' });
      expect(await codeOf(ai.generate(request))).toEqual([502, 'ai_bad_output']);
      fake.replies.push({ kind: 'json', value: { reply: 'x'.repeat(41), points: [] } });
      expect(await codeOf(ai.generate(request))).toEqual([502, 'ai_bad_output']);
      fake.replies.push({ kind: 'json', value: { reply: 'ok', points: [], extra: 'field' } });
      expect(await codeOf(ai.generate(request))).toEqual([502, 'ai_bad_output']);
      fake.replies.push({ kind: 'refusal' });
      expect(await codeOf(ai.generate(request))).toEqual([502, 'ai_bad_output']);
      fake.replies.push({ kind: 'status', status: 400 });
      expect(await codeOf(ai.generate(request))).toEqual([502, 'ai_bad_output']);
    }
  });

  it('answers 503 ai_unavailable when the provider fails, throttles or times out', async () => {
    for (const env of [fake.env(), fake.env({ AI_PROVIDER_REWRITE: 'anthropic' })]) {
      const ai = createAi(testConfig({ ...env, AI_TIMEOUT_MS: '1000' }));
      fake.replies.push({ kind: 'status', status: 500 });
      expect(await codeOf(ai.generate(request))).toEqual([503, 'ai_unavailable']);
      fake.replies.push({ kind: 'status', status: 429 });
      expect(await codeOf(ai.generate(request))).toEqual([503, 'ai_unavailable']);
      fake.replies.push({ kind: 'hang' });
      expect(await codeOf(ai.generate(request))).toEqual([503, 'ai_unavailable']);
    }
  });

  it('P-AI-3 with no provider configured every call answers 503 ai_not_configured and nothing is sent', async () => {
    const ai = createAi(testConfig());
    expect(ai.isConfigured()).toBe(false);
    expect(await codeOf(ai.generate(request))).toEqual([503, 'ai_not_configured']);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses a task routed to a provider without its key at start', () => {
    expect(() => testConfig({ AI_PROVIDER_SUMMARY: 'anthropic', OPENAI_API_KEY: 'sk-x' })).toThrow(
      ConfigError,
    );
  });
});
