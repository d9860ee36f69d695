import { Type, type Static } from 'typebox';
import { ref, stringEnum } from '../../platform/http/schema-ref.js';

/** How many recovery codes a person is given at a time. */
export const RECOVERY_CODE_COUNT = 10;

/** Code and passkey checks per IP, on top of the per-person lock: guessing across many accounts is slow too. */
export const CODE_RATE_LIMIT = { max: 30, timeWindow: '15 minutes' };

/** How many passkeys one person may hold. */
export const MAX_PASSKEYS = 20;

/** The ways a second factor is proven (and the kinds of factor a person can hold). */
export const SECOND_FACTOR_METHODS = ['passkey', 'totp', 'recovery-code'] as const;
export const SecondFactorMethodSchema = stringEnum(SECOND_FACTOR_METHODS);
export type SecondFactorMethod = (typeof SECOND_FACTOR_METHODS)[number];

/** A six-digit authenticator code. */
export const TotpCode = Type.String({ pattern: '^[0-9]{6}$', minLength: 6, maxLength: 6 });

/** A recovery code as shown (`xxxxx-xxxxx`); case and the dash are forgiven when checked. */
export const RecoveryCode = Type.String({ pattern: '^[A-Za-z0-9]{5}-?[A-Za-z0-9]{5}$', maxLength: 11 });

export const PasskeySummarySchema = Type.Object(
  {
    id: Type.String(),
    name: Type.String(),
    createdAt: Type.String({ format: 'date-time' }),
    lastUsedAt: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'PasskeySummary' },
);
export type PasskeySummary = Static<typeof PasskeySummarySchema>;

export const SecondFactorStatusSchema = Type.Object(
  {
    /** The authenticator app, once its enrolment was confirmed with a code. */
    totp: Type.Union([Type.Object({ enrolledAt: Type.String({ format: 'date-time' }) }), Type.Null()]),
    passkeys: Type.Array(ref(PasskeySummarySchema), { maxItems: MAX_PASSKEYS }),
    recoveryCodesLeft: Type.Integer({ minimum: 0, maximum: RECOVERY_CODE_COUNT }),
    /** Whether administrative actions ask this person for a second factor even before they enrol one. */
    isRequired: Type.Boolean(),
    /** When this session last proved a second factor, if it did. */
    provenAt: Type.Optional(Type.String({ format: 'date-time' })),
    /** Until when administrative routes stay open without asking again. */
    freshUntil: Type.Optional(Type.String({ format: 'date-time' })),
    /** Clerk manages the factors of people who sign in through Clerk. */
    isManagedByClerk: Type.Boolean(),
    /** Support scheduled the removal of every factor for this time; cancel it with a factor you still hold. */
    resetScheduledFor: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { $id: 'SecondFactorStatus' },
);
export type SecondFactorStatus = Static<typeof SecondFactorStatusSchema>;

export const TotpEnrolmentSchema = Type.Object(
  {
    /** The base32 secret, for typing into an authenticator by hand. */
    secret: Type.String(),
    /** The `otpauth://` URI an authenticator reads from a QR code. */
    otpauthUri: Type.String(),
  },
  { $id: 'TotpEnrolment' },
);

export const TotpCodeBodySchema = Type.Object({ code: TotpCode }, { additionalProperties: false });

/** Answer to a confirmed enrolment: recovery codes only when new ones were made (shown once). */
export const EnrolledSchema = Type.Object(
  {
    recoveryCodes: Type.Optional(Type.Array(Type.String(), { maxItems: RECOVERY_CODE_COUNT })),
    provenAt: Type.String({ format: 'date-time' }),
  },
  { $id: 'SecondFactorEnrolled' },
);
export type Enrolled = Static<typeof EnrolledSchema>;

export const VerifyBodySchema = Type.Union([
  Type.Object({ code: TotpCode }, { additionalProperties: false }),
  Type.Object({ recoveryCode: RecoveryCode }, { additionalProperties: false }),
]);
export type VerifyBody = Static<typeof VerifyBodySchema>;

export const ProvenSchema = Type.Object(
  {
    provenAt: Type.String({ format: 'date-time' }),
    method: SecondFactorMethodSchema,
    recoveryCodesLeft: Type.Integer({ minimum: 0, maximum: RECOVERY_CODE_COUNT }),
  },
  { $id: 'SecondFactorProven' },
);
export type Proven = Static<typeof ProvenSchema>;

export const RecoveryCodesSchema = Type.Object(
  { recoveryCodes: Type.Array(Type.String(), { maxItems: RECOVERY_CODE_COUNT }) },
  { $id: 'RecoveryCodes' },
);

/** Kinds of entries in a person's security log. */
export const SECURITY_EVENT_KINDS = [
  'factor-enrolled',
  'factor-removed',
  'recovery-codes-created',
  'recovery-code-used',
  'second-factor-proven',
  'second-factor-failed',
  'factors-reset-requested',
  'factors-reset-cancelled',
  'factors-reset',
] as const;
export type SecurityEventKind = (typeof SECURITY_EVENT_KINDS)[number];

export const SecurityEventSchema = Type.Object(
  {
    at: Type.String({ format: 'date-time' }),
    kind: stringEnum(SECURITY_EVENT_KINDS),
    /** The kind of factor; absent for support's reset of every factor. */
    method: Type.Optional(SecondFactorMethodSchema),
    /** The passkey's name, for passkey events. */
    name: Type.Optional(Type.String()),
  },
  { $id: 'SecurityEvent' },
);
export type SecurityEvent = Static<typeof SecurityEventSchema>;
