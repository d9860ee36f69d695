import type OpenAI from 'openai';
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

/**
 * The input: the text alone, or the file as a data URL before it. OpenAI asks a file input for a
 * name; it gets a neutral one, never the name the person gave the file (P-AI-1).
 */
function inputOf(input: string, document: AiDocument | undefined): OpenAI.Responses.ResponseInput | string {
  if (document === undefined) return input;
  const dataUrl = `data:${document.mediaType};base64,${document.data.toString('base64')}`;
  const file: OpenAI.Responses.ResponseInputContent =
    document.mediaType === 'application/pdf'
      ? { type: 'input_file', filename: 'document.pdf', file_data: dataUrl }
      : { type: 'input_image', image_url: dataUrl, detail: 'auto' };
  return [{ role: 'user', content: [file, { type: 'input_text', text: input }] }];
}

/** The request body both calls send: `store: false` and no identifying fields (P-AI-1). */
function toResponseParams(request: ProviderCall) {
  return {
    model: request.model,
    instructions: request.instructions,
    input: inputOf(request.input, request.document),
    store: false,
    max_output_tokens: request.maxOutputTokens,
    text: {
      format: {
        type: 'json_schema' as const,
        name: request.formatName,
        schema: request.jsonSchema,
        strict: true,
      },
    },
  };
}

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
  const callOptions = (request: ProviderCall) =>
    request.signal === undefined ? {} : { signal: request.signal };
  return {
    name: 'openai',
    async generate(request) {
      const { sdk, client } = await loadClient();
      try {
        const response = await client.responses.parse(toResponseParams(request), callOptions(request));
        if (response.status !== undefined && response.status !== 'completed')
          throw new AppError('ai_bad_output');
        return { parsed: response.output_parsed, model: response.model };
      } catch (error) {
        throw toAiError(error, sdk);
      }
    },
    async stream(request, onText) {
      const { sdk, client } = await loadClient();
      try {
        const events = await client.responses.create(
          { ...toResponseParams(request), stream: true },
          callOptions(request),
        );
        let text = '';
        for await (const event of events) {
          if (event.type === 'response.output_text.delta') {
            text += event.delta;
            onText(event.delta);
          } else if (event.type === 'response.completed') {
            return { parsed: parseStreamedJson(text), model: event.response.model };
          } else if (event.type === 'response.incomplete' || event.type === 'response.refusal.delta') {
            // Cut off (the token limit) or refused: whatever JSON came is not a suggestion.
            throw new AppError('ai_bad_output');
          } else if (event.type === 'response.failed' || event.type === 'error') {
            throw new AppError('ai_unavailable', undefined, { retryAfterSeconds: 30 });
          }
        }
        throw streamEndedEarly(request.signal);
      } catch (error) {
        throw toStreamAiError(error, sdk);
      }
    },
  };
}
