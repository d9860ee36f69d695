import type { Static, TSchema } from 'typebox';
import { Value } from 'typebox/value';
import type { Config } from '../../config.js';
import { AppError } from '../errors.js';
import { createAnthropicProvider } from './anthropic-provider.js';
import { createOpenAiEmbedder, type Embedder } from './openai-embeddings.js';
import { createOpenAiProvider } from './openai-provider.js';
import { toProviderSchema } from './provider-schema.js';
import type {
  AiProvider,
  AiProviderName,
  AiTask,
  OnTextDelta,
  ProviderCall,
  StructuredRequest,
} from './types.js';

/** A checked AI answer, with where it came from (stored beside every saved result). */
export type AiResult<T> = { value: T; provider: AiProviderName; model: string };

/** The AI layer modules use: one structured call, answered or refused with a clear code. */
export type Ai = {
  /** Whether any provider is configured (the SPA shows why AI actions are off when not). */
  isConfigured(): boolean;
  generate<T extends TSchema>(request: StructuredRequest<T>): Promise<AiResult<Static<T>>>;
  /**
   * The same call through the provider's streaming API: `onText` gets the output as it arrives
   * (unchecked, for progress only); the returned answer is checked against the schema like
   * `generate`'s.
   */
  stream<T extends TSchema>(request: StructuredRequest<T>, onText: OnTextDelta): Promise<AiResult<Static<T>>>;
  /**
   * The embedding model, when one is configured (OpenAI key set and OPENAI_EMBEDDING_MODEL not
   * `off`); library search falls back to words alone without it.
   */
  embedder: Embedder | undefined;
};

/** Why AI actions answer 503 on a server without a provider, and that the rest works (P-AI-3). */
export const NOT_CONFIGURED_DETAIL =
  'No AI provider is configured on this server. Everything else works; AI suggestions are off.';

type Route = { provider: AiProvider; model: string };

/** The model configured for a task; tasks with no variable of their own use the provider's model. */
function modelFor(config: Config, task: AiTask, provider: AiProviderName): string {
  const override =
    task === 'rewrite' ? config.AI_MODEL_REWRITE : task === 'summary' ? config.AI_MODEL_SUMMARY : undefined;
  if (override !== undefined) return override;
  return provider === 'openai' ? config.OPENAI_MODEL : config.ANTHROPIC_MODEL;
}

/**
 * Creates the provider clients once from the configuration and routes each task to the provider
 * configured for it (OpenAI by default when both are set). With no key at all every call answers
 * 503 `ai_not_configured` (P-AI-3).
 */
export function createAi(config: Config): Ai {
  const common = { timeoutMs: config.AI_TIMEOUT_MS, maxRetries: config.AI_MAX_RETRIES };
  const providers: Partial<Record<AiProviderName, AiProvider>> = {};
  if (config.OPENAI_API_KEY !== undefined)
    providers.openai = createOpenAiProvider({
      apiKey: config.OPENAI_API_KEY,
      ...(config.OPENAI_BASE_URL === undefined ? {} : { baseURL: config.OPENAI_BASE_URL }),
      ...common,
    });
  if (config.ANTHROPIC_API_KEY !== undefined)
    providers.anthropic = createAnthropicProvider({
      apiKey: config.ANTHROPIC_API_KEY,
      ...(config.ANTHROPIC_BASE_URL === undefined ? {} : { baseURL: config.ANTHROPIC_BASE_URL }),
      ...common,
    });
  const fallback = providers.openai ?? providers.anthropic;
  const embedder =
    config.OPENAI_API_KEY === undefined || config.OPENAI_EMBEDDING_MODEL === 'off'
      ? undefined
      : createOpenAiEmbedder({
          apiKey: config.OPENAI_API_KEY,
          ...(config.OPENAI_BASE_URL === undefined ? {} : { baseURL: config.OPENAI_BASE_URL }),
          // A search waits for the query's vector, so its time limit is the search's, not a rewrite's.
          timeoutMs: config.AI_EMBEDDING_TIMEOUT_MS,
          maxRetries: Math.min(config.AI_MAX_RETRIES, 1),
          model: config.OPENAI_EMBEDDING_MODEL,
          dimensions: config.AI_EMBEDDING_DIMENSIONS,
        });
  const routeFor = (task: AiTask): Route | undefined => {
    const chosen =
      task === 'rewrite'
        ? config.AI_PROVIDER_REWRITE
        : task === 'summary'
          ? config.AI_PROVIDER_SUMMARY
          : undefined;
    const provider = chosen === undefined ? fallback : providers[chosen];
    return provider === undefined ? undefined : { provider, model: modelFor(config, task, provider.name) };
  };
  const callFor = <T extends TSchema>(
    request: StructuredRequest<T>,
  ): { route: Route; call: ProviderCall } => {
    const route = routeFor(request.task);
    if (route === undefined) throw new AppError('ai_not_configured', NOT_CONFIGURED_DETAIL);
    const call: ProviderCall = {
      model: route.model,
      instructions: request.instructions,
      input: request.input,
      ...(request.document === undefined ? {} : { document: request.document }),
      formatName: request.formatName,
      jsonSchema: toProviderSchema(request.schema),
      maxOutputTokens: request.maxOutputTokens,
      ...(request.signal === undefined ? {} : { signal: request.signal }),
    };
    return { route, call };
  };
  const checked = <T extends TSchema>(schema: T, route: Route, parsed: unknown): AiResult<Static<T>> => {
    // The provider's structured mode is a request, not a guarantee: our schema decides.
    if (!Value.Check(schema, parsed)) throw new AppError('ai_bad_output');
    return { value: parsed, provider: route.provider.name, model: route.model };
  };
  return {
    isConfigured: () => fallback !== undefined,
    embedder,
    async generate<T extends TSchema>(request: StructuredRequest<T>): Promise<AiResult<Static<T>>> {
      const { route, call } = callFor(request);
      const answer = await route.provider.generate(call);
      return checked(request.schema, route, answer.parsed);
    },
    async stream<T extends TSchema>(
      request: StructuredRequest<T>,
      onText: OnTextDelta,
    ): Promise<AiResult<Static<T>>> {
      const { route, call } = callFor(request);
      const answer = await route.provider.stream(call, onText);
      return checked(request.schema, route, answer.parsed);
    },
  };
}
