import { AppError } from '../errors.js';
import { PhiKeyUnavailableError } from './tenant-keys.js';

const UNAVAILABLE_DETAIL =
  'Wellbeing data is unavailable right now because its encryption key cannot be reached. Nothing was saved or shown; please try again in a few minutes.';

/** A key service outage usually lasts longer than a database hiccup: ask clients to wait a minute. */
const KEY_OUTAGE_RETRY_AFTER_SECONDS = 60;

/** Runs `work`, turning a root keyring outage into a 503 problem. */
export async function withKeyOutage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PhiKeyUnavailableError)
      throw new AppError('unavailable', UNAVAILABLE_DETAIL, {
        retryAfterSeconds: KEY_OUTAGE_RETRY_AFTER_SECONDS,
      });
    throw error;
  }
}
