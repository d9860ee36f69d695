import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPlatformAdminCheck } from '../../platform/auth/platform-admins.js';
import { toActor } from '../../platform/auth/principal.js';
import { deleteSession, SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { sessionCookieOptions } from '../../platform/auth/auth-plugin.js';
import { isClerkEnabled } from '../../config.js';
import { PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant, requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import {
  EmailSchema,
  InviteSchema,
  MemberSchema,
  RoleSchema,
  SignInSchema,
  UserSchema,
  WorkspaceIdParams,
  WorkspaceSchema,
  WorkspaceSummarySchema,
} from './schema.js';
import * as profile from './profile.js';
import * as service from './service.js';

const Message = Type.Object({ message: Type.String() });
const NoContent = Type.Null({ description: 'No content' });
const WorkspaceName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
const DisplayName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });

/** Sign-in, the signed-in person, workspaces, members and invites. */
export const accountsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const { isPlatformAdmin } = createPlatformAdminCheck(deps.config);

  app.get(
    '/v1/auth/config',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['auth'],
        summary: 'How this deployment signs people in',
        response: {
          200: Type.Object({
            provider: Type.Union([Type.Literal('magic-link'), Type.Literal('clerk')]),
            clerkPublishableKey: Type.Optional(Type.String()),
          }),
        },
      },
    },
    async () =>
      isClerkEnabled(deps.config)
        ? {
            provider: 'clerk' as const,
            ...(deps.config.CLERK_PUBLISHABLE_KEY === undefined
              ? {}
              : { clerkPublishableKey: deps.config.CLERK_PUBLISHABLE_KEY }),
          }
        : { provider: 'magic-link' as const },
  );

  app.post(
    '/v1/auth/magic-link',
    {
      config: {
        access: { kind: 'public' },
        rateLimit: {
          max: deps.config.RATE_LIMIT_SIGN_IN_PER_15_MINUTES,
          timeWindow: '15 minutes',
          hook: 'preHandler',
          // Per email as well as per address, so one inbox cannot be flooded from many IPs.
          keyGenerator: (request) => {
            const email = (request.body as { email?: unknown } | undefined)?.email;
            return `magic:${typeof email === 'string' ? email.trim().toLowerCase() : request.ip}`;
          },
        },
      },
      schema: {
        tags: ['auth'],
        summary: 'Email a single-use sign-in link',
        description: 'Answers the same whether or not an account exists for the email.',
        body: Type.Object({ email: EmailSchema }, { additionalProperties: false }),
        response: { 202: Message, 400: PROBLEM_RESPONSES[400], 429: PROBLEM_RESPONSES[429] },
      },
    },
    async (request, reply) => {
      await service.requestMagicLink(deps, { email: request.body.email });
      return reply.status(202).send({
        message:
          'If the address can receive mail, a sign-in link is on its way. It works once, for 15 minutes.',
      });
    },
  );

  app.post(
    '/v1/auth/verify',
    {
      config: { access: { kind: 'public' }, rateLimit: { max: 30, timeWindow: '15 minutes' } },
      schema: {
        tags: ['auth'],
        summary: 'Exchange a sign-in token for a session cookie',
        body: Type.Object(
          {
            token: Type.String({ minLength: 20, maxLength: 200 }),
            ageConfirmed: Type.Optional(
              Type.Boolean({
                description: 'The person confirms they are 18 or older (required for a new account)',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ user: ref(UserSchema) }),
          400: PROBLEM_RESPONSES[400],
          429: PROBLEM_RESPONSES[429],
        },
      },
    },
    async (request, reply) => {
      const result = await service.verifyMagicLink(deps, {
        token: request.body.token,
        ...(request.body.ageConfirmed === undefined ? {} : { ageConfirmed: request.body.ageConfirmed }),
        ...(request.headers['user-agent'] === undefined ? {} : { userAgent: request.headers['user-agent'] }),
      });
      reply.setCookie(SESSION_COOKIE, result.sessionId, sessionCookieOptions(deps.config, result.expiresAt));
      return { user: result.user };
    },
  );

  app.post(
    '/v1/auth/sign-out',
    {
      config: { access: { kind: 'user', allowPendingDeletion: true } },
      schema: {
        tags: ['auth'],
        summary: 'End this session everywhere it was copied',
        response: { 204: NoContent, 401: PROBLEM_RESPONSES[401] },
      },
    },
    async (request, reply) => {
      const principal = requireUser(request);
      if (principal.sessionHash !== undefined) await deleteSession(deps.db, principal.sessionHash);
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(deps.config));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/me',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['account'],
        summary: 'The signed-in person and their workspaces',
        response: {
          200: Type.Object({
            user: ref(UserSchema),
            workspaces: Type.Array(ref(WorkspaceSummarySchema)),
            /** An operator of the platform: may read the webhook logs and aggregate usage. */
            isPlatformAdmin: Type.Boolean(),
          }),
          401: PROBLEM_RESPONSES[401],
        },
      },
    },
    async (request) => {
      const principal = requireUser(request);
      return {
        ...(await service.getMe(deps, principal.userId)),
        isPlatformAdmin: isPlatformAdmin(principal.email),
      };
    },
  );

  app.patch(
    '/v1/me',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['account'],
        summary: 'Correct your display name (every workspace you belong to shows the new one)',
        body: Type.Object({ displayName: DisplayName }, { additionalProperties: false }),
        response: { 200: ref(UserSchema), 400: PROBLEM_RESPONSES[400], 401: PROBLEM_RESPONSES[401] },
      },
    },
    async (request) => profile.updateProfile(deps, requireUser(request).userId, request.body),
  );

  app.post(
    '/v1/me/email-change',
    {
      config: {
        access: { kind: 'user' },
        rateLimit: {
          max: deps.config.RATE_LIMIT_SIGN_IN_PER_15_MINUTES,
          timeWindow: '15 minutes',
          hook: 'preHandler',
        },
      },
      schema: {
        tags: ['account'],
        summary: 'Ask to change your email address: a confirmation link goes to the new address',
        description:
          'Nothing changes until the link is followed while signed in to this account (POST /v1/me/email-change/confirm). Accounts signed in through Clerk change their address there.',
        body: Type.Object({ email: EmailSchema }, { additionalProperties: false }),
        response: {
          202: Message,
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          409: PROBLEM_RESPONSES[409],
          429: PROBLEM_RESPONSES[429],
        },
      },
    },
    async (request, reply) => {
      await profile.requestEmailChange(deps, requireUser(request).userId, request.body);
      return reply.status(202).send({
        message: 'A confirmation link is on its way to the new address. It works once, for 60 minutes.',
      });
    },
  );

  app.post(
    '/v1/me/email-change/confirm',
    {
      config: { access: { kind: 'user' }, rateLimit: { max: 30, timeWindow: '15 minutes' } },
      schema: {
        tags: ['account'],
        summary: 'Confirm a new email address with the token from its confirmation link',
        body: Type.Object(
          { token: Type.String({ minLength: 16, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: {
          200: ref(UserSchema),
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request) => profile.confirmEmailChange(deps, requireUser(request).userId, request.body.token),
  );

  app.get(
    '/v1/me/sign-ins',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['account'],
        summary: 'Recent sign-ins of the signed-in person',
        response: { 200: Type.Object({ items: Type.Array(ref(SignInSchema)) }), 401: PROBLEM_RESPONSES[401] },
      },
    },
    async (request) => ({ items: await service.listSignIns(deps, requireUser(request).userId) }),
  );

  app.post(
    '/v1/invites/accept',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Join a workspace with an invite code',
        body: Type.Object(
          { code: Type.String({ minLength: 6, maxLength: 64 }) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ workspace: ref(WorkspaceSummarySchema) }),
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request) => ({
      workspace: await service.acceptInvite(deps, requireUser(request), request.body.code),
    }),
  );

  app.get(
    '/v1/workspaces',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Workspaces I belong to',
        response: {
          200: Type.Object({ items: Type.Array(ref(WorkspaceSummarySchema)) }),
          401: PROBLEM_RESPONSES[401],
        },
      },
    },
    async (request) => ({ items: await service.listMyWorkspaces(deps, requireUser(request).userId) }),
  );

  app.post(
    '/v1/workspaces',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Create a workspace (you become its owner)',
        body: Type.Object({ name: WorkspaceName }, { additionalProperties: false }),
        response: { 201: ref(WorkspaceSchema), 400: PROBLEM_RESPONSES[400], 401: PROBLEM_RESPONSES[401] },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.createWorkspace(deps, requireUser(request), request.body.name.trim())),
  );

  app.get(
    '/v1/workspaces/:workspaceId',
    {
      config: { access: { kind: 'tenant', permission: 'workspace:read', allowApiKey: false } },
      schema: {
        tags: ['workspaces'],
        summary: 'One workspace',
        params: WorkspaceIdParams,
        response: { 200: ref(WorkspaceSchema), 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => {
      const tenant = requireTenant(request);
      return service.getWorkspace(deps, tenant.tenantId, tenant.role);
    },
  );

  app.patch(
    '/v1/workspaces/:workspaceId',
    {
      config: { access: { kind: 'tenant', permission: 'workspace:manage' } },
      schema: {
        tags: ['workspaces'],
        summary: 'Rename a workspace',
        params: WorkspaceIdParams,
        body: Type.Object({ name: WorkspaceName }, { additionalProperties: false }),
        response: {
          200: ref(WorkspaceSchema),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => {
      const tenant = requireTenant(request);
      return service.renameWorkspace(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        tenant.role,
        request.body.name.trim(),
      );
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/members',
    {
      config: { access: { kind: 'tenant', permission: 'members:read', allowApiKey: false } },
      schema: {
        tags: ['members'],
        summary: 'Members and their roles',
        params: WorkspaceIdParams,
        response: { 200: Type.Object({ items: Type.Array(ref(MemberSchema)) }), 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => ({ items: await service.listMembers(deps, requireTenant(request).tenantId) }),
  );

  const MemberParams = Type.Object({ workspaceId: Type.String(), userId: Type.String({ maxLength: 64 }) });

  app.patch(
    '/v1/workspaces/:workspaceId/members/:userId',
    {
      config: { access: { kind: 'tenant', permission: 'members:manage' } },
      schema: {
        tags: ['members'],
        summary: "Change a member's role",
        params: MemberParams,
        body: Type.Object({ role: RoleSchema }, { additionalProperties: false }),
        response: {
          200: ref(MemberSchema),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request) => {
      const tenant = requireTenant(request);
      return service.changeMemberRole(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        tenant.role,
        request.params.userId,
        request.body.role,
      );
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/members/:userId',
    {
      config: { access: { kind: 'tenant', permission: 'members:manage' } },
      schema: {
        tags: ['members'],
        summary: 'Remove a member',
        params: MemberParams,
        response: {
          204: NoContent,
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request, reply) => {
      const tenant = requireTenant(request);
      await service.removeMember(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        tenant.role,
        request.params.userId,
      );
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/invites',
    {
      config: { access: { kind: 'tenant', permission: 'invites:manage' } },
      schema: {
        tags: ['members'],
        summary: 'Invites of a workspace',
        params: WorkspaceIdParams,
        response: {
          200: Type.Object({ items: Type.Array(ref(InviteSchema)) }),
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => ({ items: await service.listInvites(deps, requireTenant(request).tenantId) }),
  );

  app.post(
    '/v1/workspaces/:workspaceId/invites',
    {
      config: { access: { kind: 'tenant', permission: 'invites:manage' } },
      schema: {
        tags: ['members'],
        summary: 'Invite someone by email; the code is shown once and emailed to them',
        params: WorkspaceIdParams,
        body: Type.Object({ email: EmailSchema, role: RoleSchema }, { additionalProperties: false }),
        response: {
          201: Type.Object({ invite: ref(InviteSchema), code: Type.String() }),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request, reply) => {
      const tenant = requireTenant(request);
      return reply
        .status(201)
        .send(
          await service.createInvite(
            deps,
            tenant.tenantId,
            toActor(tenant.principal),
            tenant.role,
            request.body,
          ),
        );
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/invites/:inviteId',
    {
      config: { access: { kind: 'tenant', permission: 'invites:manage' } },
      schema: {
        tags: ['members'],
        summary: 'Revoke a pending invite',
        params: Type.Object({ workspaceId: Type.String(), inviteId: Type.String({ maxLength: 64 }) }),
        response: {
          204: NoContent,
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request, reply) => {
      const tenant = requireTenant(request);
      await service.revokeInvite(deps, tenant.tenantId, toActor(tenant.principal), request.params.inviteId);
      return reply.status(204).send(null);
    },
  );
};
