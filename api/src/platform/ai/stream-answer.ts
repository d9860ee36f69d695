import { AppError } from '../errors.js';
import type { SdkErrorClasses } from './provider-errors.js';
import { toAiError } from './provider-errors.js';

/**
 * The complete text of a streamed structured answer as JSON. Streaming APIs give the text only
 * (the SDKs' parse helpers do not apply to streams); text that is not JSON is no suggestion.
 */
export function parseStreamedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new AppError('ai_bad_output');
  }
}

/**
 * Why a stream ended without its closing event. The SDKs end the loop quietly when the call is
 * aborted, so a cancelled request is told apart from a provider that simply stopped; either way
 * nothing complete came.
 */
export function streamEndedEarly(signal: AbortSignal | undefined): AppError {
  if (signal?.aborted === true) return new AppError('ai_unavailable', 'The request was cancelled.');
  return new AppError('ai_bad_output');
}

/**
 * How a failure during a stream is answered. An error event the provider sends after the stream
 * started carries no HTTP status (the answer was already 200): it means the provider failed
 * part-way, which is "unavailable, try again", not a bad answer.
 */
export function toStreamAiError(error: unknown, sdk: SdkErrorClasses): AppError {
  if (error instanceof sdk.APIUserAbortError || error instanceof sdk.APIConnectionError)
    return toAiError(error, sdk);
  const reported: unknown = error instanceof Error && 'status' in error ? error.status : undefined;
  if (error instanceof sdk.APIError && reported === undefined)
    return new AppError('ai_unavailable', undefined, { retryAfterSeconds: 30 });
  return toAiError(error, sdk);
}
