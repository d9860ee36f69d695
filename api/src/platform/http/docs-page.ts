import swagger, { type StaticDocumentSpec } from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { loadOnFirstUse } from '../load-on-first-use.js';

/** Where the docs page is served. */
export const DOCS_PREFIX = '/docs';

/** Headers of the inner answer that belong to that connection, not to the page. */
const HOP_HEADERS = new Set(['content-length', 'connection', 'keep-alive', 'date', 'transfer-encoding']);

/**
 * Builds the docs page as a small app of its own: Swagger UI (with @fastify/static and its files)
 * over the API's document, handed to @fastify/swagger in static mode (the API's own instance of
 * @fastify/swagger builds the document from the routes; this one only serves it).
 */
async function buildDocsApp(document: StaticDocumentSpec['document']): Promise<FastifyInstance> {
  const { default: swaggerUi } = await import('@fastify/swagger-ui');
  const docs = Fastify({ logger: false });
  await docs.register(swagger, {
    mode: 'static',
    specification: { document },
  });
  await docs.register(swaggerUi, { routePrefix: DOCS_PREFIX, staticCSP: true });
  await docs.ready();
  return docs;
}

/**
 * The API docs page (`/docs`). Swagger UI and the static file server it brings are a fifth of
 * the code a cold start would parse, for a page integrators open now and then, so they load on
 * the first visit: the page is its own app, built then, and every `/docs` request is answered
 * by it. The API's own hooks (security headers, compression, rate limits, logs) still run around
 * each answer; the page's own headers (its content security policy, caching) win.
 */
export function registerDocsPage(app: FastifyInstance): void {
  // The document the API serves at /openapi.json (OpenAPI 3.1, which the spec type does not name).
  const loadDocs = loadOnFirstUse(() => buildDocsApp(app.swagger() as StaticDocumentSpec['document']));
  app.addHook('onClose', async () => {
    const docs = await loadDocs.ifLoaded();
    await docs?.close();
  });
  const answer = async (request: FastifyRequest, reply: FastifyReply) => {
    const docs = await loadDocs();
    const inner = await docs.inject({
      method: request.method === 'HEAD' ? 'HEAD' : 'GET',
      url: request.url,
      headers: request.headers,
    });
    // Anything the page does not have is the API's 404 (problem+json), as for any unknown path.
    if (inner.statusCode === 404) throw new AppError('not_found');
    for (const [name, value] of Object.entries(inner.headers)) {
      if (value !== undefined && !HOP_HEADERS.has(name)) reply.header(name, value);
    }
    return reply.code(inner.statusCode).send(inner.rawPayload);
  };
  app.get(DOCS_PREFIX, { schema: { hide: true } }, answer);
  app.get(`${DOCS_PREFIX}/*`, { schema: { hide: true } }, answer);
}
