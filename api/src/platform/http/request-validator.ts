import type { BuildCompilerFromPool } from '@fastify/ajv-compiler';
import { buildFiniteNumberValidator } from './finite-numbers.js';

/** The parts of a request that arrive as strings, so only there may a string become a number. */
const COERCED_PARTS = new Set(['querystring', 'params']);

function httpPartOf(routeSchema: unknown): unknown {
  return typeof routeSchema === 'object' && routeSchema !== null && 'httpPart' in routeSchema
    ? routeSchema.httpPart
    : undefined;
}

/**
 * The validator of every route. Query strings and path values are text on the wire, so Ajv
 * coerces them to the numbers, booleans and arrays their schemas name (`?limit=20`). A JSON body
 * or a header is validated as sent: `{"name": false}` is a 400, never a workspace named "false",
 * and `null` never becomes 0. No number that is not finite passes either way.
 */
export const buildRequestValidator: BuildCompilerFromPool = (externalSchemas, options) => {
  const coercing = buildFiniteNumberValidator(externalSchemas, options);
  // The app never uses JTD mode, so the options are Ajv's (the only ones with coerceTypes).
  const exact =
    options?.mode === 'JTD'
      ? coercing
      : buildFiniteNumberValidator(externalSchemas, {
          ...options,
          customOptions: { ...options?.customOptions, coerceTypes: false },
        });
  // Fastify passes the route's schema, method, url and part here (the published type says only "schema").
  return (routeSchema, meta) =>
    COERCED_PARTS.has(String(httpPartOf(routeSchema)))
      ? coercing(routeSchema, meta)
      : exact(routeSchema, meta);
};
