import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { toActor } from '../../platform/auth/principal.js';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import {
  ActivityInputSchema,
  ActivityListQuerySchema,
  ActivityPatchSchema,
  ActivitySchema,
} from './activity-schema.js';
import { READ_ACCESS, WRITE_ACCESS, WRITE_ERRORS } from './route-access.js';
import * as service from './activity-service.js';
import { AllocationsSchema, ProgressSchema } from './progress-schema.js';

const ActivityParams = Type.Object({ workspaceId: IdParam, activityId: IdParam });

/** Credentials: CE activities and each license cycle's progress. */
export const activityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [ActivitySchema, ProgressSchema, AllocationsSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/credentials';

  app.get(
    `${base}/activities`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'CE activities, newest entered first',
      params: WorkspaceParams,
      querystring: ActivityListQuerySchema,
      response: {
        200: Type.Object({
          items: Type.Array(ref(ActivitySchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
      },
    }),
    async (request) => service.listActivities(deps, requireTenant(request).tenantId, request.query),
  );

  app.post(
    `${base}/activities`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Log a CE activity',
      params: WorkspaceParams,
      body: ActivityInputSchema,
      response: { 201: ref(ActivitySchema), ...WRITE_ERRORS },
    }),
    async (request, reply) => {
      const tenant = requireTenant(request);
      const activity = await service.createActivity(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.body,
      );
      return reply.status(201).send(activity);
    },
  );

  app.get(
    `${base}/activities/:activityId`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'One CE activity',
      params: ActivityParams,
      response: { 200: ref(ActivitySchema) },
    }),
    async (request) => service.getActivity(deps, requireTenant(request).tenantId, request.params.activityId),
  );

  app.patch(
    `${base}/activities/:activityId`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Correct any fields of a CE activity',
      params: ActivityParams,
      body: ActivityPatchSchema,
      response: { 200: ref(ActivitySchema), ...WRITE_ERRORS },
    }),
    async (request) => {
      const tenant = requireTenant(request);
      return service.updateActivity(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.activityId,
        request.body,
      );
    },
  );

  app.delete(
    `${base}/activities/:activityId`,
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary: 'Delete a CE activity',
      params: ActivityParams,
      response: { 204: Type.Null() },
    }),
    async (request, reply) => {
      const tenant = requireTenant(request);
      await service.deleteActivity(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.activityId,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    `${base}/progress`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'Each license’s current cycle: hours needed, earned and remaining, in total and per topic',
      params: WorkspaceParams,
      response: { 200: ref(ProgressSchema) },
    }),
    async (request) => service.getProgress(deps, requireTenant(request).tenantId),
  );

  app.get(
    `${base}/allocations`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'What each of the 200 most recent CE activities counted for, in words',
      params: WorkspaceParams,
      response: { 200: ref(AllocationsSchema) },
    }),
    async (request) => service.getAllocations(deps, requireTenant(request).tenantId),
  );
};
