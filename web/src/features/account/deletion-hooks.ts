import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';

/** What deleting the account does, or when a requested deletion becomes final (P-RIGHT-3). */
export function useAccountDeletion() {
  return useQuery({
    queryKey: queryKeys.accountDeletion,
    queryFn: () => unwrap(api.GET('/v1/account/deletion')),
  });
}

/** Deletes the account; the session ends with it, so every cached record is forgotten. */
export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (confirmation: string) =>
      unwrap(api.POST('/v1/account/deletion', { body: { confirmation } })),
    onSuccess: () => {
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}

/** Restores the account within its 30 days. */
export function useRestoreAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.POST('/v1/account/restore')),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: queryKeys.accountDeletion });
      await queryClient.invalidateQueries({ queryKey: queryKeys.me });
    },
  });
}
