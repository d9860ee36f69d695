import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CursorQuery, limitQuery, WorkspaceParams } from '../../platform/http/params.js';
import { PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant, requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import { listProfessionalReads, listSharedWithMe } from './professionals.js';
import { ProfessionalGrantSchema } from './schema.js';

const SharedWithMeSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        workspaceId: Type.String(),
        workspaceName: Type.String(),
        sharedBy: Type.Object({ userId: Type.String(), displayName: Type.String() }),
        grant: ref(ProfessionalGrantSchema),
      }),
    ),
  },
  { $id: 'SharedWithMe' },
);

const ProfessionalReadsSchema = Type.Object(
  {
    items: Type.Array(
      Type.Object({
        at: Type.String({ format: 'date-time' }),
        actor: Type.Object({ type: Type.String(), id: Type.String(), label: Type.String() }),
        target: Type.Object({ type: Type.String(), id: Type.String() }),
      }),
    ),
    nextCursor: Type.Optional(Type.String()),
  },
  { $id: 'ProfessionalReads' },
);

/**
 * A professional's list of what people shared with them, and the sharer's log of every read a
 * professional made. Inviting uses the invite route (role professional); revoking removes the member.
 */
export const professionalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/v1/shared-with-me',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Workspaces shared with you as a professional, with what and until when',
        response: { 200: SharedWithMeSchema, 401: PROBLEM_RESPONSES[401] },
      },
    },
    async (request) => ({ items: await listSharedWithMe(deps, requireUser(request).userId) }),
  );

  app.get(
    '/v1/workspaces/:workspaceId/professional-reads',
    {
      // Every member may see what professionals read of what they themselves shared.
      config: { access: { kind: 'tenant', permission: 'workspace:read', allowApiKey: false } },
      schema: {
        tags: ['members'],
        summary: 'What the professionals you invited read, who and when, newest first',
        params: WorkspaceParams,
        querystring: Type.Object(
          { cursor: CursorQuery, limit: limitQuery(50) },
          { additionalProperties: false },
        ),
        response: { 200: ProfessionalReadsSchema, 400: PROBLEM_RESPONSES[400], 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => {
      const tenant = requireTenant(request);
      const ownerId = tenant.principal.type === 'user' ? tenant.principal.userId : '';
      return listProfessionalReads(deps, tenant.tenantId, ownerId, request.query);
    },
  );
};
