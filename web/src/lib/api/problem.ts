/**
 * RFC 9457 problem details as the API answers them, and the mapping of their `errors[]` onto
 * form fields.
 */

export type FieldError = { field: string; message: string };

export type Problem = {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  errors?: FieldError[];
  currentVersion?: number;
};

/** A failed API call: the HTTP status (0 when the API could not be reached) and its problem. */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
  }

  get status(): number {
    return this.problem.status;
  }

  get code(): string {
    return this.problem.code;
  }
}

const NETWORK_PROBLEM: Problem = {
  type: 'about:blank',
  title: 'Holdfast could not be reached',
  status: 0,
  code: 'network_error',
  detail: 'Holdfast could not be reached. Check your connection and try again.',
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFieldError(value: unknown): value is FieldError {
  return isRecord(value) && typeof value.field === 'string' && typeof value.message === 'string';
}

/** Builds a Problem from whatever body a failed response carried (problem+json, other JSON, text, nothing). */
export function toProblem(body: unknown, status: number, statusText = ''): Problem {
  const fallbackTitle = statusText !== '' ? statusText : `Request failed (${status})`;
  if (!isRecord(body)) {
    return {
      type: 'about:blank',
      title: fallbackTitle,
      status,
      code: status >= 500 ? 'internal' : 'unknown',
    };
  }
  const problem: Problem = {
    type: typeof body.type === 'string' ? body.type : 'about:blank',
    title: typeof body.title === 'string' ? body.title : fallbackTitle,
    status: typeof body.status === 'number' ? body.status : status,
    code: typeof body.code === 'string' ? body.code : 'unknown',
  };
  if (typeof body.detail === 'string') problem.detail = body.detail;
  if (Array.isArray(body.errors)) problem.errors = body.errors.filter(isFieldError);
  if (typeof body.currentVersion === 'number') problem.currentVersion = body.currentVersion;
  return problem;
}

/** The error for a request that never got an answer (offline, DNS, connection refused). */
export function networkError(): ApiError {
  return new ApiError(NETWORK_PROBLEM);
}

/** Whether `error` is an ApiError with this status or code. */
export function isApiError(error: unknown, match?: { status?: number; code?: string }): error is ApiError {
  if (!(error instanceof ApiError)) return false;
  if (match?.status !== undefined && error.status !== match.status) return false;
  if (match?.code !== undefined && error.code !== match.code) return false;
  return true;
}

const LOCATION_PREFIXES = new Set(['body', 'query', 'querystring', 'params', 'headers']);

/**
 * The top-level form field a problem's `field` names: `peopleInvolved.0`, `/body/narrative` and
 * `body.email` become `peopleInvolved`, `narrative` and `email`. Answers '' for the body as a whole.
 */
export function toFormField(field: string): string {
  const segments = field
    .replace(/^[#/]+/, '')
    .split(/[./[\]]/)
    .filter((segment) => segment !== '');
  while (segments.length > 0 && LOCATION_PREFIXES.has(segments[0] ?? '')) segments.shift();
  return segments[0] ?? '';
}

/** Errors to show in a form: one message per known field, and the rest as one form-level message. */
export type FormErrors<F extends string> = {
  fields: Partial<Record<F, string>>;
  form?: string;
};

function sentence(message: string): string {
  const trimmed = message.trim();
  if (trimmed === '') return trimmed;
  return trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
}

/**
 * Maps an error onto a form: each `errors[]` entry whose field is one of `fields` goes to that
 * field (the first message per field wins); anything else, or a problem without `errors[]`, goes
 * to the form as its `detail` (or title).
 */
export function toFormErrors<F extends string>(error: unknown, fields: readonly F[]): FormErrors<F> {
  if (!(error instanceof ApiError)) return { fields: {}, form: describeError(error) };
  const known = new Set<string>(fields);
  const result: FormErrors<F> = { fields: {} };
  const unmatched: string[] = [];
  for (const item of error.problem.errors ?? []) {
    const field = toFormField(item.field);
    if (known.has(field)) {
      const key = field as F;
      result.fields[key] ??= sentence(item.message);
    } else {
      unmatched.push(field === '' ? sentence(item.message) : `${field}: ${item.message}`);
    }
  }
  const matchedAny = Object.keys(result.fields).length > 0;
  if (!matchedAny) {
    result.form = error.problem.detail ?? error.problem.title;
  } else if (unmatched.length > 0) {
    result.form = unmatched.join('; ');
  }
  return result;
}

/** A sentence to show for any error thrown by an API call or by the app. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.problem.detail ?? error.problem.title;
  return 'Something went wrong. Please try again.';
}
