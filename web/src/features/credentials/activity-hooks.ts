import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { credentialsKeys } from './license-queries';

type Base = '/v1/workspaces/{workspaceId}/credentials';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type BodyOf<Op> = Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type Activity = JsonOf<paths[`${Base}/activities/{activityId}`]['get']['responses'][200]>;
export type ActivityBody = BodyOf<paths[`${Base}/activities`]['post']>;
export type Progress = JsonOf<paths[`${Base}/progress`]['get']['responses'][200]>;
export type LicenseProgress = Progress['licenses'][number];

const PAGE_SIZE = 50;

export function useActivities(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: [...credentialsKeys.all(workspaceId), 'activities'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/activities', {
          params: {
            path: { workspaceId },
            query: { limit: PAGE_SIZE, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

export function useProgress(workspaceId: string) {
  return useQuery({
    queryKey: [...credentialsKeys.all(workspaceId), 'progress'],
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/progress', { params: { path: { workspaceId } } }),
      ),
  });
}

/** What each recent activity counted for, in words: read apart from the progress, which needs no activity. */
export function useAllocations(workspaceId: string) {
  return useQuery({
    queryKey: [...credentialsKeys.all(workspaceId), 'allocations'],
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/allocations', {
          params: { path: { workspaceId } },
        }),
      ),
  });
}

/** A logged or removed activity moves every license's progress, so the whole area is refreshed. */
function useRefresh(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: credentialsKeys.all(workspaceId) });
}

export function useCreateActivity(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: ActivityBody) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/activities', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeleteActivity(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (activityId: string) =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/credentials/activities/{activityId}', {
          params: { path: { workspaceId, activityId } },
        }),
      ),
    onSuccess: refresh,
  });
}
