/**
 * The API as production runs it: the built server bundle (`api/dist/server/bundle/server.mjs`) in
 * its own Node process, configured by environment variables, so a benchmark measures built code
 * rather than tsx and can read the server's own memory (its RSS), apart from the benchmark's.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { buildServerBundle, SERVER_BUNDLE } from '@holdfast/api/scripts/build-server';
import { findFreePort, waitFor } from '../src/stack/free-port.js';

export type BundledServer = {
  origin: string;
  /** The server process's resident memory now, in bytes (Linux `/proc`). */
  readRssBytes: () => Promise<number>;
  stop: () => Promise<void>;
};

let built: Promise<void> | undefined;

/** Builds the bundle once per benchmark run, then starts a server from it with these settings. */
export async function startBundledServer(settings: Record<string, string>): Promise<BundledServer> {
  built ??= buildServerBundle();
  await built;
  const port = await findFreePort();
  // The server's log lines go nowhere, as the in-process benchmark's go to /dev/null.
  const child = spawn(process.execPath, [SERVER_BUNDLE], {
    env: { ...process.env, ...settings, HOST: '127.0.0.1', PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    await waitFor('the bundled API server', async () => (await fetch(`${origin}/health`)).ok);
  } catch (error) {
    await stop();
    throw error;
  }
  const pid = child.pid;
  return {
    origin,
    readRssBytes: async () => {
      const status = await readFile(`/proc/${String(pid)}/status`, 'utf8');
      const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
      if (kilobytes === undefined) throw new Error('no VmRSS for the server process');
      return Number(kilobytes) * 1024;
    },
    stop,
  };
}
