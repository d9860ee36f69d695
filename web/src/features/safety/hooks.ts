import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';

/** Turns safety mode on or off; every view of the workspace then reads the new state. */
export function useSetSafetyMode(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (isOn: boolean) =>
      unwrap(
        api.PUT('/v1/workspaces/{workspaceId}/safety-mode', {
          params: { path: { workspaceId } },
          body: { isOn },
        }),
      ),
    onSuccess: (workspace) => {
      queryClient.setQueryData(queryKeys.workspace(workspaceId), workspace);
      // Records already loaded may hold places the new setting withholds (or the other way round).
      return queryClient.invalidateQueries({ queryKey: queryKeys.workspace(workspaceId) });
    },
  });
}
