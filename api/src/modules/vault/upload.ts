import {
  commitWithAudit,
  WriteConditionFailed,
  type AuditEvent,
  type TransactItem,
} from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { createId } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { sanitizeFilename, titleFromFilename } from './filenames.js';
import { getStorageQuota } from './quota.js';
import * as repo from './repo.js';
import type { UploadQuery, VaultDocument } from './schema.js';
import {
  blobKey,
  formatBytes,
  quotaExceeded,
  receiveUpload,
  uploadKey,
  type ReceivedUpload,
  type UploadLimits,
} from './storage.js';
import { removeIfUnreferenced } from './stored-bytes.js';
import { cleanTags } from './tags.js';

/** How often recording an upload is tried when another upload or delete of the same bytes races it. */
const MAX_WRITE_ATTEMPTS = 4;

type Limits = UploadLimits & { quotaBytes: number };

/**
 * Another module's change that keeps its file in the vault (an imported message thread and its
 * original bytes): its writes and its audit entry are committed in the document's own transaction,
 * beside the upload's entry, so the change and the document exist together or not at all.
 */
export type CommittedAlongside = (document: VaultDocument) => {
  operations: TransactItem[];
  event: AuditEvent;
};

/** A condition of the change committed alongside failed (see `CommittedAlongside`): nothing was stored. */
export class AlongsideConditionFailed extends Error {
  constructor(readonly failedIndexes: number[]) {
    super('a condition of the change committed with the document failed');
    this.name = 'AlongsideConditionFailed';
  }
}

/**
 * Stores an upload and records its document, in four steps: refuse a declared size over the
 * limits; stream the bytes to a temporary object while they are typed, hashed and counted; describe
 * the document; record it (`recordUpload`). The temporary object is always removed: no bytes
 * without a record, no record without bytes (a crash in between is left to `sweepOrphans`).
 */
export async function uploadDocument(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  query: UploadQuery,
  source: AsyncIterable<Uint8Array>,
  declaredLength: number | undefined,
  alongside?: CommittedAlongside,
): Promise<{ document: VaultDocument; isDeduplicated: boolean }> {
  const limits = await buildLimits(deps, tenantId);
  refuseDeclaredLength(limits, declaredLength);
  const tempKey = uploadKey(tenantId, createId());
  try {
    const received = await receiveUpload(deps.blobs, tempKey, source, limits);
    const document = describeDocument(deps, actor, query, received);
    return await recordUpload(deps, {
      tenantId,
      actor,
      tempKey,
      limits,
      document,
      ...(alongside === undefined ? {} : { alongside: alongside(document) }),
    });
  } finally {
    await deps.blobs.delete(tempKey).catch(() => undefined);
  }
}

async function buildLimits(deps: AppDeps, tenantId: string): Promise<UploadLimits & { quotaBytes: number }> {
  const quota = await getStorageQuota(deps, tenantId);
  const used = await repo.getUsedBytes(deps.db, tenantId);
  return {
    maxFileBytes: deps.config.VAULT_MAX_FILE_BYTES,
    quotaLeftBytes: quota.bytes - used,
    quotaBytes: quota.bytes,
    describeQuota: () => `the ${formatBytes(quota.bytes)} storage quota of the ${quota.planName} plan`,
    describeRemedy: () =>
      quota.largerPlan === undefined
        ? 'Delete files to make room.'
        : `The ${quota.largerPlan.name} plan allows ${formatBytes(quota.largerPlan.quotaBytes)}. Delete files or change plan.`,
  };
}

/** A declared size over the file limit or the quota is refused before any byte is read. */
function refuseDeclaredLength(limits: Limits, declaredLength: number | undefined): void {
  if (declaredLength === undefined) return;
  if (declaredLength > limits.maxFileBytes)
    throw new AppError(
      'payload_too_large',
      `This file is larger than the ${formatBytes(limits.maxFileBytes)} limit for one file.`,
    );
  if (declaredLength > limits.quotaLeftBytes) throw quotaExceeded(limits, declaredLength);
}

