import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { ref } from '../../platform/http/schema-ref.js';
import { ApiKeyName, ApiKeyParams, ApiKeySchema, ScopeSchema, WorkspaceIdParams } from './schema.js';
import * as service from './service.js';

const NoContent = Type.Null({ description: 'No content' });

/** A workspace's API keys, for integrators; managed by those with `api-keys:manage`. */
export const apiKeysRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;

  app.get(
    '/v1/workspaces/:workspaceId/api-keys',
    tenantRoute(
      { permission: 'api-keys:manage' },
      {
        tags: ['api-keys'],
        summary: 'API keys of a workspace (never their secrets)',
        params: WorkspaceIdParams,
        response: {
          200: Type.Object({ items: Type.Array(ref(ApiKeySchema)) }),
        },
      },
    ),
    async (request) => ({ items: await service.listApiKeys(deps, tenantCaller(request).tenantId) }),
  );

  app.post(
    '/v1/workspaces/:workspaceId/api-keys',
    tenantRoute(
      { permission: 'api-keys:manage', administrative: 'workspace' },
      {
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
        },
      },
    ),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await service.createApiKey(deps, tenantId, actor, request.body));
    },
  );

  app.patch(
    '/v1/workspaces/:workspaceId/api-keys/:keyId',
    tenantRoute(
      { permission: 'api-keys:manage', administrative: 'workspace' },
      {
        tags: ['api-keys'],
        summary: 'Rename an API key (its scopes never change: make a new key for other scopes)',
        params: ApiKeyParams,
        body: Type.Object({ name: ApiKeyName }, { additionalProperties: false }),
        response: {
          200: ref(ApiKeySchema),
        },
      },
    ),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return service.renameApiKey(deps, tenantId, actor, request.params.keyId, request.body.name.trim());
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/api-keys/:keyId',
    tenantRoute(
      { permission: 'api-keys:manage', administrative: 'workspace' },
      {
        tags: ['api-keys'],
        summary: 'Revoke an API key (it stops working at once)',
        params: ApiKeyParams,
        response: { 204: NoContent },
      },
    ),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      await service.revokeApiKey(deps, tenantId, actor, request.params.keyId);
      return reply.status(204).send(null);
    },
  );
};
