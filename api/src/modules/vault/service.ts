import type { Readable } from 'node:stream';
import { commitWithAudit, WriteConditionFailed, type TransactItem } from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { canonicalJson } from '../../platform/audit/audit-chain.js';
import { versionConflict, writeVersioned } from '../../platform/db/versioned-update.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { getStorageQuota } from './quota.js';
import * as repo from './repo.js';
import type {
  AttachableRecordType,
  Attachment,
  DocumentListQuery,
  DocumentPatch,
  StorageUsage,
  VaultDocument,
} from './schema.js';
import { FileIntegrityError, openVerified, parseStorageKey, STORAGE_ROOT } from './storage.js';
import { removeIfUnreferenced } from './stored-bytes.js';
import { cleanTags } from './tags.js';

const MAX_WRITE_ATTEMPTS = 4;

// Uploading has its own file (a straight line of four steps); the routes reach it through this one.
export { AlongsideConditionFailed, uploadDocument, type CommittedAlongside } from './upload.js';

export async function getDocument(
  deps: AppDeps,
  tenantId: string,
  documentId: string,
): Promise<VaultDocument> {
  const document = await repo.getDocument(deps.db, tenantId, documentId);
  if (document === undefined) throw new AppError('not_found');
  return document;
}

/** Lists documents newest first, filtered by category or tag, searched by title words or tag. */
export async function listDocuments(
  deps: AppDeps,
  tenantId: string,
  query: DocumentListQuery,
): Promise<{ items: VaultDocument[]; nextCursor?: string }> {
  const q = query.q?.trim().toLowerCase();
  const tag = query.tag?.trim().toLowerCase();
  const filter: repo.DocumentFilter = {
    ...(q === undefined || q === '' ? {} : { q }),
    ...(query.category === undefined ? {} : { category: query.category }),
    ...(tag === undefined || tag === '' ? {} : { tag }),
  };
  const queryKey = `documents:${canonicalJson(filter)}`;
  const startKey = deps.cursors.decode(tenantId, queryKey, query.cursor);
  const page = await repo.queryDocuments(deps.db, tenantId, filter, {
    limit: query.limit ?? 25,
    ...(startKey === undefined ? {} : { startKey }),
  });
  const nextCursor = deps.cursors.encode(tenantId, queryKey, page.lastKey);
  return { items: page.items, ...(nextCursor === undefined ? {} : { nextCursor }) };
}

/** Corrects a document's description fields; the bytes and their fingerprint never change. */
export async function updateDocument(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  documentId: string,
  patch: DocumentPatch,
): Promise<VaultDocument> {
  const { version, ...fields } = patch;
  const changes: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [field, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    if (field === 'documentDate' && value === null) remove.push(field);
    else if (field === 'tags') changes[field] = cleanTags(value as string[]);
    else if (field === 'title') changes[field] = (value as string).trim();
    else changes[field] = value;
  }
  const changed = [...Object.keys(changes), ...remove];
  if (changed.length === 0) {
    throw new AppError('validation_failed', 'Nothing to change: send at least one field besides version.');
  }
  changes.updatedAt = deps.now().toISOString();
  await writeVersioned(
    () =>
      commitWithAudit(
        deps.db,
        tenantId,
        [repo.buildUpdateDocument(deps.db, tenantId, documentId, changes, remove, version)],
        {
          actor,
          action: 'document.updated',
          target: { type: 'document', id: documentId },
          details: { fields: changed, fromVersion: version },
        },
        deps.now,
      ),
    // A document that is gone answers 404 from getDocument; otherwise its version moved on.
    async () => versionConflict('This document', (await getDocument(deps, tenantId, documentId)).version),
  );
  return getDocument(deps, tenantId, documentId);
}

/**
 * Deletes a document and its attachments. Its bytes are released: when no other document of the
 * workspace uses them, the blob record and its usage go in the same transaction and the bytes
 * are deleted right after (or by the sweep, if that fails).
 */
