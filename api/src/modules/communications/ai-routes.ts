import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import { READ, WRITE } from './access.js';
import { AI_PROBLEMS, withAbortOnClose } from './ai-http.js';
import { getAiUsage, withAiQuota } from './ai-quota.js';
import { AiUsageSchema, RewriteRequestSchema, RewriteSuggestionSchema } from './ai-schema.js';
import { suggestRewrite } from './ai-service.js';
import { rewriteStreamRoutes } from './rewrite-stream-route.js';

/** AI help with messages: suggestions only, never saved by themselves (P-AI-2). */
export const communicationsAiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [RewriteSuggestionSchema, AiUsageSchema]);
  const { deps } = app;
  await app.register(rewriteStreamRoutes);

  app.post(
    '/v1/workspaces/:workspaceId/drafts/rewrite',
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Suggest a calm (BIFF) rewrite of a draft reply; nothing is saved or sent',
      params: WorkspaceParams,
      body: RewriteRequestSchema,
      response: {
        200: ref(RewriteSuggestionSchema),
        ...AI_PROBLEMS,
      },
    }),
    async (request, reply) => {
      const { tenantId } = requireTenant(request);
      return withAbortOnClose(reply, (signal) =>
        withAiQuota(deps, tenantId, () => suggestRewrite(deps, request.body.draft, signal)),
      );
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/ai/usage',
    tenantRoute(READ, {
      tags: ['communications'],
      summary: 'AI actions used this month against the plan, and whether AI is configured',
      params: WorkspaceParams,
      response: { 200: ref(AiUsageSchema) },
    }),
    async (request) => getAiUsage(deps, requireTenant(request).tenantId),
  );
};
