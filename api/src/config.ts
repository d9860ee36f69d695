import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import { CronPattern } from 'croner';

/**
 * Every environment variable Holdfast reads, in one schema. This is the only file that touches
 * `process.env`; everything else receives a validated `Config`.
 */
export const ConfigSchema = Type.Object({
  /** Deployment name: `local` is the embedded default; it also names the PHI key alias. */
  HOLDFAST_ENV: Type.Union([
    Type.Literal('local'),
    Type.Literal('dev'),
    Type.Literal('staging'),
    Type.Literal('prod'),
  ]),
  HOST: Type.String({ default: '127.0.0.1' }),
  PORT: Type.Integer({ minimum: 0, maximum: 65535, default: 3000 }),
  LOG_LEVEL: Type.Union(
    ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((level) => Type.Literal(level)),
    { default: 'info' },
  ),
  /** Origin of the SPA: the only origin CORS allows, and the base of links in emails. */
  WEB_ORIGIN: Type.String({ format: 'uri', pattern: '^https?://' }),
  /** Secret that signs session cookies and pagination cursors (at least 32 characters). */
  SESSION_SECRET: Type.String({ minLength: 32 }),
  /** The previous secret, still accepted while cookies signed with it age out. */
  SESSION_SECRET_PREVIOUS: Type.Optional(Type.String({ minLength: 32 })),
  SESSION_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 90, default: 30 }),
  AWS_REGION: Type.String({ default: 'us-east-1' }),
  /**
   * Deployed: the prefix of the Secrets Manager secrets holding SECRET_SETTINGS (`holdfast-<env>/`),
   * read at start and merged under the environment; unset locally, where the environment holds them.
   */
  SECRETS_PREFIX: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  /** Secrets Manager endpoint (tests only); the SDK's default otherwise. */
  SECRETS_ENDPOINT: Type.Optional(Type.String({ format: 'uri' })),
  /** Endpoints of the embedded default; unset in production, where the SDK's defaults apply. */
  DYNAMODB_ENDPOINT: Type.Optional(Type.String({ format: 'uri' })),
  S3_ENDPOINT: Type.Optional(Type.String({ format: 'uri' })),
  SES_ENDPOINT: Type.Optional(Type.String({ format: 'uri' })),
  /**
   * Deployed: the role the API assumes for each tenant's DynamoDB calls, narrowed by a session
   * policy to that tenant's partitions (`dynamodb:LeadingKeys`). Unset (the embedded default), every
   * call uses the default credentials through the same code path.
   */
  TENANT_ROLE_ARN: Type.Optional(
    Type.String({ pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$' }),
  ),
  /** Deployed: the narrow role for platform (tenant-less) items; unset, they use the default credentials. */
  PLATFORM_ROLE_ARN: Type.Optional(
    Type.String({ pattern: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$' }),
  ),
  /** Prefix of the physical table names, `holdfast-<env>` by default. */
  TABLE_PREFIX: Type.Optional(Type.String({ pattern: '^[a-zA-Z0-9_.-]{3,200}$' })),
  BLOB_BUCKET: Type.String({ default: 'holdfast-blobs' }),
  MAIL_FROM: Type.String({ default: 'Holdfast <no-reply@holdfast.local>' }),
  /** Public base URL of this API, for links that must reach the API itself (one-click unsubscribe); `http://HOST:PORT` when unset. */
  API_PUBLIC_URL: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  /** How often the in-process mail outbox worker looks for due messages; 0 turns it off. */
  MAIL_OUTBOX_POLL_MS: Type.Integer({ minimum: 0, default: 5000 }),
  /** Name of the outbox queue this process drains (separate deployments or test runs use their own). */
  MAIL_OUTBOX_QUEUE: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$', default: 'main' }),
  /** Comma-separated emails of people who act as platform support (may lift mail suppressions). */
  SUPPORT_EMAILS: Type.Optional(Type.String()),
  /** Clerk sign-in: set all three to use Clerk instead of the built-in magic link. */
  CLERK_PUBLISHABLE_KEY: Type.Optional(Type.String({ pattern: '^pk_(test|live)_' })),
  CLERK_SECRET_KEY: Type.Optional(Type.String({ pattern: '^sk_(test|live)_' })),
  CLERK_JWT_KEY: Type.Optional(Type.String({ pattern: 'BEGIN PUBLIC KEY' })),
  /** Clerk's Backend API (tests point it at a local server); Clerk's own default when unset. */
  CLERK_API_URL: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  /** How often the API purges accounts whose 30-day deletion grace has passed; 0 turns it off. */
  PURGE_INTERVAL_MINUTES: Type.Integer({ minimum: 0, default: 60 }),
  /**
   * When the server (`server.ts`, the embedded and self-hosted way to run the API) sends the CE
   * renewal reminders: a cron pattern in UTC (daily at 08:00 by default), or `off`. The server
   * also runs them once shortly after it starts, as a laptop is often off at 08:00. Deployed
   * functions have no timers and ignore it.
   */
  CE_REMINDERS_SCHEDULE: Type.String({ minLength: 1, maxLength: 100, default: '0 8 * * *' }),
  /**
   * Completions a training provider may have waiting, not yet accepted or declined, per person's
   * link; beyond it the provider gets 409 `too_many_pending_completions` until the person acts.
   */
  CE_PENDING_COMPLETIONS_PER_LINK: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
  /**
   * When the server sends the weekly resources email to people who turned it on: a cron pattern
   * in UTC (Mondays at 09:00 by default), or `off`. Deployed, a scheduled job runs it instead.
   */
  LIBRARY_WEEKLY_SCHEDULE: Type.String({ minLength: 1, maxLength: 100, default: '0 9 * * 1' }),
  /**
   * How long a session, membership or API key read stays cached in this process. A change made
   * here drops the copy at once; another instance sees it within this time (at most 5 s).
   * `0` reads them on every request.
   */
  AUTH_CACHE_TTL_MS: Type.Integer({ minimum: 0, maximum: 5000, default: 5000 }),
  RATE_LIMIT_PER_IP_PER_MINUTE: Type.Integer({ minimum: 1, default: 600 }),
  RATE_LIMIT_PER_TENANT_PER_MINUTE: Type.Integer({ minimum: 1, default: 1200 }),
  RATE_LIMIT_SIGN_IN_PER_15_MINUTES: Type.Integer({ minimum: 1, default: 10 }),
  /**
   * Rate limits are counted in memory and shared through a DynamoDB counter per subject, so they
   * hold across instances: a subject's hits are published (in the background, never in a request)
   * at least this often while it is being hit, and whenever a fiftieth of its limit is unpublished.
   */
  RATE_LIMIT_SYNC_MS: Type.Integer({ minimum: 10, maximum: 60_000, default: 1000 }),
  /**
   * The instances that share rate limits: every instance of one deployment uses the same (unset: the
   * table prefix). Test apps on one shared table each take their own unless a test shares one.
   */
  RATE_LIMIT_NAMESPACE: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' })),
  /** Comma-separated CIDRs of reverse proxies whose X-Forwarded-For is trusted. */
  TRUST_PROXY_CIDRS: Type.Optional(Type.String()),
  /**
   * Ed25519 private key (PKCS#8 PEM) that signs export manifests; its public key is published at
   * /.well-known/holdfast-export-key. Required outside local, where a key is derived from
   * SESSION_SECRET so exports verify across restarts.
   */
  EXPORT_SIGNING_KEY: Type.Optional(Type.String({ pattern: 'BEGIN PRIVATE KEY' })),
  /** Days an export stays downloadable before its ZIP is deleted. */
  EXPORT_TTL_DAYS: Type.Integer({ minimum: 1, maximum: 30, default: 7 }),
  BODY_LIMIT_BYTES: Type.Integer({ minimum: 1024, default: 1_048_576 }),
  /** Largest file the vault accepts in one upload (256 MiB by default). */
  VAULT_MAX_FILE_BYTES: Type.Integer({ minimum: 1, default: 268_435_456 }),
  /** Storage quota of a workspace on the local plan (5 GiB); billing plans supply their own. */
  VAULT_LOCAL_PLAN_QUOTA_BYTES: Type.Integer({ minimum: 1, default: 5_368_709_120 }),
  /** How often the API sweeps stored bytes that no file record references; 0 turns it off. */
  VAULT_SWEEP_INTERVAL_MINUTES: Type.Integer({ minimum: 0, default: 60 }),
  /** Stripe billing: unset (the embedded default) means billing is off and every workspace has every feature. */
  STRIPE_SECRET_KEY: Type.Optional(Type.String({ pattern: '^(sk|rk)_(test|live)_' })),
  /** Signing secret of the Stripe webhook endpoint; required with STRIPE_SECRET_KEY. */
  STRIPE_WEBHOOK_SECRET: Type.Optional(Type.String({ pattern: '^whsec_' })),
  /** Another Stripe API base (a local test server); unset means api.stripe.com. */
  STRIPE_API_URL: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  /** Stripe price ids of the paid plans; required with STRIPE_SECRET_KEY. */
  STRIPE_PRICE_PLUS_MONTHLY: Type.Optional(Type.String({ pattern: '^price_' })),
  STRIPE_PRICE_PLUS_YEARLY: Type.Optional(Type.String({ pattern: '^price_' })),
  STRIPE_PRICE_PRO_MONTHLY: Type.Optional(Type.String({ pattern: '^price_' })),
  STRIPE_PRICE_PRO_YEARLY: Type.Optional(Type.String({ pattern: '^price_' })),
  /** Days a past-due workspace keeps its plan before it becomes read-only. */
  BILLING_GRACE_DAYS: Type.Integer({ minimum: 0, maximum: 60, default: 7 }),
  /** Signing secret of the Clerk webhook endpoint (Svix format); unset turns /webhooks/clerk off. */
  CLERK_WEBHOOK_SECRET: Type.Optional(Type.String({ pattern: '^whsec_' })),
  /** Comma-separated SNS topic ARNs whose messages /webhooks/sns accepts; empty accepts none. */
  SNS_TOPIC_ARNS: Type.String({ default: '' }),
  /** Oldest SNS message accepted, by its Timestamp (SNS keeps the original time on retries). */
  SNS_MAX_AGE_SECONDS: Type.Integer({ minimum: 60, maximum: 86_400, default: 3600 }),
  /** Comma-separated emails of the platform's operators, who may read the webhook delivery logs. */
  PLATFORM_ADMIN_EMAILS: Type.String({ default: '' }),
  /**
   * Root keyring of wellbeing (PHI) data: `kms` (the customer-managed key) or `raw-aes` (a local
   * AES key, embedded default only). Unset: `raw-aes` when HOLDFAST_ENV is local, `kms` otherwise.
   */
  PHI_KEYRING: Type.Optional(Type.Union([Type.Literal('kms'), Type.Literal('raw-aes')])),
  /** The PHI KMS key (ARN, id or alias); `alias/holdfast-phi-<HOLDFAST_ENV>` by default. */
  PHI_KMS_KEY_ID: Type.Optional(Type.String({ minLength: 1 })),
  /** A KMS-compatible endpoint (tests, local emulators); unset in production. */
  PHI_KMS_ENDPOINT: Type.Optional(Type.String({ format: 'uri' })),
  /**
   * The raw-aes root key, base64 of 32 bytes. Unset in the embedded default: derived from
   * SESSION_SECRET, so local wellbeing data stays readable across restarts with the same secret.
   */
  PHI_LOCAL_ROOT_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' })),
  /** How long an unwrapped tenant wellbeing key may be reused before the root keyring is asked again. */
  PHI_KEY_CACHE_SECONDS: Type.Integer({ minimum: 1, maximum: 300, default: 300 }),
  /** How many messages (a record's fields, or a sealed copy) one cached tenant key may seal or open. */
  PHI_KEY_CACHE_MAX_USES: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 10_000 }),
  /**
   * AI providers (P-AI-1): a key turns a provider on; with neither set, every AI action answers
   * 503 `ai_not_configured` and everything else works as before (P-AI-3).
   */
  OPENAI_API_KEY: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  /** Another OpenAI-compatible base URL (a local test server, a regional endpoint); api.openai.com when unset. */
  OPENAI_BASE_URL: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  ANTHROPIC_API_KEY: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
  /** Another Anthropic base URL (a local test server); api.anthropic.com when unset. */
  ANTHROPIC_BASE_URL: Type.Optional(Type.String({ format: 'uri', pattern: '^https?://' })),
  /**
   * Which provider serves each AI task; unset, the task goes to OpenAI when its key is set,
   * otherwise to Anthropic. A provider named here must have its key.
   */
  AI_PROVIDER_REWRITE: Type.Optional(Type.Union([Type.Literal('openai'), Type.Literal('anthropic')])),
  AI_PROVIDER_SUMMARY: Type.Optional(Type.Union([Type.Literal('openai'), Type.Literal('anthropic')])),
  /** Model of each provider for text tasks, and per-task overrides. */
  OPENAI_MODEL: Type.String({ minLength: 1, maxLength: 100, default: 'gpt-5.4-mini' }),
  ANTHROPIC_MODEL: Type.String({ minLength: 1, maxLength: 100, default: 'claude-sonnet-4-6' }),
  AI_MODEL_REWRITE: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  AI_MODEL_SUMMARY: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  /** How long one provider call may take before it is abandoned (and answered 503). */
  AI_TIMEOUT_MS: Type.Integer({ minimum: 1000, maximum: 120_000, default: 30_000 }),
  /** Retries of a failed provider call, kept small so a person is not left waiting. */
  AI_MAX_RETRIES: Type.Integer({ minimum: 0, maximum: 3, default: 1 }),
  /**
   * The OpenAI embedding model behind library search by meaning (on whenever OPENAI_API_KEY is
   * set), or `off` to search by words only while keeping the other AI actions.
   */
  OPENAI_EMBEDDING_MODEL: Type.String({ minLength: 1, maxLength: 100, default: 'text-embedding-3-small' }),
  /** Length of each embedding: 512 keeps a workspace's vectors small and a query fast. */
  AI_EMBEDDING_DIMENSIONS: Type.Integer({ minimum: 64, maximum: 1536, default: 512 }),
  /** A search waits this long for the query's embedding, then answers by words alone. */
  AI_EMBEDDING_TIMEOUT_MS: Type.Integer({ minimum: 500, maximum: 30_000, default: 5000 }),
  /**
   * Who needs a second factor for administrative actions: `required` (the default) asks it of
   * everyone who reaches one (owners and admins, platform admins, a person deleting their
   * account); `when-enrolled` only of people who have enrolled a factor or whose workspace
   * requires one (for suites and demos of other features that sign in by magic link alone).
   */
  ADMIN_SECOND_FACTOR: Type.Union([Type.Literal('required'), Type.Literal('when-enrolled')], {
    default: 'required',
  }),
  /** How long a proven second factor keeps administrative routes open (step-up after that). */
  SECOND_FACTOR_MAX_AGE_HOURS: Type.Integer({ minimum: 1, maximum: 168, default: 12 }),
  /**
   * How long after support schedules the reset of a person's second factors (they lost every one
   * and their recovery codes) it can be completed; the person is emailed at once and can cancel it
   * meanwhile with a factor they still hold.
   */
  SECOND_FACTOR_RESET_WAIT_HOURS: Type.Integer({ minimum: 1, maximum: 720, default: 72 }),
  /**
   * Key that seals authenticator secrets at rest, base64 of 32 bytes (from the secret store in
   * production). Unset: derived from SESSION_SECRET, which is what the embedded default uses.
   */
  SECOND_FACTOR_SEAL_KEY: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9+/]{43}=$' })),
  /** AI actions a workspace may take per month on the local plan (billing off); unlimited when unset. */
  AI_LOCAL_PLAN_ACTIONS_PER_MONTH: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
});

