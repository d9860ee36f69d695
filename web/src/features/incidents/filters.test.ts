import { describe, expect, it } from 'vitest';
import {
  checkDateRange,
  countActiveFilters,
  describeListCount,
  EMPTY_FILTERS,
  parseFilters,
  toIncidentQuery,
  toSearchParams,
} from './filters';

describe('incident filters', () => {
  it('round-trips through the URL and drops invalid values', () => {
    const params = new URLSearchParams(
      'from=2025-03-01&to=2025-02-31&category=school&child=Mia&deleted=true&x=1',
    );
    const filters = parseFilters(params);
    expect(filters).toEqual({
      ...EMPTY_FILTERS,
      from: '2025-03-01',
      category: 'school',
      child: 'Mia',
      deleted: true,
    });
    expect(toSearchParams(filters).toString()).toBe('from=2025-03-01&category=school&child=Mia&deleted=true');
    expect(countActiveFilters(filters)).toBe(4);
    expect(parseFilters(new URLSearchParams('category=nonsense')).category).toBe('');
  });

  it('turns days into instants covering whole days in the reader’s zone', () => {
    const query = toIncidentQuery(
      { ...EMPTY_FILTERS, from: '2025-07-01', to: '2025-07-31', tag: ' pickup ' },
      'Europe/Paris',
    );
    expect(query).toEqual({
      from: '2025-07-01T00:00:00+02:00',
      to: '2025-07-31T23:59:59.999+02:00',
      tag: 'pickup',
    });
    expect(toIncidentQuery(EMPTY_FILTERS, 'UTC')).toEqual({});
  });

  it('checks the order of the dates', () => {
    expect(checkDateRange('2025-03-02', '2025-03-01')).toMatch(/on or after/);
    expect(checkDateRange('2025-03-01', '2025-03-01')).toBeUndefined();
    expect(checkDateRange('', '2025-03-01')).toBeUndefined();
  });

  it('describes the list in one sentence', () => {
    expect(describeListCount(0, false, EMPTY_FILTERS)).toBe('No incidents.');
    expect(describeListCount(1, false, { ...EMPTY_FILTERS, category: 'school' })).toBe(
      'Showing 1 incident matching the filters.',
    );
    expect(describeListCount(25, true, { ...EMPTY_FILTERS, deleted: true })).toBe(
      'Showing 25 deleted incidents; more can be loaded.',
    );
  });
});
