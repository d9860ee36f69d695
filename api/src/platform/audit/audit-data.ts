import { rowsPaged, type DataHolder } from '../../modules/privacy/data-holders.js';
import { listAuditEntries } from './audit-log.js';

/** The audit log: exported whole, oldest first, with every entry's hashes so the chain can be re-checked. */
export const auditData: DataHolder = {
  owner: 'audit',
  entities: ['AuditEntry', 'AuditHead'],
  notExported: { AuditHead: 'the last entry number and hash, repeated in the exported log' },
  exportWorkspace: (deps, scope) => [
    {
      name: 'audit-log',
      columns: ['seq', 'at', 'actor', 'action', 'target', 'details', 'prevHash', 'hash'],
      rows: () =>
        rowsPaged((startKey) =>
          listAuditEntries(deps.db, scope.tenantId, {
            limit: 500,
            isOldestFirst: true,
            ...(startKey === undefined ? {} : { startKey }),
          }),
        ),
    },
  ],
};
