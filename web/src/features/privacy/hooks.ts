import { queryOptions, useQuery } from '@tanstack/react-query';
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

/**
 * The policy version in effect and the next announced one: a few hundred bytes, read on every
 * signed-in page for the policy banner instead of the whole inventory. Not retried: without it
 * the banner is simply not shown, and the shell waits for it (see RequireAuth).
 */
export const policyStatusQuery = queryOptions({
  queryKey: queryKeys.policyStatus,
  queryFn: () => unwrap(api.GET('/v1/privacy/policy')),
  staleTime: 60 * 60 * 1000,
  retry: false,
});

/** The policy status (see policyStatusQuery), read on every signed-in page. */
export function usePolicyStatus() {
  return useQuery(policyStatusQuery);
}
