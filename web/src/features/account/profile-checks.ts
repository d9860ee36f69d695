import { isEmailAddress } from '../../lib/email-address';

/** The API's limit on a display name (PATCH /v1/me). */
export const DISPLAY_NAME_MAX_LENGTH = 120;

/** Checks a new email address before it is sent: it looks like an address and is not the current one. */
export function checkNewEmail(draft: string, current: string): { value: string } | { error: string } {
  const value = draft.trim();
  if (!isEmailAddress(value)) return { error: 'Enter the new address, like name@example.com.' };
  if (value.toLowerCase() === current.trim().toLowerCase())
    return { error: 'This is already your email address.' };
  return { value };
}

/** The name to show for a person: their display name, or their email when they have not set one. */
export function nameToShow(user: { displayName: string; email: string }): string {
  return user.displayName.trim() !== '' ? user.displayName : user.email;
}
