import type { FastifyRequest } from 'fastify';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { toActor } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/errors.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';

/** Practice is personal: every operation acts for one person in one workspace. */
export type Caller = { tenantId: string; userId: string; actor: AuditActor };

/** Every practice route: any member may practise, and sees only their own practice. */
export const PRACTICE_CONFIG = { permission: 'practice:use', module: 'practice' } as const;

/** The person practising; practice belongs to a person, so an API key cannot act here. */
export function toCaller(request: FastifyRequest): Caller {
  const tenant = requireTenant(request);
  if (tenant.principal.type !== 'user') throw new AppError('forbidden');
  return { tenantId: tenant.tenantId, userId: tenant.principal.userId, actor: toActor(tenant.principal) };
}
