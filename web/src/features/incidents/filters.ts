import { getEndOfDay, getStartOfDay, isIsoDate } from '../../lib/dates';
import type { IncidentCategory, IncidentListQuery } from '../../lib/api/types';
import { isCategory } from './categories';

/** The incident list's filters, as kept in the page's URL (so they survive reloads and can be shared). */
export type IncidentFilters = {
  from: string;
  to: string;
  category: IncidentCategory | '';
  child: string;
  tag: string;
  deleted: boolean;
};

export const EMPTY_FILTERS: IncidentFilters = {
  from: '',
  to: '',
  category: '',
  child: '',
  tag: '',
  deleted: false,
};

/** Reads filters from the URL, ignoring values that are not valid. */
export function parseFilters(params: URLSearchParams): IncidentFilters {
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const category = params.get('category');
  return {
    from: isIsoDate(from) ? from : '',
    to: isIsoDate(to) ? to : '',
    category: isCategory(category) ? category : '',
    child: (params.get('child') ?? '').slice(0, 120),
    tag: (params.get('tag') ?? '').slice(0, 40),
    deleted: params.get('deleted') === 'true',
  };
}

/** Writes filters to URL parameters, leaving out the empty ones. */
export function toSearchParams(filters: IncidentFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.from !== '') params.set('from', filters.from);
  if (filters.to !== '') params.set('to', filters.to);
  if (filters.category !== '') params.set('category', filters.category);
  if (filters.child.trim() !== '') params.set('child', filters.child.trim());
  if (filters.tag.trim() !== '') params.set('tag', filters.tag.trim());
  if (filters.deleted) params.set('deleted', 'true');
  return params;
}

/** How many filters are set (shown on the collapsed filter panel). */
export function countActiveFilters(filters: IncidentFilters): number {
  return toSearchParams(filters).size;
}

/** A date range in the reader's time zone, as the instants the API expects. */
export function toInstantRange(from: string, to: string, timeZone: string): { from?: string; to?: string } {
  const start = from === '' ? undefined : getStartOfDay(from, timeZone);
  const end = to === '' ? undefined : getEndOfDay(to, timeZone);
  return { ...(start === undefined ? {} : { from: start }), ...(end === undefined ? {} : { to: end }) };
}

/** The API query for these filters: days become instants in `timeZone` (the reader's zone). */
export function toIncidentQuery(filters: IncidentFilters, timeZone: string): IncidentListQuery {
  const query: IncidentListQuery = { ...toInstantRange(filters.from, filters.to, timeZone) };
  if (filters.category !== '') query.category = filters.category;
  if (filters.child.trim() !== '') query.child = filters.child.trim();
  if (filters.tag.trim() !== '') query.tag = filters.tag.trim();
  if (filters.deleted) query.deleted = true;
  return query;
}

/** A problem with the chosen dates, before asking the API. */
export function checkDateRange(from: string, to: string): string | undefined {
  if (from !== '' && to !== '' && from > to) return 'The “To” date must be on or after the “From” date.';
  return undefined;
}

/** The list's one-line status, announced after each load ("Showing 3 incidents matching the filters."). */
export function describeListCount(count: number, hasMore: boolean, filters: IncidentFilters): string {
  const kind = filters.deleted ? 'deleted incident' : 'incident';
  const matching = countActiveFilters({ ...filters, deleted: false }) > 0 ? ' matching the filters' : '';
  if (count === 0) return `No ${kind}s${matching}.`;
  return `Showing ${count} ${kind}${count === 1 ? '' : 's'}${matching}${hasMore ? '; more can be loaded' : ''}.`;
}
