import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** OpenAPI 3.1, generated from the route schemas, at /openapi.json, with docs at /docs. */
export const openapiPlugin = fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Holdfast API',
        version: '1.0.0',
        description:
          'Records that have to hold up. Authenticate with a session cookie (browser) or `Authorization: Bearer hf_...` (API key). Errors are RFC 9457 problem+json. POST requests accept `Idempotency-Key`.',
      },
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API key created by a workspace admin (hf_...).',
          },
          sessionCookie: { type: 'apiKey', in: 'cookie', name: 'hf_session' },
        },
      },
      security: [{ apiKey: [] }, { sessionCookie: [] }],
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
});
