import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { toActor } from '../../platform/auth/principal.js';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';
import { PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import {
  CommunicationInputSchema,
  CommunicationListQuerySchema,
  CommunicationPatchSchema,
  CommunicationSchema,
  NoteInputSchema,
} from './schema.js';
import * as service from './service.js';
import { READ, WRITE } from './access.js';

const CommunicationParams = Type.Object({ workspaceId: IdParam, communicationId: IdParam });

const WRITE_ERRORS = {
  400: PROBLEM_RESPONSES[400],
  403: PROBLEM_RESPONSES[403],
  404: PROBLEM_RESPONSES[404],
  409: PROBLEM_RESPONSES[409],
};

/** The communication log: messages between co-parents, sent and received. */
export const communicationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/communications';

  app.get(
    base,
    tenantRoute(READ, {
      tags: ['communications'],
      summary: 'List logged messages, newest first, with filters',
      params: WorkspaceParams,
      querystring: CommunicationListQuerySchema,
      response: {
        200: Type.Object({
          items: Type.Array(ref(CommunicationSchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
      },
    }),
    async (request) => service.listCommunications(deps, requireTenant(request).tenantId, request.query),
  );

  app.post(
    base,
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Log a message (received ones are kept verbatim)',
      params: WorkspaceParams,
      body: CommunicationInputSchema,
      response: { 201: ref(CommunicationSchema), ...WRITE_ERRORS },
    }),
    async (request, reply) => {
      const tenant = requireTenant(request);
      const created = await service.createCommunication(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.body,
      );
      return reply.status(201).send(created);
    },
  );

  app.get(
    `${base}/:communicationId`,
    tenantRoute(READ, {
      tags: ['communications'],
      summary: 'One logged message',
      params: CommunicationParams,
      response: { 200: ref(CommunicationSchema) },
    }),
    async (request) =>
      service.getCommunication(deps, requireTenant(request).tenantId, request.params.communicationId),
  );

  app.patch(
    `${base}/:communicationId`,
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Correct a message (a received one keeps its subject and content; add a note instead)',
      params: CommunicationParams,
      body: CommunicationPatchSchema,
      response: { 200: ref(CommunicationSchema), ...WRITE_ERRORS },
    }),
    async (request) => {
      const tenant = requireTenant(request);
      return service.updateCommunication(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.communicationId,
        request.body,
      );
    },
  );

  app.post(
    `${base}/:communicationId/notes`,
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Add a note beside a message (a correction or remark)',
      params: CommunicationParams,
      body: NoteInputSchema,
      response: { 200: ref(CommunicationSchema), ...WRITE_ERRORS },
    }),
    async (request) => {
      const tenant = requireTenant(request);
      return service.addNote(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.communicationId,
        request.body,
      );
    },
  );

  app.delete(
    `${base}/:communicationId`,
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Delete a logged message',
      params: CommunicationParams,
      response: {
        204: Type.Null(),
        409: PROBLEM_RESPONSES[409],
      },
    }),
    async (request, reply) => {
      const tenant = requireTenant(request);
      await service.deleteCommunication(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.communicationId,
      );
      return reply.status(204).send(null);
    },
  );
};
