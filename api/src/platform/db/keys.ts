import { AppError } from '../errors.js';
/**
 * Key composition for both tables, in one place: every partition key, sort key, sort-key prefix
 * and GSI value is built here (test/security/keys-in-one-place.test.ts keeps it that way).
 * Tenant-owned items are always keyed `TENANT#<tenantId>`; `tenantPk` refuses to build a key
 * without a tenant id. The few items that belong to no tenant use the prefixes in
 * `PLATFORM_PREFIX`, and nowhere else may invent one.
 */

/** Prefixes of items that belong to no tenant. */
export const PLATFORM_PREFIX = {
  /** A person's profile and sign-in history (people can belong to several tenants). */
  user: 'USER#',
  /** Email → user id lookup, so one email is one person. */
  email: 'EMAIL#',
  /** Clerk user id → user id lookup. */
  clerkUser: 'CLERKUSER#',
  /** Magic-link sign-in tokens, by the SHA-256 of the token. */
  signInToken: 'SIGNINTOKEN#',
  /** Email-change confirmation tokens, by the SHA-256 of the token. */
  emailChangeToken: 'EMAILCHANGETOKEN#',
  /** Sessions, by the SHA-256 of the session id. */
  session: 'SESSION#',
  /** API keys, by the SHA-256 of the secret, pointing at their tenant. */
  apiKeyHash: 'APIKEYHASH#',
  /** Invite codes, by the SHA-256 of the code, pointing at their tenant. */
  inviteCode: 'INVITECODE#',
  /** Stored first responses of Idempotency-Key requests, per principal and key. */
  idempotency: 'IDEMPOTENCY#',
  /** Daily usage totals (page and funnel counts), by day; nothing that names a person. */
  analyticsDay: 'ANALYTICS#',
  /** Addresses mail must not go to (bounces, complaints), by normalized email. */
  emailSuppression: 'SUPPRESSION#',
  /** Outgoing mail, one item per message, by the SHA-256 of the sender's dedupe key. */
  outbox: 'OUTBOX#',
  /** A person's account deletion request, from the request until the purge completes. */
  deletion: 'DELETION#',
  /** What remains of a purged workspace's audit log: actor id, action and time per entry. */
  purgedAudit: 'PURGEDAUDIT#',
  /** An address that gets no optional mail, by the SHA-256 of the address (kept after a purge). */
  mailOptOut: 'MAILOPTOUT#',
  /** Webhook events already processed, by provider and event id (the exactly-once ledger). */
  webhookEvent: 'WEBHOOKEVENT#',
  /** The delivery log of one webhook provider (ids, types, outcomes; no payloads). */
  webhookLog: 'WEBHOOKLOG#',
  /** Stripe customer id → the workspace it bills. */
  stripeCustomer: 'STRIPECUSTOMER#',
  /** Credential verification links, by the SHA-256 of the link's token, pointing at their share. */
  credentialShareToken: 'CREDSHARETOKEN#',
  /** Request counts of one rate limit and one subject (a hashed IP or a tenant), shared by instances. */
  rateLimit: 'RATELIMIT#',
  /** Organisations' credential requests waiting for a person, by the SHA-256 of the person's email. */
  credentialRequestInbox: 'CREDREQINBOX#',
  /** A person's waiting CE provider link code, by the SHA-256 of the code, pointing at their link. */
  ceLinkCode: 'CELINKCODE#',
} as const;

export const TENANT_PREFIX = 'TENANT#';

/** What an id must look like to become part of a key (also the pattern of every id in a path). */
export const SAFE_ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
const SAFE_ID = new RegExp(SAFE_ID_PATTERN);

/**
 * Throws unless `id` is a plain identifier, so a key can never be widened by a crafted id. No
 * record can have such an id, so the answer is the typed 404 a missing record gets (route schemas
 * refuse such ids first; this holds for any id that reaches a key another way).
 */
