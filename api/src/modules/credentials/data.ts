import { SK_PREFIX } from '../../platform/db/keys.js';
import type { AppDeps } from '../../platform/deps.js';
import type { DataHolder, ExportTable } from '../../platform/privacy/data-holders.js';
import { prefixRows } from '../../platform/privacy/prefix-rows.js';
import { toActivity } from './activity-repo.js';
import { ACTIVITY_STORED_FIELDS } from './activity-schema.js';
import { toLicense } from './license-repo.js';
import { LICENSE_STORED_FIELDS } from './schema.js';
import { toShareView, toStoredShare } from './share-repo.js';
import { SHARE_STORED_FIELDS } from './share-schema.js';
import { purgeShareLookups } from './share-service.js';

/** One export table of a workspace's items under a sort-key prefix, read page by page. */
function tableOf(
  name: string,
  columns: readonly string[],
  prefix: string,
  present: (item: Record<string, unknown>) => object,
): (deps: AppDeps, tenantId: string) => ExportTable {
  return (deps, tenantId) => ({
    name,
    columns,
    rows: () => prefixRows(deps.db, tenantId, prefix, present),
  });
}

const licensesTable = tableOf('licenses', LICENSE_STORED_FIELDS, SK_PREFIX.license, toLicense);
const activitiesTable = tableOf('ce-activities', ACTIVITY_STORED_FIELDS, SK_PREFIX.ceActivity, toActivity);
const sharesTable = tableOf(
  'verification-links',
  SHARE_STORED_FIELDS,
  SK_PREFIX.credentialShare,
  toStoredShare,
);
const viewsTable = tableOf(
  'verification-link-views',
  ['shareId', 'id', 'viewedAt'],
  SK_PREFIX.credentialShareView,
  (item) => ({ shareId: String(item.shareId), ...toShareView(item) }),
);

/**
 * Credentials: a workspace's licenses (with the holder's own numbers) and CE activities. They live in the
 * workspace's partition, so the workspace purge removes them with it.
 */
export const credentialsData: DataHolder = {
  owner: 'credentials',
  entities: [
    'License',
    'CeActivity',
    'CredentialShare',
    'CredentialShareView',
    'CredentialShareLookup',
    'CeReminder',
    'CeCycleTally',
    'CeTallyGuard',
  ],
  notExported: {
    CredentialShareLookup: 'a hash of a verification link’s token',
    CeReminder: 'a mark that a renewal reminder was sent, so it is sent once',
    CeCycleTally: 'sums of the exported CE activities, kept to answer the progress read',
    CeTallyGuard: 'counts of writes that keep the CE tallies exact',
  },
  exportWorkspace: (deps, scope) => [
    licensesTable(deps, scope.tenantId),
    activitiesTable(deps, scope.tenantId),
    sharesTable(deps, scope.tenantId),
    viewsTable(deps, scope.tenantId),
  ],
  // The public lookups that point into the workspace (verification link token hashes).
  purgeWorkspace: (deps, tenantId) => purgeShareLookups(deps, tenantId),
};