/** The new document: the uploader's description, and the size, type and fingerprint of the bytes. */
function describeDocument(
  deps: AppDeps,
  actor: AuditActor,
  query: UploadQuery,
  received: ReceivedUpload,
): VaultDocument {
  const filename = sanitizeFilename(query.filename, received.type.mime);
  const now = deps.now().toISOString();
  return {
    id: createId(),
    title: query.title?.trim() || titleFromFilename(filename),
    description: query.description ?? '',
    category: query.category ?? 'other',
    tags: cleanTags(query.tags),
    ...(query.documentDate === undefined ? {} : { documentDate: query.documentDate }),
    filename,
    size: received.size,
    contentType: received.type.mime,
    sha256: received.sha256,
    uploadedBy: actor.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

type UploadToRecord = {
  tenantId: string;
  actor: AuditActor;
  tempKey: string;
  limits: Limits;
  document: VaultDocument;
  alongside?: ReturnType<CommittedAlongside>;
};

/**
 * Commits the document's writes (after those of a change alongside, with its audit entry too). A failed condition of the change alongside is its own error; one of
 * the document's own writes is the `WriteConditionFailed` the callers retry on.
 */
async function commitDocument(
  deps: AppDeps,
  upload: UploadToRecord,
  operations: TransactItem[],
): Promise<void> {
  const before = upload.alongside?.operations ?? [];
  try {
    await commitWithAudit(
      deps.db,
      upload.tenantId,
      [...before, ...operations],
      upload.alongside === undefined
        ? uploadedEvent(upload)
        : [upload.alongside.event, uploadedEvent(upload)],
      deps.now,
    );
  } catch (error) {
    if (!(error instanceof WriteConditionFailed)) throw error;
    const theirs = error.failedIndexes.filter((index) => index < before.length);
    if (theirs.length > 0) throw new AlongsideConditionFailed(theirs);
    throw new WriteConditionFailed(error.failedIndexes.map((index) => index - before.length));
  }
}

/**
 * Records the document in one audited transaction: when the workspace already holds the same
 * bytes, as one more reference to them (dedupe); otherwise as new bytes, copied to their content
 * address and counted against the quota. Another upload or delete of the same bytes can change
 * which of the two applies while this one runs: then the blob is read again and it is tried again.
 */
async function recordUpload(
  deps: AppDeps,
  upload: UploadToRecord,
): Promise<{ document: VaultDocument; isDeduplicated: boolean }> {
  const { tenantId, document } = upload;
  for (let attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt += 1) {
    const existing = await repo.getBlob(deps.db, tenantId, document.sha256);
    const isRecorded =
      existing === undefined
        ? await recordNewBytes(deps, upload)
        : await recordReference(deps, upload, existing);
    if (isRecorded) return { document, isDeduplicated: existing !== undefined };
  }
  throw new AppError('conflict', 'The vault is busy; try again.');
}

/** The audit entry of an upload: what was stored, never its content. */
function uploadedEvent(upload: UploadToRecord) {
  const { actor, document } = upload;
  return {
    actor,
    action: 'document.uploaded',
    target: { type: 'document', id: document.id },
    details: { contentType: document.contentType, size: document.size, sha256: document.sha256 },
  };
}

/** One more document using bytes the workspace holds; false when the blob changed meanwhile. */
async function recordReference(
  deps: AppDeps,
  upload: UploadToRecord,
  blob: repo.BlobRecord,
): Promise<boolean> {
  const { tenantId, document } = upload;
  try {
    await commitDocument(deps, upload, [
      repo.buildPutDocument(deps.db, tenantId, document),
      repo.buildMoveBlobReferences(deps.db, tenantId, blob, 1),
    ]);
    return true;
  } catch (error) {
    if (error instanceof WriteConditionFailed) return false;
    throw error;
  }
}

/**
 * New bytes: copied to their content address, then the document, the blob record and the usage
 * written together. False when the same bytes were recorded meanwhile (retry as a reference); a
 * workspace without room left answers 413, whichever upload took the room.
 */
async function recordNewBytes(deps: AppDeps, upload: UploadToRecord): Promise<boolean> {
  const { tenantId, tempKey, limits, document } = upload;
  await deps.blobs.copy(tempKey, blobKey(tenantId, document.sha256));
  const blob = {
    sha256: document.sha256,
    size: document.size,
    contentType: document.contentType,
    refCount: 1,
  };
  try {
    await commitDocument(deps, upload, [
      repo.buildPutDocument(deps.db, tenantId, document),
      repo.buildCreateBlob(deps.db, tenantId, blob, document.createdAt),
      repo.buildAddUsage(deps.db, tenantId, document.size, limits.quotaBytes),
    ]);
    return true;
  } catch (error) {
    await removeIfUnreferenced(deps, tenantId, document.sha256);
    if (!(error instanceof WriteConditionFailed)) throw error;
    // Which condition failed is read from the state each one guards, not from the failed item's
    // place in the transaction: the same bytes recorded meanwhile are tried again as a reference;
    // otherwise the usage refused, and a workspace without room left answers 413.
    if ((await repo.getBlob(deps.db, tenantId, document.sha256)) !== undefined) return false;
    const quotaLeftBytes = limits.quotaBytes - (await repo.getUsedBytes(deps.db, tenantId));
    if (document.size > quotaLeftBytes) throw quotaExceeded({ ...limits, quotaLeftBytes }, document.size);
    return false;
  }
}
