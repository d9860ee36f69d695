import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  NoSuchKey,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import type { Config } from '../../config.js';

/** Multipart part size: the most one upload holds in memory is about PART_SIZE × QUEUE_SIZE. */
const PART_SIZE = 5 * 1024 * 1024;
const QUEUE_SIZE = 2;

export type StoredObject = { key: string; lastModified: Date };

/**
 * Object storage for file bytes: S3 in production, s3rver in the embedded default, through the
 * same client. Bodies are always streamed, in and out.
 */
export type BlobStore = {
  bucket: string;
  /** Streams `body` into `key` (multipart for large bodies); nothing is kept if `body` throws. */
  put: (key: string, body: AsyncIterable<Uint8Array>, contentType: string) => Promise<void>;
  copy: (fromKey: string, toKey: string) => Promise<void>;
  /** The object's bytes as a stream, or undefined when there is no such object. */
  get: (key: string) => Promise<Readable | undefined>;
  delete: (key: string) => Promise<void>;
  /** Every object under a prefix, page by page. */
  list: (prefix: string) => AsyncGenerator<StoredObject>;
  destroy: () => void;
};

/**
 * A dead file store should fail an upload or a download within seconds. Transfers of large files
 * take long, so the limit is on inactivity (no byte in either direction), not on the whole request.
 */
const CONNECTION_TIMEOUT_MS = 2_000;
const IDLE_TIMEOUT_MS = 30_000;
/** One retry of a request that failed: an upload's body is a stream, so it cannot be replayed anyway. */
const MAX_ATTEMPTS = 2;

/**
 * The S3 client. With S3_ENDPOINT set it talks to the local server with path-style addressing;
 * checksums are only computed when S3 requires them, so a streamed body is stored as sent
 * (without aws-chunked framing) by servers that do not understand it.
 */
export function createBlobStore(config: Config): BlobStore {
  const client = new S3Client({
    region: config.AWS_REGION,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, socketTimeout: IDLE_TIMEOUT_MS },
    ...(config.S3_ENDPOINT === undefined
      ? {}
      : {
          endpoint: config.S3_ENDPOINT,
          forcePathStyle: true,
          credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
        }),
  });
  const bucket = config.BLOB_BUCKET;
  return {
    bucket,
    put: async (key, body, contentType) => {
      // The body's own error (a limit, a refused type) is what the caller needs, not the S3
      // error the aborted upload ends with.
      let bodyError: unknown;
      async function* tracked(): AsyncGenerator<Uint8Array> {
        try {
          yield* body;
        } catch (error) {
          bodyError = error;
          throw error;
        }
      }
      const upload = new Upload({
        client,
        params: { Bucket: bucket, Key: key, Body: Readable.from(tracked()), ContentType: contentType },
        partSize: PART_SIZE,
        queueSize: QUEUE_SIZE,
        leavePartsOnError: false,
      });
      try {
        await upload.done();
      } catch (error) {
        throw bodyError ?? error;
      }
    },
    copy: async (fromKey, toKey) => {
      await client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: toKey,
          CopySource: `${bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`,
        }),
      );
    },
    get: async (key) => {
      try {
        const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return result.Body as Readable | undefined;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    delete: async (key) => {
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    list: async function* (prefix) {
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
        );
        for (const object of page.Contents ?? []) {
          if (object.Key !== undefined)
            yield { key: object.Key, lastModified: object.LastModified ?? new Date(0) };
        }
        token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
      } while (token !== undefined);
    },
    destroy: () => client.destroy(),
  };
}
