import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { tenantCaller, tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { downloadHeaders } from '../../platform/http/downloads.js';
import { Type } from 'typebox';
import { ULID_PATTERN } from '../../platform/db/ids.js';
import { addSchemas, PROBLEM_RESPONSES, ref, stringEnum } from '../../platform/http/schema-ref.js';
import {
  ATTACHABLE_RECORD_TYPES,
  AttachmentSchema,
  DocumentListQuerySchema,
  DocumentPatchSchema,
  DocumentSchema,
  StorageUsageSchema,
  UploadQuerySchema,
  UploadResultSchema,
} from './schema.js';
import * as service from './service.js';
import { IdParam, WorkspaceParams } from '../../platform/http/params.js';

const Id = Type.String({ pattern: ULID_PATTERN });
const DocumentParams = Type.Object({ workspaceId: IdParam, documentId: Id });
const RecordParams = Type.Object({
  workspaceId: IdParam,
  recordType: stringEnum(ATTACHABLE_RECORD_TYPES),
  recordId: Id,
});
const AttachmentParams = Type.Object({ ...RecordParams.properties, documentId: Id });

const problem = (description: string) => Type.Unsafe<unknown>({ $ref: 'Problem#', description });

/**
 * The record types documents can be attached to, each checked through its own module: the app
 * hands them in, so the vault imports none of those modules.
 */
export type VaultRoutesOptions = { attachables: service.Attachables };

/** Vault: documents stored by their SHA-256, their content, and attachments to other records. */
export const vaultRoutes: FastifyPluginAsyncTypebox<VaultRoutesOptions> = async (app, { attachables }) => {
  addSchemas(app, [DocumentSchema, UploadResultSchema, AttachmentSchema, StorageUsageSchema]);
  const { deps } = app;

  if (deps.config.VAULT_SWEEP_INTERVAL_MINUTES > 0) {
    const timer = setInterval(() => {
      service
        .sweepOrphans(deps, { olderThanMs: service.SWEEP_GRACE_MS })
        .then(({ scanned, removed }) => app.log.info({ scanned, removed: removed.length }, 'vault sweep'))
        .catch((error: unknown) =>
          app.log.error({ errorName: error instanceof Error ? error.name : 'unknown' }, 'vault sweep failed'),
        );
    }, deps.config.VAULT_SWEEP_INTERVAL_MINUTES * 60_000);
    timer.unref();
    app.addHook('onClose', async () => clearInterval(timer));
  }

  app.get(
    '/v1/workspaces/:workspaceId/documents',
    tenantRoute(
      { permission: 'documents:read', module: 'vault' },
      {
        tags: ['documents'],
        summary: 'List documents, newest first; filter by category or tag, search title words or a tag',
        params: WorkspaceParams,
        querystring: DocumentListQuerySchema,
        response: {
          200: Type.Object({
            items: Type.Array(ref(DocumentSchema)),
            nextCursor: Type.Optional(Type.String()),
          }),
        },
      },
    ),
    async (request) => service.listDocuments(deps, tenantCaller(request).tenantId, request.query),
  );

  // The upload takes the file itself as the body, whatever type the client declares: the type is
  // decided from the bytes. The body is never parsed or buffered; the handler streams it.
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<TypeBoxTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    scope.post(
      '/v1/workspaces/:workspaceId/documents',
      tenantRoute(
        { permission: 'documents:write', module: 'vault' },
        {
          tags: ['documents'],
          summary: 'Upload a file (the raw bytes as the body) and record it as a document',
          description:
            'Send the file as the request body (any Content-Type; the type is decided from the content). ' +
            'Allowed: PDF, PNG, JPEG, WebP, HEIC, plain text. The same bytes uploaded again are stored once.',
          params: WorkspaceParams,
          querystring: UploadQuerySchema,
          // Documents the raw body; the schema accepts anything, since the bytes are checked as they stream.
          body: Type.Unsafe<unknown>({
            content: {
              'application/octet-stream': {
                schema: { description: 'The file’s bytes', contentMediaType: 'application/octet-stream' },
              },
            },
          }),
          response: {
            201: ref(UploadResultSchema),
            402: problem('The workspace is read-only until a failed payment goes through'),
            409: PROBLEM_RESPONSES[409],
            413: problem(
              'Larger than the file limit, or over the storage quota of the workspace’s plan (the quota and a plan with more are named)',
            ),
            415: problem('Not a PDF, an allowed image type or plain text (the detected type is named)'),
          },
        },
      ),
      async (request, reply) => {
        const { tenantId, actor } = tenantCaller(request);
        const declared = Number.parseInt(request.headers['content-length'] ?? '', 10);
        const result = await service.uploadDocument(
          deps,
          tenantId,
          actor,
          request.query,
          request.raw,
          Number.isNaN(declared) ? undefined : declared,
        );
        return reply.status(201).send(result);
      },
    );
  });

  app.get(
    '/v1/workspaces/:workspaceId/documents/:documentId',
    tenantRoute(
      { permission: 'documents:read', module: 'vault' },
      {
        tags: ['documents'],
        summary: 'One document, with its SHA-256 fingerprint',
        params: DocumentParams,
        response: { 200: ref(DocumentSchema) },
      },
    ),
    async (request) => service.getDocument(deps, tenantCaller(request).tenantId, request.params.documentId),
  );

  app.get(
    '/v1/workspaces/:workspaceId/documents/:documentId/content',
    tenantRoute(
      { permission: 'documents:read', module: 'vault' },
      {
        tags: ['documents'],
        summary: 'Download a document’s bytes, checked against its SHA-256 first',
        params: DocumentParams,
        response: {
          200: Type.String({ format: 'binary', description: 'The file, as an attachment' }),
          500: problem('integrity_failure: the stored bytes no longer match their fingerprint'),
        },
      },
    ),
    async (request, reply) => {
      const { document, stream } = await service.openDocumentContent(
        deps,
        tenantCaller(request).tenantId,
        request.params.documentId,
        (details) =>
          request.log.error({ event: 'vault.integrity_failure', ...details }, 'file integrity failure'),
      );
      return reply
        .headers(
          downloadHeaders(
            document.filename,
            document.contentType === 'text/plain' ? 'text/plain; charset=utf-8' : document.contentType,
          ),
        )
        .header('content-length', String(document.size))
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('repr-digest', `sha-256=:${Buffer.from(document.sha256, 'hex').toString('base64')}:`)
        .send(stream);
    },
  );

  app.patch(
    '/v1/workspaces/:workspaceId/documents/:documentId',
    tenantRoute(
      { permission: 'documents:write', module: 'vault' },
      {
        tags: ['documents'],
        summary: 'Correct a document’s title, description, category, tags or date',
        params: DocumentParams,
        body: DocumentPatchSchema,
        response: {
          200: ref(DocumentSchema),
          409: PROBLEM_RESPONSES[409],
        },
      },
    ),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return service.updateDocument(deps, tenantId, actor, request.params.documentId, request.body);
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/documents/:documentId',
    tenantRoute(
      { permission: 'documents:write', module: 'vault' },
      {
        tags: ['documents'],
        summary: 'Delete a document and its attachments; its bytes go when no other document uses them',
        params: DocumentParams,
        response: {
          204: Type.Null(),
          409: PROBLEM_RESPONSES[409],
        },
      },
    ),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      await service.deleteDocument(deps, tenantId, actor, request.params.documentId);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/storage',
    tenantRoute(
      { permission: 'documents:read', module: 'vault' },
      {
        tags: ['documents'],
        summary: 'Bytes stored and the workspace’s storage quota',
        params: WorkspaceParams,
        response: { 200: ref(StorageUsageSchema) },
      },
    ),
    async (request) => service.getStorageUsage(deps, tenantCaller(request).tenantId),
  );

  app.get(
    '/v1/workspaces/:workspaceId/attachments/:recordType/:recordId',
    tenantRoute(
      { permission: 'documents:read', module: 'vault' },
      {
        tags: ['documents'],
        summary: 'Documents attached to a record',
        params: RecordParams,
        response: {
          200: Type.Object({ items: Type.Array(ref(AttachmentSchema)) }),
        },
      },
    ),
    async (request) => ({
      items: await service.listAttachments(
        deps,
        attachables,
        tenantCaller(request).tenantId,
        request.params.recordType,
        request.params.recordId,
      ),
    }),
  );

  app.post(
    '/v1/workspaces/:workspaceId/attachments/:recordType/:recordId',
    tenantRoute(
      { permission: 'documents:write', module: 'vault' },
      {
        tags: ['documents'],
        summary: 'Attach a document to a record (again: no change)',
        params: RecordParams,
        body: Type.Object({ documentId: Id }, { additionalProperties: false }),
        response: {
          200: ref(AttachmentSchema),
        },
      },
    ),
    async (request) => {
      const { tenantId, actor } = tenantCaller(request);
      return service.attachDocument(deps, attachables, tenantId, actor, {
        ...request.params,
        documentId: request.body.documentId,
      });
    },
  );

  app.delete(
    '/v1/workspaces/:workspaceId/attachments/:recordType/:recordId/:documentId',
    tenantRoute(
      { permission: 'documents:write', module: 'vault' },
      {
        tags: ['documents'],
        summary: 'Detach a document from a record (the document stays)',
        params: AttachmentParams,
        response: { 204: Type.Null() },
      },
    ),
    async (request, reply) => {
      const { tenantId, actor } = tenantCaller(request);
      await service.detachDocument(deps, attachables, tenantId, actor, request.params);
      return reply.status(204).send(null);
    },
  );
};
