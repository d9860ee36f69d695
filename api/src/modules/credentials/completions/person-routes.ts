import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParam, WorkspaceParams } from '../../../platform/http/params.js';
import { ref } from '../../../platform/http/schema-ref.js';
import { tenantCaller, tenantRoute } from '../../../platform/tenancy/tenant-route.js';
import { READ_ACCESS, WRITE_ACCESS, WRITE_ERRORS } from '../route-access.js';
import { acceptCompletion, declineCompletion } from './decision-service.js';
import { listCompletions } from './completion-service.js';
import { createLink, listLinks, revokeLink } from './link-service.js';
import {
  CompletionListQuerySchema,
  CreatedLinkSchema,
  DecidedCompletionSchema,
  DecisionInputSchema,
  ProviderLinkInputSchema,
  ProviderLinkSchema,
  ReportedCompletionSchema,
} from './schema.js';

const LinkParams = Type.Object({ workspaceId: IdParam, providerLinkId: IdParam });
const CompletionParams = Type.Object({ workspaceId: IdParam, completionId: IdParam });
const TAGS = ['credentials'];

/** The person's side: link codes for training providers, and the completions they report. */
export const personCompletionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/credentials';

  app.post(
    `${base}/provider-links`,
    tenantRoute(WRITE_ACCESS, {
      tags: TAGS,
      summary: 'Make a link code to give a training provider, so it can report your completions',
      description:
        'The code is shown only in this answer; only its hash is kept. It works once, until it expires.',
      params: WorkspaceParams,
      body: ProviderLinkInputSchema,
      response: { 201: CreatedLinkSchema, ...WRITE_ERRORS },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await createLink(deps, tenantId, actor, request.body));
    },
  );

  app.get(
    `${base}/provider-links`,
    tenantRoute(READ_ACCESS, {
      tags: TAGS,
      summary: 'Your links with training providers, newest first',
      params: WorkspaceParams,
      response: { 200: Type.Object({ items: Type.Array(ref(ProviderLinkSchema)) }) },
    }),
    async (request) => ({ items: await listLinks(deps, tenantCaller(request).tenantId) }),
  );

  app.post(
    `${base}/provider-links/:providerLinkId/revoke`,
    tenantRoute(WRITE_ACCESS, {
      tags: TAGS,
      summary: 'Revoke a link: its code stops working and the provider can report nothing more',
      params: LinkParams,
      response: { 200: ref(ProviderLinkSchema), ...WRITE_ERRORS },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return revokeLink(deps, tenantId, actor, request.params.providerLinkId);
    },
  );

  app.get(
    `${base}/reported-completions`,
    tenantRoute(READ_ACCESS, {
      tags: TAGS,
      summary: 'Completions training providers reported to you, newest first (filter by status)',
      params: WorkspaceParams,
      querystring: CompletionListQuerySchema,
      response: {
        200: Type.Object({
          items: Type.Array(ref(ReportedCompletionSchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
      },
    }),
    async (request) => listCompletions(deps, tenantCaller(request).tenantId, request.query),
  );

  app.post(
    `${base}/reported-completions/:completionId/decision`,
    tenantRoute(WRITE_ACCESS, {
      tags: TAGS,
      summary:
        'Accept a reported completion (it becomes a CE activity, counted like any other) or decline it',
      description:
        'A declined completion adds nothing; the provider sees either decision, and nothing else of yours.',
      params: CompletionParams,
      body: DecisionInputSchema,
      response: { 200: DecidedCompletionSchema, ...WRITE_ERRORS },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      const { completionId } = request.params;
      if (request.body.decision === 'decline')
        return { completion: await declineCompletion(deps, tenantId, actor, completionId) };
      return acceptCompletion(deps, tenantId, actor, completionId);
    },
  );
};
