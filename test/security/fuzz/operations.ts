// The operations the fuzz suite drives, read from the OpenAPI document the app serves, so an
// operation added tomorrow is fuzzed without editing the suite.
import { resolveRef } from '../support.js';

type JsonObject = Record<string, unknown>;

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

export type Parameter = { name: string; in: 'path' | 'query'; required: boolean; schema: unknown };

export type Operation = {
  method: string;
  /** The OpenAPI path, `{name}` for each path parameter. */
  path: string;
  parameters: Parameter[];
  /** The request body's content types (empty when the operation takes none) and JSON schema. */
  bodyTypes: string[];
  bodySchema: unknown;
  /** A tenant route: its path names the workspace, so the tenancy plugin decides who reaches it. */
  isTenant: boolean;
  /** A provider webhook: public, authorized only by the body's signature. */
  isWebhook: boolean;
};

/** `METHOD /path`, the operation's name in reports. */
export function operationKey(operation: { method: string; path: string }): string {
  return `${operation.method} ${operation.path}`;
}

/** Every operation of the document, with `$ref`s of parameters and bodies resolved. */
export function readOperations(doc: JsonObject): Operation[] {
  const operations: Operation[] = [];
  const paths = field(doc, 'paths');
  if (!isObject(paths)) throw new Error('the OpenAPI document has no paths');
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!isObject(operation)) continue;
      const rawParameters = field(operation, 'parameters');
      const parameters: Parameter[] = (Array.isArray(rawParameters) ? rawParameters : [])
        .filter((p) => field(p, 'in') === 'path' || field(p, 'in') === 'query')
        .map((p) => ({
          name: String(field(p, 'name')),
          in: field(p, 'in') === 'path' ? 'path' : 'query',
          required: field(p, 'required') === true,
          schema: resolveRef(doc, field(p, 'schema')),
        }));
      const content = field(field(operation, 'requestBody'), 'content');
      const bodyTypes = isObject(content) ? Object.keys(content) : [];
      const jsonSchema = field(field(content, 'application/json'), 'schema');
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters,
        bodyTypes,
        bodySchema: jsonSchema === undefined ? undefined : resolveRef(doc, jsonSchema),
        isTenant: path.includes('{workspaceId}'),
        isWebhook: false,
      });
    }
  }
  return operations;
}

/**
 * The provider webhooks, kept out of the OpenAPI document on purpose (they are not client API),
 * taken from the route table instead: `POST /webhooks/<provider>`.
 */
export function webhookOperations(routes: { method: string; url: string }[]): Operation[] {
  return routes
    .filter((r) => r.method === 'POST' && r.url.startsWith('/webhooks/'))
    .map((r) => ({
      method: 'POST',
      path: r.url,
      parameters: [],
      bodyTypes: ['application/json'],
      bodySchema: undefined,
      isTenant: false,
      isWebhook: true,
    }));
}
