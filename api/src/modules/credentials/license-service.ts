import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { commitWithAudit } from '../../platform/audit/audit-log.js';
import { createId } from '../../platform/db/ids.js';
import { versionConflict, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { invalidField } from './field-error.js';
import { findRule } from './catalogue/load-catalogue.js';
import { isCalendarDate, planCycles } from './cycles.js';
import * as repo from './license-repo.js';
import { nextReminderDue } from './reminder-steps.js';
import type { Renewal } from './renewal-schema.js';
import { resolveRequirements, sameTopic } from './requirements.js';
import { BOARD_NOTICE, toRuleView } from './rule-view.js';
import type { License, LicenseInput, LicenseOverridesInput, LicensePatch } from './schema.js';

/** A workspace keeps at most this many licenses: more than any clinician holds, few enough to read at once. */
export const MAX_LICENSES = 50;
const DATE_FIELDS = ['issuedOn', 'expiresOn', 'firstLicensedOn'] as const;

function assertDates(fields: Partial<Record<(typeof DATE_FIELDS)[number], string | null>>): void {
  for (const field of DATE_FIELDS) {
    const value = fields[field];
    if (typeof value === 'string' && !isCalendarDate(value))
      throw invalidField(field, 'is not a calendar date');
  }
}

/** Adds a license; the audit entry names the license, never its number or notes (P-AUD-1). */
export async function createLicense(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  input: LicenseInput,
): Promise<License> {
  assertDates(input);
  if ((await repo.listLicenses(deps.db, tenantId)).length >= MAX_LICENSES)
    throw new AppError('conflict', `A workspace keeps at most ${MAX_LICENSES} licenses.`);
  const now = deps.now().toISOString();
  const license: License = {
    id: createId(),
    jurisdiction: input.jurisdiction,
    credentialType: input.credentialType,
    number: input.number.trim(),
    issuedOn: input.issuedOn ?? null,
    expiresOn: input.expiresOn ?? null,
    firstLicensedOn: input.firstLicensedOn ?? null,
    supervisorStatus: input.supervisorStatus ?? 'none',
    status: input.status ?? 'active',
    notes: (input.notes ?? '').trim(),
    createdAt: now,
    updatedAt: now,
    createdBy: actor.id,
    version: 1,
  };
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildPutLicense(deps.db, tenantId, license, reminderDueOf(deps, license))],
    {
      actor,
      action: 'license.created',
      target: { type: 'license', id: license.id },
      details: { jurisdiction: license.jurisdiction, credentialType: license.credentialType },
    },
    deps.now,
  );
  return license;
}

export async function getLicense(deps: AppDeps, tenantId: string, licenseId: string): Promise<License> {
  const license = await repo.getLicense(deps.db, tenantId, licenseId);
  if (license === undefined) throw new AppError('not_found');
  return license;
}

export function listLicenses(deps: AppDeps, tenantId: string): Promise<License[]> {
  return repo.listLicenses(deps.db, tenantId);
}

async function explainFailedWrite(deps: AppDeps, tenantId: string, licenseId: string): Promise<AppError> {
  const current = await repo.getLicense(deps.db, tenantId, licenseId);
  return current === undefined ? new AppError('not_found') : versionConflict('This license', current.version);
}

/**
 * The day the first renewal reminder of a license's current cycle is due (90 days before it ends;
 * the daily run then sends whichever step the cycle is in), or none when the cycle is unknown or
 * over. Worked out on every write, from the license as it is after the write.
 */
export function reminderDueOf(deps: AppDeps, license: License): string | undefined {
  const { cycles } = describeRenewal(license);
  if (!cycles.isKnown) return undefined;
  const today = deps.now().toISOString().slice(0, 10);
  return cycles.current.endsOn < today ? undefined : nextReminderDue(cycles.current.endsOn);
}

/** The license at the version a change was asked against, or the 404 / 409 the change would answer. */
async function readForChange(deps: AppDeps, tenantId: string, licenseId: string, version?: number) {
  const current = await getLicense(deps, tenantId, licenseId);
  if (version !== undefined && current.version !== version)
    throw versionConflict('This license', current.version);
  return current;
}

