/**
 * Recognises an error of a storage dependency (DynamoDB, S3, KMS, SES through the AWS SDK) that
 * means "it is down, slow or shedding load right now", as opposed to a bug or a refused request.
 * The error handler answers such errors 503 with Retry-After instead of an opaque 500, so clients
 * and load balancers back off and retry.
 */

/** Node socket errors: no connection could be made, or it broke mid-request. */
const CONNECTION_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/** AWS SDK error names of timeouts, throttling and service-side outages (all worth a retry later). */
const OUTAGE_NAMES: ReadonlySet<string> = new Set([
  'TimeoutError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'InternalServerError',
  'InternalError',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'SlowDown',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Seconds a client is asked to wait before retrying after a dependency outage. */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

type ErrorLike = { name?: unknown; code?: unknown; $metadata?: { httpStatusCode?: unknown } };

function isErrorLike(value: unknown): value is ErrorLike {
  return typeof value === 'object' && value !== null;
}

/** Whether `error` says a dependency is unreachable, timing out, throttling or failing on its side. */
export function isDependencyOutage(error: unknown): boolean {
  if (!isErrorLike(error)) return false;
  if (typeof error.code === 'string' && CONNECTION_CODES.has(error.code)) return true;
  if (typeof error.name === 'string' && OUTAGE_NAMES.has(error.name)) return true;
  const status = error.$metadata?.httpStatusCode;
  return status === 503 || status === 502 || status === 504;
}

/** What the logs may say about an outage error: its name and code, never its message. */
export function describeOutage(error: unknown): { errorName: string; errorCode?: string } {
  if (!isErrorLike(error)) return { errorName: 'unknown' };
  return {
    errorName: typeof error.name === 'string' ? error.name : 'unknown',
    ...(typeof error.code === 'string' ? { errorCode: error.code } : {}),
  };
}
