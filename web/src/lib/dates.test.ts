import { describe, expect, it } from 'vitest';
import {
  addDays,
  formatDay,
  formatOffset,
  fromWallTime,
  getEndOfDay,
  getStartOfDay,
  getToday,
  isIsoDate,
  listTimeZones,
  toOffsetIso,
  toWallTime,
} from './dates';

describe('fromWallTime', () => {
  it('gives the instant with the zone offset in winter and in summer', () => {
    expect(fromWallTime('2025-01-15T09:30', 'Europe/London')).toEqual({
      ok: true,
      iso: '2025-01-15T09:30:00+00:00',
      instantMs: Date.parse('2025-01-15T09:30:00Z'),
    });
    const summer = fromWallTime('2025-07-15T09:30', 'Europe/London');
    expect(summer.ok && summer.iso).toBe('2025-07-15T09:30:00+01:00');
    const newYork = fromWallTime('2025-03-04T18:05', 'America/New_York');
    expect(newYork.ok && newYork.iso).toBe('2025-03-04T18:05:00-05:00');
    const kolkata = fromWallTime('2025-03-04T18:05', 'Asia/Kolkata');
    expect(kolkata.ok && kolkata.iso).toBe('2025-03-04T18:05:00+05:30');
  });

  it('refuses a time skipped when clocks go forward', () => {
    expect(fromWallTime('2025-03-30T01:30', 'Europe/London')).toEqual({ ok: false, reason: 'nonexistent' });
    expect(fromWallTime('2025-03-09T02:30', 'America/New_York')).toEqual({
      ok: false,
      reason: 'nonexistent',
    });
  });

  it('picks the earlier of two times when clocks go back', () => {
    const result = fromWallTime('2025-10-26T01:30', 'Europe/London');
    expect(result.ok && result.iso).toBe('2025-10-26T01:30:00+01:00');
  });

  it('refuses malformed input, impossible dates and unknown zones', () => {
    expect(fromWallTime('2025-02-30T10:00', 'UTC')).toEqual({ ok: false, reason: 'invalid' });
    expect(fromWallTime('yesterday', 'UTC')).toEqual({ ok: false, reason: 'invalid' });
    expect(fromWallTime('2025-02-01T10:00', 'Mars/Olympus')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('round-trips with toWallTime', () => {
    const result = fromWallTime('2024-12-31T23:59', 'Australia/Sydney');
    expect(result.ok).toBe(true);
    if (result.ok) expect(toWallTime(result.iso, 'Australia/Sydney')).toBe('2024-12-31T23:59');
  });
});

describe('toWallTime and toOffsetIso', () => {
  it('shows an instant on the wall clock of another zone', () => {
    expect(toWallTime('2025-03-04T18:05:00-05:00', 'Europe/Paris')).toBe('2025-03-05T00:05');
    expect(toOffsetIso(Date.parse('2025-03-04T23:05:00Z'), 'Europe/Paris')).toBe('2025-03-05T00:05:00+01:00');
  });

  it('formats offsets', () => {
    expect(formatOffset(0)).toBe('+00:00');
    expect(formatOffset(-330)).toBe('-05:30');
    expect(formatOffset(765)).toBe('+12:45');
  });
});

describe('day helpers', () => {
  it('checks calendar dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
  });

  it('adds days across months and years', () => {
    expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
  });

  it('gives the bounds of a day in a zone, including a day with 23 hours', () => {
    expect(getStartOfDay('2025-03-30', 'Europe/London')).toBe('2025-03-30T00:00:00+00:00');
    expect(getEndOfDay('2025-03-30', 'Europe/London')).toBe('2025-03-30T23:59:59.999+01:00');
    expect(getStartOfDay('2025-13-01', 'UTC')).toBeUndefined();
  });

  it('knows today in a zone', () => {
    const now = Date.parse('2025-03-04T23:30:00Z');
    expect(getToday('UTC', now)).toBe('2025-03-04');
    expect(getToday('Asia/Tokyo', now)).toBe('2025-03-05');
  });

  it('writes a day heading in the given language', () => {
    const heading = formatDay('2025-03-04', 'en-GB');
    expect(heading).toMatch(/^Tuesday,? 4 March 2025$/);
    expect(formatDay('not a date', 'en-GB')).toBe('not a date');
  });

  it('lists zones with UTC and extra zones included', () => {
    const zones = listTimeZones(['Etc/GMT+5']);
    expect(zones).toContain('UTC');
    expect(zones).toContain('Europe/London');
    expect(zones).toContain('Etc/GMT+5');
  });
});
