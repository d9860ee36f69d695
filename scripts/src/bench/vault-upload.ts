/**
 * Memory benchmark of a large upload (P-FILE-2: uploads are streamed, never held whole).
 * Starts the embedded stack in memory and the API as its own process, signs in through the real
 * magic-link mail, streams a 200 MB text file to the upload route with a known length, then
 * downloads it back, and prints the API's resident memory (VmRSS from /proc) before, at its peak
 * during each transfer, and the growth. Exits 1 when the upload's growth reaches the 64 MB target.
 *
 * Usage: pnpm --filter @holdfast/scripts bench:vault [-- --mb 200]
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { findFreePort, startStack, waitFor } from '../stack/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const TARGET_GROWTH_MB = 64;
const CHUNK = 1024 * 1024;
const API_DIR = join(resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'), 'api');
const megabytes = Number(process.argv[process.argv.indexOf('--mb') + 1] ?? '') || 200;

function rssBytes(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(match?.[1] ?? 0) * 1024;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

/** Samples a process's RSS every 20 ms while `work` runs; returns the peak. */
async function peakRssDuring(pid: number, work: () => Promise<void>): Promise<number> {
  let peak = rssBytes(pid);
  const timer = setInterval(() => {
    peak = Math.max(peak, rssBytes(pid));
  }, 20);
  try {
    await work();
  } finally {
    clearInterval(timer);
  }
  return Math.max(peak, rssBytes(pid));
}

/** A text file of `size` bytes made on the fly (never held whole here either), and its SHA-256. */
function textFile(size: number): { stream: () => Readable; sha256: string } {
  const line = Buffer.alloc(CHUNK, 'Holdfast benchmark line of plain text.\n');
  const hash = createHash('sha256');
  for (let sent = 0; sent < size; sent += CHUNK) hash.update(line.subarray(0, Math.min(CHUNK, size - sent)));
  return {
    sha256: hash.digest('hex'),
    stream: () =>
      Readable.from(
        (function* () {
          for (let sent = 0; sent < size; sent += CHUNK) yield line.subarray(0, Math.min(CHUNK, size - sent));
        })(),
      ),
  };
}

async function main(): Promise<void> {
  const stack = await startStack({ tablePrefix: 'holdfast-bench', blobBucket: 'holdfast-bench-blobs' });
  const port = await findFreePort();
  const api = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: API_DIR,
    env: {
      ...process.env,
      ...stack.apiEnvironment,
      HOLDFAST_ENV: 'local',
      PORT: String(port),
      WEB_ORIGIN: 'http://127.0.0.1:5173',
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      LOG_LEVEL: 'warn',
      VAULT_SWEEP_INTERVAL_MINUTES: '0',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    await waitFor('the API', async () => (await fetch(`${base}/health`)).ok, 60_000);
    const pid = api.pid ?? 0;
    const email = `bench-${Date.now()}@example.test`;
    await fetch(`${base}/v1/auth/magic-link`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email }),
    });
    const store = (await (await fetch(`${stack.sesEndpoint}/store`)).json()) as {
      emails: { destination: { to: string[] }; body: { text?: string } }[];
    };
    const mail = store.emails.find((m) => m.destination.to.some((to) => to.includes(email)));
    const token = decodeURIComponent(/token=([A-Za-z0-9_%-]+)/.exec(mail?.body.text ?? '')?.[1] ?? '');
    const verified = await fetch(`${base}/v1/auth/verify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token, ageConfirmed: true }),
    });
    const cookie = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const me = (await (await fetch(`${base}/v1/me`, { headers: { cookie } })).json()) as {
      workspaces: { id: string }[];
    };
    const workspaceId = me.workspaces[0]?.id ?? '';

    const size = megabytes * 1024 * 1024;
    const file = textFile(size);
    // Let start-up settle, then take the baseline.
    await new Promise((r) => setTimeout(r, 1000));
    const before = rssBytes(pid);
    let documentId = '';
    let uploadStatus = 0;
    const started = Date.now();
    const uploadPeak = await peakRssDuring(pid, async () => {
      const response = await fetch(`${base}/v1/workspaces/${workspaceId}/documents?filename=bench.txt`, {
        method: 'POST',
        headers: {
          cookie,
          'x-holdfast-csrf': '1',
          'content-type': 'text/plain',
          'content-length': String(size),
        },
        body: Readable.toWeb(file.stream()) as ReadableStream,
        duplex: 'half',
      });
      uploadStatus = response.status;
      const body = (await response.json()) as { document?: { id: string; sha256: string } };
      if (body.document?.sha256 !== file.sha256) throw new Error(`upload failed: ${response.status}`);
      documentId = body.document.id;
    });
    const uploadSeconds = (Date.now() - started) / 1000;

    const downloadStarted = Date.now();
    const downloadPeak = await peakRssDuring(pid, async () => {
      const response = await fetch(`${base}/v1/workspaces/${workspaceId}/documents/${documentId}/content`, {
        headers: { cookie },
      });
      const hash = createHash('sha256');
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) hash.update(chunk);
      if (hash.digest('hex') !== file.sha256) throw new Error('download did not match');
    });
    const downloadSeconds = (Date.now() - downloadStarted) / 1000;

    const growth = uploadPeak - before;
    process.stdout.write(
      [
        `vault upload benchmark: ${megabytes} MB plain-text file, streamed (status ${uploadStatus})`,
        `  API RSS before:            ${mb(before)} MB`,
        `  API RSS peak, upload:      ${mb(uploadPeak)} MB  (growth ${mb(growth)} MB, target < ${TARGET_GROWTH_MB} MB)`,
        `  API RSS peak, download:    ${mb(downloadPeak)} MB  (growth ${mb(downloadPeak - before)} MB, verified read)`,
        `  upload ${uploadSeconds.toFixed(1)} s (${(megabytes / uploadSeconds).toFixed(0)} MB/s), download ${downloadSeconds.toFixed(1)} s`,
        '',
      ].join('\n'),
    );
    if (growth >= TARGET_GROWTH_MB * 1024 * 1024) process.exitCode = 1;
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await stack.stop();
  }
}

await main();
