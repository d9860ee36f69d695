/**
 * Soak test (not run in CI): mixed traffic over many workspaces against a real API process on the
 * embedded stack, for a fixed time, printing per minute the API's memory (RSS and V8 heap used),
 * the p50 and p99 latency and the error count, so a leak or a slow drift shows as a trend.
 *
 * It starts the embedded stack in memory and the API as its own process on 127.0.0.1, signs
 * people in through the real magic-link mail, then runs a few concurrent clients that sign in
 * again now and then, create, read and list incidents, record and list wellbeing check-ins, and
 * upload and list small vault files. It stops by itself after `--minutes` or `--max-requests`,
 * whichever comes first, and stops everything it started.
 *
 * Usage: pnpm bench:soak [-- --minutes 10 --tenants 20 --concurrency 8 --max-requests N]
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findFreePort, startStack, waitFor } from '../src/stack/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const HERE = dirname(fileURLToPath(import.meta.url));
const API_DIR = join(resolve(HERE, '..', '..'), 'api');
const MINUTE_MS = 60_000;
/** A person signs in again at most this often (the API allows 30 sign-ins per address per 15 minutes). */
const SIGN_IN_EVERY_MS = 60_000;
/** No single request may hold a client longer than this (a hung API counts as an error). */
const REQUEST_TIMEOUT_MS = 30_000;

function readNumberArgument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? Number.NaN : Number(process.argv[index + 1]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const MINUTES = readNumberArgument('minutes', 10);
const TENANTS = Math.floor(readNumberArgument('tenants', 20));
const CONCURRENCY = Math.floor(readNumberArgument('concurrency', 8));
const MAX_REQUESTS = Math.floor(readNumberArgument('max-requests', MINUTES * 30_000));

type Tenant = {
  email: string;
  cookie: string;
  workspaceId: string;
  incidentIds: string[];
  isUploading: boolean;
  /** The person's own address, as a trusted proxy reports it (sign-in limits are per address). */
  ip: string;
  lastSignInAt: number;
};
type Sample = { kind: string; ms: number; isError: boolean };
type Memory = { rss: number; heapUsed: number };

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(Math.random() * items.length)];
  if (item === undefined) throw new Error('nothing to pick from');
  return item;
}

