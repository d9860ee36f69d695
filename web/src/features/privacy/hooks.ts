import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';

/** The data inventory, subprocessors and policy versions (public, changes only with a release). */
export function usePrivacyInventory() {
  return useQuery({
    queryKey: queryKeys.privacyInventory,
    queryFn: () => unwrap(api.GET('/v1/privacy/inventory')),
    staleTime: 60 * 60 * 1000,
  });
}
