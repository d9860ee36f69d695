import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toActor } from '../../platform/auth/principal.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import {
  IncidentInputSchema,
  IncidentListQuerySchema,
  IncidentPatchSchema,
  IncidentSchema,
  TimelineQuerySchema,
  TimelineSchema,
} from './schema.js';
import * as service from './service.js';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';

const IncidentParams = Type.Object({
  workspaceId: IdParam,
  incidentId: IdParam,
});

/** Journal: incidents and the timeline. */
export const journalRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [IncidentSchema, TimelineSchema]);
  const { deps } = app;

  app.get(
    '/v1/workspaces/:workspaceId/incidents',
    {
      config: {
        access: { kind: 'tenant', permission: 'incidents:read' },
        entitlement: { module: 'journal' },
      },
      schema: {
        tags: ['incidents'],
        summary: 'List incidents, newest first, with filters',
        params: WorkspaceParams,
        querystring: IncidentListQuerySchema,
        response: {
          200: Type.Object({
            items: Type.Array(ref(IncidentSchema)),
            nextCursor: Type.Optional(Type.String()),
          }),
          400: PROBLEM_RESPONSES[400],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => service.listIncidents(deps, requireTenant(request).tenantId, request.query),
  );

  app.post(
    '/v1/workspaces/:workspaceId/incidents',
    {
      config: {
        access: { kind: 'tenant', permission: 'incidents:write' },
        entitlement: { module: 'journal' },
      },
      schema: {
        tags: ['incidents'],
        summary: 'Record an incident',
        params: WorkspaceParams,
        body: IncidentInputSchema,
        response: {
          201: ref(IncidentSchema),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request, reply) => {
      const tenant = requireTenant(request);
      return reply
        .status(201)
        .send(await service.createIncident(deps, tenant.tenantId, toActor(tenant.principal), request.body));
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/incidents/:incidentId',
    {
      config: {
        access: { kind: 'tenant', permission: 'incidents:read' },
        entitlement: { module: 'journal' },
      },
      schema: {
        tags: ['incidents'],
        summary: 'One incident (also when deleted)',
        params: IncidentParams,
        response: { 200: ref(IncidentSchema), 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => service.getIncident(deps, requireTenant(request).tenantId, request.params.incidentId),
  );

  app.patch(
    '/v1/workspaces/:workspaceId/incidents/:incidentId',
    {
      config: {
        access: { kind: 'tenant', permission: 'incidents:write' },
        entitlement: { module: 'journal' },
      },
      schema: {
        tags: ['incidents'],
        summary: 'Correct any fields of an incident',
        params: IncidentParams,
        body: IncidentPatchSchema,
        response: {
          200: ref(IncidentSchema),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request) => {
      const tenant = requireTenant(request);
      return service.updateIncident(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.incidentId,
        request.body,
      );
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/incidents/:incidentId',
    {
      config: {
        access: { kind: 'tenant', permission: 'incidents:write' },
        entitlement: { module: 'journal' },
      },
      schema: {
        tags: ['incidents'],
        summary: 'Delete an incident (restorable)',
        params: IncidentParams,
        response: {
          204: Type.Null(),
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request, reply) => {
      const tenant = requireTenant(request);
      await service.deleteIncident(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.incidentId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/workspaces/:workspaceId/incidents/:incidentId/restore',
    {
      config: {
        access: { kind: 'tenant', permission: 'incidents:write' },
        entitlement: { module: 'journal' },
      },
      schema: {
        tags: ['incidents'],
        summary: 'Restore a deleted incident',
        params: IncidentParams,
        response: {
          200: ref(IncidentSchema),
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request) => {
      const tenant = requireTenant(request);
      return service.restoreIncident(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.incidentId,
      );
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/timeline',
    {
      config: {
        access: { kind: 'tenant', permission: 'incidents:read' },
        entitlement: { module: 'journal' },
      },
      schema: {
        tags: ['incidents'],
        summary: 'Incidents grouped by the day they happened',
        params: WorkspaceParams,
        querystring: TimelineQuerySchema,
        response: { 200: ref(TimelineSchema), 400: PROBLEM_RESPONSES[400], 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => service.getTimeline(deps, requireTenant(request).tenantId, request.query),
  );
};
