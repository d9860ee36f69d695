import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import type { ItemCache } from '../db/item-cache.js';
import { AppError } from '../errors.js';
import { isSecondFactorRequiredIn } from './workspace-second-factor-repo.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyContextConfig {
    /**
     * The route stays open in a workspace that requires a second factor to a person who has not
     * proven one (reading the workspace itself, so the SPA can say why the rest is closed).
     */
    isOpenWithoutSecondFactor?: boolean;
  }
}

export type WorkspaceSecondFactorOptions = {
  db: Db;
  cache?: ItemCache;
  /** Whether the person holds a second factor (the second-factor module answers; platform never imports it). */
  hasSecondFactor: (userId: string) => Promise<boolean>;
};

/**
 * A workspace's requirement that every person who opens it proves a second factor: a session that
 * has not proven one this session reaches none of the workspace's routes. A person who holds a
 * factor is answered 401 `second_factor_required` (the SPA's prompt proves it and retries); one who
 * holds none, 403 `second_factor_enrolment_required` (the SPA sends them to set one up). Their own
 * account, security settings and other workspaces stay open. API keys are not people: creating one
 * already needs a fresh second factor, and owners revoke them. Decided after authorization, so an
 * outsider still gets the 404 it always got; a proven session costs no read at all.
 */
export const workspaceSecondFactorPlugin = fp(
  async (app: FastifyInstance, options: WorkspaceSecondFactorOptions) => {
    app.addHook('preValidation', async (request: FastifyRequest) => {
      const tenant = request.tenant;
      if (tenant === null || tenant.principal.type !== 'user') return;
      if (tenant.principal.secondFactorAt !== undefined) return;
      if (request.routeOptions.config.isOpenWithoutSecondFactor === true) return;
      if (!(await isSecondFactorRequiredIn(options.db, tenant.tenantId, options.cache))) return;
      if (await options.hasSecondFactor(tenant.principal.userId))
        throw new AppError(
          'second_factor_required',
          'This workspace requires a second factor: confirm it is you with a passkey, an authenticator code or a recovery code.',
        );
      throw new AppError(
        'second_factor_enrolment_required',
        'This workspace requires a second factor of everyone who opens it. Set up a passkey or an authenticator app on your Security page, then come back.',
      );
    });
  },
);
