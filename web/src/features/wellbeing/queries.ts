import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../lib/api/client';
import type { RecordPath } from './hooks';
import { careNotes, checkIns, complaints, type RecordKindClient } from './record-kinds';

/**
 * The wellbeing pages' reads as query options, shared by their hooks and by the check-ins route's
 * loader (app/route-data.ts), which starts them before the page renders: the same keys, so the
 * page finds them in the cache and nothing is sent twice.
 */

export const RECORD_KINDS: Record<RecordPath, RecordKindClient> = {
  'check-ins': checkIns,
  complaints,
  'care-notes': careNotes,
};

export const wellbeingKeys = {
  all: (workspaceId: string) => ['workspace', workspaceId, 'wellbeing'] as const,
  records: (workspaceId: string, path: RecordPath) => ['workspace', workspaceId, 'wellbeing', path] as const,
  trend: (workspaceId: string, days: string) =>
    ['workspace', workspaceId, 'wellbeing', 'trend', days] as const,
  plan: (workspaceId: string) => ['workspace', workspaceId, 'wellbeing', 'safety-plan'] as const,
};

/** Whose records a list shows: yours, yours deleted, or those shared with you. */
export type RecordScope = { scope: 'mine' | 'shared'; deleted: boolean };
export type TrendDays = '30' | '90' | '365';

/** One kind of record in one scope, page by page. */
export function recordListQuery(workspaceId: string, path: RecordPath, query: RecordScope) {
  return infiniteQueryOptions({
    queryKey: [...wellbeingKeys.records(workspaceId, path), 'list', query],
    queryFn: ({ pageParam }) =>
      RECORD_KINDS[path].list(workspaceId, {
        ...query,
        limit: 25,
        ...(pageParam === undefined ? {} : { cursor: pageParam }),
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/** The trend and calendar of a person's own check-ins over the last `days`. */
export function trendQuery(workspaceId: string, days: TrendDays) {
  return queryOptions({
    queryKey: wellbeingKeys.trend(workspaceId, days),
    queryFn: () =>
      unwrap(
        api.GET('/v1/workspaces/{workspaceId}/wellbeing/check-ins/trend', {
          params: { path: { workspaceId }, query: { days } },
        }),
      ),
  });
}
