import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { RewriteRequestSchema, RewriteSuggestionSchema } from './ai-schema.js';
import { suggestRewrite } from './ai-service.js';

const AI_PROBLEM = (description: string) => Type.Unsafe<unknown>({ $ref: 'Problem#', description });

/** AI help with messages: suggestions only, never saved by themselves (P-AI-2). */
export const communicationsAiRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [RewriteSuggestionSchema]);
  const { deps } = app;

  app.post(
    '/v1/workspaces/:workspaceId/drafts/rewrite',
    {
      config: {
        access: { kind: 'tenant', permission: 'incidents:write' },
        entitlement: { module: 'journal' },
      },
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
          502: AI_PROBLEM('The AI provider gave no usable answer (ai_bad_output)'),
          503: AI_PROBLEM(
            'AI is not configured (ai_not_configured) or the provider is unavailable (ai_unavailable)',
          ),
        },
      },
    },
    async (request, reply) => {
      // The person leaving (the connection closing before the answer is written) stops the provider call.
      const controller = new AbortController();
      const onClose = () => {
        if (!reply.raw.writableFinished) controller.abort();
      };
      reply.raw.once('close', onClose);
      try {
        return await suggestRewrite(deps, request.body.draft, controller.signal);
      } finally {
        reply.raw.off('close', onClose);
      }
    },
  );
};
