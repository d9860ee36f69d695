import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';

export const communicationsKey = (workspaceId: string) =>
  ['workspace', workspaceId, 'communications'] as const;

/** Logged messages, newest first, page by page. */
export function communicationListQuery(workspaceId: string) {
  return infiniteQueryOptions({
    queryKey: communicationsKey(workspaceId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/communications', {
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
