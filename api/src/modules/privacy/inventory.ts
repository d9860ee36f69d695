/**
 * The data inventory: every kind of record Holdfast keeps, what it holds and why, how long it is
 * kept, and which outside providers receive it; the subprocessors; and the privacy policy's
 * versions. The privacy and subprocessor pages are rendered from this file, and a test fails when
 * code stores an entity or depends on a package that is not declared here, so the pages cannot
 * fall behind the code.
 */

export type ProviderId = 'aws' | 'stripe' | 'clerk' | 'openai' | 'anthropic';

export type Subprocessor = {
  id: ProviderId;
  name: string;
  purpose: string;
  /** What personal data reaches the provider. */
  data: string;
  location: string;
  /** When the product talks to this provider at all. */
  when: string;
  /** npm packages through which code reaches the provider. */
  packages: readonly string[];
};

export const SUBPROCESSORS: readonly Subprocessor[] = [
  {
    id: 'aws',
    name: 'Amazon Web Services',
    purpose: 'Hosting: database (DynamoDB), file storage (S3), encryption keys (KMS), email delivery (SES).',
    data: 'All stored records and files (wellbeing fields and files encrypted), email addresses and message content.',
    location: 'United States (us-east-1)',
    when: 'Always, in the hosted service.',
    packages: [
      '@aws-sdk/client-dynamodb',
      '@aws-sdk/lib-dynamodb',
      '@aws-sdk/client-sesv2',
      '@aws-sdk/client-s3',
      '@aws-sdk/lib-storage',
      '@aws-sdk/client-kms',
      '@aws-crypto/client-node',
    ],
  },
  {
    id: 'stripe',
    name: 'Stripe',
    purpose: 'Subscriptions, payments and invoices.',
    data: 'Workspace owner email, plan and payment details (card data is entered on Stripe and never reaches Holdfast).',
    location: 'United States',
    when: 'When a workspace subscribes to a paid plan.',
    packages: ['stripe'],
  },
  {
    id: 'clerk',
    name: 'Clerk',
    purpose: 'Sign-in, when the deployment uses Clerk instead of the built-in sign-in link.',
    data: 'Email address, name, sign-in sessions.',
    location: 'United States',
    when: 'Only when the deployment enables Clerk sign-in.',
    packages: ['@clerk/backend', '@clerk/fastify'],
  },
  {
    id: 'openai',
    name: 'OpenAI',
    purpose: 'AI actions a user starts (rewriting a draft, summaries, search by meaning).',
    data: 'The text the user sends to the AI action; requests are made with storage off.',
    location: 'United States',
    when: 'Only when a user starts an AI action and the deployment configures it.',
    packages: ['openai'],
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    purpose: 'AI actions a user starts (reading certificates into fields).',
    data: 'The document or text the user sends to the AI action.',
    location: 'United States',
    when: 'Only when a user starts an AI action and the deployment configures it.',
    packages: ['@anthropic-ai/sdk'],
  },
];

/** Runtime packages of the API that send nothing outside the service (frameworks, parsers, crypto). */
export const LOCAL_PACKAGES: readonly string[] = [
  '@fastify/cookie',
  '@fastify/cors',
  '@fastify/formbody',
  '@fastify/helmet',
  '@fastify/multipart',
  '@fastify/rate-limit',
  '@fastify/swagger',
  '@fastify/swagger-ui',
  '@fastify/type-provider-typebox',
  'archiver',
  'csv-stringify',
  'content-disposition',
  'fastify',
  'fastify-plugin',
  'file-type',
  'pdfkit',
  'pino',
  'typebox',
  'ulid',
];

export type Retention =
  'account' | 'workspace' | 'session' | 'short' | 'audit' | 'aggregate' | 'deletion' | 'optOut';

