import {
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
  type QueryClient,
} from '@tanstack/react-query';
import { api, unwrap, unwrapEmpty } from '../../lib/api/client';
import { queryKeys } from '../../lib/api/query-keys';
import type {
  Incident,
  IncidentCreateBody,
  IncidentListQuery,
  IncidentPatchBody,
  TimelineQuery,
} from '../../lib/api/types';
import { incidentListQuery } from './queries';

/** After any change to an incident: lists, the timeline and the audit log all show it. */
async function refreshJournal(
  queryClient: QueryClient,
  workspaceId: string,
  incident?: Incident,
): Promise<void> {
  if (incident !== undefined)
    queryClient.setQueryData(queryKeys.incident(workspaceId, incident.id), incident);
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: [...queryKeys.incidents(workspaceId), 'list'] }),
    queryClient.invalidateQueries({ queryKey: ['workspace', workspaceId, 'timeline'] }),
    queryClient.invalidateQueries({ queryKey: queryKeys.audit(workspaceId) }),
  ]);
}

/** Incidents matching `query`, page by page ("Load more"). */
export function useIncidentList(workspaceId: string, query: IncidentListQuery) {
  return useInfiniteQuery(incidentListQuery(workspaceId, query));
}

/** One incident (also when deleted). */
export function useIncident(workspaceId: string, incidentId: string) {
  return useQuery({
    queryKey: queryKeys.incident(workspaceId, incidentId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/incidents/{incidentId}', {
          params: { path: { workspaceId, incidentId } },
        }),
      ),
  });
}

/**
 * Records an incident. The Idempotency-Key is made once per form, so a retry after a dropped
 * connection cannot record the same incident twice.
 */
export function useCreateIncident(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: IncidentCreateBody; idempotencyKey: string }) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/incidents', {
          params: { path: { workspaceId } },
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        }),
      ),
    onSuccess: (incident) => refreshJournal(queryClient, workspaceId, incident),
  });
}

/** Corrects fields of an incident; answers 409 (version_conflict) when it changed since it was loaded. */
export function useUpdateIncident(workspaceId: string, incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IncidentPatchBody) =>
      unwrap(
        api.PATCH('/v1/workspaces/{workspaceId}/incidents/{incidentId}', {
          params: { path: { workspaceId, incidentId } },
          body,
        }),
      ),
    onSuccess: (incident) => refreshJournal(queryClient, workspaceId, incident),
  });
}

/** Deletes an incident (soft: it can be restored). */
export function useDeleteIncident(workspaceId: string, incidentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      unwrapEmpty(
        api.DELETE('/v1/workspaces/{workspaceId}/incidents/{incidentId}', {
          params: { path: { workspaceId, incidentId } },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: queryKeys.incident(workspaceId, incidentId) });
      await refreshJournal(queryClient, workspaceId);
    },
  });
}

/** Restores a deleted incident. */
export function useRestoreIncident(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (incidentId: string) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/incidents/{incidentId}/restore', {
          params: { path: { workspaceId, incidentId } },
        }),
      ),
    onSuccess: (incident) => refreshJournal(queryClient, workspaceId, incident),
  });
}

/** Incidents grouped by the day they happened (in each incident's own zone), newest day first. */
export function useTimeline(workspaceId: string, query: TimelineQuery) {
  return useQuery({
    queryKey: queryKeys.timeline(workspaceId, query),
    queryFn: () =>
      unwrap(api.GET('/v1/workspaces/{workspaceId}/timeline', { params: { path: { workspaceId }, query } })),
  });
}
