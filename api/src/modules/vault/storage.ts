import { createHash } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import type { BlobStore } from '../../platform/blobs/blob-store.js';
import { assertSafeId } from '../../platform/db/keys.js';
import { AppError } from '../../platform/errors.js';
import { detectType, hasBinaryByte, SNIFF_BYTES, type DetectedType } from './content-type.js';

/**
 * Where bytes live in the bucket. Kept bytes are content-addressed under their tenant
 * (`tenants/<tenant>/blobs/<sha256>`, P-FILE-1); an upload in flight is written to
 * `tenants/<tenant>/uploads/<id>` first, because its hash is known only once it has all arrived.
 */
export const STORAGE_ROOT = 'tenants/';

export function blobKey(tenantId: string, sha256: string): string {
  assertSafeId(tenantId, 'tenant id');
  if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error('a blob key needs a SHA-256');
  return `${STORAGE_ROOT}${tenantId}/blobs/${sha256}`;
}

export function uploadKey(tenantId: string, uploadId: string): string {
  assertSafeId(tenantId, 'tenant id');
  assertSafeId(uploadId, 'upload id');
  return `${STORAGE_ROOT}${tenantId}/uploads/${uploadId}`;
}

/** Reads a key of the layout above back into its parts (undefined for anything else). */
export function parseStorageKey(
  key: string,
): { tenantId: string; kind: 'blob' | 'upload'; name: string } | undefined {
  const match = /^tenants\/([A-Za-z0-9_-]{1,64})\/(blobs|uploads)\/([A-Za-z0-9_-]{1,64})$/.exec(key);
  if (match === null) return undefined;
  const [, tenantId = '', kind, name = ''] = match;
  return { tenantId, kind: kind === 'blobs' ? 'blob' : 'upload', name };
}

/** 1536 → "1.5 KB": sizes in error messages people read. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return unit === 0 ? `${bytes} bytes` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

export type UploadLimits = {
  maxFileBytes: number;
  /** Bytes the workspace may still store (negative when a smaller plan left it over its quota). */
  quotaLeftBytes: number;
  /** The words that name the quota in an error, such as "the 512 MB storage quota of the Free plan". */
  describeQuota: () => string;
  /** What makes room: deleting files, or the plan that allows more. */
  describeRemedy: () => string;
};

export type ReceivedUpload = { sha256: string; size: number; type: DetectedType };

function tooLarge(limits: UploadLimits): AppError {
  return new AppError(
    'payload_too_large',
    `This file is larger than the ${formatBytes(limits.maxFileBytes)} limit for one file.`,
  );
}

/** The quota error: names the quota, what is left, what the file needs (when known) and what makes room. */
export function quotaExceeded(limits: UploadLimits, neededBytes?: number): AppError {
  const needs =
    neededBytes === undefined ? 'This file does not fit' : `This file needs ${formatBytes(neededBytes)}`;
  const room =
    limits.quotaLeftBytes < 0
      ? `the workspace already holds ${formatBytes(-limits.quotaLeftBytes)} more than ${limits.describeQuota()}; its files are kept, and uploads resume once it is under the quota`
      : `the workspace has ${formatBytes(limits.quotaLeftBytes)} left of ${limits.describeQuota()}`;
  return new AppError('storage_quota_exceeded', `${needs}: ${room}. ${limits.describeRemedy()}`);
}

function refusedType(type: DetectedType): AppError {
  return new AppError(
    'unsupported_media_type',
    `This file is ${type.label}. The vault keeps PDF, PNG, JPEG, WebP and HEIC images, and plain text.`,
  );
}

/**
 * Receives an upload as it streams in, without ever holding it whole: the first bytes decide its
 * type (P-FILE-2), then every chunk is hashed, counted against the file limit and the quota, and
 * streamed on to `key`. A broken limit throws before the bytes are kept (the object store
 * discards a body that throws).
 */
export async function receiveUpload(
  blobs: BlobStore,
  key: string,
  source: AsyncIterable<Uint8Array>,
  limits: UploadLimits,
): Promise<ReceivedUpload> {
  const iterator = source[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let headBytes = 0;
  let isDone = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done === true) {
      isDone = true;
      break;
    }
    head.push(next.value);
    headBytes += next.value.length;
  }
  if (headBytes === 0) throw new AppError('validation_failed', 'The file is empty.');
  const type = await detectType(Buffer.concat(head).subarray(0, SNIFF_BYTES));
  if (!type.isAllowed) throw refusedType(type);

  const hash = createHash('sha256');
  let size = 0;
  const accept = (chunk: Uint8Array): Uint8Array => {
    size += chunk.length;
    if (size > limits.maxFileBytes) throw tooLarge(limits);
    if (size > limits.quotaLeftBytes) throw quotaExceeded(limits);
    if (type.mime === 'text/plain' && hasBinaryByte(chunk)) {
      throw new AppError('unsupported_media_type', 'This file starts as plain text but holds binary data.');
    }
    hash.update(chunk);
    return chunk;
  };
  async function* body(): AsyncGenerator<Uint8Array> {
    for (const chunk of head) yield accept(chunk);
    if (isDone) return;
    for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) {
      yield accept(next.value);
    }
  }
  await blobs.put(key, body(), type.mime);
  return { sha256: hash.digest('hex'), size, type };
}

/** A stored file's bytes differ from the SHA-256 they are stored under, or are gone. */
export class FileIntegrityError extends AppError {
  constructor(
    readonly expectedSha256: string,
    readonly actualSha256: string | undefined,
  ) {
    super(
      'integrity_failure',
      'This file no longer matches the fingerprint it was stored with, so it is not served. Restore it from another copy.',
    );
  }
}

/** Files up to this size are verified in memory before the first byte is sent. */
const IN_MEMORY_VERIFY_BYTES = 8 * 1024 * 1024;

async function hashStream(stream: AsyncIterable<Uint8Array>): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk);
  return hash.digest('hex');
}

/**
 * The bytes stored under `sha256`, verified before they are handed out (P-FILE-1). A small file
 * is read and checked in memory; a large one is checked in a first streaming pass, then streamed
 * again through a check that fails the stream if the bytes changed in between. Throws
 * `FileIntegrityError` when the bytes do not match or are missing.
 */
export async function openVerified(
  blobs: BlobStore,
  tenantId: string,
  sha256: string,
  size: number,
): Promise<Readable> {
  const key = blobKey(tenantId, sha256);
  const first = await blobs.get(key);
  if (first === undefined) throw new FileIntegrityError(sha256, undefined);
  if (size <= IN_MEMORY_VERIFY_BYTES) {
    const chunks: Buffer[] = [];
    for await (const chunk of first) chunks.push(Buffer.from(chunk as Uint8Array));
    const bytes = Buffer.concat(chunks);
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== sha256) throw new FileIntegrityError(sha256, actual);
    return Readable.from([bytes]);
  }
  const actual = await hashStream(first);
  if (actual !== sha256) throw new FileIntegrityError(sha256, actual);
  const second = await blobs.get(key);
  if (second === undefined) throw new FileIntegrityError(sha256, undefined);
  const hash = createHash('sha256');
  const check = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      callback(null, chunk);
    },
    flush(callback) {
      const streamed = hash.digest('hex');
      callback(streamed === sha256 ? null : new FileIntegrityError(sha256, streamed));
    },
  });
  second.on('error', (error) => check.destroy(error));
  return second.pipe(check);
}
