import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { CursorQuery, IdParam, limitQuery, WorkspaceParams } from '../../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../../platform/http/schema-ref.js';
import { tenantCaller, tenantRoute } from '../../../platform/tenancy/tenant-route.js';
import {
  ChecklistEntrySchema,
  CredentialRequestInputSchema,
  CredentialRequestSchema,
  OrganisationInputSchema,
  OrganisationSchema,
  SharedCredentialsSchema,
} from './schema.js';
import * as service from './service.js';
import { pageChecklist, readSharedCredentials } from './org-read.js';
import { answerRoutes } from './answer-routes.js';
import { cancelRequest } from './cancel-service.js';

const RequestParams = Type.Object({ workspaceId: IdParam, requestId: IdParam });
const PageQuery = Type.Object(
  { cursor: CursorQuery, limit: limitQuery(25) },
  { additionalProperties: false },
);

/** Anyone in the workspace may see whether it is an organisation; owners and admins set it up. */
const READ_PROFILE = { permission: 'credentials:read', module: 'credentials' } as const;
const SET_PROFILE = { permission: 'workspace:manage', module: 'credentials' } as const;
/** Asking people for credentials and reading what they shared: owners and admins only. */
const CREDENTIALING = { permission: 'members:manage', module: 'credentials' } as const;

/**
 * Organisation credentialing. The organisation's side: its profile, its requests, what was shared,
 * the checklist; the person's side (requests received, share, withdraw) is in answer-routes.ts.
 */
export const organisationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(answerRoutes);
  addSchemas(app, [
    OrganisationSchema,
    CredentialRequestSchema,
    SharedCredentialsSchema,
    ChecklistEntrySchema,
  ]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/credentials';

  app.get(
    `${base}/organisation`,
    tenantRoute(READ_PROFILE, {
      tags: ['credentials'],
      summary: 'The workspace’s organisation profile (404 when it is not an organisation)',
      params: WorkspaceParams,
      response: { 200: ref(OrganisationSchema) },
    }),
    async (request) => service.getOrganisation(deps, tenantCaller(request).tenantId),
  );

  app.put(
    `${base}/organisation`,
    tenantRoute(SET_PROFILE, {
      tags: ['credentials'],
      summary:
        'Set the workspace up as an organisation (clinic, agency, hospital) so it can request credentials',
      params: WorkspaceParams,
      body: OrganisationInputSchema,
      response: { 200: ref(OrganisationSchema) },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return service.setOrganisation(deps, tenantId, actor, request.body);
    },
  );

  app.post(
    `${base}/requests`,
    tenantRoute(CREDENTIALING, {
      tags: ['credentials'],
      summary: 'Ask a person, by email, for named licenses and documents',
      description:
        'The person is emailed and answers signed in with that address, from their own workspace. 409 until the workspace is an organisation.',
      params: WorkspaceParams,
      body: CredentialRequestInputSchema,
      response: { 201: ref(CredentialRequestSchema), 409: PROBLEM_RESPONSES[409] },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await service.createRequest(deps, tenantId, actor, request.body));
    },
  );

  app.get(
    `${base}/requests`,
    tenantRoute(CREDENTIALING, {
      tags: ['credentials'],
      summary: 'The organisation’s credential requests, newest first',
      params: WorkspaceParams,
      querystring: PageQuery,
      response: {
        200: Type.Object({
          items: Type.Array(ref(CredentialRequestSchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
      },
    }),
    async (request) => service.listRequests(deps, tenantCaller(request).tenantId, request.query),
  );

  app.get(
    `${base}/requests/:requestId`,
    tenantRoute(CREDENTIALING, {
      tags: ['credentials'],
      summary: 'One credential request and whether it was answered',
      params: RequestParams,
      response: { 200: ref(CredentialRequestSchema) },
    }),
    async (request) => service.getRequest(deps, tenantCaller(request).tenantId, request.params.requestId),
  );

  app.post(
    `${base}/requests/:requestId/cancel`,
    tenantRoute(CREDENTIALING, {
      tags: ['credentials'],
      summary: 'Cancel a request: the person no longer sees it, and what they shared for it ends at once',
      description: 'Cancelling a cancelled request changes nothing.',
      params: RequestParams,
      response: { 200: ref(CredentialRequestSchema), 409: PROBLEM_RESPONSES[409] },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return cancelRequest(deps, tenantId, actor, request.params.requestId);
    },
  );

  app.get(
    `${base}/requests/:requestId/shared`,
    tenantRoute(CREDENTIALING, {
      tags: ['credentials'],
      summary: 'What the person shared in answer, as it is now (404 once they withdraw it)',
      params: RequestParams,
      response: { 200: ref(SharedCredentialsSchema) },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      const reader = { actor, route: request.routeOptions.url ?? '' };
      return readSharedCredentials(deps, tenantId, reader, request.params.requestId);
    },
  );

  app.get(
    `${base}/checklist`,
    tenantRoute(CREDENTIALING, {
      tags: ['credentials'],
      summary:
        'The credentialing checklist: each person asked, each requirement complete, expiring or missing',
      description: 'A license that meets a requirement but ends within 60 days is expiring.',
      params: WorkspaceParams,
      querystring: PageQuery,
      response: {
        200: Type.Object({
          items: Type.Array(ref(ChecklistEntrySchema)),
          nextCursor: Type.Optional(Type.String()),
        }),
      },
    }),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return pageChecklist(deps, tenantId, { actor, route: request.routeOptions.url ?? '' }, request.query);
    },
  );
};
