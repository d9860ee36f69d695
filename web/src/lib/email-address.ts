/** A light check that text looks like an email address; the API validates it fully. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Whether `value` (already trimmed) looks like name@example.com. */
export function isEmailAddress(value: string): boolean {
  return EMAIL_PATTERN.test(value);
}
