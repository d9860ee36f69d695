import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  anthropicStreamEvents,
  openAiStreamEvents,
  toChunks,
  type StreamEnding,
} from './ai-provider-streams.js';

/**
 * A local stand-in for the OpenAI Responses API and the Anthropic Messages API, answering in each
 * provider's wire format so the real SDKs talk to it (their base URL set to it). It records every
 * request, so tests can assert what left the service (P-AI-1). Nothing reaches the internet.
 * A request asking for `stream: true` is answered as server-sent events in that provider's
 * streaming format, the answer's text cut into pieces.
 */

export type ProviderName = 'openai' | 'anthropic';

/**
 * What the next call gets: structured JSON, raw text, an HTTP error, a refusal, or no answer.
 * Streamed calls can also get the first pieces of `value` and then the provider's error event
 * (`stream-error`), or the first pieces and then nothing more until the client goes away
 * (`stream-stall`).
 */
export type FakeReply =
  | { kind: 'json'; value: unknown }
  | { kind: 'text'; text: string }
  | { kind: 'status'; status: number }
  | { kind: 'refusal' }
  | { kind: 'hang' }
  | { kind: 'stream-error'; value: unknown }
  | { kind: 'stream-stall'; value: unknown };

export type RecordedAiRequest = {
  provider: ProviderName;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
  raw: string;
  /** Whether the client closed the connection before the whole answer was written. */
  closedEarly: boolean;
};

async function readBody(request: IncomingMessage): Promise<string> {
  let text = '';
  for await (const chunk of request) text += Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
  return text;
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function answerText(reply: FakeReply): string {
  if (reply.kind === 'json' || reply.kind === 'stream-error' || reply.kind === 'stream-stall')
    return JSON.stringify(reply.value);
  return reply.kind === 'text' ? reply.text : '';
}

function openAiResponse(model: string, reply: FakeReply): unknown {
  const content =
    reply.kind === 'refusal'
      ? [{ type: 'refusal', refusal: 'I cannot help with that.' }]
      : [
          {
            type: 'output_text',
            text: answerText(reply),
            annotations: [],
          },
        ];
  return {
    id: 'resp_test',
    object: 'response',
    created_at: Math.floor(Date.now() / 1000),
    status: 'completed',
    model,
    output: [{ type: 'message', id: 'msg_test', status: 'completed', role: 'assistant', content }],
    usage: { input_tokens: 10, output_tokens: 10, total_tokens: 20 },
  };
}

function anthropicMessage(model: string, reply: FakeReply): unknown {
  const text = answerText(reply);
  return {
    id: 'msg_test',
    type: 'message',
    role: 'assistant',
    model,
    content: reply.kind === 'refusal' ? [] : [{ type: 'text', text }],
    stop_reason: reply.kind === 'refusal' ? 'refusal' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: 10, output_tokens: 10 },
  };
}

/** FNV-1a of a word: where it lands in a fake embedding, the same on every run. */
function hashWord(word: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < word.length; i += 1) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/**
 * A deterministic stand-in for an embedding: each word adds ±1 at a position its hash picks, so
 * texts sharing words point the same way. Never all zero (a text without words gets one axis).
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
    const hash = hashWord(word);
    vector[hash % dimensions] = (vector[hash % dimensions] ?? 0) + ((hash >>> 16) % 2 === 0 ? 1 : -1);
  }
  if (!vector.some((value) => value !== 0)) vector[0] = 1;
  return vector;
}

/** The wire form of one embedding: base64 little-endian float32 when asked (the SDK's default), else numbers. */
function encodeEmbedding(vector: number[], format: unknown): string | number[] {
  if (format !== 'base64') return vector;
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => bytes.writeFloatLE(value, index * 4));
  return bytes.toString('base64');
}

export class FakeAiProviders {
  readonly requests: RecordedAiRequest[] = [];
  /** Replies for the next calls, in order; once empty, `defaultReply` answers. */
  readonly replies: FakeReply[] = [];
  defaultReply: FakeReply = { kind: 'json', value: {} };
  /** Characters per streamed piece, and the pause between pieces. */
  streamChunkChars = 12;
  streamDelayMs = 2;
  /** Replies for the next embeddings calls (only `status` and `hang` change anything); then vectors. */
  readonly embeddingReplies: FakeReply[] = [];
  /** The vector of one input text; tests replace it to hand-make a ranking. */
  embeddingFor: (text: string, dimensions: number) => number[] = fakeEmbedding;
  private server: Server | undefined;
  private port = 0;
  private readonly hanging: ServerResponse[] = [];

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      void this.handle(request, response);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  get openAiBaseUrl(): string {
    return `http://127.0.0.1:${this.port}/openai/v1`;
  }

