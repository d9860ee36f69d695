import type { paths } from '../../lib/api/schema';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type { DocumentListQuery, DocumentPatchBody } from '../../lib/api/types';
import { documentListQuery, storageUsageQuery } from './queries';

/** The record types documents attach to, as the API lists them. */
export type AttachableRecordType =
  paths['/v1/workspaces/{workspaceId}/attachments/{recordType}/{recordId}']['get']['parameters']['path']['recordType'];

/** Documents matching `query`, page by page. */
export function useDocumentList(workspaceId: string, query: DocumentListQuery) {
  return useInfiniteQuery(documentListQuery(workspaceId, query));
}

export function useDocument(workspaceId: string, documentId: string) {
  return useQuery({
    queryKey: queryKeys.document(workspaceId, documentId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/documents/{documentId}', {
          params: { path: { workspaceId, documentId } },
        }),
      ),
  });
}

export function useStorageUsage(workspaceId: string, options: { enabled?: boolean } = {}) {
  return useQuery({ ...storageUsageQuery(workspaceId), enabled: options.enabled ?? true });
}

export function useUpdateDocument(workspaceId: string, documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: DocumentPatchBody) =>
      unwrap(
        api.PATCH('/v1/workspaces/{workspaceId}/documents/{documentId}', {
          params: { path: { workspaceId, documentId } },
          body,
        }),
      ),
    onSuccess: async (document) => {
      queryClient.setQueryData(queryKeys.document(workspaceId, documentId), document);
      await queryClient.invalidateQueries({ queryKey: queryKeys.documents(workspaceId) });
    },
  });
}

export function useDeleteDocument(workspaceId: string, documentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/documents/{documentId}', {
          params: { path: { workspaceId, documentId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.documents(workspaceId) }),
  });
}

/** The documents attached to a record (any record type the API lists). */
export function useAttachments(workspaceId: string, recordType: AttachableRecordType, recordId: string) {
  return useQuery({
    queryKey: queryKeys.attachments(workspaceId, recordType, recordId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/attachments/{recordType}/{recordId}', {
          params: { path: { workspaceId, recordType, recordId } },
        }),
      ),
  });
}

export function useAttach(workspaceId: string, recordType: AttachableRecordType, recordId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/attachments/{recordType}/{recordId}', {
          params: { path: { workspaceId, recordType, recordId } },
          body: { documentId },
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.attachments(workspaceId, recordType, recordId) }),
  });
}

export function useDetach(workspaceId: string, recordType: AttachableRecordType, recordId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (documentId: string) =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/attachments/{recordType}/{recordId}/{documentId}', {
          params: { path: { workspaceId, recordType, recordId, documentId } },
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: queryKeys.attachments(workspaceId, recordType, recordId) }),
  });
}
