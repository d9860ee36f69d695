import { SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixPage } from '../../platform/db/query.js';
import type { AppDeps } from '../../platform/deps.js';
import { rowsPaged, type DataHolder, type ExportTable } from '../../platform/privacy/data-holders.js';
import { toActivity } from './activity-repo.js';
import { ACTIVITY_STORED_FIELDS } from './activity-schema.js';
import { toLicense } from './license-repo.js';
import { LICENSE_STORED_FIELDS } from './schema.js';

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
    rows: () =>
      rowsPaged(async (startKey) => {
        const page = await queryPrefixPage(deps.db, {
          pk: tenantPk(tenantId),
          prefix,
          limit: 200,
          ...(startKey === undefined ? {} : { startKey }),
        });
        return { ...page, items: page.items.map(present) };
      }),
  });
}

const licensesTable = tableOf('licenses', LICENSE_STORED_FIELDS, SK_PREFIX.license, toLicense);
const activitiesTable = tableOf('ce-activities', ACTIVITY_STORED_FIELDS, SK_PREFIX.ceActivity, toActivity);

/**
 * Credentials: a workspace's licenses (with the holder's own numbers) and CE activities. They live in the
 * workspace's partition, so the workspace purge removes them with it.
 */
export const credentialsData: DataHolder = {
  owner: 'credentials',
  entities: ['License', 'CeActivity'],
  exportWorkspace: (deps, scope) => [
    licensesTable(deps, scope.tenantId),
    activitiesTable(deps, scope.tenantId),
  ],
};
