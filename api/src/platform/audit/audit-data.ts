import { rowsPaged, type DataHolder } from '../privacy/data-holders.js';
import { listAuditEntries } from './audit-log.js';
import { minimiseAuditLog } from './audit-minimise.js';

/** The audit log: exported whole, oldest first, with every entry's hashes so the chain can be re-checked. */
export const auditData: DataHolder = {
  owner: 'audit',
  entities: ['AuditEntry', 'AuditPending', 'AuditHead', 'PurgedAuditEntry', 'PurgedAuditHead'],
  notExported: {
    AuditPending: 'chained into the log before the export reads it, and exported as part of it',
    AuditHead: 'the last entry number and hash, repeated in the exported log',
    PurgedAuditEntry: 'what remains of a purged workspace’s log: actor id, action and time, no content',
    PurgedAuditHead: 'the last hash of a purged workspace’s log',
  },
  // The workspace's log is kept only in its minimised form (P-AUD-3), before the partition goes;
  // waiting entries are chained first, so they are minimised too (the sweep then deletes them).
  purgeWorkspace: (deps, tenantId) => minimiseAuditLog(deps.db, tenantId),
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
