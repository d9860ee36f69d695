import { createHash } from 'node:crypto';
import type { Embedder } from '../../platform/ai/openai-embeddings.js';
import type { AppDeps } from '../../platform/deps.js';
import * as repo from './embedding-repo.js';
import { searchableText } from './lexical-index.js';
import type { LibraryItem } from './schema.js';
import {
  buildSemanticIndex,
  decodeVector,
  encodeVector,
  toUnitVector,
  type SemanticIndex,
} from './vectors.js';

/**
 * The embeddings a workspace's library is searched by meaning with. Each item's vector is stored
 * with the hash of the text, model and length that made it; reindexing embeds only items whose
 * hash changed (or that have none) and drops those of deleted items, so an unchanged library costs
 * no embedding call. Built indexes are kept in memory by the workspace's library signature.
 */

/** What one reindex did: how many items were embedded, kept as they were, and dropped. */
export type ReindexReport = { embedded: number; unchanged: number; removed: number };

/**
 * The only text of an item that is embedded (and so sent to the provider, P-AI-1): its title,
 * summary, tags and the text search reads. No ids, authors or workspace names.
 */
export function toEmbeddingText(item: LibraryItem): string {
  return [item.title, item.summary, item.tags.join(', '), searchableText(item)]
    .filter((part) => part.trim() !== '')
    .join('\n');
}

/** The hash an embedding is stored with: the model and length count, as a new model means new vectors. */
export function hashEmbeddingText(embedder: Pick<Embedder, 'model' | 'dimensions'>, text: string): string {
  return createHash('sha256').update(`${embedder.model}\n${embedder.dimensions}\n${text}`).digest('hex');
}

/**
 * Brings a workspace's stored embeddings in line with its items and returns the index over them.
 * Always reads the store (the cache is `semanticIndexOf`'s). Throws the AI layer's error when the
 * provider fails; nothing is half-written then, as the store is written after every call answered.
 */
export async function reindexEmbeddings(
  deps: AppDeps,
  embedder: Embedder,
  tenantId: string,
  items: readonly LibraryItem[],
): Promise<{ index: SemanticIndex; report: ReindexReport }> {
  const stored = new Map((await repo.listEmbeddings(deps.db, tenantId)).map((e) => [e.itemId, e]));
  const vectors = new Map<string, Float32Array>();
  const stale: { item: LibraryItem; text: string; hash: string }[] = [];
  for (const item of items) {
    const text = toEmbeddingText(item);
    const hash = hashEmbeddingText(embedder, text);
    const found = stored.get(item.id);
    const vector = found?.hash === hash ? decodeVector(found.vector, embedder.dimensions) : undefined;
    if (vector === undefined) stale.push({ item, text, hash });
    else vectors.set(item.id, vector);
  }
  const fresh = stale.length === 0 ? [] : await embedder.embed(stale.map((entry) => entry.text));
  const now = deps.now().toISOString();
  const put = stale.map((entry, index) => {
    const vector = toUnitVector(fresh[index] ?? []);
    vectors.set(entry.item.id, vector);
    return {
      itemId: entry.item.id,
      hash: entry.hash,
      model: embedder.model,
      dimensions: embedder.dimensions,
      vector: encodeVector(vector),
      updatedAt: now,
    };
  });
  const ids = new Set(items.map((item) => item.id));
  const removeItemIds = [...stored.keys()].filter((id) => !ids.has(id));
  if (put.length > 0 || removeItemIds.length > 0)
    await repo.saveEmbeddings(deps.db, tenantId, { put, removeItemIds });
  const index = buildSemanticIndex(
    items.flatMap((item) => {
      const vector = vectors.get(item.id);
      return vector === undefined ? [] : [{ id: item.id, kind: item.kind, vector }];
    }),
    embedder.dimensions,
  );
  return {
    index,
    report: {
      embedded: stale.length,
      unchanged: items.length - stale.length,
      removed: removeItemIds.length,
    },
  };
}

const CACHE = new Map<string, { signature: string; index: SemanticIndex }>();
const CACHE_MAX = 500;

/**
 * The workspace's semantic index, rebuilt (through `reindexEmbeddings`) only when its library
 * signature (the additions and their versions) or the embedding model changes.
 */
export async function semanticIndexOf(
  deps: AppDeps,
  embedder: Embedder,
  tenantId: string,
  library: { signature: string; items: () => readonly LibraryItem[] },
): Promise<SemanticIndex> {
  const signature = `${embedder.model}:${embedder.dimensions}:${library.signature}`;
  const cached = CACHE.get(tenantId);
  if (cached?.signature === signature) return cached.index;
  const { index } = await reindexEmbeddings(deps, embedder, tenantId, library.items());
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  CACHE.set(tenantId, { signature, index });
  return index;
}
