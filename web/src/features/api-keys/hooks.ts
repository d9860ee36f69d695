import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { ApiKeyScope } from '../../lib/api/types';

/** The workspace's API keys (never their secrets). */
export function useApiKeys(workspaceId: string, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.apiKeys(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/api-keys', { params: { path: { workspaceId } } })),
    enabled: options.enabled ?? true,
  });
}

/** Creates a key; the answer carries its secret, shown once. */
export function useCreateApiKey(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; scopes: ApiKeyScope[] }) =>
      unwrap(api.POST('/v1/workspaces/{workspaceId}/api-keys', { params: { path: { workspaceId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(workspaceId) }),
  });
}

/** Revokes a key; it stops working at once. */
export function useRevokeApiKey(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/api-keys/{keyId}', {
          params: { path: { workspaceId, keyId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(workspaceId) }),
  });
}

/** Renames a key (its scopes never change). A revoked key answers 404: it cannot be renamed. */
export function useRenameApiKey(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ keyId, name }: { keyId: string; name: string }) =>
      unwrap(
        api.PATCH('/v1/workspaces/{workspaceId}/api-keys/{keyId}', {
          params: { path: { workspaceId, keyId } },
          body: { name },
        }),
      ),
    // A 404 means the key was revoked meanwhile: the list loads again to show it.
    onSettled: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys(workspaceId) }),
  });
}
