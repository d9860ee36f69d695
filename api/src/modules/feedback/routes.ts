import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import {
  FeedbackInputSchema,
  FeedbackListQuerySchema,
  FeedbackPatchSchema,
  FeedbackSchema,
} from './schema.js';
import * as service from './service.js';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';

const FeedbackParams = Type.Object({
  workspaceId: IdParam,
  feedbackId: IdParam,
});

const FEEDBACK_PAGE_RESPONSES = {
  200: Type.Object({ items: Type.Array(ref(FeedbackSchema)), nextCursor: Type.Optional(Type.String()) }),
  400: PROBLEM_RESPONSES[400],
  404: PROBLEM_RESPONSES[404],
};

/** Feedback: what members send about the app, with an optional screenshot, and its handling. */
export const feedbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [FeedbackSchema]);
  const { deps } = app;

  app.post(
    '/v1/workspaces/:workspaceId/feedback',
    tenantRoute(
      { permission: 'feedback:send', allowApiKey: false },
      {
        tags: ['feedback'],
        summary: 'Send feedback about the app, with an optional screenshot',
        params: WorkspaceParams,
        body: FeedbackInputSchema,
        response: { 201: ref(FeedbackSchema) },
      },
    ),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await service.submitFeedback(deps, tenantId, actor, request.body));
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/feedback',
    tenantRoute(
      { permission: 'feedback:manage', allowApiKey: false },
      {
        tags: ['feedback'],
        summary: 'Feedback sent in this workspace, newest first',
        params: WorkspaceParams,
        querystring: FeedbackListQuerySchema,
        response: FEEDBACK_PAGE_RESPONSES,
      },
    ),
    async (request) => service.listFeedback(deps, tenantCaller(request).tenantId, request.query),
  );

  app.get(
    '/v1/workspaces/:workspaceId/feedback/mine',
    tenantRoute(
      { permission: 'feedback:send', allowApiKey: false },
      {
        tags: ['feedback'],
        summary: 'The feedback you sent in this workspace, newest first',
        params: WorkspaceParams,
        querystring: FeedbackListQuerySchema,
        response: FEEDBACK_PAGE_RESPONSES,
      },
    ),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return service.listFeedback(deps, tenantId, request.query, actor.id);
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/feedback/:feedbackId/screenshot',
    tenantRoute(
      { permission: 'feedback:send', allowApiKey: false },
      {
        tags: ['feedback'],
        summary: 'The screenshot sent with a piece of feedback (to its author, and to owners and admins)',
        params: FeedbackParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'PNG or JPEG image' }),
        },
      },
    ),
    async (request, reply) => {
      const screenshot = await service.getFeedbackScreenshot(
        deps,
        requireTenant(request),
        request.params.feedbackId,
      );
      return reply
        .header('content-type', screenshot.type)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(screenshot.bytes));
    },
  );

  app.patch(
    '/v1/workspaces/:workspaceId/feedback/:feedbackId',
    tenantRoute(
      { permission: 'feedback:send', allowApiKey: false },
      {
        tags: ['feedback'],
        summary: 'Correct your feedback’s message; owners and admins mark feedback handled or open again',
        params: FeedbackParams,
        body: FeedbackPatchSchema,
        response: {
          200: ref(FeedbackSchema),
        },
      },
    ),
    async (request) =>
      service.changeFeedback(deps, requireTenant(request), request.params.feedbackId, request.body),
  );

  app.delete(
    '/v1/workspaces/:workspaceId/feedback/:feedbackId/screenshot',
    tenantRoute(
      { permission: 'feedback:send', allowApiKey: false },
      {
        tags: ['feedback'],
        summary: 'Remove the screenshot sent with your feedback (owners and admins: any feedback’s)',
        params: FeedbackParams,
        response: { 204: Type.Null() },
      },
    ),
    async (request, reply) => {
      await service.removeFeedbackScreenshot(deps, requireTenant(request), request.params.feedbackId);
      return reply.status(204).send(null);
    },
  );
};
