import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPlatformAdminCheck } from '../../platform/auth/platform-admins.js';
import { deleteSession, SESSION_COOKIE } from '../../platform/auth/sessions.js';
import { sessionCookieOptions } from '../../platform/auth/auth-plugin.js';
import { isClerkEnabled } from '../../config.js';
import { EmailSchema } from '../../platform/http/email-schema.js';
import { PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import { WorkspaceSummarySchema } from '../workspaces/schema.js';
import { DisplayName, SignInSchema, UserSchema } from './schema.js';
import * as profile from './profile.js';
import * as service from './service.js';

const Message = Type.Object({ message: Type.String() });
const NoContent = Type.Null({ description: 'No content' });

/** Sign-in and sessions, and the signed-in person: profile, email change, sign-in history. */
export const identityRoutes: FastifyPluginAsyncTypebox = async (app) => {
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

  // The sign-in page asks this, not /v1/me, whether someone is already signed in: a visitor who is
  // not gets a plain answer rather than a 401, which a browser reports as a console error.
  app.get(
    '/v1/auth/session',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['auth'],
        summary: 'Whether this request carries a valid sign-in (session cookie or Clerk token)',
        response: { 200: Type.Object({ isSignedIn: Type.Boolean() }) },
      },
    },
    async (request) => ({ isSignedIn: request.principal?.type === 'user' }),
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
};