async function writeChange(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  licenseId: string,
  change: { changes: Record<string, unknown>; version: number; action: string; fields: string[] },
): Promise<License> {
  const current = await readForChange(deps, tenantId, licenseId, change.version);
  const reminderDueOn = reminderDueOf(deps, { ...current, ...change.changes });
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [
          repo.buildUpdateLicense(deps.db, tenantId, licenseId, {
            changes: change.changes,
            expectedVersion: change.version,
            reminderDueOn,
          }),
        ],
        {
          actor,
          action: change.action,
          target: { type: 'license', id: licenseId },
          details: { fields: change.fields, fromVersion: change.version },
        },
        deps.now,
      ),
    () => explainFailedWrite(deps, tenantId, licenseId),
  );
  return getLicense(deps, tenantId, licenseId);
}

/** Corrects any fields of a license; a stale `version` answers 409 with the current one. */
export async function updateLicense(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  licenseId: string,
  patch: LicensePatch,
): Promise<License> {
  const { version, ...fields } = patch;
  assertDates(fields);
  const changes: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    changes[field] =
      typeof value === 'string' && (field === 'number' || field === 'notes') ? value.trim() : value;
  }
  const changed = Object.keys(changes);
  if (changed.length === 0)
    throw new AppError('validation_failed', 'Nothing to change: send at least one field besides version.');
  changes.updatedAt = deps.now().toISOString();
  return writeChange(deps, tenantId, actor, licenseId, {
    changes,
    version,
    action: 'license.updated',
    fields: changed,
  });
}

/**
 * Replaces the holder's own numbers for a license (an empty body clears them). The change is
 * recorded with who set it and when, shown beside the catalogue's figure, and audited.
 */
export async function setOverrides(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  licenseId: string,
  input: LicenseOverridesInput,
): Promise<License> {
  const { reason, ...numbers } = input;
  for (const [field, list] of [
    ['topics', (numbers.topics ?? []).map((t) => t.topic)],
    ['limits', (numbers.limits ?? []).map((l) => l.kind)],
  ] as const) {
    if (list.some((name, index) => list.findIndex((other) => sameTopic(other, name)) !== index))
      throw invalidField(field, 'names the same entry twice');
  }
  const overridden = Object.entries(numbers)
    .filter(([, value]) => value !== undefined && !(Array.isArray(value) && value.length === 0))
    .map(([field]) => field);
  const now = deps.now().toISOString();
  const current = await readForChange(deps, tenantId, licenseId);
  const overrides =
    overridden.length === 0
      ? {}
      : {
          ...numbers,
          ...(reason === undefined || reason.trim() === '' ? {} : { reason: reason.trim() }),
          setAt: now,
          setBy: actor.id,
        };
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [
          repo.buildReplaceOverrides(deps.db, tenantId, licenseId, {
            overrides,
            updatedAt: now,
            readVersion: current.version,
            reminderDueOn: reminderDueOf(deps, { ...current, overrides }),
          }),
        ],
        {
          actor,
          action: 'license.overrides-set',
          target: { type: 'license', id: licenseId },
          details: { fields: overridden },
        },
        deps.now,
      ),
    () => explainFailedWrite(deps, tenantId, licenseId),
  );
  return getLicense(deps, tenantId, licenseId);
}

export async function deleteLicense(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  licenseId: string,
): Promise<void> {
  await getLicense(deps, tenantId, licenseId);
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [repo.buildDeleteLicense(deps.db, tenantId, licenseId)],
        { actor, action: 'license.deleted', target: { type: 'license', id: licenseId }, details: {} },
        deps.now,
      ),
    async () => new AppError('not_found'),
  );
}

/** The rule a license is matched to, the numbers in force (catalogue or the holder's) and its cycles. */
export function describeRenewal(license: License): Renewal {
  const rule =
    license.credentialType === 'Other' ? undefined : findRule(license.jurisdiction, license.credentialType);
  const requirements = resolveRequirements(rule, license.overrides);
  return {
    licenseId: license.id,
    rule: rule === undefined ? null : toRuleView(rule),
    boardNotice: BOARD_NOTICE,
    requirements,
    cycles: planCycles({
      issuedOn: license.issuedOn,
      expiresOn: license.expiresOn,
      cycleMonths: requirements.cycleMonths.value,
    }),
  };
}

export async function getRenewal(deps: AppDeps, tenantId: string, licenseId: string): Promise<Renewal> {
  return describeRenewal(await getLicense(deps, tenantId, licenseId));
}
