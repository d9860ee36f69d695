import { assertSafeId, SK_PREFIX } from '../../platform/db/keys.js';
import { rowsFrom, type DataHolder } from '../../platform/privacy/data-holders.js';
import { prefixRows } from '../../platform/privacy/prefix-rows.js';
import { DOCUMENT_FIELDS, type VaultDocument } from './schema.js';
import * as service from './service.js';
import { STORAGE_ROOT } from './storage.js';

/** Where a document's bytes sit inside a workspace's folder of the export. */
export function exportPathOf(document: VaultDocument): string {
  return `files/${document.id}-${document.filename}`;
}

/** Vault: documents (with the path of their bytes in the export), attachments, and the files themselves. */
export const vaultData: DataHolder = {
  owner: 'vault',
  entities: ['Document', 'Blob', 'Attachment', 'DocumentLink', 'VaultUsage'],
  notExported: {
    Blob: 'the stored bytes are exported as files, listed in documents',
    DocumentLink: 'an index of attachments, which are exported',
    VaultUsage: 'a running total of the bytes stored',
  },
  exportWorkspace: (deps, scope) => [
    {
      name: 'documents',
      // The document's own fields (the version is bookkeeping), then where its file is in the archive.
      columns: [...DOCUMENT_FIELDS.filter((field) => field !== 'version'), 'file'],
      rows: () =>
        rowsFrom(async () =>
          (await service.listTenantDocuments(deps, scope.tenantId)).map((document) => ({
            ...document,
            file: exportPathOf(document),
          })),
        ),
    },
    {
      name: 'attachments',
      columns: ['documentId', 'recordType', 'recordId', 'attachedAt', 'attachedBy'],
      rows: () =>
        prefixRows(
          deps.db,
          scope.tenantId,
          SK_PREFIX.attachment,
          ({ documentId, recordType, recordId, attachedAt, attachedBy }) => ({
            documentId,
            recordType,
            recordId,
            attachedAt,
            attachedBy,
          }),
          500,
        ),
    },
  ],
  exportFiles: async function* (deps, scope) {
    for (const document of await service.listTenantDocuments(deps, scope.tenantId)) {
      yield {
        path: exportPathOf(document),
        size: document.size,
        sha256: document.sha256,
        open: async () => (await service.openDocumentContent(deps, scope.tenantId, document.id)).stream,
      };
    }
  },
  // The workspace's stored bytes (kept files and unfinished uploads) under its own prefix.
  purgeWorkspace: async (deps, tenantId) => {
    assertSafeId(tenantId, 'tenant id');
    for await (const object of deps.blobs.list(`${STORAGE_ROOT}${tenantId}/`))
      await deps.blobs.delete(object.key);
  },
};
