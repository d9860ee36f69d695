import { queryPrefixPage } from '../../platform/db/query.js';
import { SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { rowsPaged, type DataHolder } from '../../platform/privacy/data-holders.js';
import { toIncident } from './repo.js';
import { INCIDENT_STORED_FIELDS, IncidentSchema } from './schema.js';

/** Journal: a workspace's incidents, deleted ones included (marked by `deletedAt`). */
export const journalData: DataHolder = {
  owner: 'journal',
  entities: ['Incident'],
  exportWorkspace: (deps, scope) => [
    {
      name: 'incidents',
      columns: [...INCIDENT_STORED_FIELDS],
      schema: IncidentSchema,
      rows: () =>
        rowsPaged(async (startKey) => {
          const page = await queryPrefixPage(deps.db, {
            pk: tenantPk(scope.tenantId),
            prefix: SK_PREFIX.incident,
            limit: 200,
            ...(startKey === undefined ? {} : { startKey }),
          });
          return { ...page, items: page.items.map(toIncident) };
        }),
    },
  ],
};
