import Fastify, { type FastifyInstance } from 'fastify';
import type { KeyringNode } from '@aws-crypto/client-node';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { getTablePrefix, readList, type Config } from './config.js';
import { authPlugin } from './platform/auth/auth-plugin.js';
import { createBlobStore, type BlobStore } from './platform/blobs/blob-store.js';
import { createAi } from './platform/ai/ai-client.js';
import { auditRoutes } from './platform/audit/audit-routes.js';
import { createDb, type Db } from './platform/db/client.js';
import { CursorCodec } from './platform/db/cursor.js';
import type { AssumeRole } from './platform/db/db-credentials.js';
import { ItemCache } from './platform/db/item-cache.js';
import type { AppDeps } from './platform/deps.js';
import { createMailer, type Mailer } from './platform/email/mailer.js';
import { AppError, errorHandlerPlugin, sendProblem } from './platform/errors.js';
import { buildLogController, buildLoggerOptions } from './platform/http/logging.js';
import { buildRequestValidator } from './platform/http/request-validator.js';
import { SchemaCompilation } from './platform/http/schema-compilation.js';
import { answerClientError } from './platform/http/client-errors.js';
import { addSchemas } from './platform/http/schema-ref.js';
import { PhiStore } from './platform/phi/index.js';
import { createCounterStore } from './platform/rate-limit/counter-repo.js';
import { RateLimits } from './platform/rate-limit/rate-limits.js';
import { openapiPlugin } from './platform/http/openapi-plugin.js';
import { securityPlugin } from './platform/http/security-plugin.js';
import { compressionPlugin } from './platform/http/compression-plugin.js';
import { bodyTextPlugin } from './platform/http/body-text-plugin.js';
import { idempotencyPlugin } from './platform/idempotency/idempotency-plugin.js';
import { tenancyPlugin } from './platform/tenancy/tenancy-plugin.js';
import { stepUpPlugin } from './platform/auth/step-up-plugin.js';
import { workspaceSecondFactorPlugin } from './platform/auth/workspace-second-factor-plugin.js';
import { secondFactorRoutes } from './modules/second-factor/routes.js';
import { hasSecondFactor } from './modules/second-factor/service.js';
import { safetyPlugin } from './platform/safety/safety-plugin.js';
import { LOCATION_KEYWORD } from './platform/safety/safety-mode.js';
import { identityRoutes } from './modules/identity/routes.js';
import { SignInSchema, UserSchema } from './modules/identity/schema.js';
import { getMemberProfile, resolveClerkUser } from './modules/identity/service.js';
import { apiKeysRoutes } from './modules/api-keys/routes.js';
import { ApiKeySchema } from './modules/api-keys/schema.js';
import { workspacesRoutes } from './modules/workspaces/routes.js';
import { listMembers } from './modules/workspaces/service.js';
import {
  InviteSchema,
  MemberSchema,
  WorkspaceSchema,
  WorkspaceSummarySchema,
  ProfessionalGrantSchema,
} from './modules/workspaces/schema.js';
import { journalRoutes } from './modules/journal/routes.js';
import { listCommunicationsUpTo } from './modules/communications/service.js';
import { incidentAttachable } from './modules/journal/attachable.js';
import { activityAttachable, licenseAttachable } from './modules/credentials/attachable.js';
import { courtReportRoutes } from './modules/journal/court-report/routes.js';
import { feedbackRoutes } from './modules/feedback/routes.js';
import { usageRoutes } from './modules/usage/routes.js';
import { listExports } from './modules/privacy/export/service.js';
import { exportRoutes } from './modules/privacy/export/routes.js';
import { applyAccountDeletion, planAccountDeletion } from './modules/privacy/deletion.js';
import { deletionRoutes } from './modules/privacy/deletion-routes.js';
import { privacyRoutes } from './modules/privacy/routes.js';
import { vaultRoutes } from './modules/vault/routes.js';
import { startOutboxWorker } from './modules/notifications/outbox.js';
import { notificationsRoutes } from './modules/notifications/routes.js';
import { handleSesNotification } from './modules/notifications/ses-events.js';
import {
  APPLY_ACCOUNT_DELETION,
  createClerkWebhook,
  syncProfileCopiesFollowUp,
} from './modules/identity/clerk-webhook.js';
import { entitlementsPlugin } from './modules/billing/entitlements-plugin.js';
import { sendBillingNotice, type BillingNotice } from './modules/billing/notices.js';
import { billingRoutes } from './modules/billing/routes.js';
import { createStripeClient } from './modules/billing/stripe-client.js';
import { createStripeWebhook } from './modules/billing/stripe-webhook.js';
import { deliveryRoutes } from './platform/webhooks/delivery-routes.js';
import {
  createSnsHttpClient,
  createSnsVerifier,
  type SnsHttpClient,
} from './platform/webhooks/sns-verifier.js';
import type { SnsNotificationHandler, WebhookFaults } from './platform/webhooks/types.js';
import { bindWebhook, confirmSubscriptionRunner, webhookRoutes } from './platform/webhooks/webhook-routes.js';
import { wellbeingRoutes } from './modules/wellbeing/routes.js';
import { communicationsRoutes } from './modules/communications/routes.js';
import { CommunicationSchema } from './modules/communications/schema.js';
import { threadImportRoutes } from './modules/communications/import/routes.js';
import { communicationsAiRoutes } from './modules/communications/ai-routes.js';
import { summaryRoutes } from './modules/communications/summaries/routes.js';
import { credentialsRoutes } from './modules/credentials/routes.js';
import { organisationRoutes } from './modules/credentials/organisations/routes.js';
import { completionRoutes } from './modules/credentials/completions/routes.js';
import { practiceRoutes } from './modules/practice/routes.js';
import { libraryRoutes } from './modules/library/routes.js';
import { roleGuideRoutes } from './modules/role-guide/routes.js';