export type Config = Static<typeof ConfigSchema>;

const STRIPE_REQUIRED = [
  'STRIPE_WEBHOOK_SECRET',
  'STRIPE_PRICE_PLUS_MONTHLY',
  'STRIPE_PRICE_PLUS_YEARLY',
  'STRIPE_PRICE_PRO_MONTHLY',
  'STRIPE_PRICE_PRO_YEARLY',
] as const;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Variables as a process sees them: a name may be unset or empty. */
export type Environment = Record<string, string | undefined>;

/** Whether croner accepts `pattern` (it throws on a malformed one), so a typo stops the boot. */
function isCronPattern(pattern: string): boolean {
  try {
    new CronPattern(pattern);
    return true;
  } catch {
    return false;
  }
}

/**
 * Validates an environment (by default `process.env`) against the schema and returns the config.
 * `secrets` are values read from the secret store (see `mergeSecrets`). Throws a `ConfigError`
 * that names every bad or missing variable.
 */
export function loadConfig(environment: Environment = process.env, secrets: SecretValues = {}): Config {
  const merged = mergeSecrets(environment, secrets);
  const known = Object.keys(ConfigSchema.properties);
  const candidate: Record<string, unknown> = {};
  for (const name of known) {
    const value = merged[name];
    if (value !== undefined && value !== '') candidate[name] = value;
  }
  const withDefaults = Value.Default(ConfigSchema, candidate);
  const converted = Value.Convert(ConfigSchema, withDefaults);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const error of Value.Errors(ConfigSchema, converted)) {
    if (error.keyword === 'required') {
      const names = (error.params as { requiredProperties?: string[] }).requiredProperties ?? [];
      for (const name of names) problems.push(`${name}: is required`);
      continue;
    }
    const name = error.instancePath.replace(/^\//, '');
    if (seen.has(name)) continue;
    seen.add(name);
    const schema = (ConfigSchema.properties as Record<string, { anyOf?: { const?: unknown }[] }>)[name];
    const choices = schema?.anyOf?.map((option) => String(option.const));
    problems.push(
      choices === undefined ? `${name}: ${error.message}` : `${name}: must be one of ${choices.join(', ')}`,
    );
  }
  const config = converted as Config;
  const clerkKeys = [config.CLERK_PUBLISHABLE_KEY, config.CLERK_SECRET_KEY, config.CLERK_JWT_KEY];
  const clerkSet = clerkKeys.filter((k) => k !== undefined).length;
  if (clerkSet !== 0 && clerkSet !== 3) {
    problems.push('CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY, CLERK_JWT_KEY: set all three or none');
  }
  if (config.HOLDFAST_ENV !== 'local' && config.EXPORT_SIGNING_KEY === undefined) {
    problems.push('EXPORT_SIGNING_KEY: is required outside local (an Ed25519 private key, PKCS#8 PEM)');
  }
  if (config.STRIPE_SECRET_KEY !== undefined) {
    for (const name of STRIPE_REQUIRED) {
      if (config[name] === undefined) problems.push(`${name}: is required when STRIPE_SECRET_KEY is set`);
    }
  }
  for (const [name, provider] of [
    ['AI_PROVIDER_REWRITE', config.AI_PROVIDER_REWRITE],
    ['AI_PROVIDER_SUMMARY', config.AI_PROVIDER_SUMMARY],
  ] as const) {
    if (provider === 'openai' && config.OPENAI_API_KEY === undefined)
      problems.push(`${name}: openai needs OPENAI_API_KEY`);
    if (provider === 'anthropic' && config.ANTHROPIC_API_KEY === undefined)
      problems.push(`${name}: anthropic needs ANTHROPIC_API_KEY`);
  }
  if (config.CE_REMINDERS_SCHEDULE !== 'off' && !isCronPattern(config.CE_REMINDERS_SCHEDULE)) {
    problems.push('CE_REMINDERS_SCHEDULE: must be a cron pattern such as "0 8 * * *", or off');
  }
  if (config.LIBRARY_WEEKLY_SCHEDULE !== 'off' && !isCronPattern(config.LIBRARY_WEEKLY_SCHEDULE)) {
    problems.push('LIBRARY_WEEKLY_SCHEDULE: must be a cron pattern such as "0 9 * * 1", or off');
  }
  if (config.PHI_KEYRING === 'raw-aes' && config.HOLDFAST_ENV !== 'local') {
    problems.push('PHI_KEYRING: raw-aes is for the embedded default only; use kms');
  }
  if (problems.length > 0) throw new ConfigError([...new Set(problems)]);
  return config;
}

