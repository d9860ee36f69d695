import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, ref } from '../../platform/http/schema-ref.js';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
import {
  ContentParams,
  LibraryHitSchema,
  LibraryItemSchema,
  LibrarySearchQuerySchema,
  LibrarySearchResultSchema,
} from './schema.js';
import * as service from './service.js';
import { workspaceLibraryRoutes } from './workspace-routes.js';

const READ = { permission: 'library:read', module: 'library' } as const;

/** Library: shipped articles, templates and checklists, searched together with the workspace's own. */
export const libraryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [LibraryItemSchema, LibraryHitSchema, LibrarySearchResultSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/library';

  app.get(
    `${base}/search`,
    tenantRoute(READ, {
      tags: ['library'],
      summary: 'Search the library (or list it, without words); says whether search by meaning is on',
      params: WorkspaceParams,
      querystring: LibrarySearchQuerySchema,
      response: { 200: ref(LibrarySearchResultSchema) },
    }),
    async (request) => service.searchLibrary(deps, tenantCaller(request).tenantId, request.query),
  );

  app.get(
    `${base}/content/:contentId`,
    tenantRoute(READ, {
      tags: ['library'],
      summary: 'One item shipped with Holdfast',
      params: ContentParams,
      response: { 200: ref(LibraryItemSchema) },
    }),
    async (request) => {
      tenantCaller(request);
      return service.getShippedItem(request.params.contentId);
    },
  );

  await app.register(workspaceLibraryRoutes);
};
