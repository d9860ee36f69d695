import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { credentialsKeys } from './license-queries';

type Links = '/v1/workspaces/{workspaceId}/credentials/provider-links';
type Completions = '/v1/workspaces/{workspaceId}/credentials/reported-completions';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;

export type ProviderLink = JsonOf<paths[`${Links}/{providerLinkId}/revoke`]['post']['responses'][200]>;
export type ReportedCompletion = JsonOf<paths[Completions]['get']['responses'][200]>['items'][number];
export type Decision = 'accept' | 'decline';

const linksKey = (workspaceId: string) => [...credentialsKeys.all(workspaceId), 'provider-links'] as const;
const pendingKey = (workspaceId: string) =>
  [...credentialsKeys.all(workspaceId), 'reported-completions', 'pending'] as const;

export function useProviderLinks(workspaceId: string) {
  return useQuery({
    queryKey: linksKey(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/provider-links', {
          params: { path: { workspaceId } },
        }),
      ),
  });
}

export function useCreateProviderLink(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { providerLabel: string; expiresInDays: number }) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/provider-links', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(workspaceId) }),
  });
}

export function useRevokeProviderLink(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (providerLinkId: string) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/provider-links/{providerLinkId}/revoke', {
          params: { path: { workspaceId, providerLinkId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: linksKey(workspaceId) }),
  });
}

/** Completions providers reported that wait for the person's decision (the newest 100). */
export function usePendingCompletions(workspaceId: string) {
  return useQuery({
    queryKey: pendingKey(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/reported-completions', {
          params: { path: { workspaceId }, query: { status: 'pending', limit: 100 } },
        }),
      ),
  });
}

/** Accepts or declines one; an accepted one changes the activities and progress, so all refresh. */
export function useDecideCompletion(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ completionId, decision }: { completionId: string; decision: Decision }) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/reported-completions/{completionId}/decision', {
          params: { path: { workspaceId, completionId } },
          body: { decision },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: credentialsKeys.all(workspaceId) }),
  });
}
