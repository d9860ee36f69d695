import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { IncidentListQuery } from '../../lib/api/types';

const PAGE_SIZE = 25;

/** Incidents matching `query`, page by page ("Load more"). */
export function incidentListQuery(workspaceId: string, query: IncidentListQuery) {
  return infiniteQueryOptions({
    queryKey: queryKeys.incidentList(workspaceId, query),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/incidents', {
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
