/**
 * Date and time-zone helpers. Incidents keep the wall-clock time and the IANA zone where they
 * happened; the API stores the instant as ISO 8601 with the zone's offset. Everything here uses
 * only `Intl`, so no time-zone database ships with the app.
 */

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const WALL_TIME_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

type WallParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallParts(instantMs: number, timeZone: string): WallParts {
  const values: Record<string, number> = {};
  for (const part of partsFormatter(timeZone).formatToParts(new Date(instantMs))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  return {
    year: values.year ?? 1970,
    month: values.month ?? 1,
    day: values.day ?? 1,
    hour: (values.hour ?? 0) % 24,
    minute: values.minute ?? 0,
    second: values.second ?? 0,
  };
}

function pad(value: number, length = 2): string {
  return String(Math.abs(value)).padStart(length, '0');
}

/** The browser's IANA time zone (UTC when it cannot tell). */
export function getBrowserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** Whether `timeZone` is an IANA zone this browser knows. */
export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone === '') return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Every IANA zone the browser knows, sorted, always including UTC and the `extra` zones given. */
export function listTimeZones(extra: readonly string[] = []): string[] {
  const zones = new Set<string>(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  for (const zone of extra) if (zone !== '') zones.add(zone);
  return [...zones].sort((a, b) => a.localeCompare(b));
}

/** The offset of `timeZone` from UTC at an instant, in whole minutes (east positive). */
export function getZoneOffsetMinutes(instantMs: number, timeZone: string): number {
  const parts = wallParts(instantMs, timeZone);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  const flooredInstant = Math.floor(instantMs / 1000) * 1000;
  return Math.round((asUtc - flooredInstant) / MINUTE_MS);
}

/** An offset in minutes as ISO 8601 (`+02:00`, `-05:30`, `+00:00`). */
export function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const absolute = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(absolute / 60))}:${pad(absolute % 60)}`;
}

/**
 * An instant as ISO 8601 with the offset of `timeZone` at that instant: `2025-03-04T18:30:00+01:00`
 * (with `.sss` milliseconds when `withMillis`).
 */
export function toOffsetIso(instantMs: number, timeZone: string, withMillis = false): string {
  const parts = wallParts(instantMs, timeZone);
  const offset = getZoneOffsetMinutes(instantMs, timeZone);
  const millis = withMillis ? `.${pad(((instantMs % 1000) + 1000) % 1000, 3)}` : '';
  return (
    `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}` +
    `T${pad(parts.hour)}:${pad(parts.minute)}:${pad(parts.second)}${millis}${formatOffset(offset)}`
  );
}

/** An instant as the value of an `<input type="datetime-local">` showing the wall clock in `timeZone`. */
export function toWallTime(instant: string | number, timeZone: string): string {
  const instantMs = typeof instant === 'number' ? instant : Date.parse(instant);
  const parts = wallParts(instantMs, timeZone);
  return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}T${pad(parts.hour)}:${pad(parts.minute)}`;
}

export type WallTimeResult =
  { ok: true; iso: string; instantMs: number } | { ok: false; reason: 'invalid' | 'nonexistent' };

/**
 * The instant at which the wall clock in `timeZone` shows `wallTime` (`YYYY-MM-DDTHH:mm`), as ISO
 * 8601 with that zone's offset. When clocks go back and the time happens twice, the earlier one is
 * chosen; when clocks go forward and the time never happens, answers `nonexistent`.
 */
export function fromWallTime(wallTime: string, timeZone: string): WallTimeResult {
  const match = WALL_TIME_PATTERN.exec(wallTime);
  if (match === null || !isValidTimeZone(timeZone)) return { ok: false, reason: 'invalid' };
  const [year, month, day, hour, minute, second] = match.slice(1).map((value) => Number(value ?? '0')) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  if (
    Number.isNaN(asUtc) ||
    new Date(asUtc).getUTCDate() !== day ||
    new Date(asUtc).getUTCMonth() !== month - 1
  ) {
    return { ok: false, reason: 'invalid' };
  }
  const target = `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`;
  const candidates = new Set<number>();
  for (const probe of [asUtc - DAY_MS, asUtc, asUtc + DAY_MS]) {
    candidates.add(asUtc - getZoneOffsetMinutes(probe, timeZone) * MINUTE_MS);
  }
  const matching = [...candidates]
    .filter((instantMs) => toWallTime(instantMs, timeZone) === target)
    .sort((a, b) => a - b);
  const instantMs = matching[0];
  if (instantMs === undefined) return { ok: false, reason: 'nonexistent' };
  return { ok: true, iso: toOffsetIso(instantMs, timeZone), instantMs };
}

/** Today's date (`YYYY-MM-DD`) on the wall clock of `timeZone`. */
export function getToday(timeZone: string, now: number = Date.now()): string {
  return toWallTime(now, timeZone).slice(0, 10);
}

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE_PATTERN.exec(value);
  if (match === null) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/** A `YYYY-MM-DD` date moved by `days` (negative to go back). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  return new Date(date.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The first instant of a `YYYY-MM-DD` day in `timeZone`, as ISO 8601 with offset. */
export function getStartOfDay(isoDate: string, timeZone: string): string | undefined {
  if (!isIsoDate(isoDate)) return undefined;
  const midnight = fromWallTime(`${isoDate}T00:00`, timeZone);
  if (midnight.ok) return midnight.iso;
  // A zone whose clocks skip midnight on that day: the day starts at the first minute that exists.
  for (let minutes = 1; minutes <= 180; minutes += 1) {
    const later = fromWallTime(`${isoDate}T${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`, timeZone);
    if (later.ok) return later.iso;
  }
  return undefined;
}

/** The last instant of a `YYYY-MM-DD` day in `timeZone` (one millisecond before the next day starts), as ISO 8601 with offset. */
export function getEndOfDay(isoDate: string, timeZone: string): string | undefined {
  if (!isIsoDate(isoDate)) return undefined;
  const nextStart = getStartOfDay(addDays(isoDate, 1), timeZone);
  if (nextStart === undefined) return undefined;
  return toOffsetIso(Date.parse(nextStart) - 1, timeZone, true);
}

/** A calendar date (`YYYY-MM-DD`) for a heading: "Tuesday, 4 March 2025" in the reader's language. */
export function formatDay(isoDate: string, locale?: string): string {
  if (!isIsoDate(isoDate)) return isoDate;
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(new Date(`${isoDate}T00:00:00Z`));
}

/** An instant shown on the wall clock of `timeZone` (the reader's zone when omitted), with the zone's short name. */
export function formatDateTime(instant: string, timeZone?: string, locale?: string): string {
  const instantMs = Date.parse(instant);
  if (Number.isNaN(instantMs)) return instant;
  const zone = timeZone !== undefined && isValidTimeZone(timeZone) ? timeZone : undefined;
  return (
    new Intl.DateTimeFormat(locale, {
      timeZone: zone,
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(instantMs)) + (zone === undefined ? '' : ` ${formatZoneName(instantMs, zone, locale)}`)
  );
}

/** Only the time of day of an instant in `timeZone`, with the zone's short name ("18:30 GMT+1"). */
export function formatTimeOfDay(instant: string, timeZone: string, locale?: string): string {
  const instantMs = Date.parse(instant);
  if (Number.isNaN(instantMs) || !isValidTimeZone(timeZone)) return instant;
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    hour: 'numeric',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(new Date(instantMs));
}

function formatZoneName(instantMs: number, timeZone: string, locale?: string): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date(instantMs))
    .find((item) => item.type === 'timeZoneName');
  return part?.value ?? timeZone;
}
