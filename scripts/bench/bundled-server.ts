/**
 * The API as production runs it: the built server bundle (`api/dist/server/bundle/server.mjs`) in
 * its own Node process, configured by environment variables, so a benchmark measures built code
 * rather than tsx and can read the server's own memory (its RSS) and CPU time, apart from the
 * benchmark's. `fromSource` runs `server.ts` under tsx instead: the bundle is minified, so a CPU
 * profile (`nodeArgs: ['--cpu-prof', ...]`) of it names no function a reader can find.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { buildServerBundle, SERVER_BUNDLE } from '@holdfast/api/scripts/build-server';
import { findFreePort, waitFor } from '../src/stack/free-port.js';

export type BundledServer = {
  origin: string;
  /** The server process's resident memory now, in bytes (Linux `/proc`). */
  readRssBytes: () => Promise<number>;
  /** The CPU time (user + system) the server process has used so far, in seconds (Linux `/proc`). */
  readCpuSeconds: () => Promise<number>;
  stop: () => Promise<void>;
};

export type ServerProcessOptions = {
  /** Run `api/src/server.ts` under tsx rather than the built bundle (readable profiles). */
  fromSource?: boolean;
  /** Extra `node` flags, such as `--cpu-prof --cpu-prof-dir=...`. */
  nodeArgs?: string[];
};

const SERVER_SOURCE = fileURLToPath(new URL('../../api/src/server.ts', import.meta.url));
/** Kernel clock ticks per second, the unit of `/proc/<pid>/stat` times on Linux. */
const CLOCK_TICKS_PER_SECOND = 100;

let built: Promise<void> | undefined;

/** Builds the bundle once per benchmark run, then starts a server from it with these settings. */
export async function startBundledServer(
  settings: Record<string, string>,
  options: ServerProcessOptions = {},
): Promise<BundledServer> {
  const entry = options.fromSource === true ? ['--import', 'tsx', SERVER_SOURCE] : [SERVER_BUNDLE];
  if (options.fromSource !== true) {
    built ??= buildServerBundle();
    await built;
  }
  const port = await findFreePort();
  // The server's log lines go nowhere, as the in-process benchmark's go to /dev/null.
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
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
  const pid = String(child.pid);
  return {
    origin,
    readRssBytes: async () => {
      const status = await readFile(`/proc/${pid}/status`, 'utf8');
      const kilobytes = /^VmRSS:\s+(\d+) kB/m.exec(status)?.[1];
      if (kilobytes === undefined) throw new Error('no VmRSS for the server process');
      return Number(kilobytes) * 1024;
    },
    readCpuSeconds: async () => {
      // Fields after the command name (which may hold spaces, so split after its closing ')'):
      // utime and stime are the 14th and 15th fields of the whole line.
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = Number(fields[11]) + Number(fields[12]);
      if (!Number.isFinite(ticks)) throw new Error('no CPU times for the server process');
      return ticks / CLOCK_TICKS_PER_SECOND;
    },
    stop,
  };
}
