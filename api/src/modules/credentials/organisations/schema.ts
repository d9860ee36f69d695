import { Type, type Static } from 'typebox';
import { EmailSchema } from '../../../platform/http/email-schema.js';
import { IdParam } from '../../../platform/http/params.js';
import { ref, stringEnum } from '../../../platform/http/schema-ref.js';
import { JURISDICTIONS, LICENSE_CREDENTIAL_TYPES } from '../schema.js';
import { SharedActivitySchema, SharedDocumentSchema, SharedLicenseSchema } from '../shared-view.js';

/**
 * Organisation credentialing: a workspace set up as an organisation (clinic, agency, hospital)
 * asks a person, by email, for named credentials; the person answers from their own workspace by
 * sharing chosen records into the organisation, and may withdraw them at any time.
 */

export const ORGANISATION_KINDS = ['clinic', 'agency', 'hospital', 'practice-group', 'other'] as const;
/** `cancelled`: the organisation no longer asks; whatever was shared for it has ended. */
export const REQUEST_STATUSES = ['pending', 'shared', 'withdrawn', 'cancelled'] as const;
/** How each requirement stands: text the SPA shows beside its colour. */
export const CHECK_STATUSES = ['complete', 'expiring', 'missing'] as const;
/** A license that ends within this many days counts as expiring on the checklist. */
export const EXPIRING_WITHIN_DAYS = 60;
/** Most requirements of each kind one request names: a credentialing packet, not a catalogue. */
export const MAX_LICENSE_REQUIREMENTS = 10;
export const MAX_DOCUMENT_REQUIREMENTS = 10;
export const MAX_SHARED_LICENSES = 20;
export const MAX_SHARED_ACTIVITIES = 200;

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const Instant = Type.String({ format: 'date-time' });
const OptionalInstant = Type.Union([Instant, Type.Null()]);

export const OrganisationInputSchema = Type.Object(
  {
    kind: stringEnum(ORGANISATION_KINDS, { description: 'What kind of organisation this workspace is' }),
    name: { ...Text(120), description: 'The name people see on requests and in their shares' },
  },
  { additionalProperties: false },
);
export type OrganisationInput = Static<typeof OrganisationInputSchema>;

export const OrganisationSchema = Type.Object(
  {
    kind: stringEnum(ORGANISATION_KINDS),
    name: Type.String(),
    updatedAt: Instant,
    updatedBy: Type.String(),
  },
  { $id: 'CredentialOrganisation' },
);
export type Organisation = Static<typeof OrganisationSchema>;

const LicenseRequirementSchema = Type.Object(
  {
    jurisdiction: stringEnum(JURISDICTIONS),
    credentialType: stringEnum(LICENSE_CREDENTIAL_TYPES),
  },
  { additionalProperties: false },
);

const DocumentRequirementInput = Type.Object(
  { label: { ...Text(120), description: 'The document asked for, e.g. "Malpractice insurance"' } },
  { additionalProperties: false },
);

export const CredentialRequestInputSchema = Type.Object(
  {
    email: { ...EmailSchema, description: 'Whom the organisation asks; they answer signed in with it' },
    personName: { ...Text(120), description: 'The person’s name as the organisation knows them' },
    message: Type.Optional(Type.String({ maxLength: 1000, description: 'A note the person reads' })),
    licenses: Type.Array(LicenseRequirementSchema, { maxItems: MAX_LICENSE_REQUIREMENTS }),
    documents: Type.Array(DocumentRequirementInput, { maxItems: MAX_DOCUMENT_REQUIREMENTS }),
  },
  { additionalProperties: false },
);
export type CredentialRequestInput = Static<typeof CredentialRequestInputSchema>;

const RequirementsFields = {
  licenses: Type.Array(LicenseRequirementSchema),
  documents: Type.Array(Type.Object({ id: Type.String(), label: Type.String() })),
};

export const CredentialRequestSchema = Type.Object(
  {
    id: Type.String(),
    email: Type.String(),
    personName: Type.String(),
    message: Type.String(),
    ...RequirementsFields,
    status: stringEnum(REQUEST_STATUSES),
    createdAt: Instant,
    createdBy: Type.String(),
    answeredAt: OptionalInstant,
    withdrawnAt: OptionalInstant,
    cancelledAt: OptionalInstant,
    version: Type.Integer(),
  },
  { $id: 'CredentialRequest' },
);
export type CredentialRequest = Static<typeof CredentialRequestSchema>;

