import { AppError } from './errors.js';

/** Refuses a time zone the runtime does not know, as a 400 naming the `timeZone` field. */
export function assertTimeZone(timeZone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
  } catch {
    throw new AppError(
      'validation_failed',
      'The time zone is not a known IANA time zone (for example America/Chicago).',
      {
        errors: [{ field: 'timeZone', message: 'is not a known IANA time zone' }],
      },
    );
  }
}
