import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { Me, User } from '../../lib/api/types';

/** The signed-in person's recent sign-ins (P-AUTH-4). */
export function useSignIns() {
  return useQuery({
    queryKey: queryKeys.signIns,
    queryFn: () => unwrap(api.GET('/v1/me/sign-ins')),
  });
}

/**
 * After the profile changed: the shell and account page show the new user at once, and every
 * view that carries a copy of it (the member lists of each workspace) loads again.
 */
async function onProfileChanged(queryClient: QueryClient, user: User): Promise<void> {
  queryClient.setQueryData<Me | null>(queryKeys.me, (me) =>
    me === undefined || me === null ? me : { ...me, user },
  );
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: queryKeys.me, exact: true }),
    queryClient.invalidateQueries({
      predicate: (query) => query.queryKey[0] === 'workspace' && query.queryKey[2] === 'members',
    }),
  ]);
}

/** Corrects the display name; every workspace the person belongs to shows the new one (P-RIGHT-2). */
export function useUpdateDisplayName() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (displayName: string) => unwrap(api.PATCH('/v1/me', { body: { displayName } })),
    onSuccess: (user) => onProfileChanged(queryClient, user),
  });
}

/** Asks for a confirmation link at a new email address; nothing changes until it is followed. */
export function useRequestEmailChange() {
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/v1/me/email-change', { body: { email } })),
  });
}

/** Confirms a new email address with the token from its link; the answer is the updated user. */
export function useConfirmEmailChange() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => unwrap(api.POST('/v1/me/email-change/confirm', { body: { token } })),
    onSuccess: (user) => onProfileChanged(queryClient, user),
  });
}