export async function deleteDocument(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  documentId: string,
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    const document = await getDocument(deps, tenantId, documentId);
    const links = await repo.listDocumentLinks(deps.db, tenantId, documentId);
    const blob = await repo.getBlob(deps.db, tenantId, document.sha256);
    const limits = await getStorageQuota(deps, tenantId);
    const isLastReference = blob !== undefined && blob.refCount <= 1;
    const operations = [
      repo.buildDeleteDocument(deps.db, tenantId, document),
      ...links.flatMap((link) => repo.buildDeleteAttachment(deps.db, tenantId, link)),
      ...(blob === undefined ? [] : [repo.buildMoveBlobReferences(deps.db, tenantId, blob, -1)]),
      ...(isLastReference ? [repo.buildAddUsage(deps.db, tenantId, -blob.size, limits.bytes)] : []),
    ];
    try {
      await commitWithAudit(
        deps.db,
        tenantId,
        operations,
        {
          actor,
          action: 'document.deleted',
          target: { type: 'document', id: documentId },
          details: { sha256: document.sha256, detachedFrom: links.length, isBytesReleased: isLastReference },
        },
        deps.now,
      );
    } catch (error) {
      if (!(error instanceof WriteConditionFailed)) throw error;
      if (attempt >= MAX_WRITE_ATTEMPTS) throw new AppError('conflict', 'The document is busy; try again.');
      continue;
    }
    if (isLastReference) await removeIfUnreferenced(deps, tenantId, document.sha256).catch(() => undefined);
    return;
  }
}

export type IntegrityReport = (details: {
  documentId: string;
  expectedSha256: string;
  actualSha256: string | undefined;
}) => void;

/**
 * A document and a stream of its bytes, verified against its SHA-256 before they are handed out
 * (P-FILE-1). A mismatch or missing bytes are reported to `onIntegrityFailure` and thrown as a
 * 500 `integrity_failure`. Also what the privacy export reads files with.
 */
export async function openDocumentContent(
  deps: AppDeps,
  tenantId: string,
  documentId: string,
  onIntegrityFailure: IntegrityReport = () => undefined,
): Promise<{ document: VaultDocument; stream: Readable }> {
  const document = await getDocument(deps, tenantId, documentId);
  const report = (error: FileIntegrityError) =>
    onIntegrityFailure({
      documentId,
      expectedSha256: error.expectedSha256,
      actualSha256: error.actualSha256,
    });
  try {
    const stream = await openVerified(deps.blobs, tenantId, document.sha256, document.size);
    stream.on('error', (error) => {
      if (error instanceof FileIntegrityError) report(error);
    });
    return { document, stream };
  } catch (error) {
    if (error instanceof FileIntegrityError) report(error);
    throw error;
  }
}

/** Every document of a workspace, oldest first: what the privacy export lists. */
export async function listTenantDocuments(deps: AppDeps, tenantId: string): Promise<VaultDocument[]> {
  return repo.listAllDocuments(deps.db, tenantId);
}

export async function getStorageUsage(deps: AppDeps, tenantId: string): Promise<StorageUsage> {
  const quota = await getStorageQuota(deps, tenantId);
  return {
    usedBytes: await repo.getUsedBytes(deps.db, tenantId),
    quotaBytes: quota.bytes,
    plan: quota.tier,
    planName: quota.planName,
    ...(quota.largerPlan === undefined ? {} : { largerPlan: quota.largerPlan }),
  };
}

/** A record type documents can be attached to: how the vault checks that a record exists. */
export type Attachable = { exists: (tenantId: string, recordId: string) => Promise<boolean> };
export type Attachables = Record<AttachableRecordType, Attachable>;

async function assertRecord<Type extends AttachableRecordType>(
  attachables: Pick<Attachables, Type>,
  tenantId: string,
  recordType: Type,
  recordId: string,
): Promise<void> {
  if (!(await attachables[recordType].exists(tenantId, recordId))) throw new AppError('not_found');
}

/**
 * The documents attached to a record, in the order they were attached. Only the record's own type
 * needs checking, so a caller that reads one type (the court report) hands just that one.
 */
