import type { TSchema } from 'typebox';

/** The AI tasks Holdfast has; configuration says which provider and model serves each. */
export const AI_TASKS = ['rewrite', 'summary', 'role-guide', 'extraction', 'practice-feedback'] as const;
export type AiTask = (typeof AI_TASKS)[number];

export type AiProviderName = 'openai' | 'anthropic';

/** The file types both providers read as document or image input. */
export const AI_DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg', 'image/webp'] as const;
export type AiDocumentType = (typeof AI_DOCUMENT_TYPES)[number];

/**
 * A file sent beside the prompt: only its bytes and their type. No file name, document id or
 * owner travels with it (P-AI-1); a provider that asks for a file name gets a neutral one.
 */
export type AiDocument = { mediaType: AiDocumentType; data: Buffer };

/**
 * One structured request. `input` is the only user content sent: the caller builds it from the
 * fields the feature needs and nothing else (no user ids, emails or workspace names — P-AI-1).
 */
export type StructuredRequest<T extends TSchema> = {
  task: AiTask;
  /** The versioned prompt's instructions (system message). */
  instructions: string;
  input: string;
  /** A file the answer is read from (a certificate), sent as document or image input. */
  document?: AiDocument;
  /** Name of the output format, as the providers ask for one. */
  formatName: string;
  /** The answer's shape, with our bounds; validated again on our side after the provider answers. */
  schema: T;
  maxOutputTokens: number;
  /** Aborts the provider call (the person went away). */
  signal?: AbortSignal;
};

/** What a provider adapter returns: the parsed JSON, not yet trusted. */
export type ProviderAnswer = { parsed: unknown; model: string };

/** One call to a provider, built by the AI layer from a StructuredRequest. */
export type ProviderCall = {
  model: string;
  instructions: string;
  input: string;
  document?: AiDocument;
  formatName: string;
  jsonSchema: Record<string, unknown>;
  maxOutputTokens: number;
  signal?: AbortSignal;
};

/** Receives each piece of the model's output text as the provider streams it. */
export type OnTextDelta = (delta: string) => void;

/** One configured provider, behind the same small interface. */
export type AiProvider = {
  name: AiProviderName;
  generate(request: ProviderCall): Promise<ProviderAnswer>;
  /** The same call through the provider's streaming API; the answer is parsed once it is complete. */
  stream(request: ProviderCall, onText: OnTextDelta): Promise<ProviderAnswer>;
};

/** How a provider's client is created: the key, another base URL (tests, regions), time limits. */
export type ProviderOptions = {
  apiKey: string;
  baseURL?: string;
  timeoutMs: number;
  maxRetries: number;
};

/**
 * The options both SDKs take in the same shape. Their own logging is off: at debug level it prints
 * request bodies, and AI input is record content (P-LOG-1).
 */
export function toSdkOptions(options: ProviderOptions) {
  return {
    apiKey: options.apiKey,
    ...(options.baseURL === undefined ? {} : { baseURL: options.baseURL }),
    timeout: options.timeoutMs,
    maxRetries: options.maxRetries,
    logLevel: 'off' as const,
  };
}
