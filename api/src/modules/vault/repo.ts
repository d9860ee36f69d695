import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { SK, SK_PREFIX, SK_PREFIX_OF, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll, queryPrefixFilteredPage } from '../../platform/db/query.js';
import { buildVersionedUpdate } from '../../platform/db/updates.js';
import { DOCUMENT_FIELDS, type AttachableRecordType, type VaultDocument } from './schema.js';

/**
 * Vault items, all under the tenant's partition:
 * `DOCUMENT#<id>` (what a person described), `BLOB#<sha256>` (stored bytes and how many documents
 * use them), `VAULTUSAGE` (bytes stored, for the quota), and each attachment twice —
 * `ATTACHMENT#<type>#<record>#<doc>` under the record and `DOCLINK#<doc>#<type>#<record>` under the
 * document — written and deleted together.
 */

/** Presenter: only the document's own fields leave the repo. */
export function toDocument(item: Record<string, unknown>): VaultDocument {
  const document: Record<string, unknown> = {};
  for (const field of DOCUMENT_FIELDS) if (item[field] !== undefined) document[field] = item[field];
  return document as VaultDocument;
}

export function buildPutDocument(db: Db, tenantId: string, document: VaultDocument): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: tenantPk(tenantId),
        SK: SK.document(document.id),
        entity: 'Document',
        ...document,
        titleLower: document.title.toLowerCase(),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getDocument(
  db: Db,
  tenantId: string,
  documentId: string,
): Promise<VaultDocument | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.document(documentId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : toDocument(result.Item);
}

/** A conditional update of described fields that bumps the version (optimistic concurrency). */
export function buildUpdateDocument(
  db: Db,
  tenantId: string,
  documentId: string,
  changes: Record<string, unknown>,
  remove: string[],
  expectedVersion: number,
): TransactItem {
  const fields =
    typeof changes.title === 'string' ? { ...changes, titleLower: changes.title.toLowerCase() } : changes;
  return buildVersionedUpdate(db, { PK: tenantPk(tenantId), SK: SK.document(documentId) }, fields, {
    expectedVersion,
    remove,
  });
}

export function buildDeleteDocument(db: Db, tenantId: string, document: VaultDocument): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.document(document.id) },
      ConditionExpression: 'attribute_exists(PK) AND #version = :version',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':version': document.version },
    },
  };
}

export type BlobRecord = { sha256: string; size: number; contentType: string; refCount: number };

export async function getBlob(db: Db, tenantId: string, sha256: string): Promise<BlobRecord | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.blob(sha256) },
      ConsistentRead: true,
    }),
  );
  const item = result.Item;
  if (item === undefined) return undefined;
  return {
    sha256: item.sha256 as string,
    size: item.size as number,
    contentType: item.contentType as string,
    refCount: item.refCount as number,
  };
}

/** First reference to new bytes; fails if another upload recorded the same bytes meanwhile. */
export function buildCreateBlob(db: Db, tenantId: string, blob: BlobRecord, at: string): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: tenantPk(tenantId), SK: SK.blob(blob.sha256), entity: 'Blob', ...blob, createdAt: at },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Moves a blob's reference count by `delta` from the count that was read (fails if it moved). */
export function buildMoveBlobReferences(
  db: Db,
  tenantId: string,
  blob: BlobRecord,
  delta: 1 | -1,
): TransactItem {
  const Key = { PK: tenantPk(tenantId), SK: SK.blob(blob.sha256) };
  const condition = {
    ConditionExpression: 'refCount = :expected',
    ExpressionAttributeValues: { ':expected': blob.refCount },
  };
  if (blob.refCount + delta === 0) return { Delete: { TableName: db.mainTable, Key, ...condition } };
  return {
    Update: {
      TableName: db.mainTable,
      Key,
      UpdateExpression: 'SET refCount = :next',
      ...condition,
      ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ':next': blob.refCount + delta },
    },
  };
}

export async function getUsedBytes(db: Db, tenantId: string): Promise<number> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.vaultUsage() },
      ConsistentRead: true,
    }),
  );
  return (result.Item?.bytes as number | undefined) ?? 0;
}

/**
 * Adds `delta` bytes to the tenant's usage. A positive delta carries the quota as a condition, so
 * two concurrent uploads cannot both squeeze under it.
 */
