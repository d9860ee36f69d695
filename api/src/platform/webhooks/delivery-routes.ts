import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPlatformAdminCheck } from '../auth/platform-admins.js';
import { PROBLEM_RESPONSES, stringEnum } from '../http/schema-ref.js';
import { requireUser } from '../tenancy/tenancy-plugin.js';
import { listDeliveries } from './ledger.js';
import { WEBHOOK_PROVIDERS } from './types.js';
import { CursorQuery } from '../http/params.js';

const DeliverySchema = Type.Object(
  {
    id: Type.String(),
    eventId: Type.Optional(Type.String()),
    type: Type.Optional(Type.String()),
    receivedAt: Type.String({ format: 'date-time' }),
    outcome: Type.String(),
    durationMs: Type.Integer(),
  },
  { $id: 'WebhookDelivery' },
);

/**
 * The webhook delivery logs. Deliveries belong to the platform, not to a workspace (a Clerk or SNS
 * event names no workspace, and a Stripe log would show other workspaces' event ids), so only the
 * platform's operators listed in PLATFORM_ADMIN_EMAILS may read them; anyone else gets 404.
 */
export const deliveryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const { requirePlatformAdmin } = createPlatformAdminCheck(deps.config);
  app.addSchema(DeliverySchema);

  app.get(
    '/v1/admin/webhooks/:provider/deliveries',
    {
      config: { access: { kind: 'user' }, administrative: 'platform' },
      schema: {
        tags: ['webhooks'],
        summary: 'A webhook provider’s delivery log, newest first (platform admins only)',
        params: Type.Object({ provider: stringEnum(WEBHOOK_PROVIDERS) }),
        querystring: Type.Object({
          limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
          cursor: CursorQuery,
        }),
        response: {
          200: Type.Object({
            items: Type.Array(Type.Unsafe<unknown>({ $ref: 'WebhookDelivery#' })),
            nextCursor: Type.Optional(Type.String()),
          }),
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => {
      requirePlatformAdmin(requireUser(request).email);
      const scope = `webhook-log:${request.params.provider}`;
      const startKey = deps.cursors.decode('platform', scope, request.query.cursor);
      const page = await listDeliveries(deps.db, request.params.provider, {
        limit: request.query.limit,
        ...(startKey === undefined ? {} : { startKey }),
      });
      const nextCursor = deps.cursors.encode('platform', scope, page.lastKey);
      return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
    },
  );
};
