/** One run of a word diff: text kept in both, only in the original, or only in the suggestion. */
export type DiffPart = { kind: 'same' | 'removed' | 'added'; text: string };

/** Words with the spaces after them, so joining the parts gives back each text exactly. */
function toTokens(text: string): string[] {
  return text.match(/\s+|[^\s]+\s*/gu) ?? [];
}

function push(parts: DiffPart[], kind: DiffPart['kind'], text: string): void {
  const last = parts.at(-1);
  if (last?.kind === kind) last.text += text;
  else parts.push({ kind, text });
}

/**
 * A word-level diff of a draft against a suggested reply (longest common subsequence of words,
 * compared without their trailing spaces). Drafts are at most 5,000 characters, so the
 * quadratic table stays small.
 */
export function diffWords(original: string, suggested: string): DiffPart[] {
  const a = toTokens(original);
  const b = toTokens(suggested);
  const same = (i: number, j: number) => a[i]?.trimEnd() === b[j]?.trimEnd();
  // lengths[i][j]: the longest common run of words of a[i..] and b[j..].
  const lengths = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i -= 1)
    for (let j = b.length - 1; j >= 0; j -= 1) {
      const row = lengths[i];
      if (row === undefined) continue;
      row[j] = same(i, j)
        ? (lengths[i + 1]?.[j + 1] ?? 0) + 1
        : Math.max(lengths[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && same(i, j)) {
      push(parts, 'same', b[j] ?? '');
      i += 1;
      j += 1;
    } else if (j < b.length && (i >= a.length || (lengths[i]?.[j + 1] ?? 0) >= (lengths[i + 1]?.[j] ?? 0))) {
      push(parts, 'added', b[j] ?? '');
      j += 1;
    } else {
      push(parts, 'removed', a[i] ?? '');
      i += 1;
    }
  }
  return parts;
}
