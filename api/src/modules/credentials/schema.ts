import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import { versionField } from '../../platform/http/params.js';
import { CREDENTIAL_TYPES } from './catalogue/load-catalogue.js';

/** Licenses: the fields a person keeps about each credential they hold, and the answers about them. */

export const LICENSE_CREDENTIAL_TYPES = [...CREDENTIAL_TYPES, 'Other'] as const;
export const SUPERVISOR_STATUSES = ['supervised', 'supervisor', 'none'] as const;
export const LICENSE_STATUSES = ['active', 'inactive', 'expired'] as const;
/** US states, the District of Columbia and the territories: where a US license is issued. */
// prettier-ignore
export const JURISDICTIONS = [
  'AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA',
  'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK',
  'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY', 'DC', 'PR', 'GU', 'VI',
  'AS', 'MP',
] as const;

/** A calendar date; the service also refuses dates the calendar lacks (2026-02-30). */
export const CalendarDate = Type.String({
  format: 'date',
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'YYYY-MM-DD',
});
const OptionalDate = Type.Union([CalendarDate, Type.Null()]);

const licenseFields = {
  jurisdiction: stringEnum(JURISDICTIONS, { description: 'Two-letter state or territory code, e.g. CA' }),
  credentialType: stringEnum(LICENSE_CREDENTIAL_TYPES),
  number: Type.String({ minLength: 1, maxLength: 60, pattern: '\\S' }),
  issuedOn: OptionalDate,
  expiresOn: OptionalDate,
  firstLicensedOn: OptionalDate,
  supervisorStatus: stringEnum(SUPERVISOR_STATUSES),
  status: stringEnum(LICENSE_STATUSES),
  notes: Type.String({ maxLength: 4000 }),
};

export const LicenseInputSchema = Type.Object(
  {
    jurisdiction: licenseFields.jurisdiction,
    credentialType: licenseFields.credentialType,
    number: licenseFields.number,
    issuedOn: Type.Optional(OptionalDate),
    expiresOn: Type.Optional(OptionalDate),
    firstLicensedOn: Type.Optional(OptionalDate),
    supervisorStatus: Type.Optional(licenseFields.supervisorStatus),
    status: Type.Optional(licenseFields.status),
    notes: Type.Optional(licenseFields.notes),
  },
  { additionalProperties: false },
);
export type LicenseInput = Static<typeof LicenseInputSchema>;

export const LicensePatchSchema = Type.Object(
  {
    version: versionField(),
    jurisdiction: Type.Optional(licenseFields.jurisdiction),
    credentialType: Type.Optional(licenseFields.credentialType),
    number: Type.Optional(licenseFields.number),
    issuedOn: Type.Optional(OptionalDate),
    expiresOn: Type.Optional(OptionalDate),
    firstLicensedOn: Type.Optional(OptionalDate),
    supervisorStatus: Type.Optional(licenseFields.supervisorStatus),
    status: Type.Optional(licenseFields.status),
    notes: Type.Optional(licenseFields.notes),
  },
  { additionalProperties: false },
);
export type LicensePatch = Static<typeof LicensePatchSchema>;

/** The fields a person writes, in order: the one list the export and the inventory read. */
export const LICENSE_FIELDS = Object.keys(licenseFields) as readonly (keyof typeof licenseFields)[];

const TopicName = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
/** Quarter hours, as activities are counted (and no number DynamoDB cannot store). */
const OverrideHours = Type.Number({ minimum: 0, maximum: 1000, multipleOf: 0.25 });
const LimitKind = Type.String({ pattern: '^[a-z][a-z-]{0,59}$' });

/** The holder's own numbers for a license; an absent number follows the catalogue. */
export const LicenseOverridesInputSchema = Type.Object(
  {
    cycleMonths: Type.Optional(Type.Integer({ minimum: 1, maximum: 120 })),
    totalHours: Type.Optional(OverrideHours),
    topics: Type.Optional(
      Type.Array(Type.Object({ topic: TopicName, hours: OverrideHours }, { additionalProperties: false }), {
        maxItems: 40,
      }),
    ),
    limits: Type.Optional(
      Type.Array(Type.Object({ kind: LimitKind, hours: OverrideHours }, { additionalProperties: false }), {
        maxItems: 40,
      }),
    ),
    reason: Type.Optional(Type.String({ maxLength: 1000 })),
  },
  { additionalProperties: false },
);
export type LicenseOverridesInput = Static<typeof LicenseOverridesInputSchema>;

export const LicenseOverridesSchema = Type.Object({
  cycleMonths: Type.Optional(Type.Integer()),
  totalHours: Type.Optional(Type.Number()),
  topics: Type.Optional(Type.Array(Type.Object({ topic: Type.String(), hours: Type.Number() }))),
  limits: Type.Optional(Type.Array(Type.Object({ kind: Type.String(), hours: Type.Number() }))),
  reason: Type.Optional(Type.String()),
  setAt: Type.Optional(Type.String({ format: 'date-time' })),
  setBy: Type.Optional(Type.String()),
});

export const LicenseSchema = Type.Object(
  {
    id: Type.String(),
    ...licenseFields,
    overrides: Type.Optional(LicenseOverridesSchema),
    createdAt: Type.String({ format: 'date-time' }),
    updatedAt: Type.String({ format: 'date-time' }),
    createdBy: Type.String(),
    version: Type.Integer(),
  },
  { $id: 'License' },
);
export type License = Static<typeof LicenseSchema>;

/** Every attribute of a license as stored and answered, in order. */
export const LICENSE_STORED_FIELDS: readonly (keyof License)[] = Object.keys(LicenseSchema.properties).filter(
  (field): field is keyof License => field in LicenseSchema.properties,
);
