import { SK_PREFIX } from '../../platform/db/keys.js';
import type { DataHolder, ExportTable } from '../../platform/privacy/data-holders.js';
import { prefixRows } from '../../platform/privacy/prefix-rows.js';
import type { AppDeps } from '../../platform/deps.js';
import { IMPORTED_THREAD_FIELDS, toImportedThread } from './import/imported-thread-repo.js';
import { toCommunication } from './repo.js';
import { COMMUNICATION_STORED_FIELDS } from './schema.js';
import { toSummary } from './summaries/repo.js';
import { SUMMARY_STORED_FIELDS } from './summaries/schema.js';

/** A table of every item of a tenant under one sort-key prefix, read page by page. */
function prefixTable(
  deps: AppDeps,
  tenantId: string,
  spec: {
    name: string;
    prefix: string;
    columns: readonly string[];
    present: (item: Record<string, unknown>) => object;
  },
): ExportTable {
  return {
    name: spec.name,
    columns: [...spec.columns],
    rows: () => prefixRows(deps.db, tenantId, spec.prefix, spec.present),
  };
}

/**
 * Communications, imported threads' fingerprints, saved summaries and the AI usage counter live in the workspace's own partition,
 * so the workspace purge removes them with it; only the export is declared here.
 */
export const communicationsData: DataHolder = {
  owner: 'communications',
  entities: ['Communication', 'ImportedThread', 'AiSummary', 'AiUsage'],
  notExported: { AiUsage: 'a running count of AI actions this month, shown on the summary page' },
  exportWorkspace: (deps, scope) => [
    prefixTable(deps, scope.tenantId, {
      name: 'communications',
      prefix: SK_PREFIX.communication,
      columns: COMMUNICATION_STORED_FIELDS,
      present: toCommunication,
    }),
    // Which exported threads were imported, by fingerprint, so a copy can be checked against them.
    prefixTable(deps, scope.tenantId, {
      name: 'imported-threads',
      prefix: SK_PREFIX.importedThread,
      columns: IMPORTED_THREAD_FIELDS,
      present: toImportedThread,
    }),
    // Each row says it was written with AI, which prompt made it, and who reviewed and saved it.
    prefixTable(deps, scope.tenantId, {
      name: 'summaries',
      prefix: SK_PREFIX.summary,
      columns: SUMMARY_STORED_FIELDS,
      present: toSummary,
    }),
  ],
};