export type BuildOptions = {
  /** Where log lines go (tests capture them); stdout by default. */
  logStream?: NodeJS.WritableStream;
  /** Adapters to use instead of the ones the config selects (tests only swap the clock or mailer). */
  overrides?: Partial<{
    db: Db;
    /** Replaces `sts:AssumeRole` for tenant sessions when TENANT_ROLE_ARN is set (tests). */
    assumeRole: AssumeRole;
    /** The client the rate-limit counters publish through (tests count its calls). */
    rateLimitDb: Db;
    mailer: Mailer;
    blobs: BlobStore;
    now: () => Date;
    /** HTTPS client for SNS certificates and SubscribeURLs (tests trust their own CA with it). */
    snsHttp: SnsHttpClient;
    /** Interrupts webhook deliveries at chosen points (tests of P-HOOK-4). */
    webhookFaults: WebhookFaults;
    /** The PHI root keyring instead of the configured one (tests of a key service outage). */
    phiRootKeyring: KeyringNode;
  }>;
  /** The effect of SNS notifications; by default SES bounces and complaints update the suppression list. */
  snsNotificationHandler?: SnsNotificationHandler;
  /** Runs before any route is added, so its hooks see every answer (tests check answers against the document). */
  instrument?: (app: FastifyInstance) => void;
};

/**
 * Builds the whole API as one Fastify app, without listening: platform plugins first (errors,
 * security, auth, tenancy, idempotency, OpenAPI), then the modules' routes.
 */
