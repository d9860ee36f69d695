import { rowsFrom, type DataHolder } from '../../platform/privacy/data-holders.js';
import * as service from './service.js';

/** API keys: a workspace's keys (never their secrets), read by those who manage the workspace. */
export const apiKeysData: DataHolder = {
  owner: 'api-keys',
  entities: ['ApiKey', 'ApiKeyLookup'],
  notExported: {
    ApiKeyLookup: 'a hash of an API key secret',
  },
  exportWorkspace: (deps, scope) =>
    scope.role === 'owner' || scope.role === 'admin'
      ? [
          {
            name: 'api-keys',
            columns: ['id', 'name', 'scopes', 'prefix', 'createdAt', 'lastUsedAt', 'revokedAt'],
            rows: () => rowsFrom(() => service.listApiKeys(deps, scope.tenantId)),
          },
        ]
      : [],
  // The platform lookups that point into the workspace (API key secret hashes).
  purgeWorkspace: (deps, tenantId) => service.purgeApiKeyLookups(deps, tenantId),
};
