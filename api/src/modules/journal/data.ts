import { SK_PREFIX } from '../../platform/db/keys.js';
import type { DataHolder } from '../../platform/privacy/data-holders.js';
import { prefixRows } from '../../platform/privacy/prefix-rows.js';
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
      rows: () => prefixRows(deps.db, scope.tenantId, SK_PREFIX.incident, toIncident),
    },
  ],
};
