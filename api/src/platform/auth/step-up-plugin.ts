import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isSupportEmail, type Config } from '../../config.js';
import { AppError } from '../errors.js';
import { createPlatformAdminCheck } from './platform-admins.js';
import type { UserPrincipal } from './principal.js';

/**
 * What a route is administrative for: `workspace` (members and roles, API keys, legal hold,
 * billing: only owners and admins reach these through their permission), `account` (the person's
 * whole export, the deletion of their account and the workspaces only they own), `platform`
 * (operators' and support's pages, which answer 404 to everyone else) and `second-factor` (removing a factor or
 * replacing recovery codes: a stolen session must not strip the protection it is asked for).
 */
export type AdministrativeKind = 'workspace' | 'account' | 'platform' | 'second-factor';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyContextConfig {
    /** The route is an administrative action: it asks for a recently proven second factor (P-AUTH-6). */
    administrative?: AdministrativeKind;
  }
}

export type StepUpOptions = {
  config: Config;
  now: () => Date;
  /** Whether the person holds a second factor (the second-factor module answers; platform never imports it). */
  hasSecondFactor: (userId: string) => Promise<boolean>;
};

/** Whether a proof made at `secondFactorAt` still opens administrative routes at `now`. */
export function isSecondFactorFresh(
  secondFactorAt: string | undefined,
  now: Date,
  maxAgeHours: number,
): boolean {
  if (secondFactorAt === undefined) return false;
  const provenAt = Date.parse(secondFactorAt);
  return Number.isFinite(provenAt) && now.getTime() - provenAt <= maxAgeHours * 3_600_000;
}

/**
 * Step-up for administrative routes, decided after authorization (so an outsider still gets the
 * 404 or 403 it always got) and before the body is read into any change: a person who has not
 * proven a second factor within SECOND_FACTOR_MAX_AGE_HOURS is answered 401
 * `second_factor_required`. Under ADMIN_SECOND_FACTOR=required that is everyone reaching such a
 * route; under `when-enrolled` only people who hold a factor. API keys never reach these routes:
 * no scope grants their permissions and `user` routes refuse keys, so one arriving here is refused.
 */
export const stepUpPlugin = fp(async (app: FastifyInstance, options: StepUpOptions) => {
  const { config } = options;
  const { isPlatformAdmin } = createPlatformAdminCheck(config);

  const needsProof = async (principal: UserPrincipal): Promise<boolean> => {
    if (isSecondFactorFresh(principal.secondFactorAt, options.now(), config.SECOND_FACTOR_MAX_AGE_HOURS))
      return false;
    if (config.ADMIN_SECOND_FACTOR === 'required') return true;
    return options.hasSecondFactor(principal.userId);
  };

  app.addHook('preValidation', async (request: FastifyRequest) => {
    const kind = request.routeOptions.config.administrative;
    if (kind === undefined) return;
    const principal = request.principal;
    if (principal === null) return;
    if (principal.type !== 'user')
      throw new AppError('forbidden', 'Administrative actions are for people, not API keys.');
    // Everyone but operators and support is answered 404 by the route itself: the step-up must not reveal it first.
    if (kind === 'platform' && !isPlatformAdmin(principal.email) && !isSupportEmail(config, principal.email))
      return;
    if (await needsProof(principal))
      throw new AppError(
        'second_factor_required',
        'Confirm it is you with a passkey, an authenticator code or a recovery code, then try again.',
      );
  });
});
