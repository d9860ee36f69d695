import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { EmailPreferencesPatch } from '../../lib/api/types';

/** The signed-in person's opt-ins to optional email. */
export function useEmailPreferences() {
  return useQuery({
    queryKey: queryKeys.emailPreferences,
    queryFn: () => unwrap(api.GET('/v1/me/email-preferences')),
  });
}

/** Opts in to or out of optional kinds of email; the answer replaces the cached preferences. */
export function useUpdateEmailPreferences() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EmailPreferencesPatch) => unwrap(api.PATCH('/v1/me/email-preferences', { body })),
    onSuccess: (preferences) => queryClient.setQueryData(queryKeys.emailPreferences, preferences),
  });
}

/** What an unsubscribe link is for (reading it changes nothing). */
export function useUnsubscribePreview(token: string) {
  return useQuery({
    queryKey: queryKeys.unsubscribe(token),
    queryFn: () => unwrap(api.GET('/v1/email/unsubscribe', { params: { query: { token } } })),
    enabled: token !== '',
    retry: false,
  });
}

/** Unsubscribes with the token of an email link (no sign-in needed). */
export function useUnsubscribe(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/email/unsubscribe', { body: { token } })),
    onSuccess: (state) => {
      queryClient.setQueryData(queryKeys.unsubscribe(token), state);
      void queryClient.invalidateQueries({ queryKey: queryKeys.emailPreferences });
    },
  });
}
