import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';

export const practiceKeys = {
  all: (workspaceId: string) => ['workspace', workspaceId, 'practice'] as const,
  next: (workspaceId: string) => ['workspace', workspaceId, 'practice', 'next'] as const,
  progress: (workspaceId: string) => ['workspace', workspaceId, 'practice', 'progress'] as const,
  skills: (workspaceId: string) => ['workspace', workspaceId, 'practice', 'skills'] as const,
};

/** What to practise next, each with why it was chosen. */
export function nextExercisesQuery(workspaceId: string) {
  return queryOptions({
    queryKey: practiceKeys.next(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET(`/v1/workspaces/{workspaceId}/practice/next`, {
          params: { path: { workspaceId }, query: { limit: 5 } },
        }),
      ),
  });
}

/** The skills, to name them next to exercises (they change only with a release or an edit). */
export function skillListQuery(workspaceId: string) {
  return queryOptions({
    queryKey: practiceKeys.skills(workspaceId),
    queryFn: () =>
      unwrap(api.GET(`/v1/workspaces/{workspaceId}/practice/skills`, { params: { path: { workspaceId } } })),
    staleTime: Infinity,
  });
}
