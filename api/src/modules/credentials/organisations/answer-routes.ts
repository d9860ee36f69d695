import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { IdParam, WorkspaceParams } from '../../../platform/http/params.js';
import { addSchemas, ref } from '../../../platform/http/schema-ref.js';
import { AppError } from '../../../platform/errors.js';
import { requireTenant } from '../../../platform/tenancy/tenancy-plugin.js';
import { tenantCaller, tenantRoute } from '../../../platform/tenancy/tenant-route.js';
import { READ_ACCESS, WRITE_ACCESS, WRITE_ERRORS } from '../route-access.js';
import * as service from './answer-service.js';
import { OrgShareInputSchema, OrgShareSchema, ReceivedRequestSchema } from './schema.js';

const ReceivedParams = Type.Object({ workspaceId: IdParam, receivedId: IdParam });

/** The address requests are filed under: the signed-in person's own (these routes take no API key). */
function callerEmail(request: FastifyRequest): string {
  const { principal } = requireTenant(request);
  if (principal.type !== 'user') throw new AppError('not_found');
  return principal.email;
}

/** The person's side: requests from organisations, answered by sharing into them, and withdrawn. */
export const answerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [OrgShareSchema, ReceivedRequestSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/credentials/received-requests';

  app.get(
    base,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'Requests from organisations: those waiting for your address, then what this workspace shared',
      params: WorkspaceParams,
      response: { 200: Type.Object({ items: Type.Array(ref(ReceivedRequestSchema)) }) },
    }),
    async (request) => ({
      items: await service.listReceived(deps, tenantCaller(request).tenantId, callerEmail(request)),
    }),
  );

  app.post(
    `${base}/:receivedId/share`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Answer a request by sharing chosen licenses, activities and documents into the organisation',
      description: 'The share stays yours: withdraw it at any time and the organisation reads nothing more.',
      params: ReceivedParams,
      body: OrgShareInputSchema,
      response: { 201: ref(ReceivedRequestSchema), ...WRITE_ERRORS },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      const answered = await service.shareIntoOrganisation(
        deps,
        tenantId,
        actor,
        callerEmail(request),
        request.params.receivedId,
        request.body,
      );
      return reply.status(201).send(answered);
    },
  );

  app.post(
    `${base}/:receivedId/withdraw`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Withdraw what you shared: the organisation’s access ends at once',
      params: ReceivedParams,
      response: { 200: ref(OrgShareSchema) },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return service.withdrawShare(deps, tenantId, actor, request.params.receivedId);
    },
  );
};