export function buildAddUsage(db: Db, tenantId: string, delta: number, quotaBytes: number): TransactItem {
  const grows = delta > 0;
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.vaultUsage() },
      UpdateExpression: 'SET entity = :entity ADD #bytes :delta',
      ExpressionAttributeNames: { '#bytes': 'bytes' },
      ExpressionAttributeValues: {
        ':entity': 'VaultUsage',
        ':delta': delta,
        ...(grows ? { ':max': quotaBytes - delta } : {}),
      },
      ...(grows ? { ConditionExpression: 'attribute_not_exists(#bytes) OR #bytes <= :max' } : {}),
    },
  };
}

export type DocumentFilter = { q?: string; category?: string; tag?: string };

/** One page of documents, newest first (ids are ULIDs), filtered. */
export async function queryDocuments(
  db: Db,
  tenantId: string,
  filter: DocumentFilter,
  options: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ items: VaultDocument[]; lastKey?: Record<string, unknown> }> {
  const values: Record<string, unknown> = {};
  const conditions: string[] = [];
  if (filter.category !== undefined) {
    conditions.push('category = :category');
    values[':category'] = filter.category;
  }
  if (filter.tag !== undefined) {
    conditions.push('contains(tags, :tag)');
    values[':tag'] = filter.tag;
  }
  if (filter.q !== undefined) {
    conditions.push('(contains(titleLower, :q) OR contains(tags, :q))');
    values[':q'] = filter.q;
  }
  const page = await queryPrefixFilteredPage(
    db,
    {
      pk: tenantPk(tenantId),
      prefix: SK_PREFIX.document,
      isNewestFirst: true,
      ...(conditions.length === 0 ? {} : { filter: { expression: conditions.join(' AND '), values } }),
    },
    options,
  );
  return { ...page, items: page.items.map(toDocument) };
}

/** Every document of a tenant, oldest first (for the privacy export). */
export async function listAllDocuments(db: Db, tenantId: string): Promise<VaultDocument[]> {
  const items = await queryPrefixAll(db, { pk: tenantPk(tenantId), prefix: SK_PREFIX.document });
  return items.map(toDocument);
}

export type AttachmentLink = {
  recordType: AttachableRecordType;
  recordId: string;
  documentId: string;
  attachedAt: string;
  attachedBy: string;
};

/** Both items of an attachment; the record-side one fails if the link already exists. */
export function buildPutAttachment(db: Db, tenantId: string, link: AttachmentLink): TransactItem[] {
  const pk = tenantPk(tenantId);
  return [
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          PK: pk,
          SK: SK.attachment(link.recordType, link.recordId, link.documentId),
          entity: 'Attachment',
          ...link,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          PK: pk,
          SK: SK.documentLink(link.documentId, link.recordType, link.recordId),
          entity: 'DocumentLink',
          ...link,
        },
      },
    },
  ];
}

/** Both items of an attachment; the record-side one must exist. */
export function buildDeleteAttachment(
  db: Db,
  tenantId: string,
  link: Pick<AttachmentLink, 'recordType' | 'recordId' | 'documentId'>,
): TransactItem[] {
  const pk = tenantPk(tenantId);
  return [
    {
      Delete: {
        TableName: db.mainTable,
        Key: { PK: pk, SK: SK.attachment(link.recordType, link.recordId, link.documentId) },
        ConditionExpression: 'attribute_exists(PK)',
      },
    },
    {
      Delete: {
        TableName: db.mainTable,
        Key: { PK: pk, SK: SK.documentLink(link.documentId, link.recordType, link.recordId) },
      },
    },
  ];
}

function toLink(item: Record<string, unknown>): AttachmentLink {
  return {
    recordType: item.recordType as AttachableRecordType,
    recordId: item.recordId as string,
    documentId: item.documentId as string,
    attachedAt: item.attachedAt as string,
    attachedBy: item.attachedBy as string,
  };
}

/** The attachments of one record, oldest first. */
export async function listRecordAttachments(
  db: Db,
  tenantId: string,
  recordType: AttachableRecordType,
  recordId: string,
): Promise<AttachmentLink[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX_OF.attachmentsOfRecord(recordType, recordId),
    isConsistent: true,
  });
  return items.map(toLink).sort((a, b) => a.attachedAt.localeCompare(b.attachedAt));
}

/** The records one document is attached to. */
export async function listDocumentLinks(
  db: Db,
  tenantId: string,
  documentId: string,
): Promise<AttachmentLink[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX_OF.linksOfDocument(documentId),
    isConsistent: true,
  });
  return items.map(toLink);
}
