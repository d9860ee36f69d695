/**
 * Renewal-cycle arithmetic on calendar dates (`YYYY-MM-DD`), pure so it can be tested on edge
 * cases. Boundaries are computed from the expiry date by whole months each time (never by
 * stepping from the previous boundary), so a cycle ending on 29 February does not drift to the
 * 28th for every cycle after a short year.
 */

export type Cycle = {
  startsOn: string;
  endsOn: string;
  /** Days in the cycle, both ends included. */
  days: number;
  /** Whether the cycle begins at the license's issue date and is shorter than a full cycle. */
  isFirstRenewal: boolean | null;
  /** Whether the cycle is shorter than the rule's cycle (a first renewal after a mid-cycle issue). */
  isShortened: boolean;
};

export type CycleInput = {
  issuedOn: string | null;
  expiresOn: string | null;
  cycleMonths: number | null;
};

export type CyclePlan =
  { isKnown: true; previous: Cycle[]; current: Cycle; next: Cycle } | { isKnown: false; reason: string };

const DAY_MS = 86_400_000;
/** Enough history to show; older cycles no longer matter for a renewal. */
const MAX_PREVIOUS = 4;

function toUtc(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function daysInMonth(year: number, monthIndex: number): number {
  return new Date(Date.UTC(year, monthIndex + 1, 0)).getUTCDate();
}

/** Whether a string is a real calendar date (2026-02-30 is not). */
export function isCalendarDate(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return false;
  return fromUtc(toUtc(date)) === date;
}

/** The same day `months` later (or earlier); a day the target month lacks becomes its last day. */
export function addMonths(date: string, months: number): string {
  const year = Number(date.slice(0, 4));
  const monthIndex = Number(date.slice(5, 7)) - 1 + months;
  const targetYear = year + Math.floor(monthIndex / 12);
  const targetMonth = ((monthIndex % 12) + 12) % 12;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(targetYear, targetMonth));
  return fromUtc(Date.UTC(targetYear, targetMonth, day));
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

function buildCycle(startsOn: string, endsOn: string, fullStart: string, issuedOn: string | null): Cycle {
  const isShortened = startsOn !== fullStart;
  return {
    startsOn,
    endsOn,
    days: daysBetween(startsOn, endsOn) + 1,
    isFirstRenewal: issuedOn === null ? null : startsOn === issuedOn,
    isShortened,
  };
}

/**
 * The cycle ending at the license's expiry (the renewal ahead, or just missed), up to four before
 * it back to the issue date, and the one after it. A cycle runs from the day after the previous
 * expiry to the expiry, both included; the first one starts at the issue date, so it is shorter
 * when the board set the first expiry less than a full cycle after issue. A missing date or cycle
 * length makes the plan unknown, with the reason.
 */
export function planCycles(input: CycleInput): CyclePlan {
  const { issuedOn, expiresOn, cycleMonths } = input;
  if (expiresOn === null) return { isKnown: false, reason: 'The license has no expiry date.' };
  if (cycleMonths === null)
    return { isKnown: false, reason: 'The cycle length is unknown: no source stated it. Set your own.' };
  if (issuedOn !== null && issuedOn > expiresOn)
    return { isKnown: false, reason: 'The expiry date is before the issue date.' };
  const cycleAt = (k: number): Cycle | undefined => {
    const endsOn = addMonths(expiresOn, -k * cycleMonths);
    const fullStart = addDays(addMonths(expiresOn, -(k + 1) * cycleMonths), 1);
    if (issuedOn !== null && endsOn < issuedOn) return undefined;
    const startsOn = issuedOn !== null && fullStart < issuedOn ? issuedOn : fullStart;
    return buildCycle(startsOn, endsOn, fullStart, issuedOn);
  };
  const current = cycleAt(0);
  if (current === undefined) return { isKnown: false, reason: 'The expiry date is before the issue date.' };
  const previous: Cycle[] = [];
  for (let k = 1; k <= MAX_PREVIOUS && current.isFirstRenewal !== true; k += 1) {
    const cycle = cycleAt(k);
    if (cycle === undefined) break;
    previous.push(cycle);
    if (cycle.isFirstRenewal === true) break;
  }
  const nextEnd = addMonths(expiresOn, cycleMonths);
  const next: Cycle = {
    startsOn: addDays(expiresOn, 1),
    endsOn: nextEnd,
    days: daysBetween(expiresOn, nextEnd),
    isFirstRenewal: issuedOn === null ? null : false,
    isShortened: false,
  };
  return { isKnown: true, previous, current, next };
}

/** Whether a date falls within a cycle, both ends included. */
export function isWithin(date: string, cycle: { startsOn: string; endsOn: string }): boolean {
  return date >= cycle.startsOn && date <= cycle.endsOn;
}
