import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { practiceKeys } from './queries';

type Base = '/v1/workspaces/{workspaceId}/practice/assessments';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type StartedAssessment = JsonOf<paths[Base]['post']['responses'][201]>;
export type Assessment = StartedAssessment['assessment'];
export type AssessmentExercise = StartedAssessment['exercises'][number];
export type SubmitBody = NonNullable<
  paths[`${Base}/{assessmentId}/submit`]['post']['requestBody']
>['content']['application/json'];
export type AssessmentAnswer = SubmitBody['answers'][number];

/** Starts a timed assessment of a skill (the server keeps the start time and the deadline). */
export function useStartAssessment(workspaceId: string) {
  return useMutation({
    mutationFn: (skillId: string) =>
      unwrap(
        api.POST(`/v1/workspaces/{workspaceId}/practice/assessments`, {
          params: { path: { workspaceId } },
          body: { skillId },
        }),
      ),
  });
}

/** Submits the answers; mastery, progress and recommendations change with the result. */
export function useSubmitAssessment(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ assessmentId, body }: { assessmentId: string; body: SubmitBody }) =>
      unwrap(
        api.POST(`/v1/workspaces/{workspaceId}/practice/assessments/{assessmentId}/submit`, {
          params: { path: { workspaceId, assessmentId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: practiceKeys.all(workspaceId) }),
  });
}
