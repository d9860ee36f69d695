import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantCaller } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { sessionCookieOptions } from '../../platform/auth/auth-plugin.js';
import { SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { addSchemas, PROBLEM_RESPONSES, ref, stringEnum } from '../../platform/http/schema-ref.js';
import { requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import * as deletion from './deletion.js';
import { WorkspaceParams } from '../../platform/http/params.js';

const LegalHoldSchema = Type.Object(
  {
    reason: Type.String(),
    setAt: Type.String({ format: 'date-time' }),
    setBy: Type.Object({ id: Type.String(), label: Type.String() }),
  },
  { $id: 'LegalHold' },
);

const AccountDeletionSchema = Type.Object(
  {
    state: stringEnum(['active', 'pending'] as const, {
      description: '`pending`: deleted, hidden, and restorable until `purgeAfter`',
    }),
    requestedAt: Type.Optional(Type.String({ format: 'date-time' })),
    purgeAfter: Type.Optional(Type.String({ format: 'date-time' })),
    graceDays: Type.Integer(),
    workspaces: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        outcome: stringEnum(['workspace', 'membership'] as const, {
          description: '`workspace`: deleted whole (you are its only owner); `membership`: only you leave it',
        }),
        legalHold: Type.Optional(
          Type.Object({ reason: Type.String(), setAt: Type.String({ format: 'date-time' }) }),
        ),
      }),
    ),
  },
  { $id: 'AccountDeletion' },
);

/** Account deletion with its grace period and restore (P-RIGHT-3), and workspace legal holds. */
export const deletionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [LegalHoldSchema, AccountDeletionSchema]);
  const { deps } = app;

  app.get(
    '/v1/account/deletion',
    {
      config: { access: { kind: 'user', allowPendingDeletion: true } },
      schema: {
        tags: ['account'],
        summary: 'What deleting my account does, or when a requested deletion becomes final',
        response: { 200: ref(AccountDeletionSchema), 401: PROBLEM_RESPONSES[401] },
      },
    },
    async (request) => deletion.getDeletionStatus(deps, requireUser(request).userId),
  );

  app.post(
    '/v1/account/deletion',
    {
      config: {
        access: { kind: 'user' },
        administrative: 'account',
        rateLimit: { max: 10, timeWindow: '15 minutes' },
      },
      schema: {
        tags: ['account'],
        summary: 'Delete my account: hidden at once, restorable for 30 days, then purged',
        description:
          'Ends every session, suspends the API keys you created, hides the workspaces you alone own and suspends your other memberships; emails a notice.',
        body: Type.Object(
          {
            confirmation: Type.String({
              minLength: 1,
              maxLength: 254,
              description: 'Your email address, or the word DELETE',
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          202: ref(AccountDeletionSchema),
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          409: PROBLEM_RESPONSES[409],
          429: PROBLEM_RESPONSES[429],
        },
      },
    },
    async (request, reply) => {
      const status = await deletion.requestAccountDeletion(
        deps,
        requireUser(request),
        request.body.confirmation,
      );
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps.config));
      return reply.status(202).send(status);
    },
  );

  app.post(
    '/v1/account/restore',
    {
      config: { access: { kind: 'user', allowPendingDeletion: true } },
      schema: {
        tags: ['account'],
        summary: 'Restore my account within the 30 days after deleting it',
        response: {
          200: ref(AccountDeletionSchema),
          401: PROBLEM_RESPONSES[401],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      await deletion.restoreAccount(deps, principal);
      return deletion.getDeletionStatus(deps, principal.userId);
    },
  );

  const holdAccess = {
    kind: 'tenant',
    permission: 'workspace:manage',
    allowApiKey: false,
    // Reachable while the workspace is hidden by its owner's deletion: that is when a hold matters.
    allowHidden: true,
  } as const;

  app.get(
    '/v1/workspaces/:workspaceId/legal-hold',
    {
      config: { access: holdAccess },
      schema: {
        tags: ['workspaces'],
        summary: "The workspace's legal hold, if any",
        params: WorkspaceParams,
        response: {
          200: Type.Object({ legalHold: Type.Optional(ref(LegalHoldSchema)) }),
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => {
      const hold = await deletion.getLegalHold(deps, tenantCaller(request).tenantId);
      return hold === undefined ? {} : { legalHold: hold };
    },
  );

  app.put(
    '/v1/workspaces/:workspaceId/legal-hold',
    {
      config: { access: holdAccess, administrative: 'workspace' },
      schema: {
        tags: ['workspaces'],
        summary: 'Set a legal hold: pauses the purge of this workspace’s data',
        description:
          'Owners and admins only; audit-logged. While it stands, an account deletion does not purge this workspace (or remove memberships from it); the deleting person is shown the hold.',
        params: WorkspaceParams,
        body: Type.Object(
          { reason: Type.String({ minLength: 3, maxLength: 500, pattern: '\\S' }) },
          { additionalProperties: false },
        ),
        response: {
          200: ref(LegalHoldSchema),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return deletion.setLegalHold(deps, tenantId, actor, request.body.reason.trim());
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/legal-hold',
    {
      config: { access: holdAccess, administrative: 'workspace' },
      schema: {
        tags: ['workspaces'],
        summary: 'Lift the legal hold (a paused purge goes on at its next run)',
        params: WorkspaceParams,
        response: { 204: Type.Null(), 403: PROBLEM_RESPONSES[403], 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      await deletion.liftLegalHold(deps, tenantId, actor);
      return reply.status(204).send(null);
    },
  );
};
