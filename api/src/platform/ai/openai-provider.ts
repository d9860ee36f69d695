import { loadOnFirstUse } from '../load-on-first-use.js';
import { AppError } from '../errors.js';
import { toAiError } from './provider-errors.js';
import { toSdkOptions, type AiProvider, type ProviderOptions } from './types.js';

/**
 * OpenAI through the Responses API. `store: false` on every call, so the response is not kept
 * for later retrieval (P-AI-1); no `user`, `metadata` or `safety_identifier` is sent.
 */
export function createOpenAiProvider(options: ProviderOptions): AiProvider {
  // The SDK is loaded by the first AI call, not at start (see loadOnFirstUse).
  const loadClient = loadOnFirstUse(async () => {
    const { default: OpenAiSdk } = await import('openai');
    return { sdk: OpenAiSdk, client: new OpenAiSdk(toSdkOptions(options)) };
  });
  return {
    name: 'openai',
    async generate(request) {
      const { sdk, client } = await loadClient();
      try {
        const response = await client.responses.parse(
          {
            model: request.model,
            instructions: request.instructions,
            input: request.input,
            store: false,
            max_output_tokens: request.maxOutputTokens,
            text: {
              format: {
                type: 'json_schema',
                name: request.formatName,
                schema: request.jsonSchema,
                strict: true,
              },
            },
          },
          request.signal === undefined ? {} : { signal: request.signal },
        );
        if (response.status !== undefined && response.status !== 'completed')
          throw new AppError('ai_bad_output');
        return { parsed: response.output_parsed, model: response.model };
      } catch (error) {
        throw toAiError(error, sdk);
      }
    },
  };
}
