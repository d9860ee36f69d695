import { SK_PREFIX } from '../../../platform/db/keys.js';
import { rowsFrom, type DataHolder } from '../../../platform/privacy/data-holders.js';
import { prefixRows } from '../../../platform/privacy/prefix-rows.js';
import { withdrawAllForPurge } from './answer-service.js';
import { getOrganisation, toOrgShare, toRequestItem } from './repo.js';
import { CREDENTIAL_REQUEST_FIELDS, ORG_SHARE_FIELDS } from './schema.js';
import { purgeInboxEntries } from './service.js';

/**
 * Organisation credentialing: an organisation's profile and requests, and what a person shared into
 * organisations. Both live in their workspace's partition and go with its purge; the purge also
 * ends what reaches outside it: a person's shares are withdrawn (the organisation's request no
 * longer leads to them) and an organisation's waiting requests leave the people's inboxes.
 */
export const credentialOrganisationsData: DataHolder = {
  owner: 'credentials',
  entities: ['CredentialOrganisation', 'CredentialRequest', 'CredentialRequestInbox', 'CredentialOrgShare'],
  notExported: {
    CredentialRequestInbox: 'an index of waiting requests by a hash of the address asked',
  },
  exportWorkspace: (deps, scope) => [
    {
      name: 'credential-organisation',
      columns: ['kind', 'name', 'updatedAt', 'updatedBy'],
      rows: () =>
        rowsFrom(async () => {
          const organisation = await getOrganisation(deps.db, scope.tenantId);
          return organisation === undefined ? [] : [organisation];
        }),
    },
    {
      name: 'credential-requests',
      columns: CREDENTIAL_REQUEST_FIELDS,
      rows: () =>
        prefixRows(
          deps.db,
          scope.tenantId,
          SK_PREFIX.credentialRequest,
          (item) => toRequestItem(item).request,
        ),
    },
    {
      name: 'credential-shares-with-organisations',
      columns: ORG_SHARE_FIELDS,
      rows: () => prefixRows(deps.db, scope.tenantId, SK_PREFIX.credentialOrgShare, toOrgShare),
    },
  ],
  purgeWorkspace: async (deps, tenantId) => {
    await withdrawAllForPurge(deps, tenantId);
    await purgeInboxEntries(deps, tenantId);
  },
};
