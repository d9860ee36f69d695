import { Readable } from 'node:stream';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../../config.js';
import { loadOnFirstUse } from '../load-on-first-use.js';

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
  let client: S3Client | undefined;
  // The S3 client (and its multipart upload helper) loads with the first file stored or read, not
  // at start: most cold starts touch no file.
  const loadS3 = loadOnFirstUse(async () => {
    const [s3, { Upload }] = await Promise.all([
      import('@aws-sdk/client-s3'),
      import('@aws-sdk/lib-storage'),
    ]);
    client = new s3.S3Client({
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
    const { CopyObjectCommand, DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, NoSuchKey } = s3;
    return {
      client,
      Upload,
      CopyObjectCommand,
      DeleteObjectCommand,
      GetObjectCommand,
      ListObjectsV2Command,
      NoSuchKey,
    };
  });
  const bucket = config.BLOB_BUCKET;
  return {
    bucket,
    put: async (key, body, contentType) => {
      const { client, Upload } = await loadS3();
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
      const { client, CopyObjectCommand } = await loadS3();
      await client.send(
        new CopyObjectCommand({
          Bucket: bucket,
          Key: toKey,
          CopySource: `${bucket}/${fromKey.split('/').map(encodeURIComponent).join('/')}`,
        }),
      );
    },
    get: async (key) => {
      const { client, GetObjectCommand, NoSuchKey } = await loadS3();
      try {
        const result = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        return result.Body as Readable | undefined;
      } catch (error) {
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
    delete: async (key) => {
      const { client, DeleteObjectCommand } = await loadS3();
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    },
    list: async function* (prefix) {
      const { client, ListObjectsV2Command } = await loadS3();
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
    destroy: () => client?.destroy(),
  };
}
