import { Type, type Static } from 'typebox';
import { IdParam } from '../../platform/http/params.js';
import { ref, stringEnum } from '../../platform/http/schema-ref.js';
import { SharedActivitySchema, SharedDocumentSchema, SharedLicenseSchema } from './shared-view.js';

/** Verification links (P-CRED-2): what the holder shares, and what a verifier sees without signing in. */

export const SHARE_STATUSES = ['active', 'expired', 'revoked'] as const;
/** Most a link can hold: a handful of licenses, a renewal's worth of activities, their certificates. */
export const MAX_SHARED_LICENSES = 50;
export const MAX_SHARED_ACTIVITIES = 200;
export const MAX_SHARED_DOCUMENTS = 50;

const Name = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });

export const ShareInputSchema = Type.Object(
  {
    label: Type.String({
      minLength: 1,
      maxLength: 120,
      pattern: '\\S',
      description: 'Who the link is for, as the holder calls it (shown to the holder only)',
    }),
    holderName: { ...Name, description: 'The name the verifier sees' },
    licenseIds: Type.Array(IdParam, { maxItems: MAX_SHARED_LICENSES, uniqueItems: true }),
    activityIds: Type.Array(IdParam, { maxItems: MAX_SHARED_ACTIVITIES, uniqueItems: true }),
    documentIds: Type.Array(IdParam, { maxItems: MAX_SHARED_DOCUMENTS, uniqueItems: true }),
    expiresInDays: Type.Integer({
      minimum: 1,
      maximum: 365,
      description: 'Days until the link stops working',
    }),
  },
  { additionalProperties: false },
);
export type ShareInput = Static<typeof ShareInputSchema>;

export const ShareSchema = Type.Object(
  {
    id: Type.String(),
    label: Type.String(),
    holderName: Type.String(),
    licenseIds: Type.Array(Type.String()),
    activityIds: Type.Array(Type.String()),
    documentIds: Type.Array(Type.String()),
    createdAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    expiresAt: Type.String({ format: 'date-time' }),
    revokedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    status: stringEnum(SHARE_STATUSES),
    viewCount: Type.Integer({ minimum: 0 }),
    lastViewedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    version: Type.Integer(),
  },
  { $id: 'CredentialShare' },
);
export type Share = Static<typeof ShareSchema>;
/** What is stored of a share; its status is derived from the clock when it is read. */
export type StoredShare = Omit<Share, 'status'>;

export const SHARE_STORED_FIELDS: readonly (keyof StoredShare)[] = Object.keys(ShareSchema.properties).filter(
  (field): field is keyof StoredShare => field in ShareSchema.properties && field !== 'status',
);

export const CreatedShareSchema = Type.Object({
  share: ref(ShareSchema),
  token: Type.String({
    description: 'The secret of the link, shown this once; only its SHA-256 is kept',
  }),
});

export const ShareViewSchema = Type.Object(
  { id: Type.String(), viewedAt: Type.String({ format: 'date-time' }) },
  { $id: 'CredentialShareView' },
);
export type ShareView = Static<typeof ShareViewSchema>;

/** The public page: only what the holder picked, and never notes, topics or internal ids of people. */
export const VerificationSchema = Type.Object(
  {
    holderName: Type.String(),
    sharedAt: Type.String({ format: 'date-time' }),
    expiresAt: Type.String({ format: 'date-time' }),
    licenses: Type.Array(SharedLicenseSchema),
    activities: Type.Array(SharedActivitySchema),
    documents: Type.Array(SharedDocumentSchema),
  },
  { $id: 'CredentialVerification' },
);
export type Verification = Static<typeof VerificationSchema>;
