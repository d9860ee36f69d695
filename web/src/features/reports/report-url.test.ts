import { describe, expect, it } from 'vitest';
import { buildReportUrl } from './report-page';

describe('court report address', () => {
  it('turns days in the reader’s zone into instants, and leaves an open range open', () => {
    expect(buildReportUrl('ws1', '', '', 'UTC')).toBe('/v1/workspaces/ws1/reports/incidents.pdf');
    const url = new URL(buildReportUrl('ws1', '2026-10-01', '2026-10-31', 'America/Chicago'), 'http://x');
    expect(url.searchParams.get('from')).toBe('2026-10-01T00:00:00-05:00');
    expect(url.searchParams.get('to')?.startsWith('2026-10-31T23:59:59')).toBe(true);
  });
});
