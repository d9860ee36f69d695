import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { FeedbackBody, FeedbackStatus } from '../../lib/api/types';

/** Every view of the workspace's feedback (the admins' list and each author's own) loads again. */
function useInvalidateFeedback(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'feedback'] });
}

/** Sends feedback to the workspace's admins. */
export function useSendFeedback(workspaceId: string) {
  const invalidate = useInvalidateFeedback(workspaceId);
  return useMutation({
    mutationFn: (body: FeedbackBody) =>
      unwrap(api.POST('/v1/workspaces/{workspaceId}/feedback', { params: { path: { workspaceId } }, body })),
    onSuccess: () => void invalidate(),
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
  const invalidate = useInvalidateFeedback(workspaceId);
  return useMutation({
    mutationFn: ({ feedbackId, handled }: { feedbackId: string; handled: boolean }) =>
      unwrap(
        api.PATCH('/v1/workspaces/{workspaceId}/feedback/{feedbackId}', {
          params: { path: { workspaceId, feedbackId } },
          body: { handled },
        }),
      ),
    onSuccess: () => void invalidate(),
  });
}

/** The feedback the signed-in person sent in this workspace, handled or not, newest first (any member). */
export function useMyFeedback(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.myFeedback(workspaceId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/feedback/mine', {
          params: {
            path: { workspaceId },
            query: { status: 'all', limit: 25, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/** Corrects the message of one's own feedback (P-RIGHT-2); the API marks it edited. */
export function useEditFeedbackMessage(workspaceId: string) {
  const invalidate = useInvalidateFeedback(workspaceId);
  return useMutation({
    mutationFn: ({ feedbackId, message }: { feedbackId: string; message: string }) =>
      unwrap(
        api.PATCH('/v1/workspaces/{workspaceId}/feedback/{feedbackId}', {
          params: { path: { workspaceId, feedbackId } },
          body: { message },
        }),
      ),
    onSuccess: invalidate,
  });
}

/** Deletes the screenshot sent with one's own feedback; the message stays. */
export function useRemoveFeedbackScreenshot(workspaceId: string) {
  const invalidate = useInvalidateFeedback(workspaceId);
  return useMutation({
    mutationFn: (feedbackId: string) =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/feedback/{feedbackId}/screenshot', {
          params: { path: { workspaceId, feedbackId } },
        }),
      ),
    onSuccess: invalidate,
  });
}
