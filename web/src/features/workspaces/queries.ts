import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';

/** One workspace with the caller's role in it (read by its layout, and started early by the router). */
export function workspaceQuery(workspaceId: string) {
  return queryOptions({
    queryKey: queryKeys.workspace(workspaceId),
    queryFn: () => unwrap(api.GET('/v1/workspaces/{workspaceId}', { params: { path: { workspaceId } } })),
  });
}
