import Fastify, { type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { type Config } from './config.js';
import { authPlugin } from './platform/auth/auth-plugin.js';
import { auditRoutes } from './platform/audit/audit-routes.js';
import { createDb, type Db } from './platform/db/client.js';
import { CursorCodec } from './platform/db/cursor.js';
import type { AppDeps } from './platform/deps.js';
import { createMailer, type Mailer } from './platform/email/mailer.js';
import { errorHandlerPlugin } from './platform/errors.js';
import { buildLoggerOptions } from './platform/http/logging.js';
import { PhiStore } from './platform/phi/index.js';
import { openapiPlugin } from './platform/http/openapi-plugin.js';
import { securityPlugin } from './platform/http/security-plugin.js';
import { idempotencyPlugin } from './platform/idempotency/idempotency-plugin.js';
import { tenancyPlugin } from './platform/tenancy/tenancy-plugin.js';
import { accountsRoutes } from './modules/accounts/routes.js';
import { resolveClerkUser } from './modules/accounts/service.js';
import { journalRoutes } from './modules/journal/routes.js';
import { wellbeingRoutes } from './modules/wellbeing/routes.js';

export type BuildOptions = {
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /** Adapters to use instead of the ones the config selects (tests only swap the clock or mailer). */
  overrides?: Partial<{ db: Db; mailer: Mailer; now: () => Date }>;
};

/**
 * Builds the whole API as one Fastify app, without listening: platform plugins first (errors,
 * security, auth, tenancy, idempotency, OpenAPI), then the modules' routes.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: buildLoggerOptions(config, options.logStream),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY_CIDRS?.split(',').map((cidr) => cidr.trim()) ?? false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    ajv: {
      customOptions: { removeAdditional: false, allErrors: true, coerceTypes: 'array', useDefaults: true },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  const db = options.overrides?.db ?? createDb(config);
  const mailer = options.overrides?.mailer ?? createMailer(config);
  const now = options.overrides?.now ?? (() => new Date());
  const deps: AppDeps = {
    config,
    db,
    mailer,
    phi: new PhiStore(db, config, { now }),
    cursors: new CursorCodec(config.SESSION_SECRET),
    now,
  };
  app.decorate('deps', deps);
  app.addHook('onClose', async () => {
    if (options.overrides?.db === undefined) db.destroy();
    if (options.overrides?.mailer === undefined) mailer.destroy();
  });

  await app.register(errorHandlerPlugin);
  await app.register(securityPlugin, { config });
  await app.register(authPlugin, {
    config,
    db,
    now: deps.now,
    resolveClerkUser: (clerkUserId) => resolveClerkUser(deps, clerkUserId),
  });
  await app.register(tenancyPlugin, { config, db });
  await app.register(idempotencyPlugin, { db, now: deps.now });
  // After the plugins that decorate requests, so the docs routes see the same decorations.
  await app.register(openapiPlugin);

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  await app.register(accountsRoutes);
  await app.register(journalRoutes);
  await app.register(wellbeingRoutes);
  await app.register(auditRoutes);
  await app.ready();
  return app;
}
