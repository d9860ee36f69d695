import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { credentialsKeys, licenseListQuery } from './license-queries';

type Base = '/v1/workspaces/{workspaceId}/credentials';
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type BodyOf<Op> = Op extends { requestBody?: infer B } ? JsonOf<NonNullable<B>> : never;

export type License = JsonOf<paths[`${Base}/licenses/{licenseId}`]['get']['responses'][200]>;
export type LicenseBody = BodyOf<paths[`${Base}/licenses`]['post']>;
export type LicensePatchBody = BodyOf<paths[`${Base}/licenses/{licenseId}`]['patch']>;
export type OverridesBody = BodyOf<paths[`${Base}/licenses/{licenseId}/overrides`]['put']>;
export type Renewal = JsonOf<paths[`${Base}/licenses/{licenseId}/renewal`]['get']['responses'][200]>;
export type Catalogue = JsonOf<paths[`${Base}/catalogue`]['get']['responses'][200]>;
export type EffectiveNumber = Renewal['requirements']['totalHours'];

export function useLicenses(workspaceId: string) {
  return useQuery(licenseListQuery(workspaceId));
}

export function useRenewal(workspaceId: string, licenseId: string) {
  return useQuery({
    queryKey: credentialsKeys.renewal(workspaceId, licenseId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/licenses/{licenseId}/renewal', {
          params: { path: { workspaceId, licenseId } },
        }),
      ),
  });
}

export function useCatalogue(workspaceId: string) {
  return useQuery({
    queryKey: credentialsKeys.catalogue(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/credentials/catalogue', { params: { path: { workspaceId } } }),
      ),
    staleTime: Infinity,
  });
}

/** Every change to a license moves its renewal and the progress, so the whole area is refreshed. */
function useRefresh(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: credentialsKeys.all(workspaceId) });
}

export function useCreateLicense(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: LicenseBody) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/credentials/licenses', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useUpdateLicense(workspaceId: string, licenseId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: LicensePatchBody) =>
      unwrap(
        api.PATCH('/v1/workspaces/{workspaceId}/credentials/licenses/{licenseId}', {
          params: { path: { workspaceId, licenseId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useSetOverrides(workspaceId: string, licenseId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (body: OverridesBody) =>
      unwrap(
        api.PUT('/v1/workspaces/{workspaceId}/credentials/licenses/{licenseId}/overrides', {
          params: { path: { workspaceId, licenseId } },
          body,
        }),
      ),
    onSuccess: refresh,
  });
}

export function useDeleteLicense(workspaceId: string) {
  const refresh = useRefresh(workspaceId);
  return useMutation({
    mutationFn: (licenseId: string) =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/credentials/licenses/{licenseId}', {
          params: { path: { workspaceId, licenseId } },
        }),
      ),
    onSuccess: refresh,
  });
}
