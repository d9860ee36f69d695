import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { components, paths } from '../../lib/api/schema';
import { practiceKeys } from './queries';

type Own = '/v1/workspaces/{workspaceId}/practice/own';
type BodyOf<R> = R extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

export type OwnSkill = components['schemas']['PracticeOwnSkill'];
export type OwnExercise = components['schemas']['PracticeOwnExercise'];
export type SkillInput = BodyOf<paths[`${Own}/skills`]['post']>;
export type SkillUpdate = BodyOf<paths[`${Own}/skills/{ownSkillId}`]['put']>;
export type ExerciseInput = BodyOf<paths[`${Own}/skills/{ownSkillId}/exercises`]['post']>['exercise'];
export type ExerciseUpdate = BodyOf<paths[`${Own}/exercises/{ownExerciseId}`]['put']>;

const ownKey = (workspaceId: string) => [...practiceKeys.all(workspaceId), 'own'] as const;

/** The workspace's own skills and exercises, archived ones too (owners and admins). */
export function useOwnContent(workspaceId: string) {
  return useQuery({
    queryKey: ownKey(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET(`/v1/workspaces/{workspaceId}/practice/own/skills`, { params: { path: { workspaceId } } }),
      ),
  });
}

/** After any change the whole practice cache is stale: skills, next and progress include these. */
function useInvalidatePractice(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: practiceKeys.all(workspaceId) });
}

export function useCreateSkill(workspaceId: string) {
  const onSettled = useInvalidatePractice(workspaceId);
  return useMutation({
    mutationFn: (body: SkillInput) =>
      unwrap(
        api.POST(`/v1/workspaces/{workspaceId}/practice/own/skills`, {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSettled,
  });
}

export function useUpdateSkill(workspaceId: string) {
  const onSettled = useInvalidatePractice(workspaceId);
  return useMutation({
    mutationFn: ({ ownSkillId, body }: { ownSkillId: string; body: SkillUpdate }) =>
      unwrap(
        api.PUT(`/v1/workspaces/{workspaceId}/practice/own/skills/{ownSkillId}`, {
          params: { path: { workspaceId, ownSkillId } },
          body,
        }),
      ),
    onSettled,
  });
}

export function useCreateExercise(workspaceId: string) {
  const onSettled = useInvalidatePractice(workspaceId);
  return useMutation({
    mutationFn: ({ ownSkillId, exercise }: { ownSkillId: string; exercise: ExerciseInput }) =>
      unwrap(
        api.POST(`/v1/workspaces/{workspaceId}/practice/own/skills/{ownSkillId}/exercises`, {
          params: { path: { workspaceId, ownSkillId } },
          body: { exercise },
        }),
      ),
    onSettled,
  });
}

export function useUpdateExercise(workspaceId: string) {
  const onSettled = useInvalidatePractice(workspaceId);
  return useMutation({
    mutationFn: ({ ownExerciseId, body }: { ownExerciseId: string; body: ExerciseUpdate }) =>
      unwrap(
        api.PUT(`/v1/workspaces/{workspaceId}/practice/own/exercises/{ownExerciseId}`, {
          params: { path: { workspaceId, ownExerciseId } },
          body,
        }),
      ),
    onSettled,
  });
}
