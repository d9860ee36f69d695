import { rowsFrom, type DataHolder } from '../../platform/privacy/data-holders.js';
import { ADDITION_STORED_FIELDS, listAdditions, listChecklists } from './repo.js';
import { listSentItems, SENT_ITEM_FIELDS } from './sent-repo.js';
import { CHECKLIST_STORED_FIELDS } from './workspace-schema.js';

/**
 * Library: what a workspace added (and the count of its changes), the checklists it copied and the
 * search vectors of its items.
 * All live in the workspace's own partition, so the workspace purge removes them with it. The
 * items a person was sent in the weekly email live in their own partition, purged with it.
 */
export const libraryData: DataHolder = {
  owner: 'library',
  entities: ['LibraryAddition', 'LibraryChecklist', 'LibraryEmbedding', 'LibrarySent', 'LibraryVersion'],
  notExported: {
    LibraryEmbedding: 'numbers made from the library items’ text, which the export holds',
    LibraryVersion: 'a count of changes to the additions, which search caches by; it holds no content',
  },
  exportUser: (deps, userId) => [
    {
      name: 'library-weekly-sent',
      columns: [...SENT_ITEM_FIELDS],
      rows: () => rowsFrom(() => listSentItems(deps.db, userId)),
    },
  ],
  exportWorkspace: (deps, scope) => [
    {
      name: 'library-additions',
      columns: [...ADDITION_STORED_FIELDS],
      rows: () => rowsFrom(() => listAdditions(deps.db, scope.tenantId)),
    },
    {
      name: 'library-checklists',
      columns: [...CHECKLIST_STORED_FIELDS],
      rows: () => rowsFrom(() => listChecklists(deps.db, scope.tenantId)),
    },
  ],
};
