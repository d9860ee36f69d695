import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isClerkEnabled, isLocal, type Config } from '../../config.js';
import type { Db } from '../db/client.js';
import type { ItemCache } from '../db/item-cache.js';
import { AppError } from '../errors.js';
import { API_KEY_PREFIX, resolveApiKey } from './api-key-secrets.js';
import type { Principal, UserPrincipal } from './principal.js';
import { findSession, SESSION_COOKIE } from './sessions.js';

declare module 'fastify' {
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyRequest {
    /** Who is calling, resolved from a session cookie, a Clerk token or an API key. */
    principal: Principal | null;
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions -- augmentation needs an interface
  interface FastifyContextConfig {
    /**
     * The route authenticates by something in the request itself (a signed link), never by a
     * cookie or key: no principal is resolved, so a stray session cookie cannot trigger the CSRF
     * refusal either.
     */
    ignoresCredentials?: boolean;
  }
}

/** Header a cookie-authenticated change must carry; a cross-site form cannot set it. */
export const CSRF_HEADER = 'x-holdfast-csrf';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type AuthPluginOptions = {
  config: Config;
  db: Db;
  /** Maps a verified Clerk user id to the local user, creating it on first sight. */
  resolveClerkUser: (
    clerkUserId: string,
  ) => Promise<{ userId: string; email: string; isPendingDeletion?: boolean }>;
  now: () => Date;
  /** Short-lived copies of sessions and API keys (one DynamoDB call per signed-in read, not three). */
  cache?: ItemCache;
};

/** Cookie settings for the session: signed, HTTP-only, SameSite=Lax, Secure outside local mode. */
export function sessionCookieOptions(config: Config, expiresAt?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: !isLocal(config),
    signed: true,
    ...(expiresAt === undefined ? {} : { expires: expiresAt }),
  };
}

function readBearer(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header === undefined) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}

/**
 * When a Clerk session last verified a second factor: Clerk's `fva` claim holds the minutes since
 * the first and the second factor were verified, -1 for a factor never verified in the session.
 */
export function readClerkSecondFactorAt(
  factorVerificationAge: readonly [number, number] | null,
  now: Date,
): string | undefined {
  const minutes = factorVerificationAge?.[1];
  if (minutes === undefined || !Number.isFinite(minutes) || minutes < 0) return undefined;
  return new Date(now.getTime() - minutes * 60_000).toISOString();
}

/**
 * Resolves the principal of every request once routed, after the per-IP rate limit and before the body is read: an API key (`Authorization: Bearer
 * hf_...`), a Clerk session token when Clerk is configured, or the signed session cookie. It
 * never rejects by itself; routes declare what they need. It does enforce the CSRF header on
 * cookie-authenticated changes.
 */
export const authPlugin = fp(async (app: FastifyInstance, options: AuthPluginOptions) => {
  const { config, db } = options;
  await app.register(cookie, {
    secret:
      config.SESSION_SECRET_PREVIOUS === undefined
        ? config.SESSION_SECRET
        : [config.SESSION_SECRET, config.SESSION_SECRET_PREVIOUS],
    hook: 'onRequest',
  });
  // Clerk's SDK is loaded only by a deployment that uses Clerk: others start without parsing it.
  const clerk = isClerkEnabled(config) ? await import('@clerk/fastify') : undefined;
  if (clerk !== undefined) {
    await app.register(clerk.clerkPlugin, {
      publishableKey: config.CLERK_PUBLISHABLE_KEY,
      secretKey: config.CLERK_SECRET_KEY,
      jwtKey: config.CLERK_JWT_KEY,
      hookName: 'onRequest',
      __internal_enableHandshake: false,
    });
  }
  app.decorateRequest('principal', null);

  // preParsing, not onRequest: route-level onRequest hooks (the per-IP rate limit) run after every
  // app-level onRequest hook, so resolving the principal there made each 429 cost a session read.
  // Here the rate limit has answered first, and the body is still unread.
  app.addHook('preParsing', async (request) => {
    if (request.routeOptions.config.ignoresCredentials === true) return;
    const now = options.now();
    const bearer = readBearer(request);
    if (bearer?.startsWith(API_KEY_PREFIX) === true) {
      const key = await resolveApiKey(db, bearer, now, options.cache);
      if (key === undefined)
        throw new AppError('unauthenticated', 'The API key is not valid or was revoked.');
      request.principal = {
        type: 'api-key',
        keyId: key.keyId,
        tenantId: key.tenantId,
        scopes: key.scopes,
        label: key.name,
      };
      return;
    }
    if (clerk !== undefined) {
      const auth = clerk.getAuth(request);
      if (auth.isAuthenticated && typeof auth.userId === 'string') {
        const user = await options.resolveClerkUser(auth.userId);
        const secondFactorAt = readClerkSecondFactorAt(auth.factorVerificationAge, now);
        request.principal = {
          type: 'user',
          userId: user.userId,
          email: user.email,
          via: 'clerk',
          ...(user.isPendingDeletion === true ? { isPendingDeletion: true } : {}),
          ...(secondFactorAt === undefined ? {} : { secondFactorAt }),
        };
        return;
      }
    }
    const raw = request.cookies[SESSION_COOKIE];
    if (raw !== undefined) {
      const unsigned = request.unsignCookie(raw);
      if (unsigned.valid && unsigned.value !== null) {
        const session = await findSession(db, unsigned.value, now, options.cache);
        if (session !== undefined) {
          const principal: UserPrincipal = {
            type: 'user',
            userId: session.userId,
            email: session.email,
            via: 'session-cookie',
            sessionHash: session.sessionHash,
            ...(session.isPendingDeletion === true ? { isPendingDeletion: true } : {}),
            ...(session.secondFactorAt === undefined ? {} : { secondFactorAt: session.secondFactorAt }),
          };
          request.principal = principal;
        }
      }
    }
    if (
      request.principal?.type === 'user' &&
      request.principal.via === 'session-cookie' &&
      !SAFE_METHODS.has(request.method)
    ) {
      if (request.headers[CSRF_HEADER] !== '1') {
        throw new AppError(
          'csrf_failed',
          `Send the header ${CSRF_HEADER}: 1 with changes made from the browser.`,
        );
      }
    }
  });
});
