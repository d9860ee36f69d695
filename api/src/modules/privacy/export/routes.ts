import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { downloadHeaders } from '../../../platform/http/downloads.js';
import { addSchemas, PROBLEM_RESPONSES, ref } from '../../../platform/http/schema-ref.js';
import { requireUser } from '../../../platform/tenancy/tenancy-plugin.js';
import { ExportKeySchema, ExportSchema } from './schema.js';
import * as service from './service.js';
import { loadExportSigner } from './signing-key.js';
import { IdParam } from '../../../platform/http/params.js';

const ExportParams = Type.Object({ exportId: IdParam });
/**
 * A person whose account awaits deletion may still ask for and download a copy of their data
 * during the grace period (P-RIGHT-3), with the session that otherwise only offers the restore.
 */
const exportAccess = { kind: 'user', allowPendingDeletion: true } as const;
const GONE = Type.Unsafe<unknown>({ $ref: 'Problem#', description: 'The export expired' });

/** The person's data export: start it, follow its progress, download it; and the key that signs it. */
export const exportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [ExportSchema, ExportKeySchema]);
  const { deps } = app;
  const signer = loadExportSigner(deps.config);
  // Exports run in the background; closing the app waits for them so nothing is cut off half-written.
  const inFlight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    const settled = work.catch((error: unknown) => app.log.error({ err: error }, 'export failed'));
    inFlight.add(settled);
    void settled.finally(() => inFlight.delete(settled));
  };
  app.addHook('onClose', async () => {
    await Promise.all(inFlight);
  });

  app.get(
    '/.well-known/holdfast-export-key',
    {
      config: { access: { kind: 'public' } },
      schema: {
        tags: ['privacy'],
        summary: 'The public key that signs export manifests',
        response: { 200: ref(ExportKeySchema) },
      },
    },
    async () => ({ algorithm: 'Ed25519' as const, keyId: signer.keyId, publicKey: signer.publicKeyPem }),
  );

  app.post(
    '/v1/me/exports',
    {
      config: { access: exportAccess, administrative: 'account' },
      schema: {
        tags: ['privacy'],
        summary: 'Start an export of everything you can read (ZIP, built in the background)',
        response: { 202: ref(ExportSchema), 401: PROBLEM_RESPONSES[401], 409: PROBLEM_RESPONSES[409] },
      },
    },
    async (request, reply) =>
      reply.status(202).send(await service.startExport(deps, signer, requireUser(request).userId, track)),
  );

  app.get(
    '/v1/me/exports',
    {
      config: { access: exportAccess },
      schema: {
        tags: ['privacy'],
        summary: 'Your recent exports, newest first',
        response: { 200: Type.Object({ items: Type.Array(ref(ExportSchema)) }), 401: PROBLEM_RESPONSES[401] },
      },
    },
    async (request) => ({ items: await service.listExports(deps, requireUser(request).userId) }),
  );

  app.get(
    '/v1/me/exports/:exportId',
    {
      config: { access: exportAccess },
      schema: {
        tags: ['privacy'],
        summary: 'One export and its progress',
        params: ExportParams,
        response: { 200: ref(ExportSchema), 401: PROBLEM_RESPONSES[401], 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => service.getExport(deps, requireUser(request).userId, request.params.exportId),
  );

  app.get(
    '/v1/me/exports/:exportId/download',
    {
      config: { access: exportAccess },
      schema: {
        tags: ['privacy'],
        summary: 'Download a ready export (until it expires)',
        params: ExportParams,
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/zip' }),
          401: PROBLEM_RESPONSES[401],
          404: PROBLEM_RESPONSES[404],
          409: PROBLEM_RESPONSES[409],
          410: GONE,
        },
      },
    },
    async (request, reply) => {
      const download = await service.openExportDownload(
        deps,
        requireUser(request).userId,
        request.params.exportId,
      );
      if (download.size !== undefined) reply.header('content-length', download.size);
      return reply.headers(downloadHeaders(download.filename, 'application/zip')).send(download.stream);
    },
  );
};
