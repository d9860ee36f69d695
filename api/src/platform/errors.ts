import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Type } from 'typebox';
import { NON_BLANK_PATTERN } from './http/non-blank-text.js';
import { RouteMethods } from './http/route-methods.js';
import { describeOutage, isDependencyOutage, OUTAGE_RETRY_AFTER_SECONDS } from './dependency-outage.js';

/**
 * Every error the API answers with, by code. The status and the public title live in this one
 * table; the `detail` of an `AppError` is written for the person reading it.
 */
export const ERROR_CODES = {
  /** The request body, query or parameters do not match the route's schema. */
  validation_failed: { status: 400, title: 'The request is not valid' },
  /** The request is not well-formed HTTP (answered before any route runs). */
  malformed_request: { status: 400, title: 'The request could not be read' },
  /** The body is not well-formed JSON. */
  malformed_body: { status: 400, title: 'The request body could not be read' },
  /** A pagination cursor was altered, or belongs to another workspace or query. */
  invalid_cursor: { status: 400, title: 'The pagination cursor is not valid here' },
  /** A sign-in link is unknown, expired or already used. */
  invalid_token: { status: 400, title: 'This sign-in link is not valid' },
  /** A new account must confirm the holder is 18 or older. */
  age_confirmation_required: { status: 400, title: 'Please confirm you are 18 or older' },
  /** An invite code is unknown, expired, revoked, or for another email. */
  invalid_invite: { status: 400, title: 'This invite code is not valid' },
  /** An unsubscribe link was altered or is not one of ours. */
  invalid_unsubscribe_link: { status: 400, title: 'This unsubscribe link is not valid' },
  /** A webhook's signature is missing, forged, stale or made with another secret. */
  invalid_signature: { status: 400, title: 'The webhook signature is not valid' },
  /** No valid session or API key. */
  unauthenticated: { status: 401, title: 'Sign-in required' },
  /**
   * An administrative action needs a second factor proven within SECOND_FACTOR_MAX_AGE_HOURS: the
   * SPA answers it with the second-factor prompt and retries the action.
   */
  second_factor_required: { status: 401, title: 'Confirm it is you with your second factor' },
  /**
   * The workspace requires a second factor of every person who opens it, and this person has none
   * yet: the SPA sends them to their Security page to set one up.
   */
  second_factor_enrolment_required: { status: 403, title: 'This workspace requires a second factor' },
  /** A second-factor code (authenticator, recovery code or passkey) did not verify. */
  invalid_second_factor: { status: 400, title: 'That code or passkey did not verify' },
  /** A cookie-authenticated change arrived without the CSRF header. */
  csrf_failed: { status: 403, title: 'The request was refused (missing CSRF header)' },
  /** The workspace's plan does not include this; the detail names the plan that would. */
  payment_required: { status: 402, title: 'Your plan does not include this' },
  /** The caller's role or API key scope does not allow this action. */
  forbidden: { status: 403, title: 'You do not have permission to do this' },
  /** The signed-in account is scheduled for deletion; only its status, restore and sign-out answer. */
  account_pending_deletion: { status: 403, title: 'This account is scheduled for deletion' },
  /** Nothing here, or nothing this caller may see. A path value longer than any id (100 characters) is answered this way too. */
  not_found: { status: 404, title: 'Not found' },
  /** The path exists but not with this method; the Allow header lists the methods it answers. */
  method_not_allowed: { status: 405, title: 'This method is not allowed here' },
  /** The record changed since the caller read it. */
  version_conflict: { status: 409, title: 'The record was changed by someone else' },
  /** The request conflicts with the current state (for example removing the last owner). */
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  /** An Idempotency-Key was reused with a different request, or its first request is still running. */
  idempotency_conflict: { status: 409, title: 'This Idempotency-Key belongs to another request' },
  /**
   * A training provider reported as many completions as a person's link holds waiting for them; the
   * detail says how many. Report again (with a new Idempotency-Key) once the person accepted or
   * declined some.
   */
  too_many_pending_completions: { status: 409, title: 'Too many completions are waiting for the person' },
  /** The same exported thread (same SHA-256) was imported before; `importedAt` and `firstMessageId` say when and where. */
  thread_already_imported: { status: 409, title: 'This thread was imported before' },
  /** The request did not arrive in time (answered before any route runs). */
  request_timeout: { status: 408, title: 'The request took too long to arrive' },
  /** It existed but is no longer available (an expired export). */
  gone: { status: 410, title: 'No longer available' },
  /** The body is larger than this route accepts. */
  payload_too_large: { status: 413, title: 'The request body is too large' },
  /** A workspace's stored files would exceed its plan's storage quota. */
  storage_quota_exceeded: { status: 413, title: 'The workspace storage quota is full' },
  /** The body's content type is not accepted by this route. */
  unsupported_media_type: { status: 415, title: 'Unsupported content type' },
  /** The request's headers are larger than the server reads (answered before any route runs). */
  headers_too_large: { status: 431, title: 'The request headers are too large' },
  /** Too many requests; retry after the time in the Retry-After header. */
  rate_limited: { status: 429, title: 'Too many requests' },
  /** The workspace used its plan's AI actions for this month; Retry-After says when the count restarts. */
  ai_quota_exceeded: { status: 429, title: 'This workspace has used its AI actions for the month' },
  /** A bug or an outage; details are logged, never answered. */
  internal: { status: 500, title: 'Something went wrong on our side' },
  /** A stored file no longer matches the SHA-256 it was stored under (P-FILE-1). */
  integrity_failure: { status: 500, title: 'The stored file is damaged' },
  /**
   * A dependency is unavailable or not configured. When it is down for now (the database, the file
   * store or the key service unreachable, timing out or throttling) the answer carries Retry-After.
   */
  unavailable: { status: 503, title: 'Service unavailable' },
  /** No AI provider is configured: AI actions are off, everything else works (P-AI-3). */
  ai_not_configured: { status: 503, title: 'AI is not configured on this server' },
  /** The AI provider is down, timed out or throttling; nothing was saved. Retry later. */
  ai_unavailable: { status: 503, title: 'The AI provider is unavailable; try again later' },
  /** The AI provider refused, or answered something that is not a valid suggestion; nothing was saved. */
  ai_bad_output: { status: 502, title: 'The AI provider gave no usable answer' },
  /**
   * Too many changes in one workspace at the same moment to finish this one now (the audit log
   * could not settle); nothing was half-done. Retry after the time in the Retry-After header.
   */
  busy: { status: 503, title: 'Busy; try again in a moment' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type FieldError = { field: string; message: string };

export type EarlierImport = { importedAt: string; firstMessageId: string };

/** The one error type of the API. Its `detail` is shown to the user, so it never holds record content. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly detail?: string,
    readonly extra: {
      errors?: FieldError[];
      currentVersion?: number;
      retryAfterSeconds?: number;
      /** What an earlier import of the same content already logged (thread_already_imported). */
      earlierImport?: EarlierImport;
    } = {},
  ) {
    super(detail ?? ERROR_CODES[code].title);
    this.name = 'AppError';
  }

  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

