import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../../config.js';
import type { Db } from '../db/client.js';
import { runAsTenant } from '../db/credential-scope.js';
import type { ItemCache } from '../db/item-cache.js';
import { SK, tenantPk } from '../db/keys.js';
import { AppError } from '../errors.js';
import type { TenantContext, UserPrincipal } from '../auth/principal.js';
import { canScopes, grantPermissions, type Permission, type ProfessionalGrant, type Role } from './roles.js';
import { logProfessionalRead } from './professional-reads.js';
import type { RateLimits } from '../rate-limit/rate-limits.js';
import { TenantRateLimiter } from './tenant-rate-limit.js';

/** What a route requires of its caller; every /v1 route must declare one. */
export type Access =
  | { kind: 'public' }
  /** `allowPendingDeletion`: also open to an account scheduled for deletion (its status, restore, sign-out). */
  | { kind: 'user'; allowPendingDeletion?: boolean }
  /** `allowHidden`: also open while the workspace is hidden because its sole owner deleted their account. */
  | { kind: 'tenant'; permission: Permission; allowApiKey?: boolean; allowHidden?: boolean };

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyContextConfig {
    access?: Access;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyRequest {
    /** The tenant this request acts in, set before any data access on tenant routes. */
    tenant: TenantContext | null;
  }
}

const WORKSPACE_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * Reads the caller's membership of a tenant; the one data access that authorization itself needs.
 * A membership suspended by its own account's deletion counts as none; a workspace hidden because
 * its sole owner deleted their account counts as gone unless the route allows hidden workspaces.
 * With `cache`, a membership read in the last few seconds is not read again: a removal or role
 * change made by this process drops the copy at once, one made elsewhere is seen within its TTL.
 */
async function findMemberRole(
  db: Db,
  cache: ItemCache | undefined,
  tenantId: string,
  userId: string,
  allowHidden: boolean,
  now: Date,
): Promise<{ role: Role; grant?: ProfessionalGrant } | undefined> {
  const key = { PK: tenantPk(tenantId), SK: SK.member(userId) };
  const load = async () =>
    (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: key, ConsistentRead: true }))).Item;
  const found = cache === undefined ? await load() : await cache.read(key, load);
  const item = found as
    | {
        role: Role;
        removedAt?: string;
        suspendedAt?: string;
        workspaceHiddenAt?: string;
        grant?: ProfessionalGrant;
      }
    | undefined;
  if (item === undefined || item.removedAt !== undefined || item.suspendedAt !== undefined) return undefined;
  if (item.workspaceHiddenAt !== undefined && !allowHidden) return undefined;
  if (item.role !== 'professional') return { role: item.role };
  // A professional's access ends at its end date: from then on they are an outsider (404).
  if (item.grant === undefined || Date.parse(item.grant.endsAt) <= now.getTime()) return undefined;
  return { role: item.role, grant: item.grant };
}

/** The signed-in person of a `user` route. */
export function requireUser(request: FastifyRequest): UserPrincipal {
  const principal = request.principal;
  if (principal?.type !== 'user') throw new AppError('unauthenticated');
  return principal;
}

/** The tenant context of a `tenant` route (always set by the time a handler runs). */
export function requireTenant(request: FastifyRequest): TenantContext {
  if (request.tenant === null) throw new AppError('not_found');
  return request.tenant;
}

/**
 * Authorization for every route, decided in preValidation, before the body is validated and
 * before any handler can touch data (P-ISO-2): principal → membership of the tenant named in the
 * URL → role → permission. A tenant the caller does not belong to answers 404, exactly like a
 * tenant that does not exist (P-ISO-1). Then the per-tenant rate limit applies.
 */
