import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { Type } from 'typebox';
import { downloadHeaders } from '../../platform/http/downloads.js';
import { IdParam } from '../../platform/http/params.js';
import { PROBLEM_RESPONSES } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import { READ_ACCESS } from './route-access.js';
import {
  buildTranscript,
  renderTranscriptCsv,
  renderTranscriptPdf,
  transcriptFilename,
} from './transcript.js';

const LicenseParams = Type.Object({ workspaceId: IdParam, licenseId: IdParam });
const ERRORS = { 404: PROBLEM_RESPONSES[404], 409: PROBLEM_RESPONSES[409] };

/** A license's current cycle as a transcript to hand a board or an employer: CSV and PDF. */
export const transcriptRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  const base = '/v1/workspaces/:workspaceId/credentials/licenses/:licenseId';

  app.get(
    `${base}/transcript.csv`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'The current renewal cycle’s CE activities and totals as CSV',
      params: LicenseParams,
      response: { 200: Type.String({ description: 'text/csv' }), ...ERRORS },
    }),
    async (request, reply) => {
      const transcript = await buildTranscript(
        deps,
        requireTenant(request).tenantId,
        request.params.licenseId,
      );
      return reply
        .headers(downloadHeaders(transcriptFilename(transcript, 'csv'), 'text/csv; charset=utf-8'))
        .send(await renderTranscriptCsv(transcript));
    },
  );

  app.get(
    `${base}/transcript.pdf`,
    tenantRoute(READ_ACCESS, {
      tags: ['credentials'],
      summary: 'The current renewal cycle’s CE activities and totals as PDF',
      params: LicenseParams,
      response: {
        200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }),
        ...ERRORS,
      },
    }),
    async (request, reply) => {
      const transcript = await buildTranscript(
        deps,
        requireTenant(request).tenantId,
        request.params.licenseId,
      );
      return reply
        .headers(downloadHeaders(transcriptFilename(transcript, 'pdf'), 'application/pdf'))
        .send(await renderTranscriptPdf(transcript));
    },
  );
};
