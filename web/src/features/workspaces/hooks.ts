import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import { workspaceQuery } from './queries';

/** One workspace with the caller's role in it. */
export function useWorkspaceQuery(workspaceId: string) {
  return useQuery(workspaceQuery(workspaceId));
}

/** Every workspace the caller belongs to. */
export function useWorkspaceList() {
  return useQuery({
    queryKey: queryKeys.workspaceList,
    queryFn: () => unwrap(api.GET('/v1/workspaces')),
  });
}

/** Creates a workspace; the caller becomes its owner. */
export function useCreateWorkspace() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => unwrap(api.POST('/v1/workspaces', { body: { name } })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaceList }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true }),
      ]);
    },
  });
}

/** Joins a workspace with an invite code. */
export function useAcceptInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => unwrap(api.POST('/v1/invites/accept', { body: { code } })),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: queryKeys.workspaceList }),
        queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true }),
      ]);
    },
  });
}
