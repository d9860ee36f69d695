import { Type, type Static } from 'typebox';
import { stringEnum } from '../../platform/http/schema-ref.js';
import type { VaultDocument } from '../vault/schema.js';
import { ACTIVITY_FORMATS, type Activity } from './activity-schema.js';
import { JURISDICTIONS, LICENSE_CREDENTIAL_TYPES, LICENSE_STATUSES, type License } from './schema.js';

/**
 * What someone the holder shared with sees of each record (a verifier through a link, an
 * organisation through a request): never notes, topics or who entered it.
 */

export const SharedLicenseSchema = Type.Object({
  jurisdiction: stringEnum(JURISDICTIONS),
  credentialType: stringEnum(LICENSE_CREDENTIAL_TYPES),
  number: Type.String(),
  issuedOn: Type.Union([Type.String(), Type.Null()]),
  expiresOn: Type.Union([Type.String(), Type.Null()]),
  status: stringEnum(LICENSE_STATUSES),
});

export const SharedActivitySchema = Type.Object({
  title: Type.String(),
  provider: Type.String(),
  completedOn: Type.String(),
  hours: Type.Number(),
  format: stringEnum(ACTIVITY_FORMATS),
});

export const SharedDocumentSchema = Type.Object({
  title: Type.String(),
  filename: Type.String(),
  contentType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file, hex' }),
});

export function presentSharedLicense(license: License): Static<typeof SharedLicenseSchema> {
  const { jurisdiction, credentialType, number, issuedOn, expiresOn, status } = license;
  return { jurisdiction, credentialType, number, issuedOn, expiresOn, status };
}

/** The activities, newest completion first. */
export function presentSharedActivities(activities: Activity[]): Static<typeof SharedActivitySchema>[] {
  return activities
    .sort((a, b) => (a.completedOn < b.completedOn ? 1 : -1))
    .map(({ title, provider, completedOn, hours, format }) => ({
      title,
      provider,
      completedOn,
      hours,
      format,
    }));
}

export function presentSharedDocument(document: VaultDocument): Static<typeof SharedDocumentSchema> {
  const { title, filename, contentType, size, sha256 } = document;
  return { title, filename, contentType, size, sha256 };
}
