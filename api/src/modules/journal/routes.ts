import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { callerHolds } from '../../platform/tenancy/caller-permissions.js';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
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
import type { TimelineSources } from './service.js';

const IncidentParams = Type.Object({
  workspaceId: IdParam,
  incidentId: IdParam,
});

const READ = { permission: 'incidents:read', module: 'journal' } as const;
const WRITE = { permission: 'incidents:write', module: 'journal' } as const;

/** Journal: incidents and the timeline (which also shows messages, read through `sources`). */
export const journalRoutes: FastifyPluginAsyncTypebox<TimelineSources> = async (app, sources) => {
  addSchemas(app, [IncidentSchema, TimelineSchema]);
  const { deps } = app;

  app.get(
    '/v1/workspaces/:workspaceId/incidents',
    tenantRoute(READ, {
      tags: ['incidents'],
      summary: 'List incidents, newest first, with filters',
      params: WorkspaceParams,
      querystring: IncidentListQuerySchema,
      response: {
        200: Type.Object({
          items: Type.Array(ref(IncidentSchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
      },
    }),
    async (request) => service.listIncidents(deps, tenantCaller(request).tenantId, request.query),
  );

  app.post(
    '/v1/workspaces/:workspaceId/incidents',
    tenantRoute(WRITE, {
      tags: ['incidents'],
      summary: 'Record an incident',
      params: WorkspaceParams,
      body: IncidentInputSchema,
      response: { 201: ref(IncidentSchema) },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await service.createIncident(deps, tenantId, actor, request.body));
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/incidents/:incidentId',
    tenantRoute(READ, {
      tags: ['incidents'],
      summary: 'One incident (also when deleted)',
      params: IncidentParams,
      response: { 200: ref(IncidentSchema) },
    }),
    async (request) => service.getIncident(deps, tenantCaller(request).tenantId, request.params.incidentId),
  );

  app.patch(
    '/v1/workspaces/:workspaceId/incidents/:incidentId',
    tenantRoute(WRITE, {
      tags: ['incidents'],
      summary: 'Correct any fields of an incident',
      params: IncidentParams,
      body: IncidentPatchSchema,
      response: { 200: ref(IncidentSchema), 409: PROBLEM_RESPONSES[409] },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return service.updateIncident(deps, tenantId, actor, request.params.incidentId, request.body);
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/incidents/:incidentId',
    tenantRoute(WRITE, {
      tags: ['incidents'],
      summary: 'Delete an incident (restorable)',
      params: IncidentParams,
      response: { 204: Type.Null(), 409: PROBLEM_RESPONSES[409] },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      await service.deleteIncident(deps, tenantId, actor, request.params.incidentId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/workspaces/:workspaceId/incidents/:incidentId/restore',
    tenantRoute(WRITE, {
      tags: ['incidents'],
      summary: 'Restore a deleted incident',
      params: IncidentParams,
      response: { 200: ref(IncidentSchema) },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return service.restoreIncident(deps, tenantId, actor, request.params.incidentId);
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/timeline',
    tenantRoute(READ, {
      tags: ['incidents'],
      summary: 'Incidents and messages grouped by the day they happened',
      description:
        'Messages are included only for callers who may read them (`communications:read`); `kind` shows one of the two.',
      params: WorkspaceParams,
      querystring: TimelineQuerySchema,
      response: { 200: ref(TimelineSchema) },
    }),
    async (request) => {
      const tenant = requireTenant(request);
      const mayReadMessages = callerHolds(tenant, 'communications:read');
      return service.getTimeline(deps, tenant.tenantId, request.query, mayReadMessages ? sources : undefined);
    },
  );
};
