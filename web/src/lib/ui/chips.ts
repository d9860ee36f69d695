/** Splits typed text into chip values: by commas and new lines, trimmed, empty ones dropped. */
export function splitChips(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((value) => value.trim().replace(/\s+/g, ' '))
    .filter((value) => value !== '');
}

/** Adds values to a chip list, skipping ones already present (compared without case). */
export function addChips(current: readonly string[], additions: readonly string[]): string[] {
  const seen = new Set(current.map((value) => value.toLocaleLowerCase()));
  const next = [...current];
  for (const value of additions) {
    const key = value.toLocaleLowerCase();
    if (!seen.has(key)) {
      seen.add(key);
      next.push(value);
    }
  }
  return next;
}

/** A chip list with the text still typed in its input added (what a form saves). */
export function mergeChipDraft(value: readonly string[], draft: string): string[] {
  return addChips(value, splitChips(draft));
}
