import type { QueryClient } from '@tanstack/react-query';
import type { LoaderFunctionArgs } from 'react-router';
import { getBrowserTimeZone } from '../lib/dates';
import { meQuery } from '../features/auth/hooks';
import { billingQuery } from '../features/billing/queries';
import { communicationListQuery } from '../features/communications/queries';
import { licenseListQuery } from '../features/credentials/license-queries';
import { documentListQuery, storageUsageQuery } from '../features/documents/queries';
import { parseFilters, toIncidentQuery } from '../features/incidents/filters';
import { incidentListQuery } from '../features/incidents/queries';
import { nextExercisesQuery, skillListQuery } from '../features/practice/queries';
import { policyStatusQuery } from '../features/privacy/hooks';
import { hasPermission } from '../features/workspaces/permissions';
import { workspaceQuery } from '../features/workspaces/queries';

/** A route loader that only starts reads: it returns at once, so the route renders without waiting. */
export type RouteDataLoader = (args: LoaderFunctionArgs) => null;

/**
 * What each signed-in route reads first, started by the router's loaders the moment the route is
 * matched: on the first load before React renders, on a navigation beside the page's own chunk.
 * Without them a page asked for its data only after the session check (`/v1/me`), then the
 * workspace, then its own chunk had each answered and rendered: three round trips in a row, which
 * a phone on a slow network sees as a late first paint of the content.
 *
 * Each loader starts exactly the reads its page makes when it mounts, with the same query options
 * (keys, functions, staleness), so the page finds them in the query cache, answered or under way,
 * and sends nothing twice. Reads that depend on the person's role (check-ins) wait for the
 * workspace, which is already under way.
 */
export function createRouteDataLoaders(queryClient: QueryClient) {
  const workspaceOf = ({ params }: LoaderFunctionArgs): string => params.workspaceId ?? '';

  return {
    /** Every signed-in page: who is signed in, and the policy banner's status (RequireAuth waits for both). */
    session: (() => {
      void queryClient.prefetchQuery(meQuery);
      void queryClient.prefetchQuery(policyStatusQuery);
      return null;
    }) satisfies RouteDataLoader,
    /** Every workspace page: the workspace and its plan (the shell's billing banners). */
    workspace: ((args) => {
      void queryClient.prefetchQuery(workspaceQuery(workspaceOf(args)));
      void queryClient.prefetchQuery(billingQuery(workspaceOf(args)));
      return null;
    }) satisfies RouteDataLoader,
    /** The incident list, with the filters in the URL read as the page reads them. */
    incidents: ((args) => {
      const query = toIncidentQuery(
        parseFilters(new URL(args.request.url).searchParams),
        getBrowserTimeZone(),
      );
      void queryClient.prefetchInfiniteQuery(incidentListQuery(workspaceOf(args), query));
      return null;
    }) satisfies RouteDataLoader,
    /** The vault's first page of documents (no search yet) and its storage use. */
    documents: ((args) => {
      void queryClient.prefetchInfiniteQuery(documentListQuery(workspaceOf(args), {}));
      void queryClient.prefetchQuery(storageUsageQuery(workspaceOf(args)));
      return null;
    }) satisfies RouteDataLoader,
    communications: ((args) => {
      void queryClient.prefetchInfiniteQuery(communicationListQuery(workspaceOf(args)));
      return null;
    }) satisfies RouteDataLoader,
    licenses: ((args) => {
      void queryClient.prefetchQuery(licenseListQuery(workspaceOf(args)));
      return null;
    }) satisfies RouteDataLoader,
    /**
     * Check-ins: a person's own trend and list, or the list shared with a professional. Which one
     * depends on the role, so these wait for the workspace (already under way); the query
     * definitions come with their chunk, loaded meanwhile, so the entry does not carry them.
     */
    checkIns: ((args) => {
      const workspaceId = workspaceOf(args);
      void Promise.all([
        queryClient.ensureQueryData(workspaceQuery(workspaceId)),
        import('../features/wellbeing/queries'),
      ])
        .then(([workspace, { recordListQuery, trendQuery }]) => {
          const isOwnReader = hasPermission(workspace, 'wellbeing:use');
          if (isOwnReader) void queryClient.prefetchQuery(trendQuery(workspaceId, '30'));
          void queryClient.prefetchInfiniteQuery(
            recordListQuery(workspaceId, 'check-ins', {
              scope: isOwnReader ? 'mine' : 'shared',
              deleted: false,
            }),
          );
        })
        // The page asks again when it mounts and shows any failure itself.
        .catch(() => undefined);
      return null;
    }) satisfies RouteDataLoader,
    practice: ((args) => {
      void queryClient.prefetchQuery(nextExercisesQuery(workspaceOf(args)));
      void queryClient.prefetchQuery(skillListQuery(workspaceOf(args)));
      return null;
    }) satisfies RouteDataLoader,
  };
}
