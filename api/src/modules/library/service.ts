import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { getLibraryVersion, listAdditions } from './additions.js';
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
let shippedIndex: LexicalIndex | undefined;
/** The index over the shipped items alone, built on the first search rather than at start (a cold start's cost). */
function getShippedIndex(): LexicalIndex {
  shippedIndex ??= buildLexicalIndex(SHIPPED);
  return shippedIndex;
}

/**
 * Workspaces' libraries as last read, by tenant: the additions, the index over them, their
 * signature, and the library version they were read at (when the workspace has one).
 */
type CachedLibrary = { version?: number; signature: string; additions: LibraryItem[]; index: LexicalIndex };
const LIBRARY_CACHE = new Map<string, CachedLibrary>();
const LIBRARY_CACHE_MAX = 500;

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
 * The library a workspace searches: its additions and the lexical index over them with the
 * shipped items (the shipped index alone when it has none). Every change of an addition counts
 * one more in the workspace's library version, in its own transaction, so one small consistent
 * read says whether the copy kept here is current, on any instance: only when the version moved
 * are the additions read (consistently, so at least that version's) and the index rebuilt. A
 * workspace with no counted change is read in full each time, as its additions may predate the
 * count; its index is still reused while their signature holds.
 */
async function libraryOf(deps: AppDeps, tenantId: string): Promise<CachedLibrary> {
  const version = await getLibraryVersion(deps, tenantId);
  const cached = LIBRARY_CACHE.get(tenantId);
  if (version !== undefined && cached?.version === version) return cached;
  const additions = await listAdditions(deps, tenantId, { isConsistent: version !== undefined });
  const signature = signatureOf(additions);
  const index =
    additions.length === 0
      ? getShippedIndex()
      : cached?.signature === signature
        ? cached.index
        : buildLexicalIndex([...SHIPPED, ...additions]);
  const library = { ...(version === undefined ? {} : { version }), signature, additions, index };
  if (LIBRARY_CACHE.size >= LIBRARY_CACHE_MAX) LIBRARY_CACHE.clear();
  LIBRARY_CACHE.set(tenantId, library);
  return library;
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
  const { additions, index, signature } = await libraryOf(deps, tenantId);
  const limit = query.limit ?? 20;
  const words = (query.q ?? '').trim();
  const embedder = deps.ai.embedder;
  const lexical = { mode: 'lexical' as const, disclaimer: LIBRARY_DISCLAIMER };
  const hybrid = { mode: 'hybrid' as const, notice: HYBRID_NOTICE, disclaimer: LIBRARY_DISCLAIMER };
  // A target names what a template starts, so asking for one asks for templates.
  const kind = query.target === undefined ? query.kind : (query.kind ?? 'template');
  const isWanted = (id: string) => query.target === undefined || index.targetOf(id) === query.target;
  if (words === '') {
    const items = index
      .list(kind)
      .filter((hit) => isWanted(hit.id))
      .slice(0, limit);
    return embedder === undefined ? { ...lexical, notice: LEXICAL_ONLY_NOTICE, items } : { ...hybrid, items };
  }
  const toHits = (ids: readonly string[]) =>
    ids
      .filter(isWanted)
      .slice(0, limit)
      .flatMap((id) => index.hit(id) ?? []);
  if (embedder === undefined)
    return { ...lexical, notice: LEXICAL_ONLY_NOTICE, items: toHits(rankByWords(index, words, kind)) };
  try {
    const semantic = await semanticIndexOf(deps, embedder, tenantId, {
      signature,
      items: () => [...SHIPPED, ...additions],
    });
    const ids = await rankHybrid({ lexical: index, semantic }, embedder, words, kind);
    return { ...hybrid, items: toHits(ids) };
  } catch (error) {
    if (!isEmbeddingFailure(error)) throw error;
    return { ...lexical, notice: FALLBACK_NOTICE, items: toHits(rankByWords(index, words, kind)) };
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
