import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import { isApiError } from '../../lib/api/problem';
import { queryKeys } from '../../lib/api/query-keys';
import type { Me, VerifyBody } from '../../lib/api/types';
import { countStep } from '../privacy/usage';
import { signOutOfClerk } from './clerk/clerk-session';

/** How this deployment signs people in (magic link, or Clerk). `isEnabled: false` holds the request. */
export function useAuthConfig({ isEnabled = true }: { isEnabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.authConfig,
    queryFn: () => unwrap(api.GET('/v1/auth/config')),
    staleTime: Infinity,
    enabled: isEnabled,
  });
}

async function fetchMe(): Promise<Me | null> {
  try {
    return await unwrap(api.GET('/v1/me'));
  } catch (error) {
    if (isApiError(error, { status: 401 })) return null;
    throw error;
  }
}

/** The signed-in user and their workspaces; `null` when signed out. */
export const meQuery = queryOptions({ queryKey: queryKeys.me, queryFn: fetchMe, staleTime: 60_000 });

/** The signed-in user and their workspaces; `null` when signed out. `isEnabled: false` holds the request. */
export function useMe({ isEnabled = true }: { isEnabled?: boolean } = {}) {
  return useQuery({ ...meQuery, enabled: isEnabled });
}

/**
 * Whether this browser holds a valid sign-in, answered 200 either way: the sign-in page asks this
 * first, so a signed-out visitor's browser does not log the 401 of /v1/me as a console error.
 */
export function useSessionStatus() {
  return useQuery({
    queryKey: queryKeys.sessionStatus,
    queryFn: () => unwrap(api.GET('/v1/auth/session')),
    staleTime: 0,
  });
}

/** Asks for a sign-in link by email (the API answers the same whether or not the address is known). */
export function useRequestMagicLink() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/v1/auth/magic-link', { body: { email } })),
    onSuccess: () => countStep('sign-in-requested'),
  });
}

/** Exchanges the emailed token for a session cookie. */
export function useVerifySignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: VerifyBody) => unwrap(api.POST('/v1/auth/verify', { body })),
    onSuccess: async () => {
      countStep('signed-in');
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}

/** Ends the session (the API's, and Clerk's when signed in through it) and forgets every cached record. */
export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      // The API first, while the Clerk token still says who is signing out.
      try {
        await unwrapEmpty(api.POST('/v1/auth/sign-out'));
      } finally {
        await signOutOfClerk();
      }
    },
    onSettled: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}