export const RETENTION_TEXT: Record<Retention, string> = {
  account:
    'As long as the account exists; purged 30 days after the account is deleted (backups age out within 35 days).',
  workspace:
    'As long as the workspace exists; purged 30 days after its last owner deletes their account (backups age out within 35 days).',
  session: 'Until it expires or is signed out (at most 90 days).',
  short: 'Minutes to days: deleted once used or expired (exports: 7 days).',
  audit:
    'As long as the workspace exists; after a purge only the actor id, action and time remain, without content.',
  aggregate: 'Kept as daily totals that identify no one.',
  deletion:
    'From the deletion request until the purge 30 days later (longer only while a legal hold pauses it); removed when the account is restored or purged.',
  optOut:
    'Kept after the account is purged, as a fingerprint of the address only, so optional mail is never sent to it again.',
};

/** The grace period between an account deletion request and its purge (P-RIGHT-3). */
export const DELETION_GRACE_DAYS = 30;

/**
 * What the account purge does with each retention class (P-RIGHT-4): `purged` items are deleted,
 * `minimised` ones are cut down to what the policy names, `expires` ones are short-lived and gone
 * by expiry long before the purge, and `kept` ones name no one or exist to honour the deletion.
 * The purge test checks every item left after a purge against this table.
 */
export const PURGE_OUTCOME: Record<Retention, 'purged' | 'minimised' | 'expires' | 'kept'> = {
  account: 'purged',
  workspace: 'purged',
  session: 'purged',
  deletion: 'purged',
  short: 'expires',
  audit: 'minimised',
  aggregate: 'kept',
  optOut: 'kept',
};

export type RecordType = {
  /** The `entity` attribute stored on every item of this kind. */
  entity: string;
  label: string;
  fields: string;
  purpose: string;
  retention: Retention;
  providers: readonly ProviderId[];
};

