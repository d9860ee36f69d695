import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { DocumentListQuery } from '../../lib/api/types';

const PAGE_SIZE = 25;

/** Documents matching `query`, page by page. */
export function documentListQuery(workspaceId: string, query: DocumentListQuery) {
  return infiniteQueryOptions({
    queryKey: queryKeys.documentList(workspaceId, query),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/documents', {
          params: {
            path: { workspaceId },
            query: { ...query, limit: PAGE_SIZE, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/** The workspace's stored bytes against its plan's quota. */
export function storageUsageQuery(workspaceId: string) {
  return queryOptions({
    queryKey: [...queryKeys.documents(workspaceId), 'storage'],
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/storage', { params: { path: { workspaceId } } })),
  });
}
