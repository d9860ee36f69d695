import { loadOnFirstUse } from '../load-on-first-use.js';
import { AppError } from '../errors.js';
import { toAiError } from './provider-errors.js';
import { toSdkOptions, type ProviderOptions } from './types.js';

/** Inputs per embeddings request: well under the API's per-request token budget for library items. */
export const EMBEDDING_BATCH = 32;
/** One input is cut to this many characters (about 6,000 tokens, under the model's 8,191). */
export const EMBEDDING_INPUT_MAX_CHARS = 24_000;

/** Turns texts into vectors of one fixed length, in the order given. */
export type Embedder = {
  model: string;
  dimensions: number;
  embed(inputs: readonly string[], signal?: AbortSignal): Promise<number[][]>;
};

/**
 * OpenAI embeddings. Only the texts are sent, no `user` field (P-AI-1); the embeddings endpoint
 * keeps nothing to retrieve later, so it has no `store` switch. The SDK asks for base64 and
 * decodes it. An answer of the wrong count or length is refused like any unusable output.
 */
export function createOpenAiEmbedder(
  options: ProviderOptions & { model: string; dimensions: number },
): Embedder {
  // The SDK is loaded by the first embedding call, not at start (see loadOnFirstUse).
  const loadClient = loadOnFirstUse(async () => {
    const { default: OpenAiSdk } = await import('openai');
    return { sdk: OpenAiSdk, client: new OpenAiSdk(toSdkOptions(options)) };
  });
  const { model, dimensions } = options;
  return {
    model,
    dimensions,
    async embed(inputs, signal) {
      const { sdk, client } = await loadClient();
      const vectors: number[][] = [];
      for (let start = 0; start < inputs.length; start += EMBEDDING_BATCH) {
        const batch = inputs
          .slice(start, start + EMBEDDING_BATCH)
          .map((text) => text.slice(0, EMBEDDING_INPUT_MAX_CHARS));
        try {
          const response = await client.embeddings.create(
            { model, input: batch, dimensions },
            signal === undefined ? {} : { signal },
          );
          const ordered = [...response.data].sort((a, b) => a.index - b.index);
          if (ordered.length !== batch.length) throw new AppError('ai_bad_output');
          for (const entry of ordered) {
            if (entry.embedding.length !== dimensions) throw new AppError('ai_bad_output');
            vectors.push(entry.embedding);
          }
        } catch (error) {
          throw toAiError(error, sdk);
        }
      }
      return vectors;
    },
  };
}
