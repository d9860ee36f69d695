import formbody from '@fastify/formbody';
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { buildWebUrl } from '../../config.js';
import { EmailSchema } from '../../platform/http/email-schema.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import {
  EmailPreferencesSchema,
  NOTIFICATION_SCHEMAS,
  PreferencesPatchSchema,
  SuppressionSchema,
  UnsubscribeStateSchema,
  UnsubscribeTokenSchema,
} from './schema.js';
import * as service from './service.js';

const TokenParams = Type.Object({ token: UnsubscribeTokenSchema });

/**
 * Email preferences (the signed-in person's), unsubscribe links (public, authorized by their
 * HMAC signature), and the suppression list (platform support only).
 */
export const notificationsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, NOTIFICATION_SCHEMAS);
  const { deps } = app;

  app.get(
    '/v1/me/email-preferences',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['email'],
        summary: 'Which optional emails I receive',
        response: { 200: ref(EmailPreferencesSchema), 401: PROBLEM_RESPONSES[401] },
      },
    },
    async (request) => service.getEmailPreferences(deps, requireUser(request).userId),
  );

  app.patch(
    '/v1/me/email-preferences',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['email'],
        summary: 'Opt in to or out of optional emails',
        body: PreferencesPatchSchema,
        response: {
          200: ref(EmailPreferencesSchema),
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          403: PROBLEM_RESPONSES[403],
        },
      },
    },
    async (request) => service.updateEmailPreferences(deps, requireUser(request).userId, request.body),
  );

  app.get(
    '/v1/email/unsubscribe',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['email'],
        summary: 'What an unsubscribe link is for (changes nothing)',
        querystring: Type.Object({ token: UnsubscribeTokenSchema }, { additionalProperties: false }),
        response: { 200: ref(UnsubscribeStateSchema), 400: PROBLEM_RESPONSES[400] },
      },
    },
    async (request) => service.previewUnsubscribe(deps, request.query.token),
  );

  app.post(
    '/v1/email/unsubscribe',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['email'],
        summary: 'Unsubscribe with the token of an email link (no sign-in)',
        body: Type.Object({ token: UnsubscribeTokenSchema }, { additionalProperties: false }),
        response: { 200: ref(UnsubscribeStateSchema), 400: PROBLEM_RESPONSES[400] },
      },
    },
    async (request) => service.unsubscribe(deps, request.body.token),
  );

  // The RFC 8058 endpoint named in List-Unsubscribe, in a scope of its own that accepts the form
  // bodies mail clients send. It takes no cookie or key (`ignoresCredentials`): the token is the
  // authority, and a browser's session cookie must not turn the POST into a CSRF refusal.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    await scope.register(formbody, { bodyLimit: 4096 });
    // Some clients post multipart/form-data; the body says nothing we need, so it is not parsed.
    scope.addContentTypeParser('multipart/form-data', { bodyLimit: 4096 }, (_request, payload, done) => {
      payload.resume();
      payload.on('end', () => done(null, {}));
      payload.on('error', done);
    });

    scope.post(
      '/u/:token',
      {
        config: { access: { kind: 'public' }, ignoresCredentials: true },
        schema: {
          // Called by mail clients, not integrators: kept out of the API document like the GET below.
          hide: true,
          summary: 'One-click unsubscribe (RFC 8058), posted by mail clients',
          description:
            'The body is `List-Unsubscribe=One-Click` (form-encoded); no cookie, no CSRF header. Answers 200 with no redirect.',
          params: TokenParams,
          body: Type.Object(
            { 'List-Unsubscribe': Type.Optional(Type.String({ maxLength: 100 })) },
            { description: 'What RFC 8058 clients post; its content is not needed' },
          ),
          response: { 200: ref(UnsubscribeStateSchema), 400: PROBLEM_RESPONSES[400] },
        },
        // A POST with no body at all still unsubscribes: the signed token in the URL is what counts.
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => service.unsubscribe(deps, request.params.token),
    );

    scope.get(
      '/u/:token',
      {
        config: { access: { kind: 'public' }, ignoresCredentials: true },
        schema: {
          // A browser redirect, not an API operation.
          hide: true,
          summary: 'Opening the unsubscribe link: redirects to the confirmation page (changes nothing)',
          description:
            'A GET never unsubscribes (link scanners open links); the SPA page shows the list and asks to confirm.',
          params: TokenParams,
          response: {
            303: Type.Null({ description: 'Redirect to the SPA page /unsubscribe' }),
            400: PROBLEM_RESPONSES[400],
          },
        },
      },
      async (request, reply) =>
        reply
          .status(303)
          .redirect(
            buildWebUrl(deps.config, `/unsubscribe?token=${encodeURIComponent(request.params.token)}`),
          ),
    );
  });

  app.get(
    '/v1/support/email-suppressions',
    {
      config: { access: { kind: 'user' }, administrative: 'platform' },
      schema: {
        tags: ['support'],
        summary: 'Suppression and bounce record of an address (platform support only)',
        querystring: Type.Object({ email: EmailSchema }, { additionalProperties: false }),
        response: { 200: ref(SuppressionSchema), 401: PROBLEM_RESPONSES[401], 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => service.getSuppression(deps, requireUser(request), request.query.email),
  );

  app.post(
    '/v1/support/email-suppressions/lift',
    {
      config: { access: { kind: 'user' }, administrative: 'platform' },
      schema: {
        tags: ['support'],
        summary: 'Let mail go to a suppressed address again (platform support only)',
        body: Type.Object(
          { email: EmailSchema, reason: Type.String({ minLength: 3, maxLength: 300 }) },
          { additionalProperties: false },
        ),
        response: {
          200: ref(SuppressionSchema),
          400: PROBLEM_RESPONSES[400],
          401: PROBLEM_RESPONSES[401],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => service.liftSuppression(deps, requireUser(request), request.body),
  );
};
