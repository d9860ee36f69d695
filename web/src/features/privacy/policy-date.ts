/**
 * A policy date as a calendar day, in UTC (policy dates are whole days). In its own module so the
 * policy banner, on every signed-in page, does not pull the privacy page into the first bundle.
 */
export function formatPolicyDate(iso: string): string {
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));
}
