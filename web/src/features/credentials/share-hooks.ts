import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { credentialsKeys } from './license-queries';

type Base = '/v1/workspaces/{workspaceId}/credentials/shares';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type BodyOf<Op> = Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type Share = JsonOf<paths[`${Base}/{shareId}/revoke`]['post']['responses'][200]>;
export type ShareBody = BodyOf<paths[Base]['post']>;
export type CreatedShare = JsonOf<paths[Base]['post']['responses'][201]>;
export type Verification = JsonOf<paths['/v1/verify/{token}']['get']['responses'][200]>;

const sharesKey = (workspaceId: string) => [...credentialsKeys.all(workspaceId), 'shares'] as const;

export function useShares(workspaceId: string) {
  return useQuery({
    queryKey: sharesKey(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/shares', { params: { path: { workspaceId } } }),
      ),
  });
}

export function useShareViews(workspaceId: string, shareId: string) {
  return useQuery({
    queryKey: [...sharesKey(workspaceId), shareId, 'views'],
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/shares/{shareId}/views', {
          params: { path: { workspaceId, shareId } },
        }),
      ),
  });
}

export function useCreateShare(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ShareBody) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/shares', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sharesKey(workspaceId) }),
  });
}

export function useRevokeShare(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (shareId: string) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/shares/{shareId}/revoke', {
          params: { path: { workspaceId, shareId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sharesKey(workspaceId) }),
  });
}

/** The public page's data: no session needed; every fetch is a logged view, so it is not refetched. */
export function useVerification(token: string) {
  return useQuery({
    queryKey: ['verify', token],
    queryFn: () => unwrap(api.GET('/v1/verify/{token}', { params: { path: { token } } })),
    retry: false,
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });
}

/** The address a verifier opens: the SPA's public page for the token. */
export function verificationUrl(token: string): string {
  return `${window.location.origin}/verify/${encodeURIComponent(token)}`;
}
