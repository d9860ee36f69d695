import cors from '@fastify/cors';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import { AppError } from '../errors.js';
import type { RateLimits } from '../rate-limit/rate-limits.js';
import { computeHelmetHeaders } from './static-headers.js';

/**
 * Headers (answers are not cached unless a route says so), CORS and the per-IP rate limit (and
 * the routes' own limits), held across instances. CORS allows only the SPA's origin, with credentials,
 * so no other site can read responses or send the CSRF header.
 */
export const securityPlugin = fp(
  async (app: FastifyInstance, options: { config: Config; rateLimits: RateLimits }) => {
    const { config } = options;
    // Helmet's headers, computed once; set first thing, so a route can still replace one (the vault's CSP).
    const securityHeaders = await computeHelmetHeaders({
      contentSecurityPolicy: { directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
      crossOriginResourcePolicy: { policy: 'same-site' },
    });
    app.addHook('onRequest', (_request, reply, done) => {
      reply.headers(securityHeaders);
      done();
    });
    await app.register(cors, {
      origin: [new URL(config.WEB_ORIGIN).origin],
      credentials: true,
      methods: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
      allowedHeaders: ['content-type', 'authorization', 'idempotency-key', 'x-holdfast-csrf'],
      exposedHeaders: ['retry-after', 'idempotent-replayed', 'x-request-id'],
      maxAge: 600,
    });
    await app.register(rateLimit, {
      global: true,
      max: config.RATE_LIMIT_PER_IP_PER_MINUTE,
      timeWindow: '1 minute',
      // Counted in memory, shared across instances through DynamoDB in the background.
      store: options.rateLimits.fastifyStore('ip'),
      errorResponseBuilder: (_request, context) =>
        new AppError('rate_limited', `Too many requests. Retry after ${context.after}.`),
    });
    app.addHook('onSend', async (request, reply, payload) => {
      reply.header('x-request-id', request.id);
      // Answers carry people's records (wellbeing among them): no browser or proxy may keep a copy
      // unless a route says otherwise.
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      return payload;
    });
  },
);
