import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { listAdditions } from './additions.js';
import { findShippedItem, SHIPPED_ITEMS, type ShippedItem } from './content.js';
import { buildLexicalIndex, type LexicalIndex } from './lexical-index.js';
import {
  LIBRARY_DISCLAIMER,
  type LibraryItem,
  type LibrarySearchQuery,
  type LibrarySearchResult,
} from './schema.js';

/** Why the page shows lexical results only, when no embedding provider is configured. */
export const LEXICAL_ONLY_NOTICE =
  'Search matches your words: no embedding provider is configured on this server, so search by meaning is off.';

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

/**
 * The lexical index of a workspace: the shipped one when it has no additions, otherwise one over
 * both, kept until an addition is added, changed or deleted.
 */
function indexOf(tenantId: string, additions: readonly LibraryItem[]): LexicalIndex {
  if (additions.length === 0) return SHIPPED_INDEX;
  const signature = additions.map((item) => `${item.id}:${item.version ?? 0}`).join(',');
  const cached = INDEX_CACHE.get(tenantId);
  if (cached?.signature === signature) return cached.index;
  const index = buildLexicalIndex([...SHIPPED, ...additions]);
  if (INDEX_CACHE.size >= INDEX_CACHE_MAX) INDEX_CACHE.clear();
  INDEX_CACHE.set(tenantId, { signature, index });
  return index;
}

/**
 * Searches the library a workspace sees. With no words, lists it in order; otherwise ranks by
 * MiniSearch (BM25+).
 */
export async function searchLibrary(
  deps: AppDeps,
  tenantId: string,
  query: LibrarySearchQuery,
): Promise<LibrarySearchResult> {
  const index = indexOf(tenantId, await listAdditions(deps, tenantId));
  const limit = query.limit ?? 20;
  const words = (query.q ?? '').trim();
  const base = { mode: 'lexical' as const, notice: LEXICAL_ONLY_NOTICE, disclaimer: LIBRARY_DISCLAIMER };
  if (words === '') return { ...base, items: index.list(query.kind).slice(0, limit) };
  const ids = index.rank(words, { limit, ...(query.kind === undefined ? {} : { kind: query.kind }) });
  return { ...base, items: ids.flatMap((id) => index.hit(id) ?? []) };
}
