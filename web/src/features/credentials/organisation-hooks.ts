import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { credentialsKeys } from './license-queries';

type Base = '/v1/workspaces/{workspaceId}/credentials';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type BodyOf<Op> = Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type Organisation = JsonOf<paths[`${Base}/organisation`]['get']['responses'][200]>;
export type OrganisationBody = BodyOf<paths[`${Base}/organisation`]['put']>;
export type CredentialRequest = JsonOf<paths[`${Base}/requests/{requestId}`]['get']['responses'][200]>;
export type CredentialRequestBody = BodyOf<paths[`${Base}/requests`]['post']>;
export type ChecklistEntry = JsonOf<paths[`${Base}/checklist`]['get']['responses'][200]>['items'][number];
export type ReceivedRequest = JsonOf<
  paths[`${Base}/received-requests`]['get']['responses'][200]
>['items'][number];
export type OrgShareBody = BodyOf<paths[`${Base}/received-requests/{receivedId}/share`]['post']>;

/** How many people the organisation page lists at once (requests and their checklist). */
const PAGE = 100;

const organisationKeys = {
  all: (workspaceId: string) => [...credentialsKeys.all(workspaceId), 'organisation'] as const,
  received: (workspaceId: string) => [...credentialsKeys.all(workspaceId), 'received-requests'] as const,
};

/** The workspace's organisation profile; `null` while it is not an organisation (the API's 404). */
export function useOrganisation(workspaceId: string) {
  return useQuery({
    queryKey: [...organisationKeys.all(workspaceId), 'profile'],
    queryFn: async (): Promise<Organisation | null> => {
      const result = await api.GET('/v1/workspaces/{workspaceId}/credentials/organisation', {
        params: { path: { workspaceId } },
      });
      if (result.response.status === 404) return null;
      return unwrap(Promise.resolve(result));
    },
  });
}

export function useSetOrganisation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OrganisationBody) =>
      unwrap(
        api.PUT('/v1/workspaces/{workspaceId}/credentials/organisation', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all(workspaceId) }),
  });
}

/** The organisation's requests with their checklist entries, read together so they agree. */
export function useRequestsAndChecklist(workspaceId: string, isEnabled: boolean) {
  return useQuery({
    queryKey: [...organisationKeys.all(workspaceId), 'requests'],
    enabled: isEnabled,
    queryFn: async () => {
      const query = { limit: PAGE };
      const [requests, checklist] = await Promise.all([
        unwrap(
          api.GET('/v1/workspaces/{workspaceId}/credentials/requests', {
            params: { path: { workspaceId }, query },
          }),
        ),
        unwrap(
          api.GET('/v1/workspaces/{workspaceId}/credentials/checklist', {
            params: { path: { workspaceId }, query },
          }),
        ),
      ]);
      return { requests: requests.items, checklist: checklist.items };
    },
  });
}

export function useCreateRequest(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CredentialRequestBody) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/requests', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all(workspaceId) }),
  });
}

export function useCancelRequest(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (requestId: string) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/requests/{requestId}/cancel', {
          params: { path: { workspaceId, requestId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.all(workspaceId) }),
  });
}

/** Requests organisations sent to the signed-in person, and what this workspace shared with them. */
export function useReceivedRequests(workspaceId: string) {
  return useQuery({
    queryKey: organisationKeys.received(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/received-requests', {
          params: { path: { workspaceId } },
        }),
      ),
  });
}

export function useShareWithOrganisation(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ receivedId, body }: { receivedId: string; body: OrgShareBody }) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/received-requests/{receivedId}/share', {
          params: { path: { workspaceId, receivedId } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.received(workspaceId) }),
  });
}

export function useWithdrawShare(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (receivedId: string) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/received-requests/{receivedId}/withdraw', {
          params: { path: { workspaceId, receivedId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: organisationKeys.received(workspaceId) }),
  });
}
