import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';

type SummariesPath = paths['/v1/workspaces/{workspaceId}/summaries'];
type SuggestPath = paths['/v1/workspaces/{workspaceId}/summaries/suggest'];
type UsagePath = paths['/v1/workspaces/{workspaceId}/ai/usage'];

export type Summary = SummariesPath['get']['responses'][200]['content']['application/json']['items'][number];
export type SummaryBody = SummariesPath['post']['requestBody']['content']['application/json'];
export type SummarySuggestion = SuggestPath['post']['responses'][200]['content']['application/json'];
export type SummaryRange = SuggestPath['post']['requestBody']['content']['application/json'];
export type SummarySentence = SummaryBody['sentences'][number];
export type AiUsage = UsagePath['get']['responses'][200]['content']['application/json'];

const summariesKey = (workspaceId: string) => ['workspace', workspaceId, 'summaries'] as const;
const usageKey = (workspaceId: string) => ['workspace', workspaceId, 'ai-usage'] as const;

/** AI actions used this month and whether AI is configured at all. */
export function useAiUsage(workspaceId: string) {
  return useQuery({
    queryKey: usageKey(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/ai/usage', { params: { path: { workspaceId } } })),
  });
}

/** Saved summaries, newest first. */
export function useSummaries(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: summariesKey(workspaceId),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/summaries', {
          params: {
            path: { workspaceId },
            query: { limit: 20, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/** Asks for a suggested summary of a period: nothing is saved. */
export function useSuggestSummary(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (range: SummaryRange) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/summaries/suggest', {
          params: { path: { workspaceId } },
          body: range,
        }),
      ),
    // Each suggestion counts against the month's AI actions, successful or not.
    onSettled: () => void queryClient.invalidateQueries({ queryKey: usageKey(workspaceId) }),
  });
}

/** Saves a summary the person reviewed. */
export function useSaveSummary(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SummaryBody) =>
      unwrap(api.POST('/v1/workspaces/{workspaceId}/summaries', { params: { path: { workspaceId } }, body })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: summariesKey(workspaceId) }),
  });
}

export function useDeleteSummary(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (summaryId: string) =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/summaries/{summaryId}', {
          params: { path: { workspaceId, summaryId } },
        }),
      ),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: summariesKey(workspaceId) }),
  });
}
