/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): an item's score is the sum over
 * the rankings that hold it of 1 / (k + rank), rank counted from 1. It needs no score scales to
 * agree (BM25 and cosine do not), and k = 60, the paper's value, keeps one ranking's top item from
 * outweighing an item both rankings place well.
 */
export const RRF_K = 60;

/** Ids ordered by fused score, best first; ties keep the order of first appearance. */
export function fuseByReciprocalRank(rankings: readonly (readonly string[])[], k = RRF_K): string[] {
  const scores = new Map<string, number>();
  for (const ranking of rankings)
    ranking.forEach((id, index) => scores.set(id, (scores.get(id) ?? 0) + 1 / (k + index + 1)));
  return [...scores].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}