export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const logController = buildLogController(config);
  const schemaCompilation = new SchemaCompilation();
  const app = Fastify({
    logger: buildLoggerOptions(config, options.logStream),
    ...(logController === undefined ? {} : { logController }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: config.TRUST_PROXY_CIDRS?.split(',').map((cidr) => cidr.trim()) ?? false,
    genReqId: () => crypto.randomUUID(),
    requestIdHeader: false,
    // The router refuses a path that cannot be percent-decoded (`/v1/workspaces/%zz`) or whose
    // parameter is longer than any id (100 characters) before any hook runs; such a path names
    // nothing, so it answers like any unknown path: 404 (not 414), as problem+json, without
    // echoing the path.
    frameworkErrors: (error, request, reply) => {
      const namesNothing = error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      sendProblem(request, reply, new AppError(namesNothing ? 'not_found' : 'internal'), {
        withInstance: !namesNothing,
      });
    },
    // Headers over Node's limit and unparsable requests never reach Fastify's hooks; they are
    // answered as problem+json too.
    clientErrorHandler: answerClientError,
    ajv: {
      customOptions: {
        removeAdditional: false,
        // Ajv's strict mode still refuses unknown keywords and types when a schema compiles; checking
        // each schema against the JSON Schema meta-schema as well compiled that meta-schema once per
        // plugin context at start, a large part of a cold start.
        validateSchema: false,
        allErrors: true,
        coerceTypes: 'array',
        useDefaults: true,
        // Schema annotations that do not validate: the location mark safety mode reads.
        keywords: [LOCATION_KEYWORD],
      },
    },
    schemaController: {
      compilersFactory: {
        buildValidator: schemaCompilation.validators(buildRequestValidator),
        buildSerializer: schemaCompilation.serializers(),
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.decorate('schemaCompilation', schemaCompilation);

  const assumeRole = options.overrides?.assumeRole;
  const db =
    options.overrides?.db ?? createDb(config, app.log, assumeRole === undefined ? {} : { assumeRole });
  const mailer = options.overrides?.mailer ?? createMailer(config);
  const blobs = options.overrides?.blobs ?? createBlobStore(config);
  const now = options.overrides?.now ?? (() => new Date());
  const phi = new PhiStore(db, config, {
    now,
    ...(options.overrides?.phiRootKeyring === undefined
      ? {}
      : { rootKeyring: options.overrides.phiRootKeyring }),
  });
  const deps: AppDeps = {
    config,
    db,
    blobs,
    mailer,
    phi,
    cursors: new CursorCodec(config.SESSION_SECRET),
    now,
    stripe: await createStripeClient(config),
    ai: createAi(config),
  };
  app.decorate('deps', deps);
  // The counters publish beside requests, never inside one: a client of their own keeps them out of
  // the requests' connections (and out of their call counts).
  const rateLimitDb = options.overrides?.rateLimitDb ?? createDb(config, app.log);
  const rateLimits = new RateLimits(createCounterStore(rateLimitDb), {
    namespace: config.RATE_LIMIT_NAMESPACE ?? getTablePrefix(config),
    syncMs: config.RATE_LIMIT_SYNC_MS,
    onSyncError: (limit, error) =>
      app.log.warn(
        { limit, error: error instanceof Error ? error.name : 'unknown' },
        'rate-limit counter not published; this instance keeps counting alone',
      ),
  });
  app.decorate('rateLimits', rateLimits);
  app.addHook('onClose', async () => {
    await rateLimits.settle();
    if (options.overrides?.rateLimitDb === undefined) rateLimitDb.destroy();
    if (options.overrides?.db === undefined) db.destroy();
    if (options.overrides?.mailer === undefined) mailer.destroy();
    if (options.overrides?.blobs === undefined) blobs.destroy();
  });

  // Sessions, memberships and API keys, read on every request: kept a few seconds, dropped at once
  // by this process's own writes to them.
  const authCache = new ItemCache(config.AUTH_CACHE_TTL_MS, () => now().getTime());
  authCache.watch(db.doc);

  await app.register(errorHandlerPlugin);
  options.instrument?.(app);
  await app.register(bodyTextPlugin);
  await app.register(securityPlugin, { config, rateLimits });
  // Before any route is declared: the compressor joins each route as it is added.
  await app.register(compressionPlugin);
  await app.register(authPlugin, {
    config,
    db,
    now: deps.now,
    cache: authCache,
    resolveClerkUser: (clerkUserId) => resolveClerkUser(deps, clerkUserId),
  });
  await app.register(tenancyPlugin, { config, db, rateLimits, cache: authCache, now: deps.now });
  // Administrative routes ask for a recently proven second factor, right after authorization.
  await app.register(stepUpPlugin, {
    config,
    now: deps.now,
    hasSecondFactor: (userId) => hasSecondFactor(deps, userId),
  });
  // A workspace that requires a second factor of everyone is closed to sessions that have not proven one.
  await app.register(workspaceSecondFactorPlugin, {
    db,
    cache: authCache,
    hasSecondFactor: (userId) => hasSecondFactor(deps, userId),
  });
  await app.register(safetyPlugin, { db, cache: authCache });
  // Answers of wellbeing routes are kept for replay only sealed by the PHI chokepoint.
  await app.register(idempotencyPlugin, { db, now: deps.now, sealer: phi });
  await app.register(entitlementsPlugin, { deps });
  // After the plugins that decorate requests, so the docs routes see the same decorations.
  await app.register(openapiPlugin);

  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // Shared by several account modules' routes (the /v1/me answer lists workspaces), so registered
  // once for the whole app, in the order the published document lists them.
  addSchemas(app, [
    UserSchema,
    ProfessionalGrantSchema,
    WorkspaceSummarySchema,
    WorkspaceSchema,
    MemberSchema,
    InviteSchema,
    ApiKeySchema,
    SignInSchema,
    // Messages are answered by their own routes and on the journal's timeline.
    CommunicationSchema,
  ]);
  await app.register(identityRoutes);
  await app.register(workspacesRoutes, { readProfile: (userId) => getMemberProfile(deps, userId) });
  await app.register(apiKeysRoutes);
  await app.register(journalRoutes, { listMessages: listCommunicationsUpTo });
  // Each record type documents attach to, checked through its own module (ATTACHABLE_RECORD_TYPES).
  await app.register(vaultRoutes, {
    attachables: {
      incident: incidentAttachable(deps),
      license: licenseAttachable(deps),
      'ce-activity': activityAttachable(deps),
    },
  });
  await app.register(wellbeingRoutes);
  await app.register(credentialsRoutes);
  await app.register(auditRoutes);
  await app.register(billingRoutes);
  await app.register(deliveryRoutes);
  const snsHttp = options.overrides?.snsHttp ?? createSnsHttpClient();
  await app.register(webhookRoutes, {
    ...(deps.stripe === undefined || config.STRIPE_WEBHOOK_SECRET === undefined
      ? {}
      : { stripe: bindWebhook(createStripeWebhook(deps, deps.stripe, config.STRIPE_WEBHOOK_SECRET)) }),
    ...(config.CLERK_WEBHOOK_SECRET === undefined
      ? {}
      : { clerk: bindWebhook(createClerkWebhook(config.CLERK_WEBHOOK_SECRET, planAccountDeletion)) }),
    sns: {
      http: snsHttp,
      handler: options.snsNotificationHandler ?? handleSesNotification,
      verifier: createSnsVerifier({
        allowedTopicArns: readList(config.SNS_TOPIC_ARNS),
        maxAgeMs: config.SNS_MAX_AGE_SECONDS * 1000,
        http: snsHttp,
        now: deps.now,
      }),
    },
    followUpRunners: {
      'billing-notice': (runnerDeps, data) =>
        sendBillingNotice(
          runnerDeps,
          {
            tenantId: data.tenantId ?? '',
            notice: data.notice as BillingNotice,
            eventId: data.eventId ?? '',
          },
          listMembers,
        ),
      // Re-runnable: applyAccountDeletion does nothing more once done or once the account is restored.
      [APPLY_ACCOUNT_DELETION]: async (runnerDeps, data) => {
        if (data.userId !== undefined) await applyAccountDeletion(runnerDeps, data.userId);
      },
      'sync-profile-copies': syncProfileCopiesFollowUp,
      'sns-confirm-subscription': confirmSubscriptionRunner(snsHttp),
    },
    ...(options.overrides?.webhookFaults === undefined ? {} : { faults: options.overrides.webhookFaults }),
  });
  await app.register(privacyRoutes);
  await app.register(usageRoutes);
  await app.register(feedbackRoutes);
  await app.register(courtReportRoutes, {
    listExports,
    listMessages: listCommunicationsUpTo,
    messageSchema: CommunicationSchema,
  });
  await app.register(exportRoutes);
  await app.register(deletionRoutes);
  await app.register(notificationsRoutes);
  await app.register(communicationsRoutes);
  await app.register(threadImportRoutes);
  await app.register(communicationsAiRoutes);
  await app.register(summaryRoutes);
  await app.register(practiceRoutes);
  await app.register(secondFactorRoutes);
  await app.register(libraryRoutes);
  await app.register(roleGuideRoutes);
  await app.register(organisationRoutes);
  await app.register(completionRoutes);
  // The mail outbox worker starts once the app is ready and stops (finishing its pass) before
  // the clients close.
  let stopOutbox: (() => Promise<void>) | undefined;
  app.addHook('preClose', async () => stopOutbox?.());
  await app.ready();
  if (config.MAIL_OUTBOX_POLL_MS > 0)
    stopOutbox = startOutboxWorker(deps, app.log, config.MAIL_OUTBOX_POLL_MS);
  return app;
}
