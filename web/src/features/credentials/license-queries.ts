import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';

export const credentialsKeys = {
  all: (workspaceId: string) => ['workspace', workspaceId, 'credentials'] as const,
  licenses: (workspaceId: string) => ['workspace', workspaceId, 'credentials', 'licenses'] as const,
  renewal: (workspaceId: string, licenseId: string) =>
    ['workspace', workspaceId, 'credentials', 'renewal', licenseId] as const,
  catalogue: (workspaceId: string) => ['workspace', workspaceId, 'credentials', 'catalogue'] as const,
};

/** Every license kept in the workspace. */
export function licenseListQuery(workspaceId: string) {
  return queryOptions({
    queryKey: credentialsKeys.licenses(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/licenses', { params: { path: { workspaceId } } }),
      ),
  });
}