export const tenancyPlugin = fp(
  async (
    app: FastifyInstance,
    options: { config: Config; db: Db; rateLimits: RateLimits; cache?: ItemCache; now?: () => Date },
  ) => {
    const { db, config } = options;
    const now = options.now ?? (() => new Date());
    app.decorateRequest('tenant', null);

    app.addHook('onRoute', (route) => {
      if (!route.url.startsWith('/v1/')) return;
      const access = route.config?.access;
      if (access === undefined)
        throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
      if (access.kind === 'tenant' && !route.url.includes(':workspaceId')) {
        throw new Error(`tenant route ${route.url} must name :workspaceId`);
      }
    });

    const tenantLimiter = new TenantRateLimiter(
      options.rateLimits.counter('tenant', config.RATE_LIMIT_PER_TENANT_PER_MINUTE, 60_000),
    );

    const authorize = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      const access = request.routeOptions.config.access;
      // Fail closed: a /v1 route registered where the onRoute check could not see it still has no way in.
      if (access === undefined && (request.routeOptions.url ?? '').startsWith('/v1/'))
        throw new AppError('not_found');
      if (access === undefined || access.kind === 'public') return;
      const principal = request.principal;
      if (principal === null) throw new AppError('unauthenticated');
      if (access.kind === 'user') {
        if (principal.type !== 'user')
          throw new AppError('forbidden', 'This route is for signed-in people, not API keys.');
        if (principal.isPendingDeletion === true && access.allowPendingDeletion !== true)
          throw new AppError(
            'account_pending_deletion',
            'This account is scheduled for deletion. Restore it to use Holdfast again.',
          );
        return;
      }
      // An account scheduled for deletion reaches no workspace: they answer as if gone.
      if (principal.type === 'user' && principal.isPendingDeletion === true) throw new AppError('not_found');
      const workspaceId = (request.params as { workspaceId?: string }).workspaceId ?? '';
      if (!WORKSPACE_ID.test(workspaceId)) throw new AppError('not_found');
      let role: Role | undefined;
      let grant: ProfessionalGrant | undefined;
      if (principal.type === 'api-key') {
        // A key belongs to exactly one tenant; any other workspace id is simply not found.
        if (principal.tenantId !== workspaceId) throw new AppError('not_found');
        if (access.allowApiKey === false || !canScopes(principal.scopes, access.permission)) {
          throw new AppError('forbidden', `This API key lacks the scope ${access.permission}.`);
        }
        role = 'member';
      } else {
        // The membership item is in the workspace's own partition, so it is read with that
        // workspace's narrowed session like the rest of the request: the read cannot reach any
        // other partition even before the caller is known to belong.
        const membership = await runAsTenant(workspaceId, () =>
          findMemberRole(
            db,
            options.cache,
            workspaceId,
            principal.userId,
            access.allowHidden === true,
            now(),
          ),
        );
        if (membership === undefined) throw new AppError('not_found');
        ({ role, grant } = membership);
        if (!grantPermissions(role, grant).has(access.permission)) {
          throw new AppError('forbidden', `Your role (${role}) does not allow ${access.permission}.`);
        }
      }
      request.tenant = { tenantId: workspaceId, role, principal, ...(grant === undefined ? {} : { grant }) };
      const retryAfter = tenantLimiter.hit(workspaceId, Date.now());
      if (retryAfter !== undefined) {
        reply.header('retry-after', String(retryAfter));
        throw new AppError(
          'rate_limited',
          `This workspace made too many requests. Retry in ${retryAfter} seconds.`,
        );
      }
    };

    // The rest of an authorized tenant request (later hooks, the handler, its repos) runs as that
    // tenant, so its DynamoDB calls are signed with the tenant's narrowed credentials when deployed.
    app.addHook('preValidation', (request, reply, done) => {
      authorize(request, reply).then(
        () => {
          const tenant = request.tenant;
          if (tenant === null) done();
          else runAsTenant(tenant.tenantId, () => done());
        },
        (error: unknown) => done(error instanceof Error ? error : new AppError('internal')),
      );
    });

    // Every answer a professional is given is written to the log of the person who invited them
    // (P-SHARE-1), before it is sent: a read that cannot be logged is not answered.
    app.addHook('onSend', async (request, reply, payload) => {
      const tenant = request.tenant;
      if (tenant?.grant === undefined || reply.statusCode >= 400) return payload;
      await logProfessionalRead(db, request, tenant, tenant.grant, now);
      return payload;
    });
  },
);
