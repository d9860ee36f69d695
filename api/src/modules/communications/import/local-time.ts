/** A wall-clock time as an export prints it, before its time zone is known. */
type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number };

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/;
// US order, as OurFamilyWizard and TalkingParents print dates: 10/03/2026 at 5:30 PM, 10/3/2026 17:30.
const US_LOCAL =
  /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(?:at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/;

function isValid(time: WallTime): boolean {
  const date = new Date(Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second));
  return (
    date.getUTCFullYear() === time.year &&
    date.getUTCMonth() === time.month - 1 &&
    date.getUTCDate() === time.day &&
    time.hour < 24 &&
    time.minute < 60 &&
    time.second < 60
  );
}

function parseWallTime(text: string): WallTime | undefined {
  const iso = ISO_LOCAL.exec(text);
  if (iso !== null) {
    const [, year, month, day, hour, minute, second] = iso;
    return {
      year: Number(year),
      month: Number(month),
      day: Number(day),
      hour: Number(hour),
      minute: Number(minute),
      second: Number(second ?? 0),
    };
  }
  const us = US_LOCAL.exec(text);
  if (us === null) return undefined;
  const [, month, day, year, hour, minute, second, meridiem] = us;
  let hours = Number(hour);
  if (meridiem !== undefined) {
    if (hours < 1 || hours > 12) return undefined;
    const isPm = meridiem.toLowerCase() === 'pm';
    hours = (hours % 12) + (isPm ? 12 : 0);
  }
  return {
    year: Number(year),
    month: Number(month),
    day: Number(day),
    hour: hours,
    minute: Number(minute),
    second: Number(second ?? 0),
  };
}

/** Minutes `timeZone` is ahead of UTC at the instant `utcMs`. */
function offsetMinutes(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(utcMs));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? '0');
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/**
 * The instant an export's date means, as ISO 8601 with the offset of `timeZone` then: dates that
 * carry their own offset are kept as written; wall-clock dates (ISO without offset, or US
 * month/day/year with an optional AM/PM) are read in `timeZone`. Undefined when not a date.
 */
export function toInstant(text: string, timeZone: string): string | undefined {
  const trimmed = text.trim();
  if (ISO_WITH_OFFSET.test(trimmed)) return Number.isNaN(Date.parse(trimmed)) ? undefined : trimmed;
  const wall = parseWallTime(trimmed);
  if (wall === undefined || !isValid(wall)) return undefined;
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // Twice: the offset at the first guess may differ from the one at the true instant near a DST change.
  const offset = offsetMinutes(asUtc - offsetMinutes(asUtc, timeZone) * 60_000, timeZone);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return (
    `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}
