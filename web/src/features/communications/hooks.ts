import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { communicationListQuery, communicationsKey } from './queries';

type ListPath = paths['/v1/workspaces/{workspaceId}/communications'];
type RewritePath = paths['/v1/workspaces/{workspaceId}/drafts/rewrite'];

export type Communication = ListPath['get']['responses'][200]['content']['application/json']['items'][number];
export type CommunicationBody = ListPath['post']['requestBody']['content']['application/json'];
export type RewriteSuggestion = RewritePath['post']['responses'][200]['content']['application/json'];

/** Logged messages, newest first, page by page. */
export function useCommunications(workspaceId: string) {
  return useInfiniteQuery(communicationListQuery(workspaceId));
}

/** Logs a message. */
export function useLogCommunication(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CommunicationBody) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/communications', { params: { path: { workspaceId } }, body }),
      ),
    onSuccess: () => refreshMessages(queryClient, workspaceId),
  });
}

/** After messages are logged: the list and the timeline (which shows them too) read again. */
export async function refreshMessages(queryClient: QueryClient, workspaceId: string): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: communicationsKey(workspaceId) }),
    queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'timeline'] }),
  ]);
}

const communicationKey = (workspaceId: string, communicationId: string) =>
  [...communicationsKey(workspaceId), communicationId] as const;

/** One logged message. */
export function useCommunication(workspaceId: string, communicationId: string) {
  return useQuery({
    queryKey: communicationKey(workspaceId, communicationId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/communications/{communicationId}', {
          params: { path: { workspaceId, communicationId } },
        }),
      ),
  });
}

/** Adds a note beside a message (how a received message is corrected or explained). */
export function useAddNote(workspaceId: string, communicationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/communications/{communicationId}/notes', {
          params: { path: { workspaceId, communicationId } },
          body: { text },
        }),
      ),
    onSuccess: (message) => {
      queryClient.setQueryData(communicationKey(workspaceId, communicationId), message);
      void queryClient.invalidateQueries({ queryKey: communicationsKey(workspaceId), exact: true });
    },
  });
}
