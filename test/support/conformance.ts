// Response conformance: every answer a test app gives is checked against what the published
// OpenAPI document says of its operation — the status must be listed, the media type must be one
// the status lists, and a JSON answer must match the schema documented for it. Violations are
// collected and fail the test that caused them (see conformance-setup.ts).
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { FastifyInstance } from 'fastify';

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Violations since the last test ended: "METHOD /route -> status: what differed". */
export const conformanceViolations: string[] = [];

/** JSON Pointer escaping of one reference token. */
function pointer(token: string): string {
  return token.replace(/~/gu, '~0').replace(/\//gu, '~1');
}

function resolveResponse(doc: JsonObject, response: unknown): unknown {
  const ref = isObject(response) ? response.$ref : undefined;
  if (typeof ref !== 'string') return response;
  const name = ref.replace('#/components/responses/', '');
  const responses = isObject(doc.components) ? doc.components.responses : undefined;
  return isObject(responses) ? responses[name] : undefined;
}

/** Whether a documented media type (maybe a wildcard) covers the answered one. */
function covers(documented: string, answered: string): boolean {
  if (documented === '*/*') return true;
  if (documented.endsWith('/*')) return answered.startsWith(documented.slice(0, -1));
  return documented === answered;
}

/**
 * A checker for one app: the document is read once (it does not change after start), each
 * schema compiled once, by its location in the document.
 */
export function createConformanceChecker(app: FastifyInstance) {
  let doc: JsonObject | undefined;
  let ajv: Ajv2020 | undefined;
  const documentOf = (): { doc: JsonObject; ajv: Ajv2020 } => {
    if (doc === undefined || ajv === undefined) {
      doc = JSON.parse(JSON.stringify(app.swagger())) as JsonObject;
      // Formats (date-time, email) are not checked here; types, required fields, enums and lengths are.
      ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
      ajv.addSchema({ ...doc, $id: 'openapi' });
    }
    return { doc, ajv };
  };

  /** What differs between an answer and the document, or undefined when it conforms. */
  return function check(
    method: string,
    routeUrl: string,
    status: number,
    contentType: string,
    /** The JSON or text sent, or undefined for a file or stream (only status and type are checked). */
    payload: string | undefined,
  ): string | undefined {
    const { doc: document, ajv: validator } = documentOf();
    const path = routeUrl.replace(/:([A-Za-z0-9_]+)/gu, '{$1}');
    const paths = isObject(document.paths) ? document.paths : {};
    const item = paths[path];
    const operation = isObject(item) ? item[method.toLowerCase()] : undefined;
    // Hidden routes (health, docs, the document itself) and HEAD are not part of the contract.
    if (!isObject(operation)) return undefined;
    const responses = isObject(operation.responses) ? operation.responses : {};
    const key = String(status) in responses ? String(status) : 'default' in responses ? 'default' : undefined;
    if (key === undefined)
      return `status ${status} is not documented (documented: ${Object.keys(responses).join(', ')})`;
    const response = resolveResponse(document, responses[key]);
    const content = isObject(response) && isObject(response.content) ? response.content : undefined;
    if (content === undefined) {
      return payload === undefined || payload === ''
        ? undefined
        : 'a body was answered where none is documented';
    }
    const mediaType = (contentType.split(';')[0] ?? '').trim().toLowerCase();
    const documented = Object.keys(content).find((type) => covers(type, mediaType));
    if (documented === undefined)
      return `media type ${mediaType || '(none)'} is not documented (documented: ${Object.keys(content).join(', ')})`;
    if (!mediaType.endsWith('json') || payload === undefined) return undefined;
    const responseRef = isObject(responses[key]) ? responses[key].$ref : undefined;
    const base =
      typeof responseRef === 'string'
        ? `openapi${responseRef}`
        : `openapi#/paths/${pointer(path)}/${method.toLowerCase()}/responses/${key}`;
    const schemaId = `${base}/content/${pointer(documented)}/schema`;
    let body: unknown;
    try {
      body = JSON.parse(payload);
    } catch {
      return 'the body is not JSON';
    }
    const validate = validator.getSchema(schemaId) ?? validator.compile({ $ref: schemaId });
    if (validate(body)) return undefined;
    return (validate.errors ?? [])
      .slice(0, 5)
      .map((error) => `${error.instancePath || '(body)'} ${error.message ?? 'is not valid'}`)
      .join('; ');
  };
}

/** Adds the check to an app (before it is ready): each answer is checked as it is sent. */
export function checkResponses(app: FastifyInstance): void {
  const check = createConformanceChecker(app);
  app.addHook('onSend', async (request, reply, payload) => {
    // Fastify drops the body of a 204 or 304 after this hook; nothing is sent.
    const isEmpty =
      payload === null || payload === undefined || reply.statusCode === 204 || reply.statusCode === 304;
    const text = isEmpty ? '' : typeof payload === 'string' ? payload : undefined;
    const route = request.routeOptions.url;
    if (route === undefined) return payload;
    const contentType = String(reply.getHeader('content-type') ?? '');
    const difference = check(request.method, route, reply.statusCode, contentType, text);
    if (difference !== undefined)
      conformanceViolations.push(`${request.method} ${route} -> ${reply.statusCode}: ${difference}`);
    return payload;
  });
}