export const CREDENTIAL_REQUEST_FIELDS: readonly (keyof CredentialRequest)[] = Object.keys(
  CredentialRequestSchema.properties,
).filter((field): field is keyof CredentialRequest => field in CredentialRequestSchema.properties);

const DocumentAnswerSchema = Type.Object(
  {
    requirementId: { ...IdParam, description: 'The document requirement this answers' },
    documentId: IdParam,
  },
  { additionalProperties: false },
);

export const OrgShareInputSchema = Type.Object(
  {
    licenseIds: Type.Array(IdParam, { maxItems: MAX_SHARED_LICENSES, uniqueItems: true }),
    activityIds: Type.Array(IdParam, { maxItems: MAX_SHARED_ACTIVITIES, uniqueItems: true }),
    documents: Type.Array(DocumentAnswerSchema, { maxItems: MAX_DOCUMENT_REQUIREMENTS }),
  },
  { additionalProperties: false },
);
export type OrgShareInput = Static<typeof OrgShareInputSchema>;

export const OrgShareSchema = Type.Object(
  {
    requestId: Type.String(),
    organisationId: Type.String(),
    organisationName: Type.String(),
    licenseIds: Type.Array(Type.String()),
    activityIds: Type.Array(Type.String()),
    documents: Type.Array(Type.Object({ requirementId: Type.String(), documentId: Type.String() })),
    sharedAt: Instant,
    sharedBy: Type.String(),
    withdrawnAt: OptionalInstant,
    version: Type.Integer(),
  },
  { $id: 'CredentialOrgShare' },
);
export type OrgShare = Static<typeof OrgShareSchema>;

export const ORG_SHARE_FIELDS: readonly (keyof OrgShare)[] = Object.keys(OrgShareSchema.properties).filter(
  (field): field is keyof OrgShare => field in OrgShareSchema.properties,
);

/** A request as the person asked sees it: who asks, for what, and their answer if they gave one. */
export const ReceivedRequestSchema = Type.Object(
  {
    requestId: Type.String(),
    organisationName: Type.String(),
    organisationKind: stringEnum(ORGANISATION_KINDS),
    personName: Type.String(),
    message: Type.String(),
    ...RequirementsFields,
    requestedAt: Instant,
    status: stringEnum(REQUEST_STATUSES),
    share: Type.Union([ref(OrgShareSchema), Type.Null()]),
  },
  { $id: 'CredentialReceivedRequest' },
);
export type ReceivedRequest = Static<typeof ReceivedRequestSchema>;

/** What the organisation reads of a person: only the records shared, as they are now. */
export const SharedCredentialsSchema = Type.Object(
  {
    requestId: Type.String(),
    personName: Type.String(),
    sharedAt: Instant,
    licenses: Type.Array(Type.Object({ id: Type.String(), ...SharedLicenseSchema.properties })),
    activities: Type.Array(SharedActivitySchema),
    documents: Type.Array(Type.Object({ requirementId: Type.String(), ...SharedDocumentSchema.properties })),
  },
  { $id: 'CredentialSharedWithOrganisation' },
);
export type SharedCredentials = Static<typeof SharedCredentialsSchema>;

export const ChecklistItemSchema = Type.Object({
  kind: stringEnum(['license', 'document'] as const),
  label: Type.String({ description: 'The requirement in words, e.g. "CA LMFT license"' }),
  status: stringEnum(CHECK_STATUSES),
  expiresOn: Type.Union([Type.String(), Type.Null()], {
    description: 'The expiry of the shared license that meets it, when there is one',
  }),
});
export type ChecklistItem = Static<typeof ChecklistItemSchema>;

export const ChecklistEntrySchema = Type.Object(
  {
    requestId: Type.String(),
    personName: Type.String(),
    email: Type.String(),
    requestStatus: stringEnum(REQUEST_STATUSES),
    status: stringEnum(CHECK_STATUSES, { description: 'The worst of its items' }),
    items: Type.Array(ChecklistItemSchema),
  },
  { $id: 'CredentialChecklistEntry' },
);
export type ChecklistEntry = Static<typeof ChecklistEntrySchema>;
