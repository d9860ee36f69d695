/** Picking the best few of many scored candidates without sorting them all. */

/**
 * The `limit` candidates of highest score, best first; equal scores keep the candidates' order
 * (as a stable sort gives). One no better than the last kept is dropped at once, which is most.
 */
export function selectBestOf(
  candidates: readonly number[],
  scores: Float64Array,
  limit: number,
  isWanted?: (candidate: number) => boolean,
): number[] {
  const kept: number[] = [];
  const keptScores: number[] = [];
  if (limit <= 0) return kept;
  for (const candidate of candidates) {
    const score = scores[candidate] ?? 0;
    if (kept.length === limit && !(score > (keptScores[limit - 1] ?? 0))) continue;
    if (isWanted !== undefined && !isWanted(candidate)) continue;
    // Insertion point: after every kept score greater than or equal to this one.
    let low = 0;
    let high = kept.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((keptScores[middle] ?? 0) >= score) low = middle + 1;
      else high = middle;
    }
    kept.splice(low, 0, candidate);
    keptScores.splice(low, 0, score);
    if (kept.length > limit) {
      kept.pop();
      keptScores.pop();
    }
  }
  return kept;
}
