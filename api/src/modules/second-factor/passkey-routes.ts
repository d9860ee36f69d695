import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { IdParam } from '../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import {
  PasskeyAuthenticationBodySchema,
  PasskeyEnrolledSchema,
  PasskeyOptionsSchema,
  PasskeyRegistrationBodySchema,
} from './passkey-schema.js';
import * as passkeys from './passkeys.js';
import { CODE_RATE_LIMIT, ProvenSchema } from './schema.js';

const NoContent = Type.Null({ description: 'No content' });
/** Passkeys (WebAuthn): add, name and remove them; prove one for step-up. */
export const passkeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [PasskeyOptionsSchema, PasskeyEnrolledSchema]);
  const { deps } = app;

  app.post(
    '/v1/me/second-factor/passkeys/registration-options',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['security'],
        summary: 'Start adding a passkey: WebAuthn creation options for the browser',
        response: { 200: ref(PasskeyOptionsSchema), 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request) => passkeys.startPasskeyRegistration(deps, requireUser(request)),
  );

  app.post(
    '/v1/me/second-factor/passkeys',
    {
      config: { access: { kind: 'user' }, rateLimit: CODE_RATE_LIMIT },
      schema: {
        tags: ['security'],
        summary: 'Add a passkey with the browser’s answer and a name; new recovery codes are shown only here',
        body: PasskeyRegistrationBodySchema,
        response: {
          201: ref(PasskeyEnrolledSchema),
          400: PROBLEM_RESPONSES[400],
          409: PROBLEM_RESPONSES[409],
        },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await passkeys.finishPasskeyRegistration(deps, requireUser(request), request.body)),
  );

  app.delete(
    '/v1/me/second-factor/passkeys/:passkeyId',
    {
      config: { access: { kind: 'user' }, administrative: 'second-factor' },
      schema: {
        tags: ['security'],
        summary: 'Remove a passkey (not the last factor while your role needs one)',
        params: Type.Object({ passkeyId: IdParam }),
        response: { 204: NoContent, 404: PROBLEM_RESPONSES[404], 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request, reply) => {
      await passkeys.removePasskey(deps, requireUser(request), request.params.passkeyId);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/me/second-factor/passkeys/authentication-options',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['security'],
        summary: 'Start proving a passkey (step-up): WebAuthn request options for the browser',
        response: { 200: ref(PasskeyOptionsSchema), 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request) => passkeys.startPasskeyAuthentication(deps, requireUser(request)),
  );

  app.post(
    '/v1/me/second-factor/passkeys/verify',
    {
      config: { access: { kind: 'user' }, rateLimit: CODE_RATE_LIMIT },
      schema: {
        tags: ['security'],
        summary: 'Prove a passkey for this session with the browser’s answer (step-up)',
        body: PasskeyAuthenticationBodySchema,
        response: { 200: ref(ProvenSchema), 400: PROBLEM_RESPONSES[400], 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request) => passkeys.verifyPasskey(deps, requireUser(request), request.body),
  );
};
