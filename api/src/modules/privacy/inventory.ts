/**
 * The data inventory: every kind of record Holdfast keeps, what it holds and why, how long it is
 * kept, and which outside providers receive it; the subprocessors; and the privacy policy's
 * versions. The privacy and subprocessor pages are rendered from this file, and a test fails when
 * code stores an entity or depends on a package that is not declared here, so the pages cannot
 * fall behind the code.
 */

import { INCIDENT_FIELDS } from '../journal/schema.js';
import { PRACTICE_RECORD_TYPES } from '../practice/inventory.js';

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
    purpose:
      'Hosting: database (DynamoDB), file storage (S3), encryption keys (KMS), email delivery (SES), the service’s own credentials (Secrets Manager).',
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
      '@aws-sdk/client-secrets-manager',
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
  '@fastify/ajv-compiler',
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
  'ts-fsrs',
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

/**
 * One way the owner of a record corrects it (P-RIGHT-2): the route that changes the fields and the
 * route that shows them back. A test walks every one of these, changes each field through the
 * API and reads the new value back, and fails when a PATCH route of the API is not named here or
 * when a field the route accepts is missing from `fields`.
 */
export type CorrectionRoute = {
  /** `METHOD /path` of the route that changes the fields. */
  update: string;
  /** `GET /path` of the route that shows the record (alone or in a list) after the change. */
  read: string;
  /** `POST /path` (or `PUT`) that makes one, when it takes JSON: each field it takes must be in `fields` or `fixed`. */
  create?: string;
  fields: readonly string[];
  /** Fields set when the record is made that cannot be changed afterwards, each with the reason. */
  fixed?: Readonly<Record<string, string>>;
  /** Fields the same route takes that are not the owner's to set, each with who sets them. */
  others?: Readonly<Record<string, string>>;
  /**
   * `POST /path` that completes the change with the token mailed to the new value: a change of
   * email address takes effect only once the new address proves it is reachable and yours.
   */
  confirm?: string;
};

export type Correction = {
  /** How a person corrects this record, in words, for the privacy page. */
  how: string;
  /** The routes that do it; empty when the record holds nothing a person entered or it cannot change. */
  routes: readonly CorrectionRoute[];
};

export type RecordType = {
  /** The `entity` attribute stored on every item of this kind. */
  entity: string;
  label: string;
  fields: string;
  purpose: string;
  retention: Retention;
  providers: readonly ProviderId[];
  correction: Correction;
};

/** Records the service writes itself: nothing in them was entered by a person. */
const SYSTEM_RECORD = (how: string): Correction => ({ how, routes: [] });