export function assertSafeId(id: string, what: string): void {
  if (!SAFE_ID.test(id)) throw new AppError('not_found', `No ${what} looks like that.`);
}

/** The partition key of every item a tenant owns. */
export function tenantPk(tenantId: string): string {
  if (typeof tenantId !== 'string' || tenantId === '') throw new Error('a tenant key needs a tenant id');
  assertSafeId(tenantId, 'tenant id');
  return `${TENANT_PREFIX}${tenantId}`;
}

/** A platform (tenant-less) key from a declared prefix. */
export function platformPk(prefix: keyof typeof PLATFORM_PREFIX, id: string): string {
  if (id === '') throw new Error(`a ${prefix} key needs an id`);
  return `${PLATFORM_PREFIX[prefix]}${id}`;
}

/** The tenant id a tenant partition key names (`TENANT#t1` → `t1`), or none when the key is not one. */
export function parseTenantPk(key: unknown): string | undefined {
  if (typeof key !== 'string' || !key.startsWith(TENANT_PREFIX) || key.length === TENANT_PREFIX.length)
    return undefined;
  return key.slice(TENANT_PREFIX.length);
}

/** The id a platform key of `prefix` names (`USER#u1` → `u1`), or none when the key is not one. */
export function parsePlatformPk(prefix: keyof typeof PLATFORM_PREFIX, key: unknown): string | undefined {
  const start = PLATFORM_PREFIX[prefix];
  if (typeof key !== 'string' || !key.startsWith(start) || key.length === start.length) return undefined;
  return key.slice(start.length);
}

/** The ledger partition of one provider's event (the event id is checked by the ledger first). */
export function webhookEventPk(provider: string, eventId: string): string {
  return platformPk('webhookEvent', `${provider}#${eventId}`);
}

/**
 * The partition of one rate limit's counter for one subject. The subject arrives hashed (an IP
 * address is personal data the table need not hold); the limit's name is the product's own.
 */
export function rateLimitPk(limit: string, subjectHash: string): string {
  return platformPk('rateLimit', `${limit}#${subjectHash}`);
}

/** Sort-key prefixes of the item kinds that are listed by querying a prefix. */
export const SK_PREFIX = {
  member: 'MEMBER#',
  invite: 'INVITE#',
  apiKey: 'APIKEY#',
  auditEntry: 'AUDIT#',
  /** Audit entries written with their change and not yet linked into the chain. */
  auditPending: 'AUDITPENDING#',
  incident: 'INCIDENT#',
  signIn: 'SIGNIN#',
  feedback: 'FEEDBACK#',
  export: 'EXPORT#',
  document: 'DOCUMENT#',
  blob: 'BLOB#',
  attachment: 'ATTACHMENT#',
  documentLink: 'DOCLINK#',
  webhookDelivery: 'DELIVERY#',
  communication: 'COMMUNICATION#',
  /** A saved AI-assisted summary of a period (communications). */
  summary: 'SUMMARY#',
  /** The fingerprint of a message thread imported into the workspace, so it is not imported twice. */
  importedThread: 'IMPORTEDTHREAD#',
  license: 'LICENSE#',
  ceActivity: 'CEACTIVITY#',
  /** Under a tenant's partition: one person's practice (attempts, scheduling cards, assessments). */
  practice: 'PRACTICE#',
  /** Under a user's partition: a workspace the person has practised in (for the account purge). */
  practiceWorkspace: 'PRACTICEIN#',
  /** Under a tenant's partition: the workspace's own practice skills and exercises (not a person's). */
  practiceOwn: 'PRACTICEOWN#',
  /** Under a tenant's partition: credential verification links and the views of each. */
  credentialShare: 'CREDSHARE#',
  credentialShareView: 'CREDSHAREVIEW#',
  /** Under an organisation's partition: its credential requests to people. */
  credentialRequest: 'CREDREQ#',
  /** Under a person's workspace partition: what they shared into an organisation, one per request. */
  credentialOrgShare: 'CREDORGSHARE#',
  /** Under a tenant's partition: that a CE renewal reminder went out (one per license cycle and step). */
  ceReminder: 'CEREMINDER#',
  /** Under a tenant's partition: each license cycle's CE tally and the guard that orders their writes. */
  ceTally: 'CETALLY#',
  /** Under a user's partition: everything of their second factors (authenticator, codes, passkeys). */
  secondFactor: 'SECONDFACTOR#',
  /** Under a user's partition: the person's passkeys. */
  passkey: 'SECONDFACTOR#PASSKEY#',
  /** Under a user's partition: their security log (second-factor enrolments, removals, failures). */
  securityEvent: 'SECURITYEVENT#',
  /** Under a tenant's partition: the library items the workspace added. */
  libraryAddition: 'LIBRARYADD#',
  /** Under a tenant's partition: checklists copied into the workspace, ticked off there. */
  libraryChecklist: 'LIBRARYCHECK#',
  /** Under a tenant's partition: one library item's embedding with the hash of the text it embeds. */
  libraryEmbedding: 'LIBRARYEMBED#',
  /** Under a user's partition: a library item already sent to the person in the weekly email. */
  librarySent: 'LIBRARYSENT#',
  /** Under a person's workspace partition: their links with CE providers, and what providers reported. */
  ceProviderLink: 'CEPLINK#',
  ceCompletion: 'CECOMPLETION#',
  /** Under a provider's workspace partition: the links it redeemed, and what it reported through each. */
  ceLinkOfProvider: 'CEPROVLINK#',
  ceCompletionReport: 'CEREPORT#',
} as const;

