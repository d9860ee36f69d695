/** A draft that can be sent (`value`, trimmed), or why not (`error`), or nothing to send (`unchanged`). */
export type DraftCheck = { value: string } | { error: string } | { unchanged: true };

/**
 * Checks the corrected text of a field before it is sent: not blank, within the API's limit, and
 * different from what is stored (an unchanged draft sends nothing, so no empty edit is recorded).
 */
export function checkTextDraft(
  draft: string,
  current: string,
  rules: { maxLength: number; whenBlank: string },
): DraftCheck {
  const value = draft.trim();
  if (value === '') return { error: rules.whenBlank };
  if (value.length > rules.maxLength) return { error: `Use at most ${rules.maxLength} characters.` };
  if (value === current.trim()) return { unchanged: true };
  return { value };
}