export const RECORD_TYPES: readonly RecordType[] = [
  {
    entity: 'User',
    label: 'Account profile',
    fields: 'Email, display name, created time.',
    purpose: 'To sign you in and address you.',
    retention: 'account',
    providers: ['aws', 'clerk'],
  },
  {
    entity: 'EmailLookup',
    label: 'Email index',
    fields: 'Email address and the account it belongs to.',
    purpose: 'So one email address is one account.',
    retention: 'account',
    providers: ['aws'],
  },
  {
    entity: 'ClerkLookup',
    label: 'Sign-in provider index',
    fields: 'Clerk user id and the account it belongs to.',
    purpose: 'To match a Clerk sign-in to your account.',
    retention: 'account',
    providers: ['aws'],
  },
  {
    entity: 'SignIn',
    label: 'Sign-in history',
    fields: 'Time, method (link or Clerk), browser (user agent).',
    purpose: 'So you can spot sign-ins that were not you.',
    retention: 'account',
    providers: ['aws'],
  },
  {
    entity: 'SignInToken',
    label: 'Sign-in link',
    fields: 'A hash of the one-time link, the email it was sent to, expiry.',
    purpose: 'To sign you in by email.',
    retention: 'short',
    providers: ['aws'],
  },
  {
    entity: 'Session',
    label: 'Session',
    fields: 'A hash of the session id, the account and its email, expiry.',
    purpose: 'To keep you signed in and let you sign out everywhere.',
    retention: 'session',
    providers: ['aws'],
  },
  {
    entity: 'Workspace',
    label: 'Workspace',
    fields: 'Name, creation time, owner.',
    purpose: 'To keep a case or practice and its records together.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'Member',
    label: 'Membership',
    fields: 'Account, role, display name and email as shown to the workspace, joined time.',
    purpose: 'To decide who may see and change the workspace.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'Invite',
    label: 'Invitation',
    fields: 'Invited email, role, who invited, status, a hash of the invite code.',
    purpose: 'To let someone join a workspace.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'InviteCodeLookup',
    label: 'Invitation code index',
    fields: 'A hash of the invite code and the workspace it opens.',
    purpose: 'To find an invitation from its code.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'ApiKey',
    label: 'API key',
    fields: 'Name, scopes, a hash of the secret, created and last-used times.',
    purpose: 'To let an integrator use the API for a workspace.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'ApiKeyLookup',
    label: 'API key index',
    fields: 'A hash of the secret and the workspace it belongs to.',
    purpose: 'To recognise an API key on each request.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'IdempotencyRecord',
    label: 'Repeated-request guard',
    fields: 'The first response to a request sent with an Idempotency-Key.',
    purpose: 'So a retried request is not applied twice.',
    retention: 'short',
    providers: ['aws'],
  },
  {
    entity: 'Incident',
    label: 'Incident',
    fields:
      'When and where it happened, who was involved, children present, category, narrative, witnesses, time zone.',
    purpose: 'The record you keep for your case.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'Document',
    label: 'Document',
    fields:
      'Title, description, category, tags, date of the document, file name, type, size, SHA-256 fingerprint, who uploaded it.',
    purpose: 'The evidence you keep: letters, orders, screenshots, certificates.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'Blob',
    label: 'Stored file',
    fields: 'The file bytes (in file storage) by their SHA-256, size and how many documents use them.',
    purpose: 'To keep each file once and prove it is unchanged.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'VaultUsage',
    label: 'Storage used',
    fields: 'How many bytes the workspace’s files take.',
    purpose: 'To keep the workspace within its storage quota.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'Attachment',
    label: 'Attachment',
    fields: 'Which document is attached to which record, by whom and when.',
    purpose: 'To link evidence to the incident it supports.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'DocumentLink',
    label: 'Attachment index',
    fields: 'The records a document is attached to.',
    purpose: 'So deleting a document finds its attachments.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'WellbeingRecord',
    label: 'Wellbeing record',
    fields:
      'Check-ins (mood, anxiety, sleep, symptoms, triggers, notes), provider complaints, care notes and safety-plan versions: every sensitive field encrypted under the workspace’s own key; the date, author and sharing stay readable.',
    purpose: 'Your private wellbeing notes, shared only with the members you choose.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'WellbeingShare',
    label: 'Wellbeing sharing',
    fields: 'Which member a wellbeing record is shared with.',
    purpose: 'To let a named member (an attorney, a therapist) read one record.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'PhiTenantKey',
    label: 'Wellbeing key',
    fields: 'The workspace’s wellbeing data key, encrypted under the service’s master key (KMS).',
    purpose: 'Deleting it makes every leftover copy of the workspace’s wellbeing data unreadable.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'BillingState',
    label: 'Subscription',
    fields:
      'Plan, billing cadence, Stripe customer and subscription ids, status, trial end and renewal dates. No card data.',
    purpose: 'To give the workspace what its plan includes.',
    retention: 'workspace',
    providers: ['aws', 'stripe'],
  },
  {
    entity: 'StripeCustomerLookup',
    label: 'Stripe customer index',
    fields: 'A Stripe customer id and the workspace it pays for.',
    purpose: 'To match Stripe’s notices to the workspace.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'WebhookEvent',
    label: 'Processed provider event',
    fields: 'A provider’s event id and what its effect was.',
    purpose: 'So a repeated notice from Stripe, Clerk or the mail provider has no second effect.',
    retention: 'short',
    providers: ['aws'],
  },
  {
    entity: 'WebhookDelivery',
    label: 'Provider notice log',
    fields: 'Id, type, time, outcome and duration of each notice; no content.',
    purpose: 'To operate and debug the connections to providers.',
    retention: 'short',
    providers: ['aws'],
  },
  {
    entity: 'EmailPreferences',
    label: 'Email preferences',
    fields: 'Which optional emails you want (tips, resources, product updates).',
    purpose: 'To send optional email only with your consent.',
    retention: 'account',
    providers: ['aws'],
  },
  {
    entity: 'OutboxMessage',
    label: 'Queued email',
    fields: 'Recipient, template, its data encrypted, status and attempts; the data is deleted once sent.',
    purpose: 'To send each email once, retrying when the mail provider fails.',
    retention: 'short',
    providers: ['aws'],
  },
  {
    entity: 'EmailSuppression',
    label: 'Undeliverable address',
    fields: 'An address the mail provider reported as bouncing or complaining, and when.',
    purpose: 'To stop sending to addresses that reject mail.',
    retention: 'account',
    providers: ['aws'],
  },
  {
    entity: 'TransientBounceCount',
    label: 'Temporary delivery failures',
    fields: 'How often mail to an address failed temporarily.',
    purpose: 'To notice addresses that keep failing.',
    retention: 'account',
    providers: ['aws'],
  },
  {
    entity: 'AuditEntry',
    label: 'Audit log entry',
    fields: 'Who did what to which record, and when, chained by hashes so changes cannot be hidden.',
    purpose: 'To prove the history of the records.',
    retention: 'audit',
    providers: ['aws'],
  },
  {
    entity: 'AuditHead',
    label: 'Audit log head',
    fields: 'The latest entry number and hash of a workspace audit log.',
    purpose: 'To extend the audit chain safely.',
    retention: 'audit',
    providers: ['aws'],
  },
  {
    entity: 'PurgedAuditEntry',
    label: 'Audit entry of a purged workspace',
    fields: 'Entry number, time, actor id and action; the entry’s hash and the previous one. No content.',
    purpose: 'To keep the minimal record of who did what and when after a workspace is purged.',
    retention: 'audit',
    providers: ['aws'],
  },
  {
    entity: 'PurgedAuditHead',
    label: 'Audit log head of a purged workspace',
    fields: 'The last entry number and hash of the purged workspace’s log.',
    purpose: 'So the minimised log can be matched against an export taken before the purge.',
    retention: 'audit',
    providers: ['aws'],
  },
  {
    entity: 'DeletionRequest',
    label: 'Account deletion request',
    fields:
      'When you asked, when the purge is due, your email (for the notices), which workspaces are deleted and which memberships removed.',
    purpose: 'To hide the account at once, let you restore it within 30 days, and then purge it.',
    retention: 'deletion',
    providers: ['aws'],
  },
  {
    entity: 'LegalHold',
    label: 'Legal hold',
    fields: 'The reason an owner or admin gave, who set it and when.',
    purpose: 'To keep a workspace’s records while a legal matter needs them; it pauses their purge.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'MailOptOut',
    label: 'Optional-mail opt-out',
    fields: 'A SHA-256 fingerprint of the email address, why and when it opted out.',
    purpose: 'So a deleted account’s address never gets optional mail again.',
    retention: 'optOut',
    providers: ['aws'],
  },
  {
    entity: 'Feedback',
    label: 'Feedback',
    fields: 'Your message, the page address, your browser (user agent), an optional screenshot you approved.',
    purpose: 'To fix what you report.',
    retention: 'workspace',
    providers: ['aws'],
  },
  {
    entity: 'PolicyNotice',
    label: 'Policy notice',
    fields: 'Which privacy policy version you were told about, and when.',
    purpose: 'To tell you about material policy changes once, before they take effect.',
    retention: 'account',
    providers: ['aws'],
  },
  {
    entity: 'Export',
    label: 'Data export',
    fields:
      'When you asked for an export, its progress, size, the SHA-256 of its manifest; the ZIP itself in file storage.',
    purpose: 'To build your export in the background and let you download it.',
    retention: 'short',
    providers: ['aws'],
  },
  {
    entity: 'PageCount',
    label: 'Usage totals',
    fields: 'Per day: how often each page was opened and each sign-up step reached. No user, no device.',
    purpose: 'To see which parts of the product are used.',
    retention: 'aggregate',
    providers: ['aws'],
  },
];

export type PolicyVersion = {
  version: string;
  /** When the version was published and announced. */
  publishedAt: string;
  /** When it takes effect. A material change takes effect at least 7 days after it is announced. */
  effectiveAt: string;
  /** `initial` needs no announcement; `material` is emailed and shown in the app; `minor` is neither. */
  kind: 'initial' | 'material' | 'minor';
  summary: string;
};

export const POLICY_VERSIONS: readonly PolicyVersion[] = [
  {
    version: '1.0',
    publishedAt: '2026-10-01T00:00:00.000Z',
    effectiveAt: '2026-10-01T00:00:00.000Z',
    kind: 'initial',
    summary: 'First version.',
  },
];

/** A material change must be announced at least this long before it takes effect (P-RIGHT-5). */
export const POLICY_NOTICE_DAYS = 7;
