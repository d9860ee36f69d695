import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { downloadHeaders } from '../../../platform/http/downloads.js';
import { PROBLEM_RESPONSES } from '../../../platform/http/schema-ref.js';
import { requireTenant } from '../../../platform/tenancy/tenancy-plugin.js';
import { IdParam, WorkspaceParams } from '../../../platform/http/params.js';
import { buildIncidentReport, type ReportSources } from './service.js';

/** The court report: a workspace's incidents and messages of a date range as one PDF. */
export const courtReportRoutes: FastifyPluginAsyncTypebox<ReportSources> = async (app, sources) => {
  const { deps } = app;

  app.get(
    '/v1/workspaces/:workspaceId/reports/incidents.pdf',
    {
      config: { access: { kind: 'tenant', permission: 'incidents:read' } },
      schema: {
        tags: ['incidents'],
        summary: 'A court-ready PDF of the incidents and messages of a date range, oldest first',
        description:
          'Each incident with every field and its attachments by SHA-256, then the messages (received ones verbatim) for a caller who may read messages; every page carries the generation time, page n of N, and the manifest hash of the signed export (your newest, or `exportId`).',
        params: WorkspaceParams,
        querystring: Type.Object(
          {
            from: Type.Optional(Type.String({ format: 'date-time' })),
            to: Type.Optional(Type.String({ format: 'date-time' })),
            exportId: Type.Optional(IdParam),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Unsafe<Buffer>({ type: 'string', format: 'binary', description: 'application/pdf' }),
          400: PROBLEM_RESPONSES[400],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request, reply) => {
      const report = await buildIncidentReport(deps, sources, requireTenant(request), request.query);
      return reply.headers(downloadHeaders(report.filename, 'application/pdf')).send(report.pdf);
    },
  );
};
