import type { FastifySchema, RouteOptions } from 'fastify';
import { deriveOperationId } from './operation-ids.js';

/**
 * What the published document says beyond the route schemas, added here once for every route so
 * route files only state what is particular to them: the error answers each kind of route can
 * give (from its access rule, its body and its path), `security: []` on public operations, stable
 * operationIds, problem+json as the media type of every error, and the real media type of files.
 */

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The shared error answers, by status: the component name and what it means. */
export const PROBLEM_COMPONENTS: Readonly<Record<number, { name: string; description: string }>> = {
  400: {
    name: 'BadRequest',
    description: 'The request is not valid (a field, the JSON, a cursor or a path value)',
  },
  401: {
    name: 'Unauthenticated',
    description:
      'No valid session or API key, or (code second_factor_required) an administrative action needs a second factor proven recently',
  },
  402: { name: 'PaymentRequired', description: "The workspace's plan does not include this" },
  403: {
    name: 'Forbidden',
    description: 'The role or API key scope does not allow this, or the CSRF header is missing',
  },
  404: { name: 'NotFound', description: 'Nothing here, or nothing this caller may see' },
  409: {
    name: 'Conflict',
    description:
      'Conflicts with the current state (a stale version carries currentVersion), or reuses an Idempotency-Key',
  },
  413: { name: 'PayloadTooLarge', description: 'The body is larger than this route accepts' },
  415: { name: 'UnsupportedMediaType', description: 'The body is not in a type this route accepts' },
  410: {
    name: 'Gone',
    description:
      'No longer available: an expired export, or a kept answer to a retried request that can no longer be read',
  },
  429: { name: 'TooManyRequests', description: 'Rate limited; retry after the Retry-After seconds' },
  500: {
    name: 'InternalError',
    description: 'A failure on our side; nothing about it is answered, the requestId finds it',
  },
  503: {
    name: 'ServiceUnavailable',
    description: 'A dependency is unavailable; retry after the Retry-After seconds',
  },
};

/** Answers that tell the client when to come back. */
const RETRY_AFTER_STATUSES = new Set([429, 503]);

/** The files the API sends, by operationId, with the media types they really have. */
const DOWNLOAD_MEDIA_TYPES: Readonly<Record<string, string[]>> = {
  downloadIncidentReport: ['application/pdf'],
  downloadExport: ['application/zip'],
  // A stored document keeps the type it was uploaded with.
  downloadDocument: ['application/octet-stream', '*/*'],
  downloadFeedbackScreenshot: ['image/png', 'image/jpeg'],
  downloadTranscriptCsv: ['text/csv'],
  downloadTranscriptPdf: ['application/pdf'],
};

type Access = { kind?: string } | undefined;

function hasBody(method: string): boolean {
  return method !== 'GET' && method !== 'HEAD';
}

/** The error statuses a route can answer before or around its handler, from how it is declared. */
function platformStatuses(route: RouteOptions, method: string): number[] {
  const config = isObject(route.config) ? route.config : {};
  const access = config.access as Access;
  const schema: JsonObject = isObject(route.schema) ? route.schema : {};
  const statuses = new Set<number>([429, 500, 503]);
  const hasInput = schema.params !== undefined || schema.querystring !== undefined || hasBody(method);
  if (hasInput) statuses.add(400);
  if (hasBody(method)) {
    statuses.add(413);
    statuses.add(415);
  }
  if (access?.kind === 'user' || access?.kind === 'tenant') {
    statuses.add(401);
    statuses.add(403);
  }
  // A cookie-authenticated change without the CSRF header is refused on any route that reads credentials.
  if (hasBody(method) && config.ignoresCredentials !== true) statuses.add(403);
  if (access?.kind === 'tenant' || schema.params !== undefined) statuses.add(404);
  // A module the plan lacks, or a change the plan no longer allows (a seat limit, read-only after a failed payment).
  if (config.entitlement !== undefined || (access?.kind === 'tenant' && hasBody(method))) statuses.add(402);
  // An Idempotency-Key reused for another request, or still running.
  // A retry whose kept answer can no longer be read (its tenant's key destroyed) is gone.
  if (method === 'POST' && access?.kind !== 'public') {
    statuses.add(409);
    statuses.add(410);
  }
  return [...statuses];
}

function toOpenApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/gu, '{$1}');
}

/**
 * The per-route part (swagger's `transform`): documented error answers, public marking and the
 * operationId, on a copy of the schema (the route's own schema, used for validation, is untouched).
 */
export function describeRoute({
  schema,
  url,
  route,
}: {
  schema: FastifySchema;
  url: string;
  route: RouteOptions;
}): { schema: FastifySchema; url: string } {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const method = String(methods[0] ?? 'GET').toUpperCase();
  const response: JsonObject = isObject(schema.response) ? { ...schema.response } : {};
  for (const status of platformStatuses(route, method))
    if (response[status] === undefined && response[String(status)] === undefined)
      response[status] = {
        $ref: 'Problem#',
        description: PROBLEM_COMPONENTS[status]?.description ?? 'Error',
      };
  const access = (isObject(route.config) ? route.config.access : undefined) as Access;
  return {
    url,
    schema: {
      ...schema,
      response,
      operationId: deriveOperationId(method, toOpenApiPath(url)),
      ...(access?.kind === 'public' || !url.startsWith('/v1/') ? { security: [] } : {}),
    },
  };
}

function problemResponse(status: number, description: string): JsonObject {
  return {
    description,
    ...(RETRY_AFTER_STATUSES.has(status)
      ? { headers: { 'Retry-After': { $ref: '#/components/headers/Retry-After' } } }
      : {}),
    content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
  };
}

/**
 * The whole-document part (swagger's `transformObject`): errors answer problem+json through the
 * shared response components (an error a route describes in its own words stays inline, in the
 * same media type), files answer their real media types, and operationIds are checked unique.
 */
export function finishDocument(document: JsonObject): JsonObject {
  const components = isObject(document.components) ? document.components : {};
  const responses: JsonObject = {};
  for (const [status, { name, description }] of Object.entries(PROBLEM_COMPONENTS))
    responses[name] = problemResponse(Number(status), description);
  const seen = new Map<string, string>();
  const paths = isObject(document.paths) ? document.paths : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation)) continue;
      const id = String(operation.operationId);
      const other = seen.get(id);
      if (other !== undefined) throw new Error(`operationId ${id} names both ${other} and ${method} ${path}`);
      seen.set(id, `${method} ${path}`);
      const answers = isObject(operation.responses) ? operation.responses : {};
      for (const [status, answer] of Object.entries(answers)) {
        if (!isObject(answer)) continue;
        const code = Number(status);
        const shared = PROBLEM_COMPONENTS[code];
        if (code >= 400) {
          answers[status] =
            shared !== undefined && answer.description === shared.description
              ? { $ref: `#/components/responses/${shared.name}` }
              : problemResponse(code, String(answer.description));
        } else if (DOWNLOAD_MEDIA_TYPES[id] !== undefined) {
          const content: JsonObject = {};
          for (const type of DOWNLOAD_MEDIA_TYPES[id])
            content[type] = { schema: { type: 'string', format: 'binary' } };
          answers[status] = { description: answer.description, content };
        }
      }
    }
  }
  return {
    ...document,
    components: {
      ...components,
      responses,
      headers: {
        'Retry-After': {
          description: 'Seconds to wait before trying again',
          schema: { type: 'integer', minimum: 0 },
        },
      },
    },
  };
}
