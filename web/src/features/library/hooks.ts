import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { components } from '../../lib/api/schema';

export type LibraryItem = components['schemas']['LibraryItem'];
export type LibraryHit = components['schemas']['LibraryHit'];
export type SearchResult = components['schemas']['LibrarySearchResult'];
export type Checklist = components['schemas']['LibraryChecklist'];
export type LibraryKind = LibraryHit['kind'];

export const libraryKeys = {
  all: (workspaceId: string) => ['workspace', workspaceId, 'library'] as const,
  search: (workspaceId: string, q: string, kind: LibraryKind | undefined) =>
    ['workspace', workspaceId, 'library', 'search', q, kind ?? 'all'] as const,
  item: (workspaceId: string, source: string, id: string) =>
    ['workspace', workspaceId, 'library', 'item', source, id] as const,
  checklists: (workspaceId: string) => ['workspace', workspaceId, 'library', 'checklists'] as const,
};

/** The library ranked for the words typed (all of it, without words); says how it was ranked. */
export function useLibrarySearch(workspaceId: string, q: string, kind: LibraryKind | undefined) {
  return useQuery({
    queryKey: libraryKeys.search(workspaceId, q, kind),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/library/search', {
          params: {
            path: { workspaceId },
            query: { limit: 50, ...(q === '' ? {} : { q }), ...(kind === undefined ? {} : { kind }) },
          },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

/** One item: shipped ones by content id, the workspace's own by their id. */
export function useLibraryItem(workspaceId: string, hit: LibraryHit | undefined) {
  return useQuery({
    queryKey: libraryKeys.item(workspaceId, hit?.source ?? '', hit?.id ?? ''),
    enabled: hit !== undefined,
    queryFn: () => {
      if (hit === undefined) throw new Error('no item chosen');
      return fetchLibraryItem(workspaceId, hit);
    },
  });
}

/** Reads one item in full: shipped ones by content id, the workspace's own by their id. */
export function fetchLibraryItem(workspaceId: string, hit: Pick<LibraryHit, 'source' | 'id'>) {
  return hit.source === 'holdfast'
    ? unwrap(
        api.GET('/v1/workspaces/{workspaceId}/library/content/{contentId}', {
          params: { path: { workspaceId, contentId: hit.id } },
        }),
      )
    : unwrap(
        api.GET('/v1/workspaces/{workspaceId}/library/additions/{additionId}', {
          params: { path: { workspaceId, additionId: hit.id } },
        }),
      );
}

/** The library's templates that start a message draft: shipped ones and the workspace's own. */
export function useDraftTemplates(workspaceId: string) {
  return useQuery({
    queryKey: [...libraryKeys.all(workspaceId), 'draft-templates'] as const,
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/library/search', {
          params: { path: { workspaceId }, query: { target: 'draft', limit: 100 } },
        }),
      ),
  });
}

export function useChecklists(workspaceId: string) {
  return useQuery({
    queryKey: libraryKeys.checklists(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/library/checklists', { params: { path: { workspaceId } } }),
      ),
  });
}

/** Copies a checklist into the workspace, to tick off there. */
export function useCopyChecklist(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (item: { source: LibraryHit['source']; itemId: string }) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/library/checklists', {
          params: { path: { workspaceId } },
          body: item,
        }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: libraryKeys.checklists(workspaceId) }),
  });
}

/** Sets the done steps of a checklist at the version shown (a stale one answers 409). */
export function useTickChecklist(workspaceId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (tick: { checklistId: string; version: number; doneStepIds: string[] }) =>
      unwrap(
        api.POST('/v1/workspaces/{workspaceId}/library/checklists/{checklistId}/ticks', {
          params: { path: { workspaceId, checklistId: tick.checklistId } },
          body: { version: tick.version, doneStepIds: tick.doneStepIds },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: libraryKeys.checklists(workspaceId) }),
  });
}
