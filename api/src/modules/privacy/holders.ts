import { auditData } from '../../platform/audit/audit-data.js';
import { idempotencyData } from '../../platform/idempotency/idempotency-data.js';
import { webhookData } from '../../platform/webhooks/webhook-data.js';
import { apiKeysData } from '../api-keys/data.js';
import { billingData } from '../billing/data.js';
import { notificationsData } from '../notifications/data.js';
import { wellbeingData } from '../wellbeing/data.js';
import { journalData } from '../journal/data.js';
import { communicationsData } from '../communications/data.js';
import { vaultData } from '../vault/data.js';
import { credentialsData } from '../credentials/data.js';
import { credentialOrganisationsData } from '../credentials/organisations/data.js';
import { ceCompletionsData } from '../credentials/completions/data.js';
import { practiceData } from '../practice/data.js';
import { libraryData } from '../library/data.js';
import { workspacesData } from '../workspaces/data.js';
import { identityData } from '../identity/data.js';
import { feedbackData } from '../feedback/data.js';
import { usageData } from '../usage/data.js';
import type { DataHolder } from '../../platform/privacy/data-holders.js';
import { privacyData } from './data.js';
import { secondFactorData } from '../second-factor/data.js';

/** Every holder of personal data, in the order the export writes them. */
export const DATA_HOLDERS: readonly DataHolder[] = [
  identityData,
  secondFactorData,
  workspacesData,
  apiKeysData,
  journalData,
  communicationsData,
  vaultData,
  wellbeingData,
  credentialsData,
  credentialOrganisationsData,
  ceCompletionsData,
  practiceData,
  libraryData,
  billingData,
  notificationsData,
  feedbackData,
  privacyData,
  usageData,
  auditData,
  idempotencyData,
  webhookData,
];
