import { useMemo } from 'react';
import { Link, useSearchParams } from 'react-router';
import type { Incident } from '../../lib/api/types';
import { formatDateTime, getBrowserTimeZone } from '../../lib/dates';
import { PageHeader } from '../../lib/ui/page';
import { EmptyState, ErrorState, LoadMore, Loading } from '../../lib/ui/status';
import { useCurrentWorkspace } from '../workspaces/workspace-context';
import {
  countActiveFilters,
  describeListCount,
  parseFilters,
  toIncidentQuery,
  toSearchParams,
  type IncidentFilters as Filters,
} from './filters';
import { useIncidentList } from './hooks';
import { IncidentFilters } from './incident-filters';
import { CategoryBadge, summarize } from './incident-parts';

/** The incident list: filters in the URL, newest first, "Load more" for older ones. */
export function IncidentsPage() {
  const { workspace, workspaceId, can } = useCurrentWorkspace();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = useMemo(() => parseFilters(searchParams), [searchParams]);
  const timeZone = getBrowserTimeZone();
  const query = useMemo(() => toIncidentQuery(filters, timeZone), [filters, timeZone]);
  const list = useIncidentList(workspaceId, query);
  const base = `/w/${encodeURIComponent(workspaceId)}/incidents`;
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const hasFilters = countActiveFilters(filters) > 0;

  const onApplyFilters = (next: Filters) => setSearchParams(toSearchParams(next));

  return (
    <>
      <PageHeader
        title="Incidents"
        description={workspace.name}
        actions={
          can('incidents:write') ? (
            <Link to={`${base}/new`} className="button button-primary" data-testid="new-incident">
              New incident
            </Link>
          ) : undefined
        }
      />
      <IncidentFilters
        key={searchParams.toString()}
        filters={filters}
        onApply={onApplyFilters}
        timeZone={timeZone}
      />
      <p className="status-line" role="status" data-testid="incidents-status">
        {list.isSuccess ? describeListCount(items.length, list.hasNextPage, filters) : ''}
      </p>
      {list.isPending ? (
        <Loading label="Loading incidents…" />
      ) : list.isError && !list.isFetchNextPageError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 && !list.hasNextPage ? (
        // A page may come back empty with more to read: a filter reads a bounded amount per
        // request, so "nothing matches" is said only once the whole list was read.
        hasFilters ? (
          <EmptyState
            title={filters.deleted ? 'No deleted incidents match' : 'No incidents match these filters'}
            action={
              <button type="button" className="button" onClick={() => setSearchParams(new URLSearchParams())}>
                Clear filters
              </button>
            }
          />
        ) : (
          <EmptyState
            title="No incidents yet"
            action={
              can('incidents:write') ? (
                <Link to={`${base}/new`} className="button button-primary">
                  Record the first incident
                </Link>
              ) : undefined
            }
          >
            <p>Incidents you record appear here, newest first.</p>
          </EmptyState>
        )
      ) : (
        <>
          <ol className="incident-list" data-testid="incident-list">
            {items.map((incident) => (
              <IncidentRow
                key={incident.id}
                incident={incident}
                to={`${base}/${encodeURIComponent(incident.id)}`}
              />
            ))}
          </ol>
          <LoadMore query={list} label="Load more" testId="load-more" />
          {list.isFetchNextPageError && (
            <ErrorState
              error={list.error}
              title="More incidents could not be loaded"
              onRetry={() => void list.fetchNextPage()}
            />
          )}
        </>
      )}
    </>
  );
}

function IncidentRow({ incident, to }: { incident: Incident; to: string }) {
  return (
    <li className="card incident-row" data-testid="incident-row">
      <div className="incident-row-head">
        <CategoryBadge category={incident.category} />
        <time dateTime={incident.occurredAt} className="incident-time">
          {formatDateTime(incident.occurredAt, incident.timeZone)}
        </time>
        {incident.followUpNeeded && <span className="badge badge-flag">Follow-up</span>}
        {incident.deletedAt !== undefined && <span className="badge badge-deleted">Deleted</span>}
      </div>
      <Link to={to} className="incident-row-link">
        {summarize(incident.narrative)}
      </Link>
      <p className="incident-row-meta muted small">
        {[
          incident.location !== '' ? incident.location : undefined,
          incident.childrenPresent.length > 0
            ? `Children: ${incident.childrenPresent.join(', ')}`
            : undefined,
          incident.tags.length > 0 ? `Tags: ${incident.tags.join(', ')}` : undefined,
        ]
          .filter((part) => part !== undefined)
          .join(' · ')}
      </p>
    </li>
  );
}
