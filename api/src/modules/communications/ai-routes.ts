import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import { READ, WRITE } from './access.js';
import { AI_PROBLEMS, withAbortOnClose } from './ai-http.js';
import { getAiUsage, withAiQuota } from './ai-quota.js';
import { AiUsageSchema, RewriteRequestSchema, RewriteSuggestionSchema } from './ai-schema.js';
import { suggestRewrite } from './ai-service.js';

/** AI help with messages: suggestions only, never saved by themselves (P-AI-2). */
export const communicationsAiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [RewriteSuggestionSchema, AiUsageSchema]);
  const { deps } = app;

  app.post(
    '/v1/workspaces/:workspaceId/drafts/rewrite',
    {
      config: WRITE,
      schema: {
        tags: ['communications'],
        summary: 'Suggest a calm (BIFF) rewrite of a draft reply; nothing is saved or sent',
        params: WorkspaceParams,
        body: RewriteRequestSchema,
        response: {
          200: ref(RewriteSuggestionSchema),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          ...AI_PROBLEMS,
        },
      },
    },
    async (request, reply) => {
      const { tenantId } = requireTenant(request);
      return withAbortOnClose(reply, (signal) =>
        withAiQuota(deps, tenantId, () => suggestRewrite(deps, request.body.draft, signal)),
      );
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/ai/usage',
    {
      config: READ,
      schema: {
        tags: ['communications'],
        summary: 'AI actions used this month against the plan, and whether AI is configured',
        params: WorkspaceParams,
        response: { 200: ref(AiUsageSchema), 400: PROBLEM_RESPONSES[400], 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => getAiUsage(deps, requireTenant(request).tenantId),
  );
};
