import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addSchemas, ref } from '../../platform/http/schema-ref.js';
import { PolicyVersionSchema, PrivacyInventorySchema } from './schema.js';
import * as service from './service.js';

/** Privacy: the data inventory and policy. */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [PolicyVersionSchema, PrivacyInventorySchema]);
  const { deps } = app;

  app.get(
    '/v1/privacy/inventory',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['privacy'],
        summary: 'The privacy policy version, what data is kept and why, and the subprocessors',
        response: { 200: ref(PrivacyInventorySchema) },
      },
    },
    async () => service.getPrivacyInventory(deps.now()),
  );
};