export const RECORD_TYPES: readonly RecordType[] = [
  {
    entity: 'User',
    label: 'Account profile',
    fields: 'Email, display name, created time.',
    purpose: 'To sign you in and address you.',
    retention: 'account',
    providers: ['aws', 'clerk'],
    correction: {
      how: 'Change your name on the Account page; your email address on the same page, confirmed by a link sent to the new address.',
      routes: [
        {
          update: 'PATCH /v1/me',
          read: 'GET /v1/me',
          fields: ['displayName'],
        },
        {
          update: 'POST /v1/me/email-change',
          read: 'GET /v1/me',
          confirm: 'POST /v1/me/email-change/confirm',
          fields: ['email'],
        },
      ],
    },
  },
  {
    entity: 'EmailLookup',
    label: 'Email index',
    fields: 'Email address and the account it belongs to.',
    purpose: 'So one email address is one account.',
    retention: 'account',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Follows your account’s email address.'),
  },
  {
    entity: 'ClerkLookup',
    label: 'Sign-in provider index',
    fields: 'Clerk user id and the account it belongs to; when the Clerk user was deleted, if it was.',
    purpose: 'To match a Clerk sign-in to your account.',
    retention: 'account',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Set by the sign-in provider; nothing in it was entered by you.'),
  },
  {
    entity: 'SignIn',
    label: 'Sign-in history',
    fields: 'Time, method (link or Clerk), browser (user agent).',
    purpose: 'So you can spot sign-ins that were not you.',
    retention: 'account',
    providers: ['aws'],
    correction: SYSTEM_RECORD(
      'A record of a sign-in that happened; it is history, not something you entered.',
    ),
  },
  {
    entity: 'SignInToken',
    label: 'Sign-in link',
    fields: 'A hash of the one-time link, the email it was sent to, expiry.',
    purpose: 'To sign you in by email.',
    retention: 'short',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Used once and gone within minutes.'),
  },
  {
    entity: 'EmailChangeToken',
    label: 'Email change confirmation',
    fields: 'A hash of the one-time confirmation link, the new address it was sent to, the account, expiry.',
    purpose: 'So your sign-in address changes only once the new address is confirmed as yours.',
    retention: 'short',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Used once and gone within the hour; ask again to change to another address.'),
  },
  {
    entity: 'Session',
    label: 'Session',
    fields: 'A hash of the session id, the account and its email, expiry.',
    purpose: 'To keep you signed in and let you sign out everywhere.',
    retention: 'session',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Sign out to end it.'),
  },
  {
    entity: 'Workspace',
    label: 'Workspace',
    fields: 'Name, creation time, owner.',
    purpose: 'To keep a case or practice and its records together.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Owners and admins rename it in Settings.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId',
          read: 'GET /v1/workspaces/:workspaceId',
          create: 'POST /v1/workspaces',
          fields: ['name'],
        },
      ],
    },
  },
  {
    entity: 'Member',
    label: 'Membership',
    fields: 'Account, role, display name and email as shown to the workspace, joined time.',
    purpose: 'To decide who may see and change the workspace.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Your name as a workspace shows it follows your profile, so changing it there changes it everywhere; owners and admins change roles.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/members/:userId',
          read: 'GET /v1/workspaces/:workspaceId/members',
          fields: ['role'],
        },
        {
          update: 'PATCH /v1/me',
          read: 'GET /v1/workspaces/:workspaceId/members',
          fields: ['displayName'],
        },
      ],
    },
  },
  {
    entity: 'Invite',
    label: 'Invitation',
    fields: 'Invited email, role, who invited, status, a hash of the invite code.',
    purpose: 'To let someone join a workspace.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'An invitation is not changed once sent: revoke it and send a new one to the right address or with the right role.',
      routes: [],
    },
  },
  {
    entity: 'InviteCodeLookup',
    label: 'Invitation code index',
    fields: 'A hash of the invite code and the workspace it opens.',
    purpose: 'To find an invitation from its code.',
    retention: 'workspace',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Made with the invitation and removed with it.'),
  },
  {
    entity: 'ApiKey',
    label: 'API key',
    fields: 'Name, scopes, a hash of the secret, created and last-used times.',
    purpose: 'To let an integrator use the API for a workspace.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Rename it in Settings; for other scopes make a new key and revoke this one.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/api-keys/:keyId',
          read: 'GET /v1/workspaces/:workspaceId/api-keys',
          create: 'POST /v1/workspaces/:workspaceId/api-keys',
          fields: ['name'],
          fixed: {
            scopes:
              'A key’s power never grows after it is handed out: make a new key with the scopes you need and revoke this one.',
          },
        },
      ],
    },
  },
  {
    entity: 'ApiKeyLookup',
    label: 'API key index',
    fields: 'A hash of the secret and the workspace it belongs to.',
    purpose: 'To recognise an API key on each request.',
    retention: 'workspace',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Made with the key and removed when it is revoked.'),
  },
  {
    entity: 'IdempotencyRecord',
    label: 'Repeated-request guard',
    fields:
      'The first response to a request sent with an Idempotency-Key; a response holding wellbeing data only encrypted under your workspace’s wellbeing key.',
    purpose: 'So a retried request is not applied twice.',
    retention: 'short',
    providers: ['aws'],
    correction: SYSTEM_RECORD('A copy of a response, kept for a day so a retry is not applied twice.'),
  },
  {
    entity: 'Incident',
    label: 'Incident',
    fields:
      'When and where it happened, who was involved, children present, category, narrative, witnesses, time zone.',
    purpose: 'The record you keep for your case.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit it at any time; the audit log keeps the record of every change.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/incidents/:incidentId',
          read: 'GET /v1/workspaces/:workspaceId/incidents/:incidentId',
          create: 'POST /v1/workspaces/:workspaceId/incidents',
          fields: [...INCIDENT_FIELDS],
        },
      ],
    },
  },
  {
    entity: 'Document',
    label: 'Document',
    fields:
      'Title, description, category, tags, date of the document, file name, type, size, SHA-256 fingerprint, who uploaded it.',
    purpose: 'The evidence you keep: letters, orders, screenshots, certificates.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit its title, description, category, tags and date; the file itself is evidence and never changes: upload the right file and delete this one.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/documents/:documentId',
          read: 'GET /v1/workspaces/:workspaceId/documents/:documentId',
          fields: ['title', 'description', 'category', 'tags', 'documentDate'],
        },
      ],
    },
  },
  {
    entity: 'Blob',
    label: 'Stored file',
    fields: 'The file bytes (in file storage) by their SHA-256, size and how many documents use them.',
    purpose: 'To keep each file once and prove it is unchanged.',
    retention: 'workspace',
    providers: ['aws'],
    correction: SYSTEM_RECORD(
      'The bytes of a file you uploaded, named by their fingerprint: upload a new file instead.',
    ),
  },
  {
    entity: 'VaultUsage',
    label: 'Storage used',
    fields: 'How many bytes the workspace’s files take.',
    purpose: 'To keep the workspace within its storage quota.',
    retention: 'workspace',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Counted by the service from your files.'),
  },
  {
    entity: 'Attachment',
    label: 'Attachment',
    fields: 'Which document is attached to which record, by whom and when.',
    purpose: 'To link evidence to the incident it supports.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Detach the document and attach the right one.',
      routes: [],
    },
  },
  {
    entity: 'DocumentLink',
    label: 'Attachment index',
    fields: 'The records a document is attached to.',
    purpose: 'So deleting a document finds its attachments.',
    retention: 'workspace',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Follows the attachments.'),
  },
  {
    entity: 'WellbeingRecord',
    label: 'Wellbeing record',
    fields:
      'Check-ins (mood, anxiety, sleep, symptoms, triggers, notes), provider complaints, care notes and safety-plan versions: every sensitive field encrypted under the workspace’s own key; the date, author and sharing stay readable.',
    purpose: 'Your private wellbeing notes, shared only with the members you choose.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit each check-in, complaint and care note; saving the safety plan keeps every earlier version.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/wellbeing/check-ins/:checkInId',
          read: 'GET /v1/workspaces/:workspaceId/wellbeing/check-ins/:checkInId',
          create: 'POST /v1/workspaces/:workspaceId/wellbeing/check-ins',
          fields: ['occurredAt', 'mood', 'anxiety', 'sleepHours', 'symptoms', 'triggers', 'notes'],
        },
        {
          update: 'PATCH /v1/workspaces/:workspaceId/wellbeing/complaints/:complaintId',
          read: 'GET /v1/workspaces/:workspaceId/wellbeing/complaints/:complaintId',
          create: 'POST /v1/workspaces/:workspaceId/wellbeing/complaints',
          fields: [
            'date',
            'providerName',
            'providerType',
            'category',
            'description',
            'desiredOutcome',
            'status',
            'whereFiled',
          ],
        },
        {
          update: 'PATCH /v1/workspaces/:workspaceId/wellbeing/care-notes/:careNoteId',
          read: 'GET /v1/workspaces/:workspaceId/wellbeing/care-notes/:careNoteId',
          create: 'POST /v1/workspaces/:workspaceId/wellbeing/care-notes',
          fields: ['sessionDate', 'provider', 'type', 'notes', 'followUps'],
        },
        {
          update: 'PUT /v1/workspaces/:workspaceId/wellbeing/safety-plan',
          read: 'GET /v1/workspaces/:workspaceId/wellbeing/safety-plan',
          create: 'PUT /v1/workspaces/:workspaceId/wellbeing/safety-plan',
          fields: [
            'warningSigns',
            'copingStrategies',
            'peopleAndPlaces',
            'peopleToAsk',
            'professionals',
            'safeEnvironment',
            'reasonsForLiving',
          ],
        },
      ],
    },
  },
  {
    entity: 'WellbeingShare',
    label: 'Wellbeing sharing',
    fields: 'Which member a wellbeing record is shared with.',
    purpose: 'To let a named member (an attorney, a therapist) read one record.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Stop sharing with one member, or share with another.',
      routes: [],
    },
  },
  {
    entity: 'PhiTenantKey',
    label: 'Wellbeing key',
    fields: 'The workspace’s wellbeing data key, encrypted under the service’s master key (KMS).',
    purpose: 'Deleting it makes every leftover copy of the workspace’s wellbeing data unreadable.',
    retention: 'workspace',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Made and kept by the service.'),
  },
  {
    entity: 'BillingState',
    label: 'Subscription',
    fields:
      'Plan, billing cadence, Stripe customer and subscription ids, status, trial end and renewal dates. No card data.',
    purpose: 'To give the workspace what its plan includes.',
    retention: 'workspace',
    providers: ['aws', 'stripe'],
    correction: {
      how: 'Change the plan on the Plan page, and payment details in the billing portal.',
      routes: [],
    },
  },
  {
    entity: 'StripeCustomerLookup',
    label: 'Stripe customer index',
    fields: 'A Stripe customer id and the workspace it pays for.',
    purpose: 'To match Stripe’s notices to the workspace.',
    retention: 'workspace',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Set from the payment provider’s customer id.'),
  },
  {
    entity: 'WebhookEvent',
    label: 'Processed provider event',
    fields: 'A provider’s event id and what its effect was.',
    purpose: 'So a repeated notice from Stripe, Clerk or the mail provider has no second effect.',
    retention: 'short',
    providers: ['aws'],
    correction: SYSTEM_RECORD('What a provider sent and what it did; history, not something you entered.'),
  },
  {
    entity: 'WebhookDelivery',
    label: 'Provider notice log',
    fields: 'Id, type, time, outcome and duration of each notice; no content.',
    purpose: 'To operate and debug the connections to providers.',
    retention: 'short',
    providers: ['aws'],
    correction: SYSTEM_RECORD('An operations log without content.'),
  },
  {
    entity: 'EmailPreferences',
    label: 'Email preferences',
    fields: 'Which optional emails you want (tips, resources, product updates).',
    purpose: 'To send optional email only with your consent.',
    retention: 'account',
    providers: ['aws'],
    correction: {
      how: 'Choose on the Email page, or with the unsubscribe link in any optional email.',
      routes: [
        {
          update: 'PATCH /v1/me/email-preferences',
          read: 'GET /v1/me/email-preferences',
          fields: ['onboardingTips', 'weeklyResources', 'productUpdates'],
        },
      ],
    },
  },
  {
    entity: 'OutboxMessage',
    label: 'Queued email',
    fields: 'Recipient, template, its data encrypted, status and attempts; the data is deleted once sent.',
    purpose: 'To send each email once, retrying when the mail provider fails.',
    retention: 'short',
    providers: ['aws'],
    correction: SYSTEM_RECORD('An email on its way; its content is deleted once sent.'),
  },
  {
    entity: 'EmailSuppression',
    label: 'Undeliverable address',
    fields: 'An address the mail provider reported as bouncing or complaining, and when.',
    purpose: 'To stop sending to addresses that reject mail.',
    retention: 'account',
    providers: ['aws'],
    correction: {
      how: 'What the mail provider reported about an address; support lifts it when you ask.',
      routes: [],
    },
  },
  {
    entity: 'TransientBounceCount',
    label: 'Temporary delivery failures',
    fields: 'How often mail to an address failed temporarily.',
    purpose: 'To notice addresses that keep failing.',
    retention: 'account',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Counted from the mail provider’s reports.'),
  },
  {
    entity: 'AuditEntry',
    label: 'Audit log entry',
    fields: 'Who did what to which record, and when, chained by hashes so changes cannot be hidden.',
    purpose: 'To prove the history of the records.',
    retention: 'audit',
    providers: ['aws'],
    correction: SYSTEM_RECORD('A history cannot be rewritten: correcting a record adds a new entry.'),
  },
  {
    entity: 'AuditPending',
    label: 'Audit log entry, not yet chained',
    fields:
      'Who did what to which record, and when, written with the change; moments later it becomes a chained audit log entry.',
    purpose: 'So changes in one workspace are recorded without waiting for each other.',
    retention: 'audit',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Becomes an audit log entry, which cannot be rewritten.'),
  },
  {
    entity: 'AuditHead',
    label: 'Audit log head',
    fields: 'The latest entry number and hash of a workspace audit log.',
    purpose: 'To extend the audit chain safely.',
    retention: 'audit',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Follows the audit log.'),
  },
  {
    entity: 'PurgedAuditEntry',
    label: 'Audit entry of a purged workspace',
    fields: 'Entry number, time, actor id and action; the entry’s hash and the previous one. No content.',
    purpose: 'To keep the minimal record of who did what and when after a workspace is purged.',
    retention: 'audit',
    providers: ['aws'],
    correction: SYSTEM_RECORD('What remains of a purged log: actor id, action and time.'),
  },
  {
    entity: 'PurgedAuditHead',
    label: 'Audit log head of a purged workspace',
    fields: 'The last entry number and hash of the purged workspace’s log.',
    purpose: 'So the minimised log can be matched against an export taken before the purge.',
    retention: 'audit',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Follows the purged log.'),
  },
  {
    entity: 'DeletionRequest',
    label: 'Account deletion request',
    fields:
      'When you asked, when the purge is due, your email (for the notices), which workspaces are deleted and which memberships removed, and when the account was hidden.',
    purpose: 'To hide the account at once, let you restore it within 30 days, and then purge it.',
    retention: 'deletion',
    providers: ['aws'],
    correction: {
      how: 'Cancel it by signing in and restoring your account within 30 days.',
      routes: [],
    },
  },
  {
    entity: 'LegalHold',
    label: 'Legal hold',
    fields: 'The reason an owner or admin gave, who set it and when.',
    purpose: 'To keep a workspace’s records while a legal matter needs them; it pauses their purge.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Owners and admins change the reason by setting the hold again, or lift it.',
      routes: [
        {
          update: 'PUT /v1/workspaces/:workspaceId/legal-hold',
          read: 'GET /v1/workspaces/:workspaceId/legal-hold',
          create: 'PUT /v1/workspaces/:workspaceId/legal-hold',
          fields: ['reason'],
        },
      ],
    },
  },
  {
    entity: 'MailOptOut',
    label: 'Optional-mail opt-out',
    fields: 'A SHA-256 fingerprint of the email address, why and when it opted out.',
    purpose: 'So a deleted account’s address never gets optional mail again.',
    retention: 'optOut',
    providers: ['aws'],
    correction: SYSTEM_RECORD('A fingerprint kept so a deleted address never gets optional mail again.'),
  },
  {
    entity: 'Feedback',
    label: 'Feedback',
    fields: 'Your message, the page address, your browser (user agent), an optional screenshot you approved.',
    purpose: 'To fix what you report.',
    retention: 'workspace',
    providers: ['aws'],
    correction: {
      how: 'Edit what you wrote, or remove the screenshot, from your sent feedback.',
      routes: [
        {
          update: 'PATCH /v1/workspaces/:workspaceId/feedback/:feedbackId',
          read: 'GET /v1/workspaces/:workspaceId/feedback/mine',
          create: 'POST /v1/workspaces/:workspaceId/feedback',
          fields: ['message'],
          fixed: {
            pageUrl: 'The page you were on when you wrote it, recorded with the message.',
            userAgent: 'Your browser as it reported itself, recorded with the message.',
            screenshot: 'Shown to you before sending; afterwards you can remove it, not replace it.',
          },
          others: {
            handled: 'Set by the workspace’s admins when they have dealt with it.',
          },
        },
      ],
    },
  },
  {
    entity: 'PolicyNotice',
    label: 'Policy notice',
    fields: 'Which privacy policy version you were told about, and when.',
    purpose: 'To tell you about material policy changes once, before they take effect.',
    retention: 'account',
    providers: ['aws'],
    correction: SYSTEM_RECORD('When you were told of a policy version: history.'),
  },
  {
    entity: 'Export',
    label: 'Data export',
    fields:
      'When you asked for an export, its progress, size, the SHA-256 of its manifest; the ZIP itself in file storage.',
    purpose: 'To build your export in the background and let you download it.',
    retention: 'short',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Ask for a new export at any time.'),
  },
  {
    entity: 'PageCount',
    label: 'Usage totals',
    fields: 'Per day: how often each page was opened and each sign-up step reached. No user, no device.',
    purpose: 'To see which parts of the product are used.',
    retention: 'aggregate',
    providers: ['aws'],
    correction: SYSTEM_RECORD('Daily totals that identify no one.'),
  },
  ...PRACTICE_RECORD_TYPES,
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
