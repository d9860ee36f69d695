import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { WorkspaceParams } from '../../../platform/http/params.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../../platform/http/schema-ref.js';
import { tenantCaller, tenantRoute } from '../../../platform/tenancy/tenant-route.js';
import { WRITE } from '../access.js';
import { CommunicationSchema } from '../schema.js';
import { ImportInputSchema, ImportPreviewSchema } from './schema.js';
import { importThread, previewImportInto } from './service.js';

/** Import of an exported message thread: a preview that saves nothing, then the whole thread at once. */
export const threadImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [ImportPreviewSchema]);
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/communications/import';

  app.post(
    `${base}/preview`,
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Read an exported message thread and show what would be logged (nothing is saved)',
      params: WorkspaceParams,
      body: ImportInputSchema,
      response: { 200: ref(ImportPreviewSchema) },
    }),
    async (request) => previewImportInto(deps, tenantCaller(request).tenantId, request.body),
  );

  app.post(
    base,
    tenantRoute(WRITE, {
      tags: ['communications'],
      summary: 'Log every message of an exported thread, all or none',
      description:
        'Each message becomes a logged message with the fingerprints of the export and of its own text. An export with any message that cannot be read is refused whole (400, lines named). An export imported before answers 409 thread_already_imported (with importedAt and firstMessageId) unless importAgain is true.',
      params: WorkspaceParams,
      body: ImportInputSchema,
      response: {
        201: Type.Object({ items: Type.Array(ref(CommunicationSchema)), threadSha256: Type.String() }),
        400: PROBLEM_RESPONSES[400],
        409: PROBLEM_RESPONSES[409],
      },
    }),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      return reply.status(201).send(await importThread(deps, tenantId, actor, request.body));
    },
  );
};
