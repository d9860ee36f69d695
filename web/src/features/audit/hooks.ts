import { useInfiniteQuery, useMutation } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { AuditKind } from '../../lib/api/types';

const PAGE_SIZE = 50;

/** The workspace's audit log, newest first, page by page: changes, reads or everything. */
export function useAuditLog(workspaceId: string, kind: AuditKind) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.audit(workspaceId), kind],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/audit', {
          params: {
            path: { workspaceId },
            query: { limit: PAGE_SIZE, kind, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/**
 * Re-walks the hash chain on the server. A mutation, not a query: it is an action the person
 * starts, and its answer is a verdict at that moment, not cached data.
 */
export function useVerifyAuditChain(workspaceId: string) {
  return useMutation({
    mutationFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/audit/verify', { params: { path: { workspaceId } } })),
  });
}
