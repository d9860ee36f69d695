import { loadOnFirstUse } from '../load-on-first-use.js';
import { AppError } from '../errors.js';
import { toAiError } from './provider-errors.js';
import { toSdkOptions, type AiDocument, type AiProvider, type ProviderOptions } from './types.js';

/** The user turn: the text alone, or the file's bytes as a document or image block before it. */
function userContent(input: string, document: AiDocument | undefined): Anthropic.MessageParam['content'] {
  if (document === undefined) return input;
  const data = document.data.toString('base64');
  const file: Anthropic.ContentBlockParam =
    document.mediaType === 'application/pdf'
      ? { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data } }
      : { type: 'image', source: { type: 'base64', media_type: document.mediaType, data } };
  return [file, { type: 'text', text: input }];
}

/**
 * Anthropic through the Messages API with a JSON-schema output format. The API does not use
 * inputs for training by default and offers no per-call storage switch; nothing but the prompt and
 * the feature's input is sent (no `metadata.user_id`) — P-AI-1.
 */
export function createAnthropicProvider(options: ProviderOptions): AiProvider {
  // The SDK is loaded by the first AI call, not at start (see loadOnFirstUse).
  const loadClient = loadOnFirstUse(async () => {
    const { default: AnthropicSdk } = await import('@anthropic-ai/sdk');
    return { sdk: AnthropicSdk, client: new AnthropicSdk(toSdkOptions(options)) };
  });
  return {
    name: 'anthropic',
    async generate(request) {
      const { sdk, client } = await loadClient();
      try {
        const message = await client.messages.parse(
          {
            model: request.model,
            max_tokens: request.maxOutputTokens,
            system: request.instructions,
            messages: [{ role: 'user', content: userContent(request.input, request.document) }],
            output_config: { format: { type: 'json_schema', schema: request.jsonSchema } },
          },
          request.signal === undefined ? {} : { signal: request.signal },
        );
        // A refusal or a cut-off answer is not a suggestion, whatever JSON it holds.
        if (message.stop_reason !== 'end_turn') throw new AppError('ai_bad_output');
        return { parsed: message.parsed_output, model: message.model };
      } catch (error) {
        throw toAiError(error, sdk);
      }
    },
  };
}
