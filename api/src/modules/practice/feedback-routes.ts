import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParam } from '../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { AI_PROBLEMS, withAbortOnClose } from '../communications/ai-http.js';
import { PRACTICE_CONFIG, toCaller } from './caller.js';
import { FeedbackRequestSchema, WrittenFeedbackSchema } from './feedback-schema.js';
import { getWrittenFeedback } from './feedback-service.js';

const AttemptParams = Type.Object({ workspaceId: IdParam, attemptId: IdParam });

/** AI feedback on written answers: feedback only, never a score, never saved (P-AI-2). */
export const feedbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [WrittenFeedbackSchema]);
  const { deps } = app;

  app.post(
    '/v1/workspaces/:workspaceId/practice/attempts/:attemptId/feedback',
    tenantRoute(PRACTICE_CONFIG, {
      tags: ['practice'],
      summary:
        'AI feedback on a written answer, per rubric criterion; sends only the prompt, rubric and answer, sets no score, saves nothing',
      params: AttemptParams,
      body: FeedbackRequestSchema,
      response: {
        200: ref(WrittenFeedbackSchema),
        400: PROBLEM_RESPONSES[400],
        403: PROBLEM_RESPONSES[403],
        404: PROBLEM_RESPONSES[404],
        ...AI_PROBLEMS,
      },
    }),
    async (request, reply) => {
      const caller = toCaller(request);
      return withAbortOnClose(reply, (signal) =>
        getWrittenFeedback(deps, caller, request.params.attemptId, request.body.text, signal),
      );
    },
  );
};
