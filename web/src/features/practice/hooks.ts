import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { nextExercisesQuery, practiceKeys, skillListQuery } from './queries';

type Base = '/v1/workspaces/{workspaceId}/practice';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type NextExercises = JsonOf<paths[`${Base}/next`]['get']['responses'][200]>;
export type Recommendation = NextExercises['items'][number];
export type Exercise = Recommendation['exercise'];
export type Progress = JsonOf<paths[`${Base}/progress`]['get']['responses'][200]>;
export type Attempt = JsonOf<paths[`${Base}/attempts/{attemptId}`]['get']['responses'][200]>;
export type FinishBody = NonNullable<
  paths[`${Base}/attempts/{attemptId}/finish`]['post']['requestBody']
>['content']['application/json'];
export type Finished = JsonOf<paths[`${Base}/attempts/{attemptId}/finish`]['post']['responses'][200]>;
export type Answer = FinishBody['answer'];
export type SelfRating = FinishBody['selfRating'];

/** What to practise next, each with why it was chosen. */
export function useNextExercises(workspaceId: string) {
  return useQuery(nextExercisesQuery(workspaceId));
}

/** The skills, to name them next to exercises. */
export function useSkills(workspaceId: string) {
  return useQuery(skillListQuery(workspaceId));
}

export function useProgress(workspaceId: string) {
  return useQuery({
    queryKey: practiceKeys.progress(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET(`/v1/workspaces/{workspaceId}/practice/progress`, { params: { path: { workspaceId } } }),
      ),
  });
}

/** Starts an attempt (the server keeps the start time, so the duration is measured). */
export function useStartAttempt(workspaceId: string) {
  return useMutation({
    mutationFn: (exerciseId: string) =>
      unwrap(
        api.POST(`/v1/workspaces/{workspaceId}/practice/attempts`, {
          params: { path: { workspaceId } },
          body: { exerciseId },
        }),
      ),
  });
}

/** Finishes an attempt; the recommendations and progress change with it. */
export function useFinishAttempt(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ attemptId, body }: { attemptId: string; body: FinishBody }) =>
      unwrap(
        api.POST(`/v1/workspaces/{workspaceId}/practice/attempts/{attemptId}/finish`, {
          params: { path: { workspaceId, attemptId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: practiceKeys.all(workspaceId) }),
  });
}

export type WrittenFeedback = JsonOf<
  paths[`${Base}/attempts/{attemptId}/feedback`]['post']['responses'][200]
>;

/** Asks AI for feedback on a written answer; it is shown only, never saved or scored (P-AI-2). */
export function useWrittenFeedback(workspaceId: string, attemptId: string) {
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST(`/v1/workspaces/{workspaceId}/practice/attempts/{attemptId}/feedback`, {
          params: { path: { workspaceId, attemptId } },
          body: { text },
        }),
      ),
  });
}

/** One exercise by id (a link that opens a chosen exercise); off while there is no id. */
export function useExercise(workspaceId: string, exerciseId: string | null) {
  return useQuery({
    queryKey: [...practiceKeys.all(workspaceId), 'exercise', exerciseId ?? ''] as const,
    enabled: exerciseId !== null,
    queryFn: () =>
      unwrap(
        api.GET(`/v1/workspaces/{workspaceId}/practice/exercises/{exerciseId}`, {
          params: { path: { workspaceId, exerciseId: exerciseId ?? '' } },
        }),
      ),
  });
}