/**
 * The settings whose values are credentials. Deployed, they live in the platform's secret store
 * (one secret each, named `<SECRETS_PREFIX><VARIABLE>`) and are read at start (platform/secrets)
 * and handed to `loadConfig`; locally they come from the environment like everything else.
 */
export const SECRET_SETTINGS = [
  'SESSION_SECRET',
  'SESSION_SECRET_PREVIOUS',
  'EXPORT_SIGNING_KEY',
  'STRIPE_SECRET_KEY',
  'STRIPE_WEBHOOK_SECRET',
  'CLERK_SECRET_KEY',
  'CLERK_WEBHOOK_SECRET',
  'OPENAI_API_KEY',
  'ANTHROPIC_API_KEY',
  'SECOND_FACTOR_SEAL_KEY',
] as const satisfies readonly (keyof Config)[];

export type SecretSetting = (typeof SECRET_SETTINGS)[number];

/** Values read from the secret store, by the setting each one holds. */
export type SecretValues = Partial<Record<SecretSetting, string>>;

/**
 * The environment with the secret store's values added. A variable already set wins, so an
 * operator can override one secret for a run; an empty secret adds nothing (the configuration
 * then says what is missing). The environment itself is left as it was.
 */
export function mergeSecrets(environment: Environment, secrets: SecretValues): Environment {
  const merged: Environment = { ...environment };
  for (const name of SECRET_SETTINGS) {
    const value = secrets[name];
    const current = merged[name];
    if (value === undefined || value === '') continue;
    if (current !== undefined && current !== '') continue;
    merged[name] = value;
  }
  return merged;
}

