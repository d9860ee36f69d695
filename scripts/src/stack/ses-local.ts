import type { Server } from 'node:http';
import sesLocalModule from 'aws-ses-v2-local';
import { findFreePort } from './free-port.js';

export type SesLocal = { endpoint: string; stop: () => Promise<void> };

// The package is CommonJS with `exports.default`; under ESM interop the function sits on `.default`.
const startSesServer = ((sesLocalModule as unknown as { default?: unknown }).default ??
  sesLocalModule) as (config: { host: string; port: number }) => Promise<Server>;

/** Runs the local SESv2 server (with its web view of sent mail at `/`) on a free loopback port. */
export async function startSesLocal(): Promise<SesLocal> {
  const port = await findFreePort();
  const server = await startSesServer({ host: '127.0.0.1', port });
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
