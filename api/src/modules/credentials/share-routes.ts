import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { toActor } from '../../platform/auth/principal.js';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import { READ_ACCESS, WRITE_ACCESS, WRITE_ERRORS } from './route-access.js';
import * as service from './share-service.js';
import { CreatedShareSchema, ShareInputSchema, ShareSchema, ShareViewSchema } from './share-schema.js';

const ShareParams = Type.Object({ workspaceId: IdParam, shareId: IdParam });

/** The holder's side of verification links: create, list, revoke, and see who opened them when. */
export const shareRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [ShareSchema, ShareViewSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/credentials/shares';

  app.post(
    base,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Create a verification link to chosen licenses, activities and documents',
      description: 'The answer carries the link’s token once; only its SHA-256 is kept.',
      params: WorkspaceParams,
      body: ShareInputSchema,
      response: { 201: CreatedShareSchema, ...WRITE_ERRORS },
    }),
    async (request, reply) => {
      const tenant = requireTenant(request);
      const created = await service.createShare(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    base,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'Every verification link of the workspace, newest first, with its status and views',
      params: WorkspaceParams,
      response: {
        200: Type.Object({ items: Type.Array(ref(ShareSchema)) }),
      },
    }),
    async (request) => ({ items: await service.listShares(deps, requireTenant(request).tenantId) }),
  );

  app.get(
    `${base}/:shareId/views`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'When a verification link was opened (newest first, at most 100)',
      params: ShareParams,
      response: {
        200: Type.Object({ items: Type.Array(ref(ShareViewSchema)) }),
      },
    }),
    async (request) => ({
      items: await service.listShareViews(deps, requireTenant(request).tenantId, request.params.shareId),
    }),
  );

  app.post(
    `${base}/:shareId/revoke`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Revoke a verification link at once (its view log stays)',
      params: ShareParams,
      response: { 200: ref(ShareSchema) },
    }),
    async (request) => {
      const tenant = requireTenant(request);
      return service.revokeShare(deps, tenant.tenantId, toActor(tenant.principal), request.params.shareId);
    },
  );
};
