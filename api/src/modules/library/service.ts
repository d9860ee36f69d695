import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
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

/** One shipped item; an unknown id answers 404 like any missing record. */
export function getShippedItem(contentId: string): LibraryItem {
  const item = findShippedItem(contentId);
  if (item === undefined) throw new AppError('not_found');
  return toShippedItem(item);
}

/**
 * Searches the library a workspace sees. With no words, lists it in order; otherwise ranks by
 * MiniSearch (BM25+).
 */
export async function searchLibrary(
  _deps: AppDeps,
  _tenantId: string,
  query: LibrarySearchQuery,
): Promise<LibrarySearchResult> {
  const index = SHIPPED_INDEX;
  const limit = query.limit ?? 20;
  const words = (query.q ?? '').trim();
  const base = { mode: 'lexical' as const, notice: LEXICAL_ONLY_NOTICE, disclaimer: LIBRARY_DISCLAIMER };
  if (words === '') return { ...base, items: index.list(query.kind).slice(0, limit) };
  const ids = index.rank(words, { limit, ...(query.kind === undefined ? {} : { kind: query.kind }) });
  return { ...base, items: ids.flatMap((id) => index.hit(id) ?? []) };
}
