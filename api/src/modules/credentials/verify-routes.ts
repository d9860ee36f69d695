import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { openVerification } from './share-service.js';
import { VerificationSchema } from './share-schema.js';

/** Opens of the public page per address and minute: plenty for a verifier, useless for guessing. */
export const VERIFY_RATE_LIMIT_PER_MINUTE = 30;

/**
 * The verifier's side (P-CRED-2): no sign-in, the token is the authority. Outside the workspace
 * routes, so no workspace id appears in the link.
 */
export const verifyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [VerificationSchema]);
  const { deps } = app;

  app.get(
    '/v1/verify/:token',
    {
      config: {
        access: { kind: 'public' },
        rateLimit: { max: VERIFY_RATE_LIMIT_PER_MINUTE, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['credentials'],
        summary: 'What a verification link shares (no sign-in); each opening is logged for the holder',
        description: 'Unknown, expired and revoked links all answer the same 404.',
        // Any text up to the router's limit: a malformed token names no link, like an unknown one.
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: ref(VerificationSchema), 404: PROBLEM_RESPONSES[404], 429: PROBLEM_RESPONSES[429] },
      },
    },
    async (request) => openVerification(deps, request.params.token),
  );
};
