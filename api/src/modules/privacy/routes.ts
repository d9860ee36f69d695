import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { addSchemas, ref } from '../../platform/http/schema-ref.js';
import { PolicyStatusSchema, PolicyVersionSchema, PrivacyInventorySchema } from './schema.js';
import * as service from './service.js';

/** Privacy: the data inventory and policy. */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [PolicyVersionSchema, PolicyStatusSchema, PrivacyInventorySchema]);
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

  app.get(
    '/v1/privacy/policy',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['privacy'],
        summary: 'The privacy policy version in effect and the next announced one (for an in-app notice)',
        response: { 200: ref(PolicyStatusSchema) },
      },
    },
    async () => service.getPolicyStatus(deps.now()),
  );
};