/** Sort keys used under a tenant partition (and, for sign-ins, under a user's). */
export const SK = {
  workspace: () => 'WORKSPACE',
  member: (userId: string) => `${SK_PREFIX.member}${userId}`,
  invite: (inviteId: string) => `${SK_PREFIX.invite}${inviteId}`,
  apiKey: (keyId: string) => `${SK_PREFIX.apiKey}${keyId}`,
  auditHead: () => 'AUDITHEAD',
  auditEntry: (seq: number) => `${SK_PREFIX.auditEntry}${String(seq).padStart(12, '0')}`,
  /** An audit entry waiting to be linked into the chain, ordered by when its change was made. */
  auditPending: (at: string, id: string) => `${SK_PREFIX.auditPending}${at}#${id}`,
  incident: (incidentId: string) => `${SK_PREFIX.incident}${incidentId}`,
  communication: (communicationId: string) => `${SK_PREFIX.communication}${communicationId}`,
  summary: (summaryId: string) => `${SK_PREFIX.summary}${summaryId}`,
  importedThread: (threadSha256: string) => `${SK_PREFIX.importedThread}${threadSha256}`,
  /** The tenant's AI actions of one month (`YYYY-MM`, UTC), counted against its plan. */
  aiUsage: (month: string) => `AIUSAGE#${month}`,
  signIn: (at: string, id: string) => `${SK_PREFIX.signIn}${at}#${id}`,
  feedback: (feedbackId: string) => `${SK_PREFIX.feedback}${feedbackId}`,
  /** Under a user's partition: one export of their data. */
  export: (exportId: string) => `${SK_PREFIX.export}${exportId}`,
  /** Under a user's partition: that they were told about a policy version. */
  policyNotice: (version: string) => `POLICYNOTICE#${version}`,
  /** Under a day's analytics partition: one counter. */
  pageCount: (kind: string, name: string) => `${kind}#${name}`,
  document: (documentId: string) => `${SK_PREFIX.document}${documentId}`,
  /** Stored bytes of a tenant, by SHA-256, with their reference count. */
  blob: (sha256: string) => `${SK_PREFIX.blob}${sha256}`,
  /** The tenant's total stored bytes, checked against its quota. */
  vaultUsage: () => 'VAULTUSAGE',
  /** A document attached to a record, listed under the record. */
  attachment: (recordType: string, recordId: string, documentId: string) =>
    `${SK_PREFIX.attachment}${recordType}#${recordId}#${documentId}`,
  /** The same attachment listed under the document, so deleting a document finds its links. */
  documentLink: (documentId: string, recordType: string, recordId: string) =>
    `${SK_PREFIX.documentLink}${documentId}#${recordType}#${recordId}`,
  /** A legal hold on the workspace: pauses the purge of its data. */
  legalHold: () => 'LEGALHOLD',
  /** The workspace's subscription state (P-PAY-1). */
  billing: () => 'BILLING',
  webhookDelivery: (receivedAt: string, id: string) => `${SK_PREFIX.webhookDelivery}${receivedAt}#${id}`,
  /** Under a user's partition: the person's profile. */
  profile: () => 'PROFILE',
  /** Under an idempotency key's partition: the first request's state and stored answer. */
  idempotencyRecord: () => 'IDEMPOTENCY',
  /** Under an email partition: the pointer to the person with that address. */
  emailLookup: () => 'EMAIL',
  /** Under a Clerk user's partition: the pointer to the local person. */
  clerkLookup: () => 'CLERKUSER',
  /** Under a sign-in or email-change token's partition: the one-time token. */
  linkToken: () => 'TOKEN',
  /** Under an invite code's partition: the pointer to the invite and its tenant. */
  inviteByCode: () => 'INVITE',
  /** Under a user's partition: their email preferences. */
  emailPreferences: () => 'EMAILPREFS',
  /** Under a session's partition: the session itself. */
  session: () => 'SESSION',
  /** Under an API key hash's partition: the pointer to the key's tenant. */
  apiKeyBySecret: () => 'APIKEY',
  /** Under a rate-limit partition: the counts of its recent windows, one attribute per window. */
  rateLimitCounter: () => 'COUNTER',
  /** Under a Stripe customer's partition: the workspace it bills. */
  stripeCustomer: () => 'CUSTOMER',
  /** Under a deletion partition: the person's deletion request. */
  deletionRequest: () => 'REQUEST',
  /** Under an opt-out partition: that the address gets no optional mail. */
  mailOptOut: () => 'OPTOUT',
  /** Under a webhook event's partition: its ledger entry. */
  webhookEvent: () => 'EVENT',
  /** Under a suppression partition: that mail must not go to the address. */
  emailSuppression: () => 'SUPPRESSION',
  /** Under a suppression partition: the count of transient bounces not yet a suppression. */
  transientBounces: () => 'TRANSIENT',
  /** Under an outbox partition: the message. */
  outboxMessage: () => 'MESSAGE',
  /** A professional license a member holds (credentials). */
  license: (licenseId: string) => `${SK_PREFIX.license}${licenseId}`,
  /** A continuing-education activity (credentials). */
  ceActivity: (activityId: string) => `${SK_PREFIX.ceActivity}${activityId}`,
  /** Under a tenant's partition: one practice attempt of a person, in the order it was started. */
  practiceAttempt: (userId: string, attemptId: string) => `${practiceOf(userId)}ATTEMPT#${attemptId}`,
  /** Under a tenant's partition: a person's scheduling state of one exercise. */
  practiceCard: (userId: string, exerciseId: string) => `${practiceOf(userId)}CARD#${exerciseId}`,
  /** Under a tenant's partition: one timed assessment of a person. */
  practiceAssessment: (userId: string, assessmentId: string) =>
    `${practiceOf(userId)}ASSESSMENT#${assessmentId}`,
  /** Under a tenant's partition: a person's running tally of one skill since its latest assessment. */
  practiceSkillTally: (userId: string, skillId: string) => `${practiceOf(userId)}SKILL#${skillId}`,
  /** Under a user's partition: that the person has practice records in a workspace. */
  practiceWorkspace: (tenantId: string) => `${SK_PREFIX.practiceWorkspace}${tenantId}`,
  /** Under a tenant's partition: a skill or exercise the workspace wrote itself, by its id. */
  // One prefix for both, so the workspace's whole catalogue is read with one query.
  practiceOwnSkill: (skillId: string) => `${SK_PREFIX.practiceOwn}SKILL#${skillId}`,
  practiceOwnExercise: (exerciseId: string) => `${SK_PREFIX.practiceOwn}EXERCISE#${exerciseId}`,
  /** A credential verification link (what it shares, its expiry and revocation). */
  credentialShare: (shareId: string) => `${SK_PREFIX.credentialShare}${shareId}`,
  /** One view of a verification link, in the order views happened. */
  credentialShareView: (shareId: string, viewedAt: string, viewId: string) =>
    `${SK_PREFIX.credentialShareView}${shareId}#${viewedAt}#${viewId}`,
  /** Under a verification token's partition: the pointer to its share and tenant. */
  credentialShareByToken: () => 'CREDSHARE',
  /** The workspace's organisation profile (kind and name): it may request credentials. */
  credentialOrganisation: () => 'CREDORG',
  /** An organisation's credential request; also its entry in the person's inbox partition. */
  credentialRequest: (requestId: string) => `${SK_PREFIX.credentialRequest}${requestId}`,
  /** What a person shared into an organisation in answer to one request (keyed by the request). */
  credentialOrgShare: (requestId: string) => `${SK_PREFIX.credentialOrgShare}${requestId}`,
  /** The reminder `daysBefore` a license cycle ending `endsOn` (sent once, however often the job runs). */
  /** The CE tally of one license's current cycle (credentials: what the progress read answers from). */
  ceCycleTally: (licenseId: string) => `${SK_PREFIX.ceTally}LICENSE#${licenseId}`,
  /** The counts of activity writes and tally rebuilds, which order the two against each other. */
  ceTallyGuard: () => `${SK_PREFIX.ceTally}GUARD`,
  ceReminder: (licenseId: string, endsOn: string, daysBefore: number) =>
    `${SK_PREFIX.ceReminder}${licenseId}#${endsOn}#${daysBefore}`,
  /** Under a user's partition: their authenticator app (sealed secret, last accepted time step). */
  totpFactor: () => `${SK_PREFIX.secondFactor}TOTP`,
  /** Under a user's partition: the hashes of their recovery codes and which were used. */
  recoveryCodes: () => `${SK_PREFIX.secondFactor}RECOVERY`,
  /** Under a user's partition: support's scheduled reset of every factor (identity checks, waiting period). */
  secondFactorReset: () => `${SK_PREFIX.secondFactor}RESET`,
  /** Under a user's partition: failed second-factor attempts in the current window. */
  secondFactorAttempts: () => `${SK_PREFIX.secondFactor}ATTEMPTS`,
  /** Under a user's partition: the pending WebAuthn challenge of a registration or an authentication. */
  passkeyChallenge: (purpose: 'register' | 'authenticate') => `${SK_PREFIX.secondFactor}CHALLENGE#${purpose}`,
  /** Under a user's partition: one passkey, by its id. */
  passkey: (passkeyId: string) => `${SK_PREFIX.passkey}${passkeyId}`,
  /** Under a user's partition: one entry of their security log, in time order. */
  securityEvent: (at: string, id: string) => `${SK_PREFIX.securityEvent}${at}#${id}`,
  /** Under a tenant's partition: one library addition, by its id. */
  libraryAddition: (additionId: string) => `${SK_PREFIX.libraryAddition}${additionId}`,
  /** Under a tenant's partition: one copied checklist, by its id. */
  libraryChecklist: (checklistId: string) => `${SK_PREFIX.libraryChecklist}${checklistId}`,
  /** Under a tenant's partition: the embedding of one library item (shipped or added), by item id. */
  libraryEmbedding: (itemId: string) => `${SK_PREFIX.libraryEmbedding}${itemId}`,
  /** Under a user's partition: that one library item went out in the person's weekly email. */
  librarySent: (itemId: string) => `${SK_PREFIX.librarySent}${itemId}`,
  /** One link with a CE provider: the person's side, and the provider's side. */
  ceProviderLink: (linkId: string) => `${SK_PREFIX.ceProviderLink}${linkId}`,
  ceLinkOfProvider: (linkId: string) => `${SK_PREFIX.ceLinkOfProvider}${linkId}`,
  /** Under a link code's partition: the pointer to the person's link. */
  ceLinkCode: () => 'CODE',
  /** Under a person's workspace partition: one reported completion. */
  ceCompletion: (completionId: string) => `${SK_PREFIX.ceCompletion}${completionId}`,
  /** Under a provider's workspace partition: one completion it reported through a link. */
  ceCompletionReport: (linkId: string, completionId: string) =>
    `${SK_PREFIX_OF.reportsOfLink(linkId)}${completionId}`,
  /** Under a tenant's partition: how many times its library additions changed (search caches by it). */
  libraryVersion: () => 'LIBRARYVERSION',
} as const;

