import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, ref } from '../../platform/http/schema-ref.js';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { withAbortOnClose } from '../communications/ai-http.js';
import { RoleGuideRequestSchema, RoleGuideSchema } from './schema.js';
import { buildRoleGuide } from './service.js';

/**
 * Every member's role holds library:read and no professional's grant does: the guide is for the
 * people keeping the records. No plan module: the reviewed guide is information every plan gets;
 * only its optional AI paragraph counts against the plan's AI actions.
 */
const GUIDE = { permission: 'library:read' } as const;

/** Role guide: which professionals to consider, from a short questionnaire; computed, never stored. */
export const roleGuideRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [RoleGuideSchema]);
  const { deps } = app;

  app.post(
    '/v1/workspaces/:workspaceId/role-guide',
    tenantRoute(GUIDE, {
      tags: ['role-guide'],
      summary:
        'Which professionals to consider, from your answers; information, not legal advice; nothing is saved',
      params: WorkspaceParams,
      body: RoleGuideRequestSchema,
      response: { 200: ref(RoleGuideSchema) },
    }),
    async (request, reply) => {
      const { tenantId } = tenantCaller(request);
      return withAbortOnClose(reply, (signal) => buildRoleGuide(deps, tenantId, request.body, signal));
    },
  );
};
