import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixPage } from '../../platform/db/query.js';

/**
 * Library embeddings of a workspace: `TENANT#<t> / LIBRARYEMBED#<item id>`, one per item it can
 * search (shipped and added), each with the hash of the exact text and model that made it, so an
 * item is embedded again only when that hash changes. Derived data: no audit entry, and the
 * workspace purge removes them with its partition.
 */

export type StoredEmbedding = {
  itemId: string;
  /** SHA-256 (hex) of the model, the length and the embedded text. */
  hash: string;
  model: string;
  dimensions: number;
  /** Base64 of the unit vector's little-endian float32 values. */
  vector: string;
  updatedAt: string;
};

const BATCH = 25;
const MAX_UNPROCESSED_RETRIES = 8;

function toEmbedding(item: Record<string, unknown>): StoredEmbedding | undefined {
  const { itemId, hash, model, dimensions, vector, updatedAt } = item;
  if (
    typeof itemId !== 'string' ||
    typeof hash !== 'string' ||
    typeof model !== 'string' ||
    typeof dimensions !== 'number' ||
    typeof vector !== 'string' ||
    typeof updatedAt !== 'string'
  )
    return undefined;
  return { itemId, hash, model, dimensions, vector, updatedAt };
}

/** Items per page: about 300 KB of vectors, so one read stays well inside the client's time limit. */
const PAGE = 100;

export async function listEmbeddings(db: Db, tenantId: string): Promise<StoredEmbedding[]> {
  const embeddings: StoredEmbedding[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryPrefixPage(db, {
      pk: tenantPk(tenantId),
      prefix: SK_PREFIX.libraryEmbedding,
      limit: PAGE,
      ...(startKey === undefined ? {} : { startKey }),
    });
    embeddings.push(...page.items.flatMap((item) => toEmbedding(item) ?? []));
    startKey = page.lastKey;
  } while (startKey !== undefined);
  return embeddings;
}

type WriteRequest =
  { PutRequest: { Item: Record<string, unknown> } } | { DeleteRequest: { Key: Record<string, unknown> } };

/** Writes new embeddings and removes those of items that are gone, 25 requests per batch. */
export async function saveEmbeddings(
  db: Db,
  tenantId: string,
  changes: { put: readonly StoredEmbedding[]; removeItemIds: readonly string[] },
): Promise<void> {
  const pk = tenantPk(tenantId);
  const requests: WriteRequest[] = [
    ...changes.put.map((embedding) => ({
      PutRequest: {
        Item: { PK: pk, SK: SK.libraryEmbedding(embedding.itemId), entity: 'LibraryEmbedding', ...embedding },
      },
    })),
    ...changes.removeItemIds.map((itemId) => ({
      DeleteRequest: { Key: { PK: pk, SK: SK.libraryEmbedding(itemId) } },
    })),
  ];
  for (let start = 0; start < requests.length; start += BATCH)
    await writeBatch(db, requests.slice(start, start + BATCH));
}

async function writeBatch(db: Db, batch: WriteRequest[]): Promise<void> {
  let pending = batch;
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    if (attempt > MAX_UNPROCESSED_RETRIES) throw new Error('the table kept refusing writes; try again later');
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
    const result = await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.mainTable]: pending } }));
    pending = (result.UnprocessedItems?.[db.mainTable] ?? []) as WriteRequest[];
  }
}
