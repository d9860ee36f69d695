import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { addSchemas, PROBLEM_RESPONSES, ref, stringEnum } from '../http/schema-ref.js';
import { requireTenant } from '../tenancy/tenancy-plugin.js';
import { verifyAuditChain } from './audit-log.js';
import { AUDIT_KINDS, listAuditEntriesOfKind } from './audit-filter.js';
import { CursorQuery, WorkspaceParams } from '../http/params.js';

const AuditEntrySchema = Type.Object(
  {
    seq: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    actor: Type.Object({ type: Type.String(), id: Type.String(), label: Type.String() }),
    action: Type.String(),
    target: Type.Object({ type: Type.String(), id: Type.String() }),
    details: Type.Record(Type.String(), Type.Unknown()),
    prevHash: Type.String(),
    hash: Type.String(),
  },
  { $id: 'AuditEntry' },
);

const ChainVerdictSchema = Type.Object(
  {
    isValid: Type.Boolean(),
    checked: Type.Integer({ description: 'Entries verified before the first broken link (or all)' }),
    firstBrokenSeq: Type.Optional(Type.Integer()),
    reason: Type.Optional(Type.String()),
  },
  { $id: 'AuditChainVerdict' },
);

/**
 * The audit log is read-only over HTTP: there is no route that edits or deletes an entry
 * (P-AUD-2). The isolation suite checks every route, this one included.
 */
export const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  addSchemas(app, [AuditEntrySchema, ChainVerdictSchema]);
  const { deps } = app;

  app.get(
    '/v1/workspaces/:workspaceId/audit',
    {
      config: { access: { kind: 'tenant', permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        summary: 'The workspace’s audit log, newest first',
        params: WorkspaceParams,
        querystring: Type.Object(
          {
            cursor: CursorQuery,
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            kind: Type.Optional(
              stringEnum(AUDIT_KINDS, {
                description:
                  'changes: what changed records; reads: reads of wellbeing records and professionals’ reads; all (default). A filtered page may hold fewer than `limit` entries and still have a `nextCursor`.',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            items: Type.Array(ref(AuditEntrySchema)),
            nextCursor: Type.Optional(Type.String()),
          }),
          400: PROBLEM_RESPONSES[400],
          404: PROBLEM_RESPONSES[404],
        },
      },
    },
    async (request) => {
      const { tenantId } = requireTenant(request);
      const kind = request.query.kind ?? 'all';
      // The cursor is bound to its filter: one made for "reads" does not continue "changes".
      const queryKey = kind === 'all' ? 'audit' : `audit:${kind}`;
      const startKey = deps.cursors.decode(tenantId, queryKey, request.query.cursor);
      const page = await listAuditEntriesOfKind(deps.db, tenantId, {
        kind,
        limit: request.query.limit ?? 50,
        ...(startKey === undefined ? {} : { startKey }),
      });
      const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
      return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
    },
  );

  app.get(
    '/v1/workspaces/:workspaceId/audit/verify',
    {
      config: { access: { kind: 'tenant', permission: 'audit:read' } },
      schema: {
        tags: ['audit'],
        summary: 'Re-walk the hash chain and report the first broken link',
        params: WorkspaceParams,
        response: { 200: ref(ChainVerdictSchema), 404: PROBLEM_RESPONSES[404] },
      },
    },
    async (request) => verifyAuditChain(deps.db, requireTenant(request).tenantId),
  );
};
