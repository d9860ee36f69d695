import type { Embedder } from '../../platform/ai/openai-embeddings.js';
import type { LibraryKind } from './content-schema.js';
import type { LexicalIndex } from './lexical-index.js';
import { fuseByReciprocalRank } from './rank-fusion.js';
import { toUnitVector, type SemanticIndex } from './vectors.js';

/** How deep each ranking goes before fusion: enough for a page of results from either. */
export const FUSION_DEPTH = 100;

/** Ids matching the words, best first (MiniSearch, BM25+). */
export function rankByWords(index: LexicalIndex, words: string, kind?: LibraryKind): string[] {
  return index.rank(words, { limit: FUSION_DEPTH, ...(kind === undefined ? {} : { kind }) });
}

/**
 * Ids by words and by meaning fused (reciprocal rank fusion): the query is embedded (one provider
 * call, which throws the AI layer's error when it fails) and every item ranked by cosine. The
 * words are ranked while the provider answers, so a search costs the longer of the two, not both.
 */
export async function rankHybrid(
  indexes: { lexical: LexicalIndex; semantic: SemanticIndex },
  embedder: Embedder,
  words: string,
  kind?: LibraryKind,
): Promise<string[]> {
  const embedding = embedder.embed([words]);
  // Rejected while the words are ranked: handled by the await below, never unhandled meanwhile.
  embedding.catch(() => undefined);
  const byWords = rankByWords(indexes.lexical, words, kind);
  const [queryVector] = await embedding;
  const byMeaning = indexes.semantic.rank(toUnitVector(queryVector ?? []), {
    limit: FUSION_DEPTH,
    ...(kind === undefined ? {} : { kind }),
  });
  return fuseByReciprocalRank([byWords, byMeaning]);
}
