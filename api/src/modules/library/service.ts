import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { listAdditions } from './additions.js';
import { findShippedItem, SHIPPED_ITEMS, type ShippedItem } from './content.js';
import { reindexEmbeddings, semanticIndexOf, type ReindexReport } from './embeddings.js';
import { buildLexicalIndex, type LexicalIndex } from './lexical-index.js';
import { RRF_K } from './rank-fusion.js';
import {
  LIBRARY_DISCLAIMER,
  type LibraryItem,
  type LibrarySearchQuery,
  type LibrarySearchResult,
} from './schema.js';
import { rankByWords, rankHybrid } from './search-ranking.js';

/** What the page says of lexical-only search when no embedding provider is configured. */
export const LEXICAL_ONLY_NOTICE =
  'Search matches your words: no embedding provider is configured on this server, so search by meaning is off.';
/** What it says when the embedding provider failed for this search. */
export const FALLBACK_NOTICE =
  'Search by meaning is unavailable right now, so these results match your words only. Try again later.';
/** What it says of hybrid search. */
export const HYBRID_NOTICE = `Search matches your words and their meaning: the two rankings are fused by reciprocal rank fusion (k = ${RRF_K}).`;

/** Presenter of a shipped item. */
export function toShippedItem(item: ShippedItem): LibraryItem {
  return { ...item, source: 'holdfast' };
}

const SHIPPED: readonly LibraryItem[] = SHIPPED_ITEMS.map(toShippedItem);
const SHIPPED_INDEX: LexicalIndex = buildLexicalIndex(SHIPPED);

/** Workspaces' indexes, by tenant, each with the additions' versions it was built from. */
const INDEX_CACHE = new Map<string, { signature: string; index: LexicalIndex }>();
const INDEX_CACHE_MAX = 500;

/** One shipped item; an unknown id answers 404 like any missing record. */
export function getShippedItem(contentId: string): LibraryItem {
  const item = findShippedItem(contentId);
  if (item === undefined) throw new AppError('not_found');
  return toShippedItem(item);
}

/** Every item a workspace's library holds: shipped first, then its own additions. */
export async function listLibraryItems(deps: AppDeps, tenantId: string): Promise<LibraryItem[]> {
  return [...SHIPPED, ...(await listAdditions(deps, tenantId))];
}

/** What the workspace's library is made of: changes whenever an addition is added, changed or deleted. */
function signatureOf(additions: readonly LibraryItem[]): string {
  return additions.map((item) => `${item.id}:${item.version ?? 0}`).join(',');
}

/**
 * The lexical index of a workspace: the shipped one when it has no additions, otherwise one over
 * both, kept until an addition is added, changed or deleted.
 */
function indexOf(tenantId: string, additions: readonly LibraryItem[]): LexicalIndex {
  if (additions.length === 0) return SHIPPED_INDEX;
  const signature = signatureOf(additions);
  const cached = INDEX_CACHE.get(tenantId);
  if (cached?.signature === signature) return cached.index;
  const index = buildLexicalIndex([...SHIPPED, ...additions]);
  if (INDEX_CACHE.size >= INDEX_CACHE_MAX) INDEX_CACHE.clear();
  INDEX_CACHE.set(tenantId, { signature, index });
  return index;
}

/** Failures of the embedding provider, which make a search fall back to words; others still throw. */
function isEmbeddingFailure(error: unknown): boolean {
  return (
    error instanceof AppError &&
    (error.code === 'ai_unavailable' || error.code === 'ai_bad_output' || error.code === 'ai_not_configured')
  );
}

/**
 * Searches the library a workspace sees. With no words, lists it in order. Otherwise ranks by
 * MiniSearch (BM25+) and, when an embedding provider is configured, also by the cosine of the
 * query's embedding to each item's, fusing the two rankings (reciprocal rank fusion). If the
 * provider fails, the answer is the lexical ranking and says so; a search never fails for it.
 */
export async function searchLibrary(
  deps: AppDeps,
  tenantId: string,
  query: LibrarySearchQuery,
): Promise<LibrarySearchResult> {
  const additions = await listAdditions(deps, tenantId);
  const index = indexOf(tenantId, additions);
  const limit = query.limit ?? 20;
  const words = (query.q ?? '').trim();
  const embedder = deps.ai.embedder;
  const lexical = { mode: 'lexical' as const, disclaimer: LIBRARY_DISCLAIMER };
  const hybrid = { mode: 'hybrid' as const, notice: HYBRID_NOTICE, disclaimer: LIBRARY_DISCLAIMER };
  if (words === '') {
    const items = index.list(query.kind).slice(0, limit);
    return embedder === undefined ? { ...lexical, notice: LEXICAL_ONLY_NOTICE, items } : { ...hybrid, items };
  }
  const toHits = (ids: readonly string[]) => ids.slice(0, limit).flatMap((id) => index.hit(id) ?? []);
  if (embedder === undefined)
    return { ...lexical, notice: LEXICAL_ONLY_NOTICE, items: toHits(rankByWords(index, words, query.kind)) };
  try {
    const semantic = await semanticIndexOf(deps, embedder, tenantId, {
      signature: signatureOf(additions),
      items: () => [...SHIPPED, ...additions],
    });
    const ids = await rankHybrid({ lexical: index, semantic }, embedder, words, query.kind);
    return { ...hybrid, items: toHits(ids) };
  } catch (error) {
    if (!isEmbeddingFailure(error)) throw error;
    return { ...lexical, notice: FALLBACK_NOTICE, items: toHits(rankByWords(index, words, query.kind)) };
  }
}

/**
 * Reindexes a workspace's embeddings against the store, embedding only the items whose text
 * changed; says what it did. Nothing to do (and no report) without an embedding provider.
 */
export async function reindexLibrary(deps: AppDeps, tenantId: string): Promise<ReindexReport | undefined> {
  const embedder = deps.ai.embedder;
  if (embedder === undefined) return undefined;
  const items = await listLibraryItems(deps, tenantId);
  return (await reindexEmbeddings(deps, embedder, tenantId, items)).report;
}
