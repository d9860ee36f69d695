/**
 * The data inventory: every kind of record Holdfast keeps, what it holds and why, how long it is
 * kept, and which outside providers receive it; the subprocessors; and the privacy policy's
 * versions. Each module declares its own records next to its schema (`<module>/inventory.ts`, and
 * `platform/<part>/*-inventory.ts` for the platform's); this file assembles them with the policy
 * facts. The privacy and subprocessor pages are rendered from it, and a test fails when code
 * stores an entity or depends on a package that is not declared, so the pages cannot fall behind
 * the code.
 */

import { API_KEYS_INVENTORY } from '../api-keys/inventory.js';
import { BILLING_INVENTORY } from '../billing/inventory.js';
import { COMMUNICATIONS_RECORD_TYPES } from '../communications/inventory.js';
import { CREDENTIALS_RECORD_TYPES } from '../credentials/inventory.js';
import { CREDENTIAL_ORGANISATIONS_INVENTORY } from '../credentials/organisations/inventory.js';
import { CE_COMPLETIONS_INVENTORY } from '../credentials/completions/inventory.js';
import { PRACTICE_RECORD_TYPES } from '../practice/inventory.js';
import { LIBRARY_RECORD_TYPES } from '../library/inventory.js';
import { FEEDBACK_INVENTORY } from '../feedback/inventory.js';
import { IDENTITY_INVENTORY } from '../identity/inventory.js';
import { JOURNAL_INVENTORY } from '../journal/inventory.js';
import { NOTIFICATIONS_INVENTORY } from '../notifications/inventory.js';
import { USAGE_INVENTORY } from '../usage/inventory.js';
import { VAULT_INVENTORY } from '../vault/inventory.js';
import { WELLBEING_INVENTORY } from '../wellbeing/inventory.js';
import { WORKSPACES_INVENTORY } from '../workspaces/inventory.js';
import { SECOND_FACTOR_INVENTORY } from '../second-factor/inventory.js';
import { AUDIT_INVENTORY } from '../../platform/audit/audit-inventory.js';
import { IDEMPOTENCY_INVENTORY } from '../../platform/idempotency/idempotency-inventory.js';
import type { RecordType, Retention } from '../../platform/privacy/record-types.js';
import { WEBHOOK_INVENTORY } from '../../platform/webhooks/webhook-inventory.js';
import { DELETION_INVENTORY } from './deletion-inventory.js';
import { NOTICE_AND_EXPORT_INVENTORY } from './notice-and-export-inventory.js';

export type {
  Correction,
  CorrectionRoute,
  ProviderId,
  RecordType,
  Retention,
} from '../../platform/privacy/record-types.js';
export { LOCAL_PACKAGES, SUBPROCESSORS, type Subprocessor } from './subprocessors.js';
export { POLICY_NOTICE_DAYS, POLICY_VERSIONS, type PolicyVersion } from './policy-versions.js';

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

/** Every kind of record, as its module declares it, in the order the privacy page lists them. */
export const RECORD_TYPES: readonly RecordType[] = [
  ...IDENTITY_INVENTORY,
  ...WORKSPACES_INVENTORY,
  ...API_KEYS_INVENTORY,
  ...IDEMPOTENCY_INVENTORY,
  ...JOURNAL_INVENTORY,
  ...VAULT_INVENTORY,
  ...WELLBEING_INVENTORY,
  ...BILLING_INVENTORY,
  ...WEBHOOK_INVENTORY,
  ...NOTIFICATIONS_INVENTORY,
  ...AUDIT_INVENTORY,
  ...DELETION_INVENTORY,
  ...FEEDBACK_INVENTORY,
  ...NOTICE_AND_EXPORT_INVENTORY,
  ...USAGE_INVENTORY,
  ...COMMUNICATIONS_RECORD_TYPES,
  ...CREDENTIALS_RECORD_TYPES,
  ...CREDENTIAL_ORGANISATIONS_INVENTORY,
  ...CE_COMPLETIONS_INVENTORY,
  ...PRACTICE_RECORD_TYPES,
  ...LIBRARY_RECORD_TYPES,
  ...SECOND_FACTOR_INVENTORY,
];
