import { queryPrefixPage } from '../../platform/db/query.js';
import { SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { rowsPaged, type DataHolder } from '../../platform/privacy/data-holders.js';
import { toCommunication } from './repo.js';
import { COMMUNICATION_STORED_FIELDS } from './schema.js';

/**
 * Communications live in the workspace's own partition, so the workspace purge removes them with
 * it; only the export is declared here.
 */
export const communicationsData: DataHolder = {
  owner: 'communications',
  entities: ['Communication'],
  exportWorkspace: (deps, scope) => [
    {
      name: 'communications',
      columns: [...COMMUNICATION_STORED_FIELDS],
      rows: () =>
        rowsPaged(async (startKey) => {
          const page = await queryPrefixPage(deps.db, {
            pk: tenantPk(scope.tenantId),
            prefix: SK_PREFIX.communication,
            limit: 200,
            ...(startKey === undefined ? {} : { startKey }),
          });
          return { ...page, items: page.items.map(toCommunication) };
        }),
    },
  ],
};
