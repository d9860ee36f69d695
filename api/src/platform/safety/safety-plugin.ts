import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import type { ItemCache } from '../db/item-cache.js';
import {
  dropWithheldLocations,
  hasLocationFields,
  isSafetyModeOn,
  withholdLocations,
  type SchemaResolver,
} from './safety-mode.js';

/** The response schema a route declares for a status code, if any. */
function responseSchema(request: FastifyRequest, status: number): unknown {
  const response = (request.routeOptions.schema as { response?: Record<string, unknown> } | undefined)
    ?.response;
  return response?.[String(status)];
}

/**
 * Withholds the fields the response schema marks as locations from every answer of a workspace in
 * safety mode to anyone but an owner: other members, professionals and API keys (P-SAFE-1). It
 * works from the declared schemas, so a new route or module is covered without knowing of it; the
 * workspace's setting is read only for answers that have such a field.
 */
export const safetyPlugin = fp(async (app: FastifyInstance, options: { db: Db; cache?: ItemCache }) => {
  const hasLocations = new Map<string, boolean>();

  // A change that sends the placeholder back (an edit form filled from a withheld answer) keeps the
  // stored location: the field is dropped before the handler sees it.
  app.addHook('preHandler', async (request) => {
    const body: unknown = request.body;
    if (request.tenant === null || typeof body !== 'object' || body === null || Array.isArray(body)) return;
    const schema = request.routeOptions.schema?.body;
    if (schema === undefined) return;
    const resolver: SchemaResolver = (id) => request.server.getSchema(id);
    // Whether a body can carry a location is a property of the route: worked out once per route, so
    // the many bodies without one cost a map lookup on the hot path.
    const key = `${request.method} ${request.routeOptions.url ?? ''} body`;
    let found = hasLocations.get(key);
    if (found === undefined) {
      found = hasLocationFields(schema, resolver);
      hasLocations.set(key, found);
    }
    if (!found) return;
    request.body = dropWithheldLocations(schema, body as Record<string, unknown>, resolver);
  });

  app.addHook('preSerialization', async (request, reply, payload) => {
    const tenant = request.tenant;
    if (tenant === null || tenant.role === 'owner') return payload;
    const schema = responseSchema(request, reply.statusCode);
    // Shared schemas may be registered inside the route's own plugin: resolve them from there.
    const resolver: SchemaResolver = (id) => request.server.getSchema(id);
    const key = `${request.method} ${request.routeOptions.url ?? ''} ${reply.statusCode}`;
    let found = hasLocations.get(key);
    if (found === undefined) {
      found = hasLocationFields(schema, resolver);
      hasLocations.set(key, found);
    }
    if (!found || !(await isSafetyModeOn(options.db, tenant.tenantId, options.cache))) return payload;
    return withholdLocations(schema, payload, resolver);
  });
});
