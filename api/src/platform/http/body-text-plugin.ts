import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { requireNonBlankText } from './non-blank-text.js';

/**
 * Gives every route's body schema the non-blank rule for required text (see non-blank-text.ts)
 * as the route is added, so validation and the published document both carry it without each
 * module writing it.
 */
export const bodyTextPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRoute', (route) => {
    if (route.schema?.body !== undefined) route.schema.body = requireNonBlankText(route.schema.body);
  });
});