/** The config for a process entry point: a bad environment prints every problem and exits 78 (EX_CONFIG). */
export function loadConfigOrExit(secrets: SecretValues = {}): Config {
  try {
    return loadConfig(process.env, secrets);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
}

/** Reads the credential settings from the secret store, given the process's environment. */
export type SecretReader = (environment: Readonly<Environment>) => Promise<SecretValues>;

/**
 * The configuration of a process entry point (the server, the purge job): the credentials from
 * the secret store when deployed, merged under the environment, then parsed. A secret that cannot
 * be read prints why and exits 78 (EX_CONFIG), like a bad environment: running without the
 * credentials it was deployed with is worse than not running. The reader is passed in so this
 * file, the only one that reads `process.env`, needs no secret-store client.
 */
export async function loadProcessConfig(readSecrets: SecretReader): Promise<Config> {
  let secrets: SecretValues;
  try {
    secrets = await readSecrets(process.env);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(78);
  }
  return loadConfigOrExit(secrets);
}

/** Physical table-name prefix for this deployment. */
export function getTablePrefix(config: Config): string {
  return config.TABLE_PREFIX ?? `holdfast-${config.HOLDFAST_ENV}`;
}

/** Whether this is the embedded default on one machine (cookies without `Secure`, local adapters). */
export function isLocal(config: Config): boolean {
  return config.HOLDFAST_ENV === 'local';
}

/** A link into the SPA, for emails: `path` (starting with `/`) under WEB_ORIGIN. */
export function buildWebUrl(config: Config, path: string): string {
  return `${config.WEB_ORIGIN.replace(/\/$/, '')}${path}`;
}

/** A link to this API itself (for example the one-click unsubscribe URL): `path` under API_PUBLIC_URL. */
export function buildApiUrl(config: Config, path: string): string {
  const base = config.API_PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`;
  return `${base.replace(/\/$/, '')}${path}`;
}

/** Secrets a signature may have been made with: the current one first, then the one being rotated out. */
export function getSigningSecrets(config: Config): string[] {
  return config.SESSION_SECRET_PREVIOUS === undefined
    ? [config.SESSION_SECRET]
    : [config.SESSION_SECRET, config.SESSION_SECRET_PREVIOUS];
}

/** Whether an email belongs to platform support (the people allowed to lift mail suppressions). */
export function isSupportEmail(config: Config, email: string): boolean {
  const wanted = email.trim().toLowerCase();
  return (config.SUPPORT_EMAILS ?? '')
    .split(',')
    .some((entry) => entry.trim().toLowerCase() === wanted && wanted !== '');
}

export function isClerkEnabled(config: Config): boolean {
  return config.CLERK_JWT_KEY !== undefined;
}

/** Billing runs through Stripe only with a Stripe key; otherwise every workspace is on the local plan. */
export function isBillingEnabled(config: Config): boolean {
  return config.STRIPE_SECRET_KEY !== undefined;
}

/** A comma-separated list variable as trimmed, non-empty entries. */
export function readList(value: string): string[] {
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
