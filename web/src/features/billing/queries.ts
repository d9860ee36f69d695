import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';

/** The workspace's plan, subscription state and entitlements (the shell's banners read it on every page). */
export function billingQuery(workspaceId: string) {
  return queryOptions({
    queryKey: queryKeys.billing(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/billing', { params: { path: { workspaceId } } })),
  });
}
