import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import { FactorResetSchema, ResetEmailBodySchema, ScheduleResetBodySchema } from './reset-schema.js';
import * as reset from './support-reset.js';

const NoContent = Type.Null({ description: 'No content' });

/**
 * Support's reset of a person's factors (platform support only; everyone else is answered 404,
 * and support themselves need a fresh second factor) and the person's own cancellation.
 */
export const supportResetRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [FactorResetSchema]);
  const { deps } = app;

  app.post(
    '/v1/support/second-factor-resets',
    {
      config: { access: { kind: 'user' }, administrative: 'platform' },
      schema: {
        tags: ['support'],
        summary:
          'Schedule the removal of every second factor of an account after checking who asks (platform support only); the person is emailed and it completes only after the waiting period',
        body: ScheduleResetBodySchema,
        response: { 201: ref(FactorResetSchema), 404: PROBLEM_RESPONSES[404], 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reset.scheduleReset(deps, requireUser(request), request.body)),
  );

  app.get(
    '/v1/support/second-factor-resets',
    {
      config: { access: { kind: 'user' }, administrative: 'platform' },
      schema: {
        tags: ['support'],
        summary: 'The reset scheduled for an account (platform support only)',
        querystring: ResetEmailBodySchema,
        response: { 200: ref(FactorResetSchema), 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => reset.getReset(deps, requireUser(request), request.query.email),
  );

  app.post(
    '/v1/support/second-factor-resets/complete',
    {
      config: { access: { kind: 'user' }, administrative: 'platform' },
      schema: {
        tags: ['support'],
        summary:
          'Complete a scheduled reset once its waiting period is over: every factor of the account is removed and the person emailed (platform support only)',
        body: ResetEmailBodySchema,
        response: { 204: NoContent, 404: PROBLEM_RESPONSES[404], 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request, reply) => {
      await reset.completeReset(deps, requireUser(request), request.body.email);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/v1/me/second-factor/reset',
    {
      config: { access: { kind: 'user' }, administrative: 'second-factor' },
      schema: {
        tags: ['security'],
        summary:
          'Cancel the reset of my second factors that support scheduled (asks for a factor I still hold)',
        response: { 204: NoContent, 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request, reply) => {
      await reset.cancelReset(deps, requireUser(request));
      return reply.status(204).send(null);
    },
  );
};
