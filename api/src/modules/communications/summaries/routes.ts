import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { toActor } from '../../../platform/auth/principal.js';
import { IdParam, WorkspaceParams } from '../../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../../platform/http/schema-ref.js';
import { requireTenant } from '../../../platform/tenancy/tenancy-plugin.js';
import { AI_PROBLEMS, withAbortOnClose } from '../ai-http.js';
import {
  SummaryInputSchema,
  SummaryListQuerySchema,
  SummaryRangeSchema,
  SummarySchema,
  SummarySuggestionSchema,
} from './schema.js';
import * as service from './service.js';
import { SUMMARY_READ as READ, WRITE } from '../access.js';

const SummaryParams = Type.Object({ workspaceId: IdParam, summaryId: IdParam });

/** AI-assisted summaries of a period: suggested with citations, reviewed and saved by a person. */
export const summaryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [SummarySuggestionSchema, SummarySchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/summaries';

  app.post(
    `${base}/suggest`,
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Suggest a neutral summary of a period, each sentence citing its records; nothing is saved',
      params: WorkspaceParams,
      body: SummaryRangeSchema,
      response: {
        200: ref(SummarySuggestionSchema),
        ...AI_PROBLEMS,
      },
    }),
    async (request, reply) => {
      const { tenantId } = requireTenant(request);
      return withAbortOnClose(reply, (signal) =>
        service.suggestSummary(deps, tenantId, request.body, signal),
      );
    },
  );

  app.get(
    base,
    tenantRoute(READ, {
      tags: ['communications'],
      summary: 'List saved summaries, newest first',
      params: WorkspaceParams,
      querystring: SummaryListQuerySchema,
      response: {
        200: Type.Object({
          items: Type.Array(ref(SummarySchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
      },
    }),
    async (request) => service.listSummaries(deps, requireTenant(request).tenantId, request.query),
  );

  app.post(
    base,
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Save a summary you reviewed (marked AI-assisted, reviewed by you)',
      params: WorkspaceParams,
      body: SummaryInputSchema,
      response: {
        201: ref(SummarySchema),
        409: PROBLEM_RESPONSES[409],
      },
    }),
    async (request, reply) => {
      const tenant = requireTenant(request);
      const saved = await service.saveSummary(deps, tenant.tenantId, toActor(tenant.principal), request.body);
      return reply.status(201).send(saved);
    },
  );

  app.get(
    `${base}/:summaryId`,
    tenantRoute(READ, {
      tags: ['communications'],
      summary: 'One saved summary',
      params: SummaryParams,
      response: { 200: ref(SummarySchema) },
    }),
    async (request) => service.getSummary(deps, requireTenant(request).tenantId, request.params.summaryId),
  );

  app.delete(
    `${base}/:summaryId`,
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Delete a saved summary',
      params: SummaryParams,
      response: {
        204: Type.Null(),
        409: PROBLEM_RESPONSES[409],
      },
    }),
    async (request, reply) => {
      const tenant = requireTenant(request);
      await service.deleteSummary(deps, tenant.tenantId, toActor(tenant.principal), request.params.summaryId);
      return reply.status(204).send(null);
    },
  );
};
