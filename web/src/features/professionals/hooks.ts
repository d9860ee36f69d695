import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';

/** What people shared with the signed-in professional, across workspaces, while access lasts. */
export function useSharedWithMe() {
  return useQuery({
    queryKey: queryKeys.sharedWithMe,
    queryFn: () => unwrap(api.GET('/v1/shared-with-me')),
  });
}

/** The caller's log of what the professionals they invited read, newest first, 25 a page. */
export function useProfessionalReads(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.professionalReads(workspaceId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/professional-reads', {
          params: {
            path: { workspaceId },
            query: { limit: 25, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
