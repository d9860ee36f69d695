import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { components, paths } from '../../lib/api/schema';

type GuidePath = paths['/v1/workspaces/{workspaceId}/role-guide'];

export type RoleGuideAnswers = GuidePath['post']['requestBody']['content']['application/json'];
export type RoleGuide = components['schemas']['RoleGuide'];
export type Recommendation = RoleGuide['recommendations'][number];
export type Situation = RoleGuideAnswers['situations'][number];
export type Goal = RoleGuideAnswers['goals'][number];
export type CourtStage = RoleGuideAnswers['courtCase'];

/** Asks for the guide for a set of answers: computed and shown, nothing is saved. */
export function useRoleGuide(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (answers: RoleGuideAnswers) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/role-guide', {
          params: { path: { workspaceId } },
          body: answers,
        }),
      ),
    // An AI paragraph counts against the month's AI actions (the usage line elsewhere shows it).
    onSettled: (_guide, _error, answers) => {
      if (answers.withAi === true)
        void queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'ai-usage'] });
    },
  });
}
