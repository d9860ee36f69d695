import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { TenantContext } from '../../platform/auth/principal.js';
import { toActor } from '../../platform/auth/principal.js';
import { isSecondFactorFresh } from '../../platform/auth/step-up-plugin.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { PROBLEM_RESPONSES, ref } from '../../platform/http/schema-ref.js';
import { requireTenant } from '../../platform/tenancy/tenancy-plugin.js';
import { tenantRoute } from '../../platform/tenancy/tenant-route.js';
import { WorkspaceIdParams, WorkspaceSchema, type Workspace } from '../workspaces/schema.js';
import { setSecondFactorRequirement } from '../workspaces/service.js';

/**
 * Turns on or off the workspace's requirement that every person who opens it proves a second
 * factor. Turning it on asks the one who does it to have proven a factor in this session
 * themselves, so no owner locks the workspace against their own session by mistake.
 */
export async function setWorkspaceRequirement(
  deps: AppDeps,
  tenant: TenantContext,
  isRequired: boolean,
): Promise<Workspace> {
  const principal = tenant.principal;
  if (principal.type !== 'user') throw new AppError('forbidden');
  const isFresh = isSecondFactorFresh(
    principal.secondFactorAt,
    deps.now(),
    deps.config.SECOND_FACTOR_MAX_AGE_HOURS,
  );
  if (isRequired && !isFresh)
    throw new AppError(
      'conflict',
      'Set up a second factor for yourself and confirm it first, then require one of everyone.',
    );
  return setSecondFactorRequirement(deps, tenant.tenantId, toActor(principal), tenant.role, isRequired);
}

/** The workspace setting: owners and admins, behind their own fresh second factor (administrative). */
export const workspaceRequirementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const { deps } = app;
  app.put(
    '/v1/workspaces/:workspaceId/second-factor-requirement',
    tenantRoute(
      { permission: 'members:manage', administrative: 'workspace' },
      {
        tags: ['workspaces'],
        summary:
          'Require a second factor of every person who opens this workspace, or stop requiring it (owners and admins)',
        params: WorkspaceIdParams,
        body: Type.Object({ isRequired: Type.Boolean() }, { additionalProperties: false }),
        response: { 200: ref(WorkspaceSchema), 409: PROBLEM_RESPONSES[409] },
      },
    ),
    async (request) => setWorkspaceRequirement(deps, requireTenant(request), request.body.isRequired),
  );
};
