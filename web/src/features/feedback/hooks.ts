import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { FeedbackBody, FeedbackStatus } from '../../lib/api/types';

/** Sends feedback to the workspace's admins. */
export function useSendFeedback(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FeedbackBody) =>
      unwrap(api.POST('/v1/workspaces/{workspaceId}/feedback', { params: { path: { workspaceId } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'feedback'] }),
  });
}

/** Feedback sent in the workspace, newest first, page by page (admins). */
export function useFeedbackList(workspaceId: string, status: FeedbackStatus) {
  return useInfiniteQuery({
    queryKey: queryKeys.feedback(workspaceId, status),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/feedback', {
          params: {
            path: { workspaceId },
            query: { status, limit: 25, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/** Marks feedback handled or open again. */
export function useMarkFeedback(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ feedbackId, handled }: { feedbackId: string; handled: boolean }) =>
      unwrap(
        api.PATCH('/v1/workspaces/{workspaceId}/feedback/{feedbackId}', {
          params: { path: { workspaceId, feedbackId } },
          body: { handled },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'feedback'] }),
  });
}
