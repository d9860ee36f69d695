import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { toActor } from '../../platform/auth/principal.js';
import { PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import { ApiKeyName, ApiKeyParams, ApiKeySchema, ScopeSchema, WorkspaceIdParams } from './schema.js';
import * as service from './service.js';

const NoContent = Type.Null({ description: 'No content' });

/** A workspace's API keys, for integrators; managed by those with `api-keys:manage`. */
export const apiKeysRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/v1/workspaces/:workspaceId/api-keys',
    {
      config: { access: { kind: 'tenant', permission: 'api-keys:manage' } },
      schema: {
        tags: ['api-keys'],
        summary: 'API keys of a workspace (never their secrets)',
        params: WorkspaceIdParams,
        response: {
          200: Type.Object({ items: Type.Array(ref(ApiKeySchema)) }),
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => ({ items: await service.listApiKeys(deps, requireTenant(request).tenantId) }),
  );

  app.post(
    '/v1/workspaces/:workspaceId/api-keys',
    {
      config: { access: { kind: 'tenant', permission: 'api-keys:manage' }, administrative: 'workspace' },
      schema: {
        tags: ['api-keys'],
        summary: 'Create an API key; its secret is shown only in this response',
        params: WorkspaceIdParams,
        body: Type.Object(
          {
            name: ApiKeyName,
            scopes: Type.Array(ScopeSchema, { minItems: 1, maxItems: 10 }),
          },
          { additionalProperties: false },
        ),
        response: {
          201: Type.Object({ apiKey: ref(ApiKeySchema), secret: Type.String() }),
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
        .send(await service.createApiKey(deps, tenant.tenantId, toActor(tenant.principal), request.body));
    },
  );

  app.patch(
    '/v1/workspaces/:workspaceId/api-keys/:keyId',
    {
      config: { access: { kind: 'tenant', permission: 'api-keys:manage' }, administrative: 'workspace' },
      schema: {
        tags: ['api-keys'],
        summary: 'Rename an API key (its scopes never change: make a new key for other scopes)',
        params: ApiKeyParams,
        body: Type.Object({ name: ApiKeyName }, { additionalProperties: false }),
        response: {
          200: ref(ApiKeySchema),
          400: PROBLEM_RESPONSES[400],
          403: PROBLEM_RESPONSES[403],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => {
      const tenant = requireTenant(request);
      return service.renameApiKey(
        deps,
        tenant.tenantId,
        toActor(tenant.principal),
        request.params.keyId,
        request.body.name.trim(),
      );
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/api-keys/:keyId',
    {
      config: { access: { kind: 'tenant', permission: 'api-keys:manage' }, administrative: 'workspace' },
      schema: {
        tags: ['api-keys'],
        summary: 'Revoke an API key (it stops working at once)',
        params: ApiKeyParams,
        response: { 204: NoContent, 403: PROBLEM_RESPONSES[403], 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request, reply) => {
      const tenant = requireTenant(request);
      await service.revokeApiKey(deps, tenant.tenantId, toActor(tenant.principal), request.params.keyId);
      return reply.status(204).send(null);
    },
  );
};
