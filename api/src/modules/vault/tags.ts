/** A document's tags as kept: trimmed, lower-case, without blanks or repeats. */
export function cleanTags(tags: string[] | undefined): string[] {
  return [...new Set((tags ?? []).map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))];
}
