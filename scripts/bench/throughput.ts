/**
 * Request throughput of the API on this machine, printed as one table (figure, target, measured,
 * ratio): `/health` beside a bare Fastify hello world, and a signed-in read of one incident (an
 * API key) answered by a fast in-memory DynamoDB stub (to measure the API, not the emulator) and
 * by DynamoDB Local, with the DynamoDB calls that read makes and the API's CPU time per request
 * (which depends far less on the machine's load than req/s). The measured API runs in its own
 * process, as production runs it (the built bundle, deployed-environment logging to nowhere), so
 * the load generator and the stub (worker threads here) never share its event loop or its CPU
 * accounting; its resident memory is reported after start (baseline) and after the loads.
 *
 * Usage: `pnpm bench:throughput [-- --seconds 5 --connections 50]`; `--source` runs the API from
 * its TypeScript under tsx instead of the bundle; `--profile DIR` (with `--source`) writes a V8
 * CPU profile of the stub-backed read into DIR, summarised by `profile-summary.ts`; `--stub-only`
 * measures only that read.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DynamoDBClient, GetItemCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { buildApp } from '@holdfast/api/app';
import { loadConfig } from '@holdfast/api/config';
import { createApiKey } from '@holdfast/api/modules/api-keys/service';
import { provisionUser } from '@holdfast/api/modules/identity/service';
import { createIncident } from '@holdfast/api/modules/journal/service';
import { listMyWorkspaces } from '@holdfast/api/modules/workspaces/service';
import { hashSecret } from '@holdfast/api/platform/db/ids';
import { platformPk, SK, tenantPk } from '@holdfast/api/platform/db/keys';
import { buildBareFastify } from '@holdfast/api/platform/http/bare-fastify';
import { startStack } from '../src/stack/index.js';
import { reportFigure } from '../src/bench/figure.js';
import { startBundledServer, type BundledServer } from './bundled-server.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const arg = (name: string, fallback: number) =>
  Number(process.argv[process.argv.indexOf(`--${name}`) + 1] ?? '') || fallback;
const SECONDS = arg('seconds', 5);
const CONNECTIONS = arg('connections', 50);
const flagValue = (name: string) => {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
};
const PROFILE_DIR = flagValue('profile');
const FROM_SOURCE = process.argv.includes('--source') || PROFILE_DIR !== undefined;
const STUB_ONLY = process.argv.includes('--stub-only');
/** The API's resident memory under tsx before this work (issue 13), what the bundle is compared with. */
const TSX_BASELINE_RSS_MB = 230;

/** The load loop: CONNECTIONS keep-alive clients, each sending its next request when answered. */
const LOAD_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const { url, headers, seconds, connections } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
const deadline = Date.now() + seconds * 1000;
let done = 0, failed = 0;
const one = () => new Promise((resolve) => {
  const request = http.get(url, { agent, headers }, (response) => {
    response.resume();
    response.on('end', () => { if (response.statusCode === 200) done++; else failed++; resolve(); });
  });
  request.on('error', () => { failed++; resolve(); });
});
const loop = async () => { while (Date.now() < deadline) await one(); };
Promise.all(Array.from({ length: connections }, loop)).then(() => {
  agent.destroy();
  parentPort.postMessage({ done, failed });
});
`;

/**
 * A DynamoDB endpoint that answers GetItem from a map, everything else with nothing; asked (any
 * message), it says how many calls it has answered.
 */
const STUB_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const http = require('node:http');
const items = new Map(workerData.items.map((item) => [item.PK.S + '\\u0000' + item.SK.S, item]));
let calls = 0;
parentPort.on('message', () => parentPort.postMessage({ calls }));
const server = http.createServer((request, response) => {
  calls++;
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    const target = String(request.headers['x-amz-target'] || '');
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    let answer = {};
    if (target.endsWith('.GetItem')) {
      const item = items.get(body.Key.PK.S + '\\u0000' + body.Key.SK.S);
      answer = item === undefined ? {} : { Item: item };
    } else if (target.endsWith('.Query')) answer = { Items: [], Count: 0, ScannedCount: 0 };
    const text = JSON.stringify(answer);
    response.writeHead(200, { 'content-type': 'application/x-amz-json-1.0', 'content-length': Buffer.byteLength(text) });
    response.end(text);
  });
});
server.listen(0, '127.0.0.1', () => parentPort.postMessage({ port: server.address().port }));
`;

type LoadResult = { rps: number; answered: number };

async function load(
  url: string,
  headers: Record<string, string> = {},
  seconds = SECONDS,
): Promise<LoadResult> {
  const worker = new Worker(LOAD_WORKER, {
    eval: true,
    workerData: { url, headers, seconds, connections: CONNECTIONS },
  });
  const result = await new Promise<{ done: number; failed: number }>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  await worker.terminate();
  if (result.failed > 0) console.warn(`  ${url}: ${result.failed} requests did not answer 200`);
  return { rps: result.done / seconds, answered: result.done + result.failed };
}

