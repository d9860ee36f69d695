import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPlatformAdminCheck } from '../../platform/auth/platform-admins.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import { UsageEventSchema, UsageReportSchema } from './schema.js';
import * as service from './service.js';

/** Usage: aggregate page views and sign-up steps, counted without naming anyone, read by operators. */
export const usageRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [UsageReportSchema]);
  const { deps } = app;
  const { requirePlatformAdmin } = createPlatformAdminCheck(deps.config);

  app.post(
    '/v1/usage',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['privacy'],
        summary: 'Count a page view or sign-up step (aggregate only)',
        description:
          'Adds one to a daily total; stores nothing about who or what device. With `Sec-GPC: 1` nothing is counted.',
        body: UsageEventSchema,
        response: { 204: Type.Null(), 400: PROBLEM_RESPONSES[400], 429: PROBLEM_RESPONSES[429] },
      },
    },
    async (request, reply) => {
      await service.countUsage(deps, request.body, request.headers['sec-gpc'] === '1');
      return reply.status(204).header('cache-control', 'no-store').send(null);
    },
  );

  app.get(
    '/v1/admin/usage',
    {
      config: { access: { kind: 'user' }, administrative: 'platform' },
      schema: {
        tags: ['privacy'],
        summary: 'Aggregate page views and sign-up steps per day (platform admins only)',
        querystring: Type.Object(
          { days: Type.Integer({ minimum: 1, maximum: 90, default: 30 }) },
          { additionalProperties: false },
        ),
        response: {
          200: ref(UsageReportSchema),
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => {
      requirePlatformAdmin(requireUser(request).email);
      return service.readUsage(deps, request.query.days);
    },
  );
};
