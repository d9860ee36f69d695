import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { registerDocsPage } from './docs-page.js';
import { INTEGRATOR_GUIDE } from './integrator-guide.js';
import { describeRoute, finishDocument } from './openapi-contract.js';

/** OpenAPI 3.1, generated from the route schemas, at /openapi.json, with docs at /docs. */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Holdfast API',
        version: '1.0.0',
        summary: 'Records that have to hold up: incident logs, credentials, files and wellbeing records.',
        description: INTEGRATOR_GUIDE,
        contact: {
          name: 'Holdfast support',
          email: 'support@holdfast.app',
          url: 'https://holdfast.app/support',
        },
        license: { name: 'Proprietary', url: 'https://holdfast.app/terms' },
      },
      // Relative, so the document is true wherever it is served (each deployment serves its own).
      servers: [{ url: '/', description: 'The deployment serving this document' }],
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key created by a workspace admin (hf_...).',
          },
          sessionCookie: {
            type: 'apiKey',
            in: 'cookie',
            name: 'hf_session',
            description: 'The browser session; changes also need the X-Holdfast-CSRF header.',
          },
        },
      },
      security: [{ apiKey: [] }, { sessionCookie: [] }],
    },
    transform: describeRoute,
    transformObject: (documentObject) =>
      'openapiObject' in documentObject
        ? finishDocument({ ...documentObject.openapiObject })
        : documentObject.swaggerObject,
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  registerDocsPage(app);
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
