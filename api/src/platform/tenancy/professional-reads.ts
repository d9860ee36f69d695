import type { FastifyRequest } from 'fastify';
import { commitWithAudit } from '../audit/audit-log.js';
import type { TenantContext } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import type { ProfessionalGrant } from './roles.js';

/** The audit action of a professional's read; the person who shared lists these as their access log. */
export const PROFESSIONAL_READ_ACTION = 'professional.read';

/**
 * What a route answered about, named from its URL template, so every route (of any module, new
 * ones included) is logged the same way: the kind is the path segment after the workspace, the id
 * the last path parameter other than the workspace's ("list" for a listing).
 */
function describeRead(request: FastifyRequest): { kind: string; id: string; route: string } {
  const route = request.routeOptions.url ?? '';
  const segments = route.split('/');
  const kind = segments[segments.indexOf(':workspaceId') + 1] ?? 'workspace';
  const params = request.params as Record<string, string | undefined>;
  const names = segments.filter((s) => s.startsWith(':') && s !== ':workspaceId').map((s) => s.slice(1));
  const last = names.at(-1);
  const id = last === undefined ? 'list' : (params[last] ?? 'list');
  return { kind: kind.startsWith(':') ? 'workspace' : kind, id, route };
}

/** Writes one audit entry for a professional's read: who (the professional), what, when, for whom. */
export async function logProfessionalRead(
  db: Db,
  request: FastifyRequest,
  tenant: TenantContext,
  grant: ProfessionalGrant,
  now: () => Date,
): Promise<void> {
  if (tenant.principal.type !== 'user') return;
  const { kind, id, route } = describeRead(request);
  await commitWithAudit(
    db,
    tenant.tenantId,
    [],
    {
      actor: { type: 'user', id: tenant.principal.userId, label: tenant.principal.email },
      action: PROFESSIONAL_READ_ACTION,
      target: { type: kind, id },
      details: { ownerId: grant.grantedBy, method: request.method, route },
    },
    now,
  );
}