/** RFC 9457 problem details, as answered by every failing route. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    code: Type.String(),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String() }))),
    currentVersion: Type.Optional(Type.Integer()),
    importedAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'thread_already_imported: when it was imported' }),
    ),
    firstMessageId: Type.Optional(
      Type.String({ description: 'thread_already_imported: the first message that import logged' }),
    ),
  },
  { $id: 'Problem', description: 'RFC 9457 problem details' },
);

type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  requestId?: string;
  errors?: FieldError[];
  currentVersion?: number;
  importedAt?: string;
  firstMessageId?: string;
};

function toProblem(request: FastifyRequest, error: AppError, withInstance: boolean): Problem {
  const problem: Problem = {
    type: `https://holdfast.app/problems/${error.code.replace(/_/g, '-')}`,
    title: ERROR_CODES[error.code].title,
    status: error.status,
    code: error.code,
    requestId: request.id,
  };
  if (withInstance) problem.instance = request.url.split('?')[0] ?? request.url;
  if (error.detail !== undefined) problem.detail = error.detail;
  if (error.extra.errors !== undefined) problem.errors = error.extra.errors;
  if (error.extra.currentVersion !== undefined) problem.currentVersion = error.extra.currentVersion;
  if (error.extra.earlierImport !== undefined) Object.assign(problem, error.extra.earlierImport);
  return problem;
}

type ValidationIssue = {
  instancePath?: string;
  message?: string;
  keyword?: string;
  params?: Record<string, unknown>;
};

function toFieldErrors(issues: ValidationIssue[], context: string | undefined): FieldError[] {
  return issues.map((issue) => {
    const base = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    let field = base;
    let message = issue.message ?? 'is not valid';
    if (issue.keyword === 'additionalProperty' || issue.keyword === 'additionalProperties') {
      // The unknown name itself is not echoed: a client may have put record content there (P-LOG-1).
      message = 'has a field that is not part of this request';
    } else if (issue.keyword === 'required') {
      const missing = issue.params?.missingProperty;
      field = [base, String(missing)].filter((p) => p !== '').join('.');
      message = 'is required';
    } else if (issue.keyword === 'pattern' && issue.params?.pattern === NON_BLANK_PATTERN) {
      message = 'must not be blank';
    }
    return { field: field === '' ? (context ?? 'body') : field, message };
  });
}

/** Maps a Fastify framework error (schema validation, body parsing, limits) to an AppError. */
function fromFrameworkError(error: FastifyError): AppError | undefined {
  if (error.validation !== undefined) {
    const errors = toFieldErrors(error.validation, error.validationContext);
    return new AppError(
      'validation_failed',
      `Check the ${error.validationContext ?? 'request'}: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
      { errors },
    );
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('malformed_body', 'The body must be well-formed JSON.');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError('payload_too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_TYPE':
      return new AppError('unsupported_media_type', 'Send the body as application/json.');
    default:
      break;
  }
  if (error.statusCode === 429) return new AppError('rate_limited', 'Too many requests. Try again later.');
  if (error.statusCode === 404) return new AppError('not_found');
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new AppError('validation_failed', 'The request could not be processed.');
  }
  return undefined;
}

/**
 * Sends an AppError as problem+json (with Retry-After when the error says when to come back).
 * `withInstance: false` leaves out the request path, for paths that name nothing (unknown,
 * undecodable or overlong): echoing what a client sent there serves no one.
 */
export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  error: AppError,
  options: { withInstance?: boolean } = {},
): FastifyReply {
  if (error.extra.retryAfterSeconds !== undefined)
    reply.header('retry-after', String(error.extra.retryAfterSeconds));
  return reply
    .status(error.status)
    .type('application/problem+json')
    .send(toProblem(request, error, options.withInstance ?? true));
}

const OUTAGE_DETAIL =
  'A storage service Holdfast depends on is not answering right now. Please try again in a few seconds.';

/** The 503 answered for a dependency outage: nothing about the dependency or the error is shown. */
export function outageError(): AppError {
  return new AppError('unavailable', OUTAGE_DETAIL, { retryAfterSeconds: OUTAGE_RETRY_AFTER_SECONDS });
}

/**
 * The one error handler: AppErrors and framework errors become problem+json; a dependency outage
 * (see dependency-outage.ts) becomes 503 with Retry-After; anything else is logged by name and
 * code only (never its message, which may quote record content) and answered as an opaque 500.
 */
export const errorHandlerPlugin = fp(async (app: FastifyInstance) => {
  app.addSchema(ProblemSchema);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = error instanceof AppError ? error : fromFrameworkError(error);
    if (appError !== undefined) {
      if (appError.status >= 500) request.log.error({ errorCode: appError.code }, 'request failed');
      return sendProblem(request, reply, appError);
    }
    if (isDependencyOutage(error)) {
      request.log.error({ errorCode: 'unavailable', cause: describeOutage(error) }, 'dependency unavailable');
      return sendProblem(request, reply, outageError());
    }
    request.log.error(
      { errorName: error.name, errorCode: error.code, stack: redactStack(error.stack) },
      'unexpected error',
    );
    return sendProblem(request, reply, new AppError('internal'));
  });
  const routeMethods = new RouteMethods();
  app.addHook('onRoute', (route) => routeMethods.add(route.method, route.url));
  app.setNotFoundHandler((request, reply) => {
    const allowed = routeMethods.allowedFor(request.url);
    if (allowed.length === 0 || allowed.includes(request.method))
      return sendProblem(request, reply, new AppError('not_found'), { withInstance: false });
    reply.header('allow', allowed.join(', '));
    return sendProblem(request, reply, new AppError('method_not_allowed'), { withInstance: false });
  });
});

/** Keeps only the frames of a stack: the message, which may span lines and quote a record, is dropped. */
function redactStack(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 12)
    .join('\n');
}
