import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPlatformAdminCheck } from '../../platform/auth/platform-admins.js';
import { toActor } from '../../platform/auth/principal.js';
import { downloadHeaders } from '../../platform/http/downloads.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant, requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import {
  FeedbackInputSchema,
  FeedbackListQuerySchema,
  FeedbackPatchSchema,
  FeedbackSchema,
  PolicyVersionSchema,
  PrivacyInventorySchema,
  UsageEventSchema,
  UsageReportSchema,
} from './schema.js';
import * as service from './service.js';
import { buildIncidentReport } from './report/service.js';
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

/** Privacy: the data inventory and policy, aggregate usage counts, in-app feedback. */
export const privacyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [PolicyVersionSchema, PrivacyInventorySchema, FeedbackSchema, UsageReportSchema]);
  const { deps } = app;
  const { requirePlatformAdmin } = createPlatformAdminCheck(deps.config);

  app.get(
    '/v1/privacy/inventory',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['privacy'],
        summary: 'The privacy policy version, what data is kept and why, and the subprocessors',
        response: { 200: ref(PrivacyInventorySchema) },
      },
    },
    async () => service.getPrivacyInventory(deps.now()),
  );

  app.post(
    '/v1/usage',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['privacy'],
        summary: 'Count a page view or sign-up step (aggregate only)',
        description:
          'Adds one to a daily total; stores nothing about who or what device. With `Sec-GPC: 1` nothing is counted.',
        body: UsageEventSchema,
        response: { 204: Type.Null(), 400: PROBLEM_RESPONSES[400], 429: PROBLEM_RESPONSES[429] },
      },
    },
    async (request, reply) => {
      await service.countUsage(deps, request.body, request.headers['sec-gpc'] === '1');
      return reply.status(204).header('cache-control', 'no-store').send(null);
    },
  );

  app.get(
    '/v1/admin/usage',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['privacy'],
        summary: 'Aggregate page views and sign-up steps per day (platform admins only)',
        querystring: Type.Object(
          { days: Type.Integer({ minimum: 1, maximum: 90, default: 30 }) },
          { additionalProperties: false },
        ),
        response: {
          200: ref(UsageReportSchema),
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => {
      requirePlatformAdmin(requireUser(request).email);
      return service.readUsage(deps, request.query.days);
    },
  );

  app.post(
    '/v1/workspaces/:workspaceId/feedback',
    {
      config: { access: { kind: 'tenant', permission: 'feedback:send', allowApiKey: false } },
      schema: {
        tags: ['feedback'],
        summary: 'Send feedback about the app, with an optional screenshot',
        params: WorkspaceParams,
        body: FeedbackInputSchema,
        response: { 201: ref(FeedbackSchema), 400: PROBLEM_RESPONSES[400], 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request, reply) => {
      const tenant = requireTenant(request);
      return reply
        .status(201)
        .send(await service.submitFeedback(deps, tenant.tenantId, toActor(tenant.principal), request.body));
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/feedback',
    {
      config: { access: { kind: 'tenant', permission: 'feedback:manage', allowApiKey: false } },
      schema: {
        tags: ['feedback'],
        summary: 'Feedback sent in this workspace, newest first',
        params: WorkspaceParams,
        querystring: FeedbackListQuerySchema,
        response: FEEDBACK_PAGE_RESPONSES,
      },
    },
    async (request) => service.listFeedback(deps, requireTenant(request).tenantId, request.query),
  );

  app.get(
    '/v1/workspaces/:workspaceId/feedback/mine',
    {
      config: { access: { kind: 'tenant', permission: 'feedback:send', allowApiKey: false } },
      schema: {
        tags: ['feedback'],
        summary: 'The feedback you sent in this workspace, newest first',
        params: WorkspaceParams,
        querystring: FeedbackListQuerySchema,
        response: FEEDBACK_PAGE_RESPONSES,
      },
    },
    async (request) => {
      const tenant = requireTenant(request);
      return service.listFeedback(deps, tenant.tenantId, request.query, toActor(tenant.principal).id);
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/feedback/:feedbackId/screenshot',
    {
      config: { access: { kind: 'tenant', permission: 'feedback:send', allowApiKey: false } },
      schema: {
        tags: ['feedback'],
        summary: 'The screenshot sent with a piece of feedback (to its author, and to owners and admins)',
        params: FeedbackParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'PNG or JPEG image' }),
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
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

  app.get(
    '/v1/workspaces/:workspaceId/reports/incidents.pdf',
    {
      config: { access: { kind: 'tenant', permission: 'incidents:read' } },
      schema: {
        tags: ['incidents'],
        summary: 'A court-ready PDF of the incidents of a date range, oldest first',
        description:
          'Each incident with every field and its attachments by SHA-256; every page carries the generation time, page n of N, and the manifest hash of the signed export (your newest, or `exportId`).',
        params: WorkspaceParams,
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            exportId: Type.Optional(IdParam),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }),
          400: PROBLEM_RESPONSES[400],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request, reply) => {
      const report = await buildIncidentReport(deps, requireTenant(request), request.query);
      return reply.headers(downloadHeaders(report.filename, 'application/pdf')).send(report.pdf);
    },
  );

  app.patch(
    '/v1/workspaces/:workspaceId/feedback/:feedbackId',
    {
      config: { access: { kind: 'tenant', permission: 'feedback:send', allowApiKey: false } },
      schema: {
        tags: ['feedback'],
        summary: 'Correct your feedback’s message; owners and admins mark feedback handled or open again',
        params: FeedbackParams,
        body: FeedbackPatchSchema,
        response: {
          200: ref(FeedbackSchema),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) =>
      service.changeFeedback(deps, requireTenant(request), request.params.feedbackId, request.body),
  );

  app.delete(
    '/v1/workspaces/:workspaceId/feedback/:feedbackId/screenshot',
    {
      config: { access: { kind: 'tenant', permission: 'feedback:send', allowApiKey: false } },
      schema: {
        tags: ['feedback'],
        summary: 'Remove the screenshot sent with your feedback (owners and admins: any feedback’s)',
        params: FeedbackParams,
        response: { 204: Type.Null(), 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request, reply) => {
      await service.removeFeedbackScreenshot(deps, requireTenant(request), request.params.feedbackId);
      return reply.status(204).send(null);
    },
  );
};
