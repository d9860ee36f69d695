/**
 * Names for the API's request and response bodies. Every type here is derived from the generated
 * `schema.ts` (generated from the API's OpenAPI document), never written by hand, so a
 * change in the API shows up as a type error in the pages that use it.
 */
import type { paths } from './schema';

type JsonContent<R> = R extends { content: { 'application/json': infer B } } ? B : never;

/** The JSON body of an operation's 200, 201 or 202 answer. */
type SuccessBody<Op> = Op extends { responses: infer Rs }
  ? JsonContent<Rs[Extract<keyof Rs, 200 | 201 | 202>]>
  : never;

/** The JSON request body of an operation. */
type RequestBody<Op> = Op extends { requestBody?: infer B } ? JsonContent<NonNullable<B>> : never;

/** The query parameters of an operation. */
type QueryParams<Op> = Op extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

type WorkspacePaths = '/v1/workspaces/{workspaceId}';
type Ws<P extends string> = `${WorkspacePaths}${P}`;

export type AuthConfig = SuccessBody<paths['/v1/auth/config']['get']>;
export type VerifyBody = RequestBody<paths['/v1/auth/verify']['post']>;
export type Me = SuccessBody<paths['/v1/me']['get']>;
export type User = Me['user'];
export type WorkspaceSummary = Me['workspaces'][number];
export type Role = WorkspaceSummary['role'];
export type Workspace = SuccessBody<paths[WorkspacePaths]['get']>;
export type SignIn = SuccessBody<paths['/v1/me/sign-ins']['get']>['items'][number];
export type EmailPreferences = SuccessBody<paths['/v1/me/email-preferences']['get']>;
export type EmailPreference = EmailPreferences['items'][number];
export type EmailPreferencesPatch = RequestBody<paths['/v1/me/email-preferences']['patch']>;

export type Member = SuccessBody<paths[Ws<'/members'>]['get']>['items'][number];
export type Invite = SuccessBody<paths[Ws<'/invites'>]['get']>['items'][number];
export type CreatedInvite = SuccessBody<paths[Ws<'/invites'>]['post']>;
export type InviteBody = RequestBody<paths[Ws<'/invites'>]['post']>;

export type ApiKey = SuccessBody<paths[Ws<'/api-keys'>]['get']>['items'][number];
export type ApiKeyScope = ApiKey['scopes'][number];
export type CreatedApiKey = SuccessBody<paths[Ws<'/api-keys'>]['post']>;

export type AuditPage = SuccessBody<paths[Ws<'/audit'>]['get']>;
export type AuditEntry = AuditPage['items'][number];
export type AuditKind = NonNullable<QueryParams<paths[Ws<'/audit'>]['get']>['kind']>;
export type AuditVerification = SuccessBody<paths[Ws<'/audit/verify'>]['get']>;

export type IncidentPage = SuccessBody<paths[Ws<'/incidents'>]['get']>;
export type IncidentListQuery = QueryParams<paths[Ws<'/incidents'>]['get']>;
export type Incident = SuccessBody<paths[Ws<'/incidents/{incidentId}'>]['get']>;
export type IncidentCategory = Incident['category'];
export type IncidentCreateBody = RequestBody<paths[Ws<'/incidents'>]['post']>;
export type IncidentPatchBody = RequestBody<paths[Ws<'/incidents/{incidentId}'>]['patch']>;

export type Timeline = SuccessBody<paths[Ws<'/timeline'>]['get']>;
export type TimelineDay = Timeline['days'][number];
export type TimelineQuery = QueryParams<paths[Ws<'/timeline'>]['get']>;

export type PrivacyInventory = SuccessBody<paths['/v1/privacy/inventory']['get']>;
export type PolicyVersion = PrivacyInventory['policy']['current'];
export type Feedback = SuccessBody<paths[Ws<'/feedback'>]['get']>['items'][number];
export type FeedbackBody = RequestBody<paths[Ws<'/feedback'>]['post']>;
export type FeedbackStatus = NonNullable<QueryParams<paths[Ws<'/feedback'>]['get']>['status']>;
export type DataExport = SuccessBody<paths['/v1/me/exports']['get']>['items'][number];

export type AccountDeletion = SuccessBody<paths['/v1/account/deletion']['get']>;
export type LegalHold = NonNullable<SuccessBody<paths[Ws<'/legal-hold'>]['get']>['legalHold']>;
export type Billing = SuccessBody<paths[Ws<'/billing'>]['get']>;
export type Entitlements = Billing['entitlements'];
export type CheckoutBody = RequestBody<paths[Ws<'/billing/checkout'>]['post']>;
export type Invoice = SuccessBody<paths[Ws<'/billing/invoices'>]['get']>['items'][number];
export type DocumentPage = SuccessBody<paths[Ws<'/documents'>]['get']>;
export type DocumentListQuery = QueryParams<paths[Ws<'/documents'>]['get']>;
export type VaultDocument = SuccessBody<paths[Ws<'/documents/{documentId}'>]['get']>;
export type DocumentPatchBody = RequestBody<paths[Ws<'/documents/{documentId}'>]['patch']>;
export type UploadResult = SuccessBody<paths[Ws<'/documents'>]['post']>;
export type StorageUsage = SuccessBody<paths[Ws<'/storage'>]['get']>;
export type Attachment = SuccessBody<
  paths[Ws<'/attachments/{recordType}/{recordId}'>]['get']
>['items'][number];

export type ProfessionalGrant = NonNullable<Member['grant']>;
export type Profession = ProfessionalGrant['profession'];
export type SharedKind = ProfessionalGrant['kinds'][number];
export type SharedWithMe = SuccessBody<paths['/v1/shared-with-me']['get']>['items'][number];
export type ProfessionalReadsPage = SuccessBody<paths[Ws<'/professional-reads'>]['get']>;
export type ProfessionalRead = ProfessionalReadsPage['items'][number];
