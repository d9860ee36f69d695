import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { paths } from '../../lib/api/schema';
import { refreshMessages } from './hooks';

type PreviewPath = paths['/v1/workspaces/{workspaceId}/communications/import/preview'];

export type ImportBody = PreviewPath['post']['requestBody']['content']['application/json'];
export type ImportPreview = PreviewPath['post']['responses'][200]['content']['application/json'];

/** Reads an exported thread into what would be logged; saves nothing. */
export function usePreviewImport(workspaceId: string) {
  return useMutation({
    mutationFn: (body: ImportBody) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/communications/import/preview', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
  });
}

/** Logs every message of the thread at once (the API saves all or none). */
export function useImportThread(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ImportBody) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/communications/import', {
          params: { path: { workspaceId } },
          body,
        }),
      ),
    onSuccess: () => refreshMessages(queryClient, workspaceId),
  });
}