/** Seconds of load before each measured one, so code loaded on first use and JIT warm-up are not counted. */
const WARM_UP_SECONDS = 1;

/** Loads `url` on `server` and returns req/s with the server's CPU milliseconds per request. */
async function loadServer(
  server: BundledServer,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ rps: number; answered: number; cpuMs: number }> {
  await load(url, headers, WARM_UP_SECONDS);
  const cpuBefore = await server.readCpuSeconds();
  const { rps, answered } = await load(url, headers);
  const cpuSeconds = (await server.readCpuSeconds()) - cpuBefore;
  return { rps, answered, cpuMs: (cpuSeconds * 1000) / Math.max(answered, 1) };
}

type Row = { figure: string; target: string; measured: string; ratio: string };
const rows: Row[] = [];
const round = (value: number) => Math.round(value).toLocaleString('en-US');
/** The per-request CPU of a signed-in read before this work (issue 13), for the ratio. */
const CPU_MS_BEFORE = 2.3;

async function main(): Promise<void> {
  const logStream = createWriteStream('/dev/null');
  const stack = await startStack({ tablePrefix: 'holdfast-bench-rps', blobBucket: 'holdfast-bench-rps' });
  const exportKey = generateKeyPairSync('ed25519')
    .privateKey.export({ format: 'pem', type: 'pkcs8' })
    .toString();
  const settings = (overrides: Record<string, string> = {}): Record<string, string> => ({
    // A deployed environment's logging and headers; the local stack's endpoints.
    HOLDFAST_ENV: 'dev',
    EXPORT_SIGNING_KEY: exportKey,
    WEB_ORIGIN: 'http://127.0.0.1:5173',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    LOG_LEVEL: 'info',
    MAIL_OUTBOX_POLL_MS: '0',
    PURGE_INTERVAL_MINUTES: '0',
    RATE_LIMIT_PER_IP_PER_MINUTE: '100000000',
    RATE_LIMIT_PER_TENANT_PER_MINUTE: '100000000',
    ...stack.apiEnvironment,
    ...overrides,
  });
  const env = (overrides: Record<string, string> = {}) => loadConfig(settings(overrides));
  const megabytes = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  const startServer = (overrides: Record<string, string> = {}, nodeArgs: string[] = []) =>
    startBundledServer(settings(overrides), { fromSource: FROM_SOURCE, nodeArgs });
  try {
    // Bare Fastify 5: the ceiling of any Fastify app on this machine.
    let bareRps = 0;
    if (!STUB_ONLY) {
      const bare = buildBareFastify();
      bareRps = (await load(`${await bare.listen({ host: '127.0.0.1', port: 0 })}/`)).rps;
      await bare.close();
      rows.push({
        figure: 'bare Fastify 5 hello world (req/s)',
        target: '—',
        measured: round(bareRps),
        ratio: '1.00',
      });
    }

    // The data, made through the services on DynamoDB Local by an app in this process, read with
    // an API key. This app only makes the data and counts the DynamoDB calls below; the load goes
    // to the API in its own process.
    const app = await buildApp(env(), { logStream });
    const user = await provisionUser(app.deps, { email: `bench-${Date.now()}@holdfast.local` });
    const [workspace] = await listMyWorkspaces(app.deps, user.id);
    if (workspace === undefined) throw new Error('no workspace');
    const actor = { type: 'user' as const, id: user.id, label: user.email };
    const { apiKey, secret } = await createApiKey(app.deps, workspace.id, actor, {
      name: 'bench',
      scopes: ['incidents:read'],
    });
    const incident = await createIncident(app.deps, workspace.id, actor, {
      occurredAt: '2026-10-03T17:45:00-05:00',
      timeZone: 'America/Chicago',
      category: 'late-pickup',
      location: 'School parking lot',
      narrative: 'Benchmark incident.',
    });
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const readPath = `/v1/workspaces/${workspace.id}/incidents/${incident.id}`;
    const bearer = { authorization: `Bearer ${secret}` };

    if (!STUB_ONLY) {
      const server = await startServer();
      const rss = await server.readRssBytes();
      rows.push({
        figure: `API baseline RSS after start, ${FROM_SOURCE ? 'tsx' : 'built bundle'} (MB)`,
        target: `< ${TSX_BASELINE_RSS_MB} (tsx, before)`,
        measured: megabytes(rss),
        ratio: (rss / 2 ** 20 / TSX_BASELINE_RSS_MB).toFixed(2),
      });
      const health = await loadServer(server, `${server.origin}/health`);
      rows.push({
        figure: 'API GET /health, full plugin stack (req/s)',
        target: '≥ 50% of bare',
        measured: round(health.rps),
        ratio: (health.rps / bareRps).toFixed(2),
      });
      rows.push({
        figure: 'API CPU per GET /health (ms)',
        target: '—',
        measured: health.cpuMs.toFixed(3),
        ratio: '—',
      });

      let calls = 0;
      app.deps.db.doc.middlewareStack.add(
        (next) => async (args) => {
          calls += 1;
          return next(args);
        },
        { step: 'initialize' },
      );
      // Two reads first: the first use of a key records its last-used time (once a minute), which
      // drops the key's cached copy; the steady state is what follows.
      await fetch(`${origin}${readPath}`, { headers: bearer });
      await fetch(`${origin}${readPath}`, { headers: bearer });
      calls = 0;
      await fetch(`${origin}${readPath}`, { headers: bearer });
      rows.push({
        figure: 'DynamoDB calls per signed-in read of one item',
        target: '≤ 1',
        measured: String(calls),
        ratio: '—',
      });
      const local = await loadServer(server, `${server.origin}${readPath}`, bearer);
      rows.push({
        figure: 'signed-in read of one item, DynamoDB Local (req/s)',
        target: '≥ 2x 416 (before)',
        measured: round(local.rps),
        ratio: (local.rps / 416).toFixed(2),
      });
      rows.push({
        figure: 'API RSS after the loads (MB)',
        target: '—',
        measured: megabytes(await server.readRssBytes()),
        ratio: '—',
      });
      await server.stop();
    }

    // The same items copied into the stub, read by a second API process pointed at it.
    const rawClient = new DynamoDBClient({
      endpoint: stack.dynamoDbEndpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const raw = async (PK: string, SKey: string): Promise<Record<string, AttributeValue>> => {
      const result = await rawClient.send(
        new GetItemCommand({ TableName: app.deps.db.mainTable, Key: { PK: { S: PK }, SK: { S: SKey } } }),
      );
      if (result.Item === undefined) throw new Error(`missing ${PK} ${SKey}`);
      return result.Item;
    };
    const items = [
      await raw(platformPk('apiKeyHash', hashSecret(secret)), SK.apiKeyBySecret()),
      {
        ...(await raw(tenantPk(workspace.id), SK.apiKey(apiKey.id))),
        lastUsedAt: { S: '2999-01-01T00:00:00.000Z' },
      },
      await raw(tenantPk(workspace.id), SK.incident(incident.id)),
      // The workspace itself: its settings (safety mode, second-factor requirement) are read
      // through the cache, and an absent item is never cached, so without it every read misses.
      await raw(tenantPk(workspace.id), SK.workspace()),
    ];
    rawClient.destroy();
    await app.close();
    const stub = new Worker(STUB_WORKER, { eval: true, workerData: { items } });
    const { port } = await new Promise<{ port: number }>((resolve) => stub.once('message', resolve));
    const profileArgs = PROFILE_DIR === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`];
    const stubbed = await startServer({ DYNAMODB_ENDPOINT: `http://127.0.0.1:${port}` }, profileArgs);
    const stubCalls = () =>
      new Promise<number>((resolve) => {
        stub.once('message', (answer: { calls: number }) => resolve(answer.calls));
        stub.postMessage('count');
      });
    const callsBefore = await stubCalls();
    const read = await loadServer(stubbed, `${stubbed.origin}${readPath}`, bearer);
    const callsPerRead = ((await stubCalls()) - callsBefore) / Math.max(read.answered, 1);
    rows.push({
      figure: 'signed-in read of one item, DynamoDB stub (req/s)',
      target: '≥ 4,000',
      measured: round(read.rps),
      ratio: (read.rps / 4000).toFixed(2),
    });
    rows.push({
      figure: 'API CPU per signed-in read, DynamoDB stub (ms)',
      target: `≤ 0.25 (${CPU_MS_BEFORE} before)`,
      measured: read.cpuMs.toFixed(3),
      ratio: (read.cpuMs / 0.25).toFixed(2),
    });
    rows.push({
      figure: 'DynamoDB calls per signed-in read under load, stub',
      target: '≤ 1',
      measured: callsPerRead.toFixed(2),
      ratio: '—',
    });
    await stubbed.stop();
    await stub.terminate();
  } finally {
    await stack.stop();
  }

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(
    `\nmachine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, Node ${process.version}; ` +
      `load average ${loadavg()[0]?.toFixed(1) ?? '?'} (other work on the machine lowers every figure; compare ratios); ` +
      `${CONNECTIONS} connections, ${SECONDS} s per figure, API ${FROM_SOURCE ? 'under tsx' : 'from the built bundle'} in its own process\n`,
  );
  const widths = (['figure', 'target', 'measured', 'ratio'] as const).map((key) =>
    Math.max(key.length, ...rows.map((row) => row[key].length)),
  );
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(['figure', 'target', 'measured', 'ratio']));
  console.log(line(widths.map((width) => '-'.repeat(width))));
  for (const row of rows) console.log(line([row.figure, row.target, row.measured, row.ratio]));
  for (const row of rows) reportFigure(row);
}

await main();
