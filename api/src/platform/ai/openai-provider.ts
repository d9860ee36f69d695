import { loadOnFirstUse } from '../load-on-first-use.js';
import { AppError } from '../errors.js';
import { toAiError } from './provider-errors.js';
import { toSdkOptions, type AiDocument, type AiProvider, type ProviderOptions } from './types.js';

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
            input: inputOf(request.input, request.document),
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
