import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { InviteBody, Role } from '../../lib/api/types';

/** Members of a workspace and their roles. */
export function useMembers(workspaceId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.members(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/members', { params: { path: { workspaceId } } })),
    enabled: options.enabled ?? true,
  });
}

/** Changes a member's role. */
export function useChangeRole(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(
        api.PATCH('/v1/workspaces/{workspaceId}/members/{userId}', {
          params: { path: { workspaceId, userId } },
          body: { role },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
  });
}

/** Removes a member from the workspace. */
export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/members/{userId}', {
          params: { path: { workspaceId, userId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.members(workspaceId) }),
  });
}

/** Invites of the workspace (owners and admins only). */
export function useInvites(workspaceId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.invites(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/invites', { params: { path: { workspaceId } } })),
    enabled: options.enabled ?? true,
  });
}

/** Creates an invite; the answer carries the code, shown once. */
export function useCreateInvite(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: InviteBody) =>
      unwrap(api.POST('/v1/workspaces/{workspaceId}/invites', { params: { path: { workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invites(workspaceId) }),
  });
}

/** Revokes a pending invite. */
export function useRevokeInvite(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (inviteId: string) =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/invites/{inviteId}', {
          params: { path: { workspaceId, inviteId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invites(workspaceId) }),
  });
}
