import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireUser } from '../../platform/tenancy/tenancy-plugin.js';
import {
  EnrolledSchema,
  PasskeySummarySchema,
  ProvenSchema,
  RecoveryCodesSchema,
  SecondFactorStatusSchema,
  SecurityEventSchema,
  TotpCodeBodySchema,
  TotpEnrolmentSchema,
  VerifyBodySchema,
  CODE_RATE_LIMIT,
} from './schema.js';
import { passkeyRoutes } from './passkey-routes.js';
import * as service from './service.js';
import { supportResetRoutes } from './support-reset-routes.js';
import { workspaceRequirementRoutes } from './workspace-requirement.js';

const NoContent = Type.Null({ description: 'No content' });

/** A person's second factors: the authenticator app, recovery codes, the proof for step-up. */
export const secondFactorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [
    PasskeySummarySchema,
    SecondFactorStatusSchema,
    TotpEnrolmentSchema,
    EnrolledSchema,
    ProvenSchema,
    RecoveryCodesSchema,
    SecurityEventSchema,
  ]);
  const { deps } = app;

  app.get(
    '/v1/me/second-factor',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['security'],
        summary: 'My second factors (never their secrets) and whether this session has proven one',
        response: { 200: ref(SecondFactorStatusSchema) },
      },
    },
    async (request) => service.getStatus(deps, requireUser(request)),
  );

  app.get(
    '/v1/me/security-log',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['security'],
        summary: 'My security log: second-factor enrolments, removals, uses and failed attempts',
        response: { 200: Type.Object({ items: Type.Array(ref(SecurityEventSchema), { maxItems: 100 }) }) },
      },
    },
    async (request) => ({ items: await service.listSecurityLog(deps, requireUser(request).userId) }),
  );

  app.post(
    '/v1/me/second-factor/totp',
    {
      config: { access: { kind: 'user' } },
      schema: {
        tags: ['security'],
        summary: 'Start setting up an authenticator app: its secret, shown once, until a code confirms it',
        response: { 201: ref(TotpEnrolmentSchema), 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await service.startTotpEnrolment(deps, requireUser(request))),
  );

  app.post(
    '/v1/me/second-factor/totp/confirm',
    {
      config: { access: { kind: 'user' }, rateLimit: CODE_RATE_LIMIT },
      schema: {
        tags: ['security'],
        summary:
          'Confirm the authenticator app with a code; new recovery codes are shown only in this answer',
        body: TotpCodeBodySchema,
        response: { 200: ref(EnrolledSchema), 400: PROBLEM_RESPONSES[400], 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request) => service.confirmTotpEnrolment(deps, requireUser(request), request.body.code),
  );

  app.delete(
    '/v1/me/second-factor/totp',
    {
      config: { access: { kind: 'user' }, administrative: 'second-factor' },
      schema: {
        tags: ['security'],
        summary: 'Remove the authenticator app (not the last factor while your role needs one)',
        response: { 204: NoContent, 404: PROBLEM_RESPONSES[404], 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request, reply) => {
      await service.removeTotp(deps, requireUser(request));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/v1/me/second-factor/verify',
    {
      config: { access: { kind: 'user' }, rateLimit: CODE_RATE_LIMIT },
      schema: {
        tags: ['security'],
        summary: 'Prove a second factor for this session with an authenticator or recovery code (step-up)',
        body: VerifyBodySchema,
        response: { 200: ref(ProvenSchema), 400: PROBLEM_RESPONSES[400], 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request) => service.verifySecondFactor(deps, requireUser(request), request.body),
  );

  app.post(
    '/v1/me/second-factor/recovery-codes',
    {
      config: { access: { kind: 'user' }, administrative: 'second-factor' },
      schema: {
        tags: ['security'],
        summary: 'Replace my recovery codes with ten new ones, shown only in this answer',
        response: { 200: ref(RecoveryCodesSchema), 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request) => service.regenerateRecoveryCodes(deps, requireUser(request)),
  );

  await app.register(passkeyRoutes);
  await app.register(workspaceRequirementRoutes);
  await app.register(supportResetRoutes);
};