  get anthropicBaseUrl(): string {
    return `http://127.0.0.1:${this.port}/anthropic`;
  }

  /** Config variables that point the app at this server (both providers, retries off). */
  env(extra: Record<string, string> = {}): Record<string, string> {
    return {
      OPENAI_API_KEY: 'sk-test-local-fake',
      OPENAI_BASE_URL: this.openAiBaseUrl,
      ANTHROPIC_API_KEY: 'sk-ant-test-local-fake',
      ANTHROPIC_BASE_URL: this.anthropicBaseUrl,
      AI_MAX_RETRIES: '0',
      AI_TIMEOUT_MS: '2000',
      ...extra,
    };
  }

  reset(): void {
    this.requests.length = 0;
    this.replies.length = 0;
    this.embeddingReplies.length = 0;
    this.embeddingFor = fakeEmbedding;
  }

  /** The recorded embeddings requests (OpenAI `/v1/embeddings`), oldest first. */
  get embeddingRequests(): RecordedAiRequest[] {
    return this.requests.filter((request) => request.path === '/openai/v1/embeddings');
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const raw = await readBody(request);
    const path = request.url ?? '';
    if (request.method === 'POST' && path === '/openai/v1/embeddings')
      return this.embed(request, response, raw);
    const provider: ProviderName | undefined =
      request.method === 'POST' && path === '/openai/v1/responses'
        ? 'openai'
        : request.method === 'POST' && path === '/anthropic/v1/messages'
          ? 'anthropic'
          : undefined;
    if (provider === undefined) return sendJson(response, 404, { error: { message: 'unknown path' } });
    const body = JSON.parse(raw) as Record<string, unknown>;
    const recorded: RecordedAiRequest = {
      provider,
      path,
      headers: request.headers,
      body,
      raw,
      closedEarly: false,
    };
    this.requests.push(recorded);
    response.once('close', () => {
      if (!response.writableFinished) recorded.closedEarly = true;
    });
    const reply = this.replies.shift() ?? this.defaultReply;
    if (reply.kind === 'hang') {
      this.hanging.push(response);
      return;
    }
    if (reply.kind === 'status')
      return sendJson(response, reply.status, {
        type: 'error',
        error: { type: 'api_error', message: 'fake failure' },
      });
    const model = typeof body.model === 'string' ? body.model : 'unknown';
    if (body.stream === true) return this.stream(response, provider, model, reply);
    return sendJson(
      response,
      200,
      provider === 'openai' ? openAiResponse(model, reply) : anthropicMessage(model, reply),
    );
  }

  /** Resolves once the client has closed the recorded call's connection early (or throws). */
  async waitForEarlyClose(request: RecordedAiRequest | undefined, timeoutMs = 2000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (request?.closedEarly !== true) {
      if (Date.now() > deadline) throw new Error('the upstream connection was not closed early');
      await sleep(10);
    }
  }

  private async stream(
    response: ServerResponse,
    provider: ProviderName,
    model: string,
    reply: FakeReply,
  ): Promise<void> {
    const ending: StreamEnding =
      reply.kind === 'stream-error' ? 'error' : reply.kind === 'stream-stall' ? 'stall' : 'complete';
    const chunks = toChunks(answerText(reply), this.streamChunkChars);
    const options = { isRefusal: reply.kind === 'refusal' };
    const events =
      provider === 'openai'
        ? openAiStreamEvents(model, chunks, ending, options)
        : anthropicStreamEvents(model, chunks, ending, options);
    response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const { event, data } of events) {
      if (response.destroyed) return;
      response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
      await sleep(this.streamDelayMs);
    }
    if (ending === 'stall') {
      this.hanging.push(response);
      return;
    }
    response.end();
  }

  /** OpenAI embeddings: one vector per input, in order, as the request's `encoding_format` asks. */
  private embed(request: IncomingMessage, response: ServerResponse, raw: string): void {
    const body = JSON.parse(raw) as Record<string, unknown>;
    this.requests.push({
      provider: 'openai',
      path: '/openai/v1/embeddings',
      headers: request.headers,
      body,
      raw,
      closedEarly: false,
    });
    const reply = this.embeddingReplies.shift();
    if (reply?.kind === 'hang') {
      this.hanging.push(response);
      return;
    }
    if (reply?.kind === 'status')
      return sendJson(response, reply.status, { error: { type: 'api_error', message: 'fake failure' } });
    const inputs = Array.isArray(body.input) ? body.input.map(String) : [String(body.input)];
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : 1536;
    sendJson(response, 200, {
      object: 'list',
      model: body.model,
      data: inputs.map((text, index) => ({
        object: 'embedding',
        index,
        embedding: encodeEmbedding(this.embeddingFor(text, dimensions), body.encoding_format),
      })),
      usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
    });
  }
}
