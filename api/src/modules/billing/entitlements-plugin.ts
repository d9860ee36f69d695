import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { AppDeps } from '../../platform/deps.js';
import { assertModuleAccess } from './entitlements.js';
import type { ModuleKey } from './plans.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyContextConfig {
    /** The plan module a tenant route belongs to; its changes also stop when the workspace is read-only. */
    entitlement?: { module: ModuleKey };
  }
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Entitlements, checked after tenancy and before the route (P-PAY-2): a route that declares a
 * module answers 402 when the workspace's plan lacks it, or, for a change, when the workspace is
 * read-only after its payment grace period.
 */
export const entitlementsPlugin = fp(async (app: FastifyInstance, options: { deps: AppDeps }) => {
  app.addHook('preHandler', async (request) => {
    const entitlement = request.routeOptions.config.entitlement;
    if (entitlement === undefined || request.tenant === null) return;
    await assertModuleAccess(
      options.deps,
      request.tenant.tenantId,
      entitlement.module,
      !READS.has(request.method),
    );
  });
});
