import { SK_PREFIX } from '../../../platform/db/keys.js';
import { rowsFrom, type DataHolder } from '../../../platform/privacy/data-holders.js';
import { prefixRows } from '../../../platform/privacy/prefix-rows.js';
import { toCompletion, toReport } from './completion-repo.js';
import { toProviderSideLink } from './link-repo.js';
import { endLinksForPurge, listLinks } from './link-service.js';
import { endLinksOfPurgedProvider } from './provider-left.js';
import { COMPLETION_FIELDS, REPORT_FIELDS, STORED_LINK_FIELDS } from './schema.js';

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
      rows: () => prefixRows(deps.db, scope.tenantId, SK_PREFIX.ceCompletion, toCompletion),
    },
    {
      name: 'ce-provider-side-links',
      columns: ['linkId', 'linkedAt', 'endedAt'],
      rows: () => prefixRows(deps.db, scope.tenantId, SK_PREFIX.ceLinkOfProvider, toProviderSideLink),
    },
    {
      name: 'ce-completion-reports',
      columns: REPORT_FIELDS,
      rows: () => prefixRows(deps.db, scope.tenantId, SK_PREFIX.ceCompletionReport, toReport),
    },
  ],
  // A workspace may be both: a person with links and a provider others linked.
  purgeWorkspace: async (deps, tenantId) => {
    await endLinksForPurge(deps, tenantId);
    await endLinksOfPurgedProvider(deps, tenantId);
  },
};
