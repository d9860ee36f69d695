import { AppError } from '../errors.js';

type ErrorClass = abstract new (...args: never[]) => Error;

/** The error classes each SDK exports under the same names. */
export type SdkErrorClasses = {
  APIUserAbortError: ErrorClass;
  APIConnectionError: ErrorClass;
  APIError: ErrorClass;
};

/** Provider statuses that mean "down or busy for now" (Anthropic's 529 is "overloaded"). */
function isTransient(status: number): boolean {
  return status === 408 || status === 429 || status === 529 || status >= 500;
}

/**
 * How a provider SDK failure is answered: 503 when the provider is unreachable, slow or busy,
 * 502 when it answered something unusable. The provider's own message is never passed on: it
 * may quote the input, which is record content (P-LOG-1).
 */
export function toAiError(error: unknown, sdk: SdkErrorClasses): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof sdk.APIUserAbortError)
    return new AppError('ai_unavailable', 'The request was cancelled.');
  if (error instanceof sdk.APIConnectionError)
    return new AppError('ai_unavailable', undefined, { retryAfterSeconds: 30 });
  if (error instanceof sdk.APIError) {
    const reported: unknown = 'status' in error ? error.status : undefined;
    if (typeof reported === 'number' && isTransient(reported))
      return new AppError('ai_unavailable', undefined, { retryAfterSeconds: 30 });
    return new AppError('ai_bad_output');
  }
  // The SDK's own parse of the structured output failed, or the answer had an unexpected shape.
  return new AppError('ai_bad_output');
}
