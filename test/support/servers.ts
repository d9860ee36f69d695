import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findFreePort, waitFor } from '@holdfast/scripts/free-port';

/**
 * Serves the built SPA (web/dist, made by the web build step) with `vite preview`, proxying the
 * API paths to `apiUrl`. Stops with the returned function.
 */
export async function startSpa(
  apiUrl: string,
  spaPort?: number,
): Promise<{ url: string; stop: () => Promise<void> }> {
  const port = spaPort ?? (await findFreePort());
  const webDir = fileURLToPath(new URL('../../web/', import.meta.url));
  const child: ChildProcess = spawn(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'preview', '--port', String(port), '--strictPort'],
    {
      cwd: webDir,
      env: { ...process.env, HOLDFAST_API_URL: apiUrl, HOLDFAST_WEB_PORT: String(port) },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(
      'the SPA preview server (did the web build step run?)',
      async () => (await fetch(url)).ok,
      30_000,
    );
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