async function main(): Promise<void> {
  const stack = await startStack({ tablePrefix: 'holdfast-soak', blobBucket: 'holdfast-soak-blobs' });
  const port = await findFreePort();
  const api = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', join(HERE, 'soak-memory-probe.ts'), 'src/server.ts'],
    {
      cwd: API_DIR,
      env: {
        ...process.env,
        ...stack.apiEnvironment,
        HOLDFAST_ENV: 'local',
        HOST: '127.0.0.1',
        PORT: String(port),
        WEB_ORIGIN: 'http://127.0.0.1:5173',
        SESSION_SECRET: 'soak-session-secret-0123456789abcdef',
        LOG_LEVEL: 'warn',
        // The soak measures the API, not its abuse limits: one client machine plays every person.
        RATE_LIMIT_PER_IP_PER_MINUTE: '10000000',
        RATE_LIMIT_PER_TENANT_PER_MINUTE: '10000000',
        RATE_LIMIT_SIGN_IN_PER_15_MINUTES: '10000000',
        // Every person comes through this loopback "proxy" with an address of their own.
        TRUST_PROXY_CIDRS: '127.0.0.1/32',
      },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const base = `http://127.0.0.1:${port}`;

  const readMemory = () =>
    new Promise<Memory | undefined>((resolveMemory) => {
      const timer = setTimeout(() => resolveMemory(undefined), 2_000);
      api.once('message', (message) => {
        clearTimeout(timer);
        resolveMemory(message as Memory);
      });
      api.send('holdfast:memory');
    });

  // Sign-ins read their link from the mail server's store and then clear it, so they run one at
  // a time and the store never grows with the run.
  let signInQueue: Promise<unknown> = Promise.resolve();
  const signIn = (email: string, ip: string): Promise<Tenant> => {
    const run = signInQueue.then(async () => {
      const asked = await fetch(`${base}/v1/auth/magic-link`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ email }),
      });
      if (asked.status !== 202) throw new Error(`magic link: ${asked.status}`);
      const store = (await (await fetch(`${stack.sesEndpoint}/store`)).json()) as {
        emails: { destination: { to: string[] }; body: { text?: string } }[];
      };
      const mail = store.emails.findLast((m) => m.destination.to.some((to) => to.includes(email)));
      await fetch(`${stack.sesEndpoint}/clear-store`, { method: 'POST' });
      const token = decodeURIComponent(/token=([A-Za-z0-9_%-]+)/.exec(mail?.body.text ?? '')?.[1] ?? '');
      const verified = await fetch(`${base}/v1/auth/verify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: JSON.stringify({ token, ageConfirmed: true }),
      });
      if (verified.status !== 200) throw new Error(`verify: ${verified.status}`);
      const cookie = (verified.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const me = (await (
        await fetch(`${base}/v1/me`, { headers: { cookie, 'x-forwarded-for': ip } })
      ).json()) as {
        workspaces: { id: string }[];
      };
      return {
        email,
        cookie,
        workspaceId: me.workspaces[0]?.id ?? '',
        incidentIds: [],
        isUploading: false,
        ip,
        lastSignInAt: Date.now(),
      };
    });
    signInQueue = run.catch(() => undefined);
    return run;
  };

  const request = async (tenant: Tenant, method: string, path: string, body?: string, type?: string) => {
    const response = await fetch(`${base}/v1/workspaces/${tenant.workspaceId}${path}`, {
      method,
      headers: {
        cookie: tenant.cookie,
        'x-holdfast-csrf': '1',
        'x-forwarded-for': tenant.ip,
        ...(type === undefined ? {} : { 'content-type': type }),
      },
      ...(body === undefined ? {} : { body }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    return { status: response.status, text };
  };

  /** The traffic mix: each operation with its weight; `run` answers the HTTP status it got. */
  const operations: {
    kind: string;
    weight: number;
    expected: number;
    run: (tenant: Tenant) => Promise<number>;
  }[] = [
    {
      kind: 'incident.create',
      expected: 201,
      weight: 20,
      run: async (tenant) => {
        const { status, text } = await request(
          tenant,
          'POST',
          '/incidents',
          JSON.stringify({
            occurredAt: new Date().toISOString(),
            timeZone: 'America/Chicago',
            category: 'late-pickup',
            location: 'School parking lot',
            narrative: `Soak incident ${randomUUID()}: pickup was late.`,
            peopleInvolved: ['Other parent'],
            childrenPresent: [],
            witnesses: [],
            tags: ['soak'],
            followUpNeeded: false,
          }),
          'application/json',
        );
        if (status !== 201) return status;
        tenant.incidentIds.push((JSON.parse(text) as { id: string }).id);
        // Keep a bounded window of ids to read back.
        if (tenant.incidentIds.length > 50) tenant.incidentIds.shift();
        return status;
      },
    },
    {
      kind: 'incident.read',
      expected: 200,
      weight: 15,
      run: async (tenant) => {
        const id = tenant.incidentIds.at(-1 - Math.floor(Math.random() * tenant.incidentIds.length));
        if (id === undefined) return (await request(tenant, 'GET', '/incidents?limit=1')).status;
        return (await request(tenant, 'GET', `/incidents/${id}`)).status;
      },
    },
    {
      kind: 'incident.list',
      expected: 200,
      weight: 20,
      run: async (tenant) => (await request(tenant, 'GET', '/incidents?limit=25')).status,
    },
    {
      kind: 'checkin.create',
      expected: 201,
      weight: 15,
      run: async (tenant) =>
        (
          await request(
            tenant,
            'POST',
            '/wellbeing/check-ins',
            JSON.stringify({
              occurredAt: new Date().toISOString(),
              mood: 6,
              anxiety: 4,
              notes: 'Soak note.',
            }),
            'application/json',
          )
        ).status,
    },
    {
      kind: 'checkin.list',
      expected: 200,
      weight: 10,
      run: async (tenant) => (await request(tenant, 'GET', '/wellbeing/check-ins?limit=25')).status,
    },
    {
      kind: 'vault.upload',
      expected: 201,
      weight: 10,
      run: async (tenant) => {
        tenant.isUploading = true;
        try {
          const { status } = await request(
            tenant,
            'POST',
            '/documents?filename=soak-note.txt',
            `Soak file ${randomUUID()}\n${'A line of plain text.\n'.repeat(40)}`,
            'text/plain',
          );
          return status;
        } finally {
          tenant.isUploading = false;
        }
      },
    },
    {
      kind: 'vault.list',
      expected: 200,
      weight: 8,
      run: async (tenant) => (await request(tenant, 'GET', '/documents?limit=25')).status,
    },
    {
      kind: 'sign-in',
      expected: 200,
      weight: 2,
      run: async (tenant) => {
        tenant.lastSignInAt = Date.now();
        const fresh = await signIn(tenant.email, tenant.ip);
        tenant.cookie = fresh.cookie;
        return 200;
      },
    },
  ];
  const totalWeight = operations.reduce((sum, op) => sum + op.weight, 0);
  const pickOperation = () => {
    let roll = Math.random() * totalWeight;
    for (const op of operations) {
      roll -= op.weight;
      if (roll < 0) return op;
    }
    return pick(operations);
  };

  try {
    await waitFor('the API', async () => (await fetch(`${base}/health`)).ok, 60_000);
    const runId = randomUUID().slice(0, 8);
    const tenants: Tenant[] = [];
    for (let i = 0; i < TENANTS; i += 1)
      tenants.push(
        await signIn(`soak-${runId}-${i}@example.test`, `198.51.${Math.floor(i / 250)}.${(i % 250) + 1}`),
      );
    process.stdout.write(
      `soak: ${MINUTES} min, ${TENANTS} workspaces, ${CONCURRENCY} concurrent clients, at most ${MAX_REQUESTS} requests\n` +
        'minute  requests  errors   p50 ms   p99 ms   API rss MB  API heapUsed MB\n',
    );

    const started = Date.now();
    const deadline = started + MINUTES * MINUTE_MS;
    let window: Sample[] = [];
    const all: Sample[] = [];
    let issued = 0;
    /** Errors by operation and what it got instead (a status or an error name). */
    const errorKinds = new Map<string, number>();
    const memories: Memory[] = [];
    let minute = 0;
    /** Prints one window; the tail after the last full minute (requests still running) is labelled. */
    const report = async (label?: string) => {
      minute += 1;
      const samples = window;
      window = [];
      const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
      const memory = await readMemory();
      if (memory !== undefined) memories.push(memory);
      process.stdout.write(
        `${(label ?? String(minute)).padStart(6)}  ${String(samples.length).padStart(8)}  ${String(samples.filter((s) => s.isError).length).padStart(6)}  ${percentile(sorted, 0.5).toFixed(1).padStart(7)}  ${percentile(sorted, 0.99).toFixed(1).padStart(7)}  ${(memory === undefined ? '?' : mb(memory.rss)).padStart(11)}  ${(memory === undefined ? '?' : mb(memory.heapUsed)).padStart(15)}\n`,
      );
    };
    const ticker = setInterval(() => void report(), MINUTE_MS);

    const client = async () => {
      while (Date.now() < deadline && issued < MAX_REQUESTS) {
        const op = pickOperation();
        // One upload at a time per workspace: s3rver (the embedded S3) removes a folder left empty
        // by a delete while another write into it is starting, and crashes on the failed write.
        // Real S3 has no folders; the soak must not stop on an emulator race.
        const candidates =
          op.kind === 'vault.upload'
            ? tenants.filter((x) => !x.isUploading)
            : op.kind === 'sign-in'
              ? tenants.filter((x) => Date.now() - x.lastSignInAt >= SIGN_IN_EVERY_MS)
              : tenants;
        if (candidates.length === 0) continue;
        const tenant = pick(candidates);
        issued += 1;
        const begun = performance.now();
        let outcome: string;
        try {
          const status = await op.run(tenant);
          outcome = status === op.expected ? 'ok' : String(status);
        } catch (error) {
          outcome = error instanceof Error ? error.message.slice(0, 60) : 'failed';
        }
        const isError = outcome !== 'ok';
        if (isError)
          errorKinds.set(`${op.kind} ${outcome}`, (errorKinds.get(`${op.kind} ${outcome}`) ?? 0) + 1);
        const sample = { kind: op.kind, ms: performance.now() - begun, isError };
        window.push(sample);
        all.push(sample);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, () => client()));
    clearInterval(ticker);
    // The last, partial minute.
    if (window.length > 0) await report('tail');

    const elapsed = (Date.now() - started) / 1000;
    const errors = all.filter((s) => s.isError).length;
    process.stdout.write(
      `\ntotal: ${all.length} requests in ${elapsed.toFixed(0)} s (${(all.length / elapsed).toFixed(0)}/s), ${errors} errors\n`,
    );
    for (const op of operations) {
      const sorted = all
        .filter((s) => s.kind === op.kind)
        .map((s) => s.ms)
        .sort((a, b) => a - b);
      process.stdout.write(
        `  ${op.kind.padEnd(16)} n=${String(sorted.length).padStart(6)}  p50=${percentile(sorted, 0.5).toFixed(1)} ms  p99=${percentile(sorted, 0.99).toFixed(1)} ms\n`,
      );
    }
    for (const [kind, count] of errorKinds) process.stdout.write(`  error: ${kind} × ${count}\n`);
    const first = memories[0];
    const last = memories.at(-1);
    if (first !== undefined && last !== undefined)
      process.stdout.write(
        `API memory, first to last minute: rss ${mb(first.rss)} → ${mb(last.rss)} MB, heapUsed ${mb(first.heapUsed)} → ${mb(last.heapUsed)} MB\n`,
      );
    if (errors > 0) process.exitCode = 1;
  } finally {
    api.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 500));
    await stack.stop();
  }
}

await main();
