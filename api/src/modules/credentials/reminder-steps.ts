import { addDays } from './cycles.js';

/** Days before a cycle ends when a reminder goes out, if requirements are still missing; largest first. */
export const REMINDER_DAYS = [90, 30, 7] as const;

/**
 * The step a cycle is in: the nearest of 90, 30, 7 days not yet passed (25 days left → the
 * 30-day reminder). A run missed on day 90 does not send a late 90-day email on day 25.
 */
export function reminderStep(daysLeft: number): number | undefined {
  if (daysLeft < 0) return undefined;
  return [...REMINDER_DAYS].reverse().find((days) => daysLeft <= days);
}

/**
 * The day the next reminder of a cycle ending on `endsOn` is due: the 90-day one, or after step
 * `afterStep` the next smaller one; none after the last (the 7-day reminder).
 */
export function nextReminderDue(endsOn: string, afterStep?: number): string | undefined {
  const next = REMINDER_DAYS.find((days) => afterStep === undefined || days < afterStep);
  return next === undefined ? undefined : addDays(endsOn, -next);
}