export async function listAttachments<Type extends AttachableRecordType>(
  deps: AppDeps,
  attachables: Pick<Attachables, Type>,
  tenantId: string,
  recordType: Type,
  recordId: string,
): Promise<Attachment[]> {
  await assertRecord(attachables, tenantId, recordType, recordId);
  const links = await repo.listRecordAttachments(deps.db, tenantId, recordType, recordId);
  const attachments: Attachment[] = [];
  for (const link of links) {
    const document = await repo.getDocument(deps.db, tenantId, link.documentId);
    if (document === undefined) continue;
    attachments.push({ ...link, document });
  }
  return attachments;
}

type LinkTarget = { recordType: AttachableRecordType; recordId: string; documentId: string };

/** Writes an attachment change with its audit entry, which names the record and the document. */
async function commitLinkChange(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  action: 'document.attached' | 'document.detached',
  target: LinkTarget,
  operations: TransactItem[],
): Promise<void> {
  await commitWithAudit(
    deps.db,
    tenantId,
    operations,
    {
      actor,
      action,
      target: { type: target.recordType, id: target.recordId },
      details: { documentId: target.documentId },
    },
    deps.now,
  );
}

/** Attaches a document to a record; attaching it again changes nothing. */
export async function attachDocument<Type extends AttachableRecordType>(
  deps: AppDeps,
  attachables: Pick<Attachables, Type>,
  tenantId: string,
  actor: AuditActor,
  target: LinkTarget & { recordType: Type },
): Promise<Attachment> {
  await assertRecord(attachables, tenantId, target.recordType, target.recordId);
  const document = await getDocument(deps, tenantId, target.documentId);
  const existing = (
    await repo.listRecordAttachments(deps.db, tenantId, target.recordType, target.recordId)
  ).find((link) => link.documentId === target.documentId);
  if (existing !== undefined) return { ...existing, document };
  const link: repo.AttachmentLink = { ...target, attachedAt: deps.now().toISOString(), attachedBy: actor.id };
  try {
    await commitLinkChange(
      deps,
      tenantId,
      actor,
      'document.attached',
      target,
      repo.buildPutAttachment(deps.db, tenantId, link),
    );
  } catch (error) {
    if (!(error instanceof WriteConditionFailed)) throw error;
    // Attached by a concurrent request: the result is the same.
  }
  return { ...link, document };
}

export async function detachDocument(
  deps: AppDeps,
  attachables: Attachables,
  tenantId: string,
  actor: AuditActor,
  target: LinkTarget,
): Promise<void> {
  await assertRecord(attachables, tenantId, target.recordType, target.recordId);
  try {
    await commitLinkChange(
      deps,
      tenantId,
      actor,
      'document.detached',
      target,
      repo.buildDeleteAttachment(deps.db, tenantId, target),
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed) throw new AppError('not_found');
    throw error;
  }
}

/** Bytes older than this are swept when nothing references them (uploads finish well within it). */
export const SWEEP_GRACE_MS = 60 * 60 * 1000;

/**
 * Removes stored bytes nothing references: uploads that never finished and content-addressed
 * bytes without a blob record, once older than `olderThanMs` (so an upload between its copy and
 * its commit is never taken). Limited to one tenant when `tenantId` is given.
 */
export async function sweepOrphans(
  deps: AppDeps,
  options: { olderThanMs: number; tenantId?: string },
): Promise<{ scanned: number; removed: string[] }> {
  const prefix = options.tenantId === undefined ? STORAGE_ROOT : `${STORAGE_ROOT}${options.tenantId}/`;
  const cutoff = deps.now().getTime() - options.olderThanMs;
  const removed: string[] = [];
  let scanned = 0;
  for await (const object of deps.blobs.list(prefix)) {
    scanned += 1;
    if (object.lastModified.getTime() > cutoff) continue;
    const parsed = parseStorageKey(object.key);
    if (parsed === undefined) continue;
    const isOrphan =
      parsed.kind === 'upload' || (await repo.getBlob(deps.db, parsed.tenantId, parsed.name)) === undefined;
    if (!isOrphan) continue;
    await deps.blobs.delete(object.key);
    removed.push(object.key);
  }
  return { scanned, removed };
}
