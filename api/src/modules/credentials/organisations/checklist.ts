import type { License } from '../schema.js';
import {
  EXPIRING_WITHIN_DAYS,
  type ChecklistEntry,
  type ChecklistItem,
  type CredentialRequest,
} from './schema.js';
import type { SharedRecords } from './shared-records.js';

/**
 * The credentialing checklist of one person: each requirement of the request is complete, missing,
 * or expiring (a shared license that meets it ends within 60 days), computed from what is shared
 * now. Pure, so it is the same wherever it is computed.
 */

const DAY_MS = 86_400_000;
const ORDER: Record<ChecklistItem['status'], number> = { complete: 0, expiring: 1, missing: 2 };

/** The license that best meets a requirement: active, not yet expired, ending last (no end beats any). */
function bestLicense(
  licenses: readonly License[],
  wanted: CredentialRequest['licenses'][number],
  today: string,
): License | undefined {
  const fitting = licenses.filter(
    (license) =>
      license.jurisdiction === wanted.jurisdiction &&
      license.credentialType === wanted.credentialType &&
      license.status === 'active' &&
      (license.expiresOn === null || license.expiresOn >= today),
  );
  return fitting.sort((a, b) => ((a.expiresOn ?? '9999') < (b.expiresOn ?? '9999') ? 1 : -1))[0];
}

/** The checklist entry of a request; `records` is undefined when nothing is shared (any more). */
export function computeChecklist(
  request: CredentialRequest,
  records: SharedRecords | undefined,
  now: Date,
): ChecklistEntry {
  const today = now.toISOString().slice(0, 10);
  const soon = new Date(now.getTime() + EXPIRING_WITHIN_DAYS * DAY_MS).toISOString().slice(0, 10);
  const licenseItems: ChecklistItem[] = request.licenses.map((wanted) => {
    const label = `${wanted.jurisdiction} ${wanted.credentialType} license`;
    const license = records === undefined ? undefined : bestLicense(records.licenses, wanted, today);
    if (license === undefined) return { kind: 'license', label, status: 'missing', expiresOn: null };
    const isExpiring = license.expiresOn !== null && license.expiresOn <= soon;
    return {
      kind: 'license',
      label,
      status: isExpiring ? 'expiring' : 'complete',
      expiresOn: license.expiresOn,
    };
  });
  const documentItems: ChecklistItem[] = request.documents.map((wanted) => ({
    kind: 'document',
    label: wanted.label,
    status:
      records?.documents.some((shared) => shared.requirementId === wanted.id) === true
        ? 'complete'
        : 'missing',
    expiresOn: null,
  }));
  const items = [...licenseItems, ...documentItems];
  const worst = items.reduce<ChecklistItem['status']>(
    (status, item) => (ORDER[item.status] > ORDER[status] ? item.status : status),
    'complete',
  );
  return {
    requestId: request.id,
    personName: request.personName,
    email: request.email,
    requestStatus: request.status,
    status: worst,
    items,
  };
}
