import { SK_PREFIX, tenantPk } from '../../../platform/db/keys.js';
import { queryPrefixPage } from '../../../platform/db/query.js';
import {
  rowsFrom,
  rowsPaged,
  type DataHolder,
  type ExportRow,
} from '../../../platform/privacy/data-holders.js';
import type { AppDeps } from '../../../platform/deps.js';
import { toCompletion, toReport } from './completion-repo.js';
import { toProviderSideLink } from './link-repo.js';
import { endLinksForPurge, listLinks } from './link-service.js';
import { endLinksOfPurgedProvider } from './provider-left.js';
import { COMPLETION_FIELDS, REPORT_FIELDS, STORED_LINK_FIELDS } from './schema.js';

/** Every item of one kind in a workspace's partition, a page at a time, presented by `present`. */
function pagesOf(
  deps: AppDeps,
  tenantId: string,
  prefix: string,
  present: (item: Record<string, unknown>) => object,
) {
  return () =>
    rowsPaged(async (startKey) => {
      const page = await queryPrefixPage(deps.db, {
        pk: tenantPk(tenantId),
        prefix,
        limit: 200,
        ...(startKey === undefined ? {} : { startKey }),
      });
      return { ...page, items: page.items.map((item) => present(item) as ExportRow) };
    });
}

/**
 * Completions reported by training providers. A person's links and the completions reported to
 * them, and a provider's side of its links and its reports, all live in their workspace's
 * partition and go with its purge. A purge also reaches outside it: a person's makes waiting codes
 * stop working and ends every provider's side of their links (the provider then gets 404 for
 * them); a provider's ends each person's link to it and drops what it reported that still waits.
 */
export const ceCompletionsData: DataHolder = {
  owner: 'credentials',
  entities: ['CeProviderLink', 'CeLinkCode', 'CeProviderLinkRef', 'CeCompletion', 'CeCompletionReport'],
  notExported: { CeLinkCode: 'an index of waiting link codes by a hash of the code' },
  exportWorkspace: (deps, scope) => [
    {
      name: 'ce-provider-links',
      columns: [...STORED_LINK_FIELDS, 'status'],
      rows: () => rowsFrom(() => listLinks(deps, scope.tenantId)),
    },
    {
      name: 'ce-reported-completions',
      columns: COMPLETION_FIELDS,
      rows: pagesOf(deps, scope.tenantId, SK_PREFIX.ceCompletion, toCompletion),
    },
    {
      name: 'ce-provider-side-links',
      columns: ['linkId', 'linkedAt', 'endedAt'],
      rows: pagesOf(deps, scope.tenantId, SK_PREFIX.ceLinkOfProvider, toProviderSideLink),
    },
    {
      name: 'ce-completion-reports',
      columns: REPORT_FIELDS,
      rows: pagesOf(deps, scope.tenantId, SK_PREFIX.ceCompletionReport, toReport),
    },
  ],
  // A workspace may be both: a person with links and a provider others linked.
  purgeWorkspace: async (deps, tenantId) => {
    await endLinksForPurge(deps, tenantId);
    await endLinksOfPurgedProvider(deps, tenantId);
  },
};
