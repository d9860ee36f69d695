import type Anthropic from '@anthropic-ai/sdk';
import { loadOnFirstUse } from '../load-on-first-use.js';
import { AppError } from '../errors.js';
import { toAiError } from './provider-errors.js';
import { parseStreamedJson, streamEndedEarly, toStreamAiError } from './stream-answer.js';
import {
  toSdkOptions,
  type AiDocument,
  type AiProvider,
  type ProviderCall,
  type ProviderOptions,
} from './types.js';

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

/** The request body both calls send: the prompt, the input and the output format, nothing else. */
function toMessageParams(request: ProviderCall) {
  return {
    model: request.model,
    max_tokens: request.maxOutputTokens,
    system: request.instructions,
    messages: [{ role: 'user' as const, content: userContent(request.input, request.document) }],
    output_config: { format: { type: 'json_schema' as const, schema: request.jsonSchema } },
  };
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
  const callOptions = (request: ProviderCall) =>
    request.signal === undefined ? {} : { signal: request.signal };
  return {
    name: 'anthropic',
    async generate(request) {
      const { sdk, client } = await loadClient();
      try {
        const message = await client.messages.parse(toMessageParams(request), callOptions(request));
        // A refusal or a cut-off answer is not a suggestion, whatever JSON it holds.
        if (message.stop_reason !== 'end_turn') throw new AppError('ai_bad_output');
        return { parsed: message.parsed_output, model: message.model };
      } catch (error) {
        throw toAiError(error, sdk);
      }
    },
    async stream(request, onText) {
      const { sdk, client } = await loadClient();
      try {
        const events = await client.messages.create(
          { ...toMessageParams(request), stream: true },
          callOptions(request),
        );
        let text = '';
        let model = request.model;
        let stopReason: string | null = null;
        for await (const event of events) {
          if (event.type === 'message_start') model = event.message.model;
          else if (event.type === 'content_block_delta' && event.delta.type === 'text_delta') {
            text += event.delta.text;
            onText(event.delta.text);
          } else if (event.type === 'message_delta') stopReason = event.delta.stop_reason;
          else if (event.type === 'message_stop') {
            // A refusal or a cut-off answer is not a suggestion, whatever JSON it holds.
            if (stopReason !== 'end_turn') throw new AppError('ai_bad_output');
            return { parsed: parseStreamedJson(text), model };
          }
        }
        throw streamEndedEarly(request.signal);
      } catch (error) {
        throw toStreamAiError(error, sdk);
      }
    },
  };
}
