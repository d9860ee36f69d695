import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WorkspaceParams } from '../../platform/http/params.js';
import { addSchemas, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { AI_PROBLEMS, withAbortOnClose } from '../communications/ai-http.js';
import { CertificateExtractionSchema, ExtractionRequestSchema } from './extraction-schema.js';
import { extractCertificate } from './extraction-service.js';
import { WRITE_ACCESS, WRITE_ERRORS } from './route-access.js';

/** AI reading of a CE certificate: suggested fields only, nothing saved (P-AI-2). */
export const extractionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [CertificateExtractionSchema]);
  const { deps } = app;

  app.post(
    '/v1/workspaces/:workspaceId/credentials/activities/extract',
    tenantRoute(WRITE_ACCESS, {
      tags: ['credentials'],
      summary:
        'Read a certificate in the vault with AI into suggested activity fields, each with a confidence and flags; nothing is saved',
      params: WorkspaceParams,
      body: ExtractionRequestSchema,
      response: { 200: ref(CertificateExtractionSchema), ...WRITE_ERRORS, ...AI_PROBLEMS },
    }),
    async (request, reply) => {
      const { tenantId } = requireTenant(request);
      return withAbortOnClose(reply, (signal) =>
        extractCertificate(deps, tenantId, request.body.documentId, signal),
      );
    },
  );
};