/** The sort-key prefix of everything one person keeps in practice, in a tenant's partition. */
function practiceOf(userId: string): string {
  assertSafeId(userId, 'user id');
  return `${SK_PREFIX.practice}${userId}#`;
}

/** Prefixes that list the items under one record or document. */
export const SK_PREFIX_OF = {
  /** The attachments listed under one record. */
  attachmentsOfRecord: (recordType: string, recordId: string) =>
    `${SK_PREFIX.attachment}${recordType}#${recordId}#`,
  /** The attachment links listed under one document. */
  linksOfDocument: (documentId: string) => `${SK_PREFIX.documentLink}${documentId}#`,
  /** Everything one person keeps in practice in a workspace (export and purge). */
  practiceOfUser: (userId: string) => practiceOf(userId),
  practiceAttemptsOfUser: (userId: string) => `${practiceOf(userId)}ATTEMPT#`,
  practiceCardsOfUser: (userId: string) => `${practiceOf(userId)}CARD#`,
  practiceAssessmentsOfUser: (userId: string) => `${practiceOf(userId)}ASSESSMENT#`,
  /** The views of one verification link. */
  viewsOfCredentialShare: (shareId: string) => `${SK_PREFIX.credentialShareView}${shareId}#`,
  /** The completions a provider reported through one link. */
  reportsOfLink: (linkId: string) => {
    assertSafeId(linkId, 'link id');
    return `${SK_PREFIX.ceCompletionReport}${linkId}#`;
  },
} as const;

/**
 * GSI1 sort-key bounds of `<date>#<id>` items from `from` to the end of the day or instant `to`
 * (`~` sorts after every character an id or time uses); either end may be open.
 */
export function buildDateRange(
  from: string | undefined,
  to: string | undefined,
): { from: string; to: string } {
  return { from: from ?? '0', to: `${to ?? '9999'}~` };
}

/**
 * The sort keys under `prefix` as a `BETWEEN` range (`prefix` to `prefix` with its last character
 * raised by one, a key no builder makes: every prefix ends in `#`). DynamoDB answers it exactly as
 * `begins_with`, but DynamoDB Local reads a range from its index where it walks the whole
 * partition for `begins_with` (a tenant's partition holds every person's practice history).
 */
export function buildPrefixRange(prefix: string): { from: string; to: string } {
  return {
    from: prefix,
    to: `${prefix.slice(0, -1)}${String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1)}`,
  };
}

/** An IAM `dynamodb:LeadingKeys` pattern matching every partition key that starts with `prefix`. */
export const buildLeadingKeysPattern = (prefix: string): string => `${prefix}*`;
