import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParam, WorkspaceParams } from '../../../platform/http/params.js';
import { PROBLEM_RESPONSES, ref } from '../../../platform/http/schema-ref.js';
import { tenantCaller, tenantRoute } from '../../../platform/tenancy/tenant-route.js';
import { listReports, reportCompletion } from './completion-service.js';
import { redeemCode } from './link-service.js';
import {
  CompletionInputSchema,
  CompletionReportSchema,
  PageQuerySchema,
  ProviderSideLinkSchema,
  RedeemInputSchema,
} from './schema.js';

/** Training providers act in their own workspace, as members or with a key of this scope. */
const REPORTING = { permission: 'ce:completions:write', module: 'credentials' } as const;
const TAGS = ['ce-completions'];
const LinkParams = Type.Object({ workspaceId: IdParam, linkId: IdParam });

/** Every report is retried safely: the key is required here, not merely accepted. */
const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.String({
    pattern: '^[A-Za-z0-9_.:-]{8,128}$',
    description: 'A unique key per completion (a UUID); a retry with the same key and body is answered once',
  }),
});

/** The provider's side: redeem a person's code, report completions, see what became of them. */
export const providerCompletionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/ce';

  app.post(
    `${base}/links`,
    tenantRoute(REPORTING, {
      tags: TAGS,
      summary: 'Redeem the link code a person gave you; answers the link id to report their completions with',
      description:
        'A code works once and until it expires; unknown, used, revoked and expired codes answer 404 alike.',
      params: WorkspaceParams,
      body: RedeemInputSchema,
      response: {
        201: ref(ProviderSideLinkSchema),
        403: PROBLEM_RESPONSES[403],
        404: PROBLEM_RESPONSES[404],
      },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await redeemCode(deps, tenantId, actor, request.body.linkCode));
    },
  );

  app.post(
    `${base}/completions`,
    tenantRoute(REPORTING, {
      tags: TAGS,
      summary: 'Report a completion for a linked person; it waits for them to accept it',
      description:
        'Requires `Idempotency-Key`. A link the person revoked, or that is not yours, answers 404. A link holds a bounded number of completions waiting for the person (100 by default): beyond it the answer is 409 `too_many_pending_completions` until the person accepts or declines some.',
      params: WorkspaceParams,
      headers: IdempotencyHeaders,
      body: CompletionInputSchema,
      response: {
        201: ref(CompletionReportSchema),
        403: PROBLEM_RESPONSES[403],
        404: PROBLEM_RESPONSES[404],
        409: PROBLEM_RESPONSES[409],
      },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await reportCompletion(deps, tenantId, actor, request.body));
    },
  );

  app.get(
    `${base}/links/:linkId/completions`,
    tenantRoute(REPORTING, {
      tags: TAGS,
      summary: 'What you reported through a link and whether the person accepted or declined it',
      params: LinkParams,
      querystring: PageQuerySchema,
      response: {
        200: Type.Object({
          items: Type.Array(ref(CompletionReportSchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
      },
    }),
    async (request) => {
      const { tenantId } = tenantCaller(request);
      return listReports(deps, tenantId, request.params.linkId, request.query);
    },
  );
};
