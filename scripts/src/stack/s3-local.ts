import { mkdirSync } from 'node:fs';
import S3rver from 's3rver';
import { findFreePort } from './free-port.js';

export type S3Local = { endpoint: string; stop: () => Promise<void> };

/** Runs s3rver on a free loopback port, storing objects under `directory`, with `buckets` created. */
export async function startS3Local(options: { directory: string; buckets: string[] }): Promise<S3Local> {
  mkdirSync(options.directory, { recursive: true });
  const port = await findFreePort();
  const server = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory: options.directory,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      await server.close();
    },
  };
}
