import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import type { FormValues } from './record-fields';
import {
  RECORD_KINDS,
  recordListQuery,
  trendQuery,
  wellbeingKeys,
  type RecordScope,
  type TrendDays,
} from './queries';

export { wellbeingKeys };

type Base = '/v1/workspaces/{workspaceId}/wellbeing';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type Trend = JsonOf<paths[`${Base}/check-ins/trend`]['get']['responses'][200]>;
export type TrendPoint = Trend['points'][number];
export type SafetyPlan = JsonOf<paths[`${Base}/safety-plan`]['get']['responses'][200]>;
export type SafetyPlanBody = NonNullable<
  paths[`${Base}/safety-plan`]['put']['requestBody']
>['content']['application/json'];
export type SafetyPlanVersions = JsonOf<paths[`${Base}/safety-plan/versions`]['get']['responses'][200]>;
export type AccessLog = JsonOf<paths[`${Base}/access-log`]['get']['responses'][200]>;
export type CheckIn = JsonOf<paths[`${Base}/check-ins/{checkInId}`]['get']['responses'][200]>;
export type Complaint = JsonOf<paths[`${Base}/complaints/{complaintId}`]['get']['responses'][200]>;
export type CareNote = JsonOf<paths[`${Base}/care-notes/{careNoteId}`]['get']['responses'][200]>;

/** The record kinds, each with its own typed client; the record pages share one set of hooks. */
export type RecordPath = 'check-ins' | 'complaints' | 'care-notes';
export type WellbeingRecord = CheckIn | Complaint | CareNote;

/** One kind of record (yours, yours deleted, or shared with you), page by page. */
export function useRecordList(workspaceId: string, path: RecordPath, query: RecordScope) {
  return useInfiniteQuery(recordListQuery(workspaceId, path, query));
}

type RecordChange =
  | { type: 'create'; values: FormValues }
  | { type: 'update'; id: string; values: FormValues; version: number }
  | { type: 'delete'; id: string }
  | { type: 'restore'; id: string }
  | { type: 'share'; id: string; userId: string }
  | { type: 'unshare'; id: string; userId: string };

/** Every change to a record (create, correct, delete, restore, share, revoke), then a refresh. */
export function useRecordChange(workspaceId: string, path: RecordPath) {
  const queryClient = useQueryClient();
  const kind = RECORD_KINDS[path];
  return useMutation({
    mutationFn: async (change: RecordChange): Promise<unknown> => {
      switch (change.type) {
        case 'create':
          return kind.create(workspaceId, change.values);
        case 'update':
          return kind.update(workspaceId, change.id, change.values, change.version);
        case 'delete':
          return kind.remove(workspaceId, change.id);
        case 'restore':
          return kind.restore(workspaceId, change.id);
        case 'share':
          return kind.share(workspaceId, change.id, change.userId);
        case 'unshare':
          return kind.unshare(workspaceId, change.id, change.userId);
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: wellbeingKeys.all(workspaceId) }),
  });
}

/** Mood, anxiety and sleep over the last `days` days. */
export function useTrend(workspaceId: string, days: TrendDays) {
  return useQuery(trendQuery(workspaceId, days));
}

/** The current safety plan, or null before the first save. */
export function useSafetyPlan(workspaceId: string) {
  return useQuery({
    queryKey: wellbeingKeys.plan(workspaceId),
    queryFn: async (): Promise<SafetyPlan | null> => {
      const result = await api.GET('/v1/workspaces/{workspaceId}/wellbeing/safety-plan', {
        params: { path: { workspaceId } },
      });
      if (result.response.status === 404) return null;
      return unwrap(Promise.resolve(result));
    },
  });
}

export function useSaveSafetyPlan(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SafetyPlanBody) =>
      unwrap(
        api.PUT('/v1/workspaces/{workspaceId}/wellbeing/safety-plan', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: wellbeingKeys.all(workspaceId) }),
  });
}

export function useSafetyPlanVersions(workspaceId: string) {
  return useQuery({
    queryKey: [...wellbeingKeys.plan(workspaceId), 'versions'],
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/wellbeing/safety-plan/versions', {
          params: { path: { workspaceId }, query: { limit: 100 } },
        }),
      ),
  });
}

export function useSafetyPlanVersion(workspaceId: string, version: number) {
  return useQuery({
    queryKey: [...wellbeingKeys.plan(workspaceId), 'version', version],
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/wellbeing/safety-plan/versions/{version}', {
          params: { path: { workspaceId, version } },
        }),
      ),
  });
}

/** "Who opened my wellbeing data", page by page. */
export function useAccessLog(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: [...wellbeingKeys.all(workspaceId), 'access-log'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/wellbeing/access-log', {
          params: {
            path: { workspaceId },
            query: { limit: 50, ...(pageParam === undefined ? {} : { cursor: pageParam }) },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}
