import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';

/** The person's exports; polled every second while one is being built, so progress moves. */
export function useExports() {
  return useQuery({
    queryKey: queryKeys.exports,
    queryFn: () => unwrap(api.GET('/v1/me/exports')),
    refetchInterval: (query) =>
      query.state.data?.items.some((item) => item.status === 'running') === true ? 1000 : false,
  });
}

/** Starts an export in the background. */
export function useStartExport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/me/exports')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.exports }),
  });
}

/** The public key export manifests are signed with. */
export function useExportKey() {
  return useQuery({
    queryKey: ['export-key'],
    queryFn: () => unwrap(api.GET('/.well-known/holdfast-export-key')),
    staleTime: Infinity,
  });
}
