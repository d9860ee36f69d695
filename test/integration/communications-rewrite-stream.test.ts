import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeAiProviders } from '../support/ai-providers.js';
import { as, createTestApp, signIn, type Session, type TestApp } from '../support/harness.js';
import { parseEventStream, type ReadEvent } from '../support/sse.js';

const DRAFT = 'Fine. As usual you forgot the pickup, so I will be at school at 3:15 on Friday. Whatever.';
const ANSWER = {
  reply: 'I will pick the children up at school at 3:15 on Friday. Please confirm "pickup" by Thursday.',
  removed: [
    { text: 'As usual you forgot the pickup', reason: 'blame' },
    { text: 'Whatever.', reason: 'sarcasm' },
  ],
  questionsToAnswer: ['Who brings the swim bag?'],
};
type Progress = { reply: string; receivedChars: number };

const names = (events: ReadEvent[]) => [...new Set(events.map((e) => e.event))];

describe.each([
  ['openai', 'gpt-test-mini'],
  ['anthropic', 'claude-test-haiku'],
] as const)(
  'streamed rewrite through %s (real SDK streaming against a local provider server)',
  (provider, model) => {
    const fake = new FakeAiProviders();
    let t: TestApp;
    let owner: Session;
    beforeAll(async () => {
      await fake.start();
      t = await createTestApp({
        env: fake.env({
          AI_PROVIDER_REWRITE: provider,
          // Far beyond the disconnect test's wait, so only the client's going away can end the call.
          AI_TIMEOUT_MS: '20000',
          [provider === 'openai' ? 'OPENAI_MODEL' : 'ANTHROPIC_MODEL']: model,
        }),
      });
      owner = await signIn(t.app);
    });
    afterAll(async () => {
      await t.app.close();
      await fake.stop();
    });
    beforeEach(() => fake.reset());

    const stream = (draft: string, headers: Record<string, string> = {}) =>
      t.app.inject({
        method: 'POST',
        url: `/v1/workspaces/${owner.workspaceId}/drafts/rewrite/stream`,
        headers: { ...as(owner), ...headers },
        payload: { draft },
      });
    const usedThisMonth = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: `/v1/workspaces/${owner.workspaceId}/ai/usage`,
          headers: as(owner),
        })
      ).json<{ used: number }>().used;

    it('P-AI-1 streams start, the reply growing as it is written, then the checked result; only the draft is sent; one action counted', async () => {
      const before = await usedThisMonth();
      fake.replies.push({ kind: 'json', value: ANSWER });
      const reply = await stream(DRAFT);
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['content-type']).toMatch(/^text\/event-stream/);
      const events = parseEventStream(reply.body);
      expect(names(events)).toEqual(['start', 'progress', 'result']);
      expect(events[0]?.data).toEqual({ promptVersion: 'rewrite-biff-v1' });
      const progress = events.filter((e) => e.event === 'progress').map((e) => e.data as Progress);
      expect(progress.length).toBeGreaterThan(2);
      for (const [index, step] of progress.entries()) {
        expect(ANSWER.reply.startsWith(step.reply)).toBe(true);
        if (index > 0) expect(step.receivedChars).toBeGreaterThan(progress[index - 1]?.receivedChars ?? 0);
      }
      expect(events.at(-1)?.data).toEqual({
        ...ANSWER,
        original: DRAFT,
        promptVersion: 'rewrite-biff-v1',
        provider,
        model,
      });
      expect(fake.requests).toHaveLength(1);
      const sent = fake.requests[0];
      expect(sent?.body).toMatchObject({ stream: true, model });
      if (provider === 'openai') expect(sent?.body).toMatchObject({ store: false, input: DRAFT });
      for (const identifying of [owner.email, owner.userId, owner.workspaceId])
        expect(sent?.raw).not.toContain(identifying);
      expect(await usedThisMonth()).toBe(before + 1);
      // Neither the draft nor the suggestion reaches a log line (P-LOG-1).
      const logs = t.logs.join('\n');
      expect(logs).not.toContain('forgot the pickup');
      expect(logs).not.toContain('pick the children up');
    });

    it('a provider error part-way ends the stream with an error event (ai_unavailable), no result, and the action given back', async () => {
      const before = await usedThisMonth();
      fake.replies.push({ kind: 'stream-error', value: ANSWER });
      const reply = await stream(DRAFT);
      expect(reply.statusCode).toBe(200);
      const events = parseEventStream(reply.body);
      expect(events.at(-1)?.event).toBe('error');
      expect(events.some((e) => e.event === 'result')).toBe(false);
      expect(events.at(-1)?.data).toMatchObject({ status: 503, code: 'ai_unavailable' });
      expect(reply.body).not.toMatch(/Overloaded|server had an error|forgot the pickup/);
      expect(await usedThisMonth()).toBe(before);
    });

    it('an answer that fails our schema, or a refusal, is an error event ai_bad_output, never a result', async () => {
      for (const providerReply of [
        { kind: 'json', value: { reply: 'ok', removed: 'none' } },
        { kind: 'json', value: { ...ANSWER, reply: 'x'.repeat(8001) } },
        { kind: 'text', text: '{"reply": "unterminated' },
        { kind: 'refusal' },
      ] as const) {
        fake.replies.push(providerReply);
        const reply = await stream(DRAFT);
        expect(reply.statusCode).toBe(200);
        const events = parseEventStream(reply.body);
        expect(events.some((e) => e.event === 'result')).toBe(false);
        expect(events.at(-1)?.event).toBe('error');
        expect(events.at(-1)?.data).toMatchObject({ status: 502, code: 'ai_bad_output' });
      }
    });

    it('closing the connection mid-stream closes the upstream provider connection', async () => {
      fake.replies.push({ kind: 'stream-stall', value: ANSWER });
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const { port } = t.app.server.address() as AddressInfo;
      const body = JSON.stringify({ draft: DRAFT });
      const client = request({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: `/v1/workspaces/${owner.workspaceId}/drafts/rewrite/stream`,
        headers: {
          ...as(owner),
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      });
      const firstProgress = new Promise<number>((resolve, reject) => {
        client.on('response', (response) => {
          let received = '';
          response.on('data', (chunk: Buffer) => {
            received += chunk.toString('utf8');
            if (received.includes('event: progress')) resolve(response.statusCode ?? 0);
          });
        });
        client.on('error', reject);
      });
      client.end(body);
      expect(await firstProgress).toBe(200);
      expect(fake.requests[0]?.closedEarly).toBe(false);
      // The person goes away (a closed tab, Cancel): the provider call is dropped at once, long
      // before the provider's own time limit.
      client.destroy();
      await fake.waitForEarlyClose(fake.requests[0], 1000);
      expect(fake.requests[0]?.closedEarly).toBe(true);
    });

    it('the compressor leaves the event stream alone, even when the client accepts gzip and brotli', async () => {
      fake.replies.push({
        kind: 'json',
        value: { ...ANSWER, reply: 'I will be there at 3:15. '.repeat(80) },
      });
      const reply = await stream(DRAFT, { 'accept-encoding': 'br, gzip' });
      expect(reply.statusCode).toBe(200);
      expect(reply.headers['content-encoding']).toBeUndefined();
      expect(reply.rawPayload.length).toBeGreaterThan(2048);
      expect(reply.body.startsWith('event: start\n')).toBe(true);
    });

    it('refuses a blank or oversized draft with 400 problem+json before any provider call', async () => {
      for (const draft of ['', '   ', 'x'.repeat(5001)]) {
        const reply = await stream(draft);
        expect(reply.statusCode).toBe(400);
        expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      expect(fake.requests).toHaveLength(0);
    });
  },
);

describe('streamed rewrite without any AI provider configured', () => {
  let t: TestApp;
  let owner: Session;
  beforeAll(async () => {
    t = await createTestApp();
    owner = await signIn(t.app);
  });
  afterAll(async () => {
    await t.app.close();
  });

  it('P-AI-3 answers 503 problem+json ai_not_configured before any event is sent', async () => {
    const reply = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/drafts/rewrite/stream`,
      headers: as(owner),
      payload: { draft: DRAFT },
    });
    expect(reply.statusCode).toBe(503);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(reply.json<{ code: string }>().code).toBe('ai_not_configured');
    expect(reply.body).not.toContain('event:');
  });

  it('another workspace’s stream route answers 404 to an outsider', async () => {
    const outsider = await signIn(t.app);
    const reply = await t.app.inject({
      method: 'POST',
      url: `/v1/workspaces/${owner.workspaceId}/drafts/rewrite/stream`,
      headers: as(outsider),
      payload: { draft: DRAFT },
    });
    expect(reply.statusCode).toBe(404);
  });
});
