// What every fuzzed reply must satisfy, whatever was sent.
import type { Reply } from '../support.js';
import type { Operation } from './operations.js';

export type CallerKind = 'owner' | 'member' | 'outsider' | 'api-key';

/** Signs of code escaping into any reply: stack frames and source positions. */
const CODE_LEAKS: [RegExp, string][] = [
  [/\bat [\w$.<>]+ \(.*:\d+:\d+\)|\n\s+at /u, 'a stack frame'],
  [/\.(?:ts|js|mjs|cjs):\d+/u, 'a source file position'],
  [/node_modules/u, 'a module path'],
];

/**
 * Signs of an internal failure described in an error reply: AWS, JavaScript and network errors,
 * database keys. (Only in errors: the privacy inventory names DynamoDB as a subprocessor.)
 */
const ERROR_LEAKS: [RegExp, string][] = [
  [
    /DynamoDB|ValidationException|ConditionalCheckFailed|TransactionCanceled|ResourceNotFoundException/u,
    'a DynamoDB error',
  ],
  [/ProvisionedThroughput|AccessDenied|NoSuchKey|NoSuchBucket|UnrecognizedClient/u, 'an AWS error'],
  [
    /TypeError|RangeError|ReferenceError|SyntaxError|Cannot read propert|is not a function|undefined is not/u,
    'a JavaScript error',
  ],
  [/ECONNREFUSED|ETIMEDOUT|EPIPE/u, 'a network error'],
  [/TENANT#|"PK"|"SK"/u, 'a database key'],
];

/**
 * Codes a tenant route may answer before the tenancy plugin runs: Fastify parses the body
 * (malformed JSON, too large, wrong content type) before preValidation, where membership is
 * checked. Query and body *validation* come after it, so they answer an outsider 404 like
 * everything else. A path segment of `.` or `..` is removed by URL parsing, so the request may name
 * another route's path whose methods differ: 405 `method_not_allowed` is decided by the path's
 * shape alone (the same for every caller), so it tells an outsider nothing about the tenant.
 */
const BEFORE_TENANCY = new Set([
  'malformed_body',
  'payload_too_large',
  'unsupported_media_type',
  'method_not_allowed',
]);

function header(reply: Reply, name: string): string {
  const value = reply.headers[name];
  return Array.isArray(value) ? value.join(', ') : String(value ?? '');
}

function problemCode(reply: Reply): string | undefined {
  try {
    const body = reply.json() as { code?: unknown };
    return typeof body.code === 'string' ? body.code : undefined;
  } catch {
    return undefined;
  }
}

/** Why a reply breaks a rule, or undefined when it keeps them all. */
export function findViolation(
  operation: Operation,
  caller: CallerKind,
  method: string,
  reply: Reply,
): string | undefined {
  // P-AI-3: with no AI provider configured an AI action says so with 503 `ai_not_configured`; that
  // answer is the product's, not a failure, as long as it is a proper problem (checked below).
  const isAiOff = reply.statusCode === 503 && problemCode(reply) === 'ai_not_configured';
  if (reply.statusCode >= 500 && !isAiOff) return `answered ${reply.statusCode}`;
  const contentType = header(reply, 'content-type');
  const isText = contentType === '' || /json|text|xml|html/u.test(contentType);
  const leaks = reply.statusCode >= 400 ? [...CODE_LEAKS, ...ERROR_LEAKS] : CODE_LEAKS;
  if (isText)
    for (const [pattern, what] of leaks)
      if (pattern.test(reply.body)) return `the body shows ${what} (${pattern.source})`;
  if (reply.statusCode >= 400 && method !== 'HEAD' && !contentType.startsWith('application/problem+json'))
    return `an error answered as ${contentType || 'no content type'}, not application/problem+json`;
  if (operation.isWebhook && reply.statusCode !== 400 && reply.statusCode !== 401)
    return `an unsigned webhook answered ${reply.statusCode}, not 400 or 401`;
  if (operation.isTenant && caller === 'outsider') {
    const code = problemCode(reply);
    const isNotFound = reply.statusCode === 404 && code === 'not_found';
    if (!isNotFound && !(code !== undefined && BEFORE_TENANCY.has(code)))
      return `an outsider got ${reply.statusCode} ${code ?? ''}, not 404 not_found`;
  }
  return undefined;
}
