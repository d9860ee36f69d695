import type { FastifyContextConfig, FastifyRequest, FastifySchema } from 'fastify';
import { toActor } from '../auth/principal.js';
import type { AuditActor } from '../audit/audit-chain.js';
import type { Permission } from './roles.js';
import { requireTenant } from './tenancy-plugin.js';

/** The plan module a route belongs to (declared by the plan's entitlement check). */
type PlanModule = NonNullable<FastifyContextConfig['entitlement']>['module'];

/** Who may call a tenant route: the permission, and the plan module whose entitlement it needs. */
export type TenantRule = {
  permission: Permission;
  module?: PlanModule;
  /** Also callable with an API key of a matching scope. */
  allowApiKey?: boolean;
  /** Also open while the workspace is hidden because its sole owner deleted their account. */
  allowHidden?: boolean;
  /** An administrative action: it asks for a recently proven second factor. */
  administrative?: FastifyContextConfig['administrative'];
  /** Still open, in a workspace that requires a second factor, to a session that has not proven one. */
  isOpenWithoutSecondFactor?: boolean;
};

/**
 * The options of a route inside a workspace: its access rule and plan module as config, and its
 * schema unchanged (so the handler's request stays typed from it). The error answers every tenant
 * route can give (400, 401, 402, 403, 404, 429, ...) are added to the published document by the
 * platform (`openapi-contract.ts`), so a schema states only its own answers and any particular
 * error, such as 409 for a versioned change.
 */
export function tenantRoute<const S extends FastifySchema>(
  rule: TenantRule,
  schema: S,
): { config: FastifyContextConfig; schema: S } {
  const { permission, module, allowApiKey, allowHidden, administrative, isOpenWithoutSecondFactor } = rule;
  return {
    config: {
      access: {
        kind: 'tenant',
        permission,
        ...(allowApiKey === undefined ? {} : { allowApiKey }),
        ...(allowHidden === undefined ? {} : { allowHidden }),
      },
      ...(module === undefined ? {} : { entitlement: { module } }),
      ...(administrative === undefined ? {} : { administrative }),
      ...(isOpenWithoutSecondFactor === undefined ? {} : { isOpenWithoutSecondFactor }),
    },
    schema,
  };
}

/** The workspace a tenant route acts in and who acts, as a handler passes them to its service. */
export function tenantCaller(request: FastifyRequest): { tenantId: string; actor: AuditActor } {
  const tenant = requireTenant(request);
  return { tenantId: tenant.tenantId, actor: toActor(tenant.principal) };
}
