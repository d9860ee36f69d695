/**
 * The whole product on one machine: the embedded stack (DynamoDB Local, s3rver, local SESv2),
 * the API in this process, demo data, and the SPA's Vite dev server. Data persists in
 * .holdfast/data across restarts unless `--clean`. Ctrl-C (SIGINT), SIGTERM or SIGHUP stop
 * everything, including the Java process of DynamoDB Local, and exit 0.
 *
 * Usage: bash scripts/start.sh [--clean]   (or: pnpm start -- [--clean])
 * Environment: HOLDFAST_API_PORT, HOLDFAST_WEB_PORT, LOG_LEVEL.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer, type ServerResponse } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { buildApp } from '@holdfast/api/app';
import { ConfigError, loadConfig } from '@holdfast/api/config';
import { startPurgeSchedule } from '@holdfast/api/modules/privacy/purge-schedule';
import { createServer as createViteServer, type ViteDevServer } from 'vite';
import { DEMO_EMAIL, DEMO_INVITEE_EMAIL, seedDemo } from './seed/demo.js';
import { findFreePort, startStack, type Stack } from './stack/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

type App = Awaited<ReturnType<typeof buildApp>>;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const HOLDFAST_DIR = join(REPO_ROOT, '.holdfast');
const DATA_DIR = join(HOLDFAST_DIR, 'data');
const LOCK_FILE = join(HOLDFAST_DIR, 'launcher.pid');
const WEB_DIR = join(REPO_ROOT, 'web');
const PREFERRED_WEB_PORT = 5173;
const SHUTDOWN_TIMEOUT_MS = 20_000;

const USAGE = `Usage: bash scripts/start.sh [--clean]

Starts Holdfast on this machine: DynamoDB Local, S3 and SES emulators, the API, demo data and the
SPA dev server. Data is kept in .holdfast/data between runs.

  --clean     wipe the local data (tables, files, mail, session secret) before starting
  --help      show this help

Environment: HOLDFAST_API_PORT (default: a free port), HOLDFAST_WEB_PORT (default: 5173 if free,
else a free port), LOG_LEVEL (default: info).`;

function say(message: string): void {
  process.stdout.write(`[holdfast] ${message}\n`);
}

function sayError(message: string): void {
  process.stderr.write(`[holdfast] ${message}\n`);
}

class UsageError extends Error {}
class StopRequested extends Error {}

function parseArgs(argv: string[]): { isClean: boolean; isHelp: boolean } {
  let isClean = false;
  let isHelp = false;
  for (const arg of argv) {
    if (arg === '--')
      continue; // `pnpm start -- --clean` passes the separator through
    else if (arg === '--clean') isClean = true;
    else if (arg === '--help' || arg === '-h') isHelp = true;
    else throw new UsageError(`unknown argument: ${arg}`);
  }
  return { isClean, isHelp };
}

function parsePort(name: string, value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535)
    throw new UsageError(`${name} must be a port number (1-65535), not "${value}"`);
  return port;
}

/** How many times the API is rebuilt on a new port when the free one it was given is taken first. */
const API_BIND_ATTEMPTS = 5;

function isAddressInUse(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'EADDRINUSE';
}

/** Binds `server` to `port` on 127.0.0.1 (0: a port the OS chooses) and answers the port bound. */
async function listenOn(server: HttpServer, port: number): Promise<number> {
  await new Promise<void>((resolveListen, rejectListen) => {
    server.once('error', rejectListen);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', rejectListen);
      resolveListen();
    });
  });
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('could not read the bound port');
  return address.port;
}

/**
 * The SPA's server, bound before anything else is started: the port is held from the moment it
 * is chosen, so no other process can take it in between (checking a port free and binding it
 * later raced with other starts). HOLDFAST_WEB_PORT is used as given; otherwise 5173, or any
 * free port when 5173 is taken.
 */
async function bindWebServer(server: HttpServer): Promise<number> {
  const wanted = process.env.HOLDFAST_WEB_PORT;
  if (wanted) {
    const port = parsePort('HOLDFAST_WEB_PORT', wanted);
    try {
      return await listenOn(server, port);
    } catch (error) {
      if (isAddressInUse(error))
        throw new UsageError(`HOLDFAST_WEB_PORT ${port} is already in use: choose another or leave it unset`);
      throw error;
    }
  }
  try {
    return await listenOn(server, PREFERRED_WEB_PORT);
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    return listenOn(server, 0);
  }
}

/** The session secret: generated once, kept in the data folder with mode 600. */
function loadOrCreateSessionSecret(): string {
  const file = join(DATA_DIR, 'session-secret');
  mkdirSync(DATA_DIR, { recursive: true });
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) {
      if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
      return secret;
    }
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One launcher per data folder: two DynamoDB Local processes must not share its files. */
function acquireLock(): void {
  mkdirSync(HOLDFAST_DIR, { recursive: true });
  if (existsSync(LOCK_FILE)) {
    const pid = Number(readFileSync(LOCK_FILE, 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
      throw new UsageError(
        `Holdfast is already running from this folder (process ${pid}). Stop it first (Ctrl-C in its terminal, or kill ${pid}); ` +
          `if that process is not Holdfast, delete ${LOCK_FILE}.`,
      );
    }
  }
  writeFileSync(LOCK_FILE, `${process.pid}\n`);
}

function releaseLock(): void {
  try {
    if (existsSync(LOCK_FILE) && Number(readFileSync(LOCK_FILE, 'utf8').trim()) === process.pid)
      rmSync(LOCK_FILE);
  } catch {
    // best effort
  }
}

/** Direct children of this process whose command name is `name` (the stack's Java process). */
function childPidsNamed(name: string): number[] {
  if (existsSync('/proc/self/stat')) {
    const pids: number[] = [];
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const close = stat.lastIndexOf(')');
        const comm = stat.slice(stat.indexOf('(') + 1, close);
        const ppid = Number(stat.slice(close + 2).split(' ')[1]);
        if (ppid === process.pid && comm === name) pids.push(Number(entry));
      } catch {
        // the process ended while we looked
      }
    }
    return pids;
  }
  const result = spawnSync('pgrep', ['-P', String(process.pid), '-x', name], { encoding: 'utf8' });
  return (result.stdout ?? '')
    .split('\n')
    .filter((line) => /^\d+$/.test(line.trim()))
    .map(Number);
}

/**
 * A tiny detached shell that stops the given children if this process dies without cleaning up
 * (SIGKILL, a crash): it polls for this process and then sends SIGTERM, then SIGKILL.
 */
function startOrphanWatchdog(pids: number[]): ChildProcess | undefined {
  if (pids.length === 0 || process.platform === 'win32') return undefined;
  const list = pids.join(' ');
  const script =
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; kill -TERM ${list} 2>/dev/null; ` +
    `n=0; while [ $n -lt 5 ] && kill -0 ${list} 2>/dev/null; do sleep 1; n=$((n+1)); done; kill -KILL ${list} 2>/dev/null; exit 0`;
  const watchdog = spawn('/bin/sh', ['-c', script, 'holdfast-watchdog'], { detached: true, stdio: 'ignore' });
  watchdog.on('error', () => undefined);
  watchdog.unref();
  return watchdog;
}

const LEVELS: Record<number, string> = {
  10: 'TRACE',
  20: 'DEBUG',
  30: 'INFO',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** One readable line per structured API log line (the JSON itself is unchanged otherwise). */
export function formatLogLine(line: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return `[api] ${line}\n`;
  }
  const {
    level,
    time,
    msg,
    req,
    res,
    responseTime,
    err,
    pid: _pid,
    hostname: _hostname,
    reqId: _reqId,
    ...rest
  } = entry;
  const at = typeof time === 'number' ? new Date(time).toTimeString().slice(0, 8) : '';
  const parts = [
    `[api] ${at}`,
    (LEVELS[Number(level)] ?? String(level)).padEnd(5),
    typeof msg === 'string' ? msg : '',
  ];
  if (req !== null && typeof req === 'object') {
    const r = req as { method?: string; path?: string };
    parts.push(`${r.method ?? ''} ${r.path ?? ''}`);
  }
  if (res !== null && typeof res === 'object')
    parts.push(String((res as { statusCode?: number }).statusCode ?? ''));
  if (typeof responseTime === 'number') parts.push(`${responseTime.toFixed(1)}ms`);
  if (err !== null && typeof err === 'object') {
    const e = err as { type?: string; message?: string };
    parts.push(`${e.type ?? 'Error'}: ${e.message ?? ''}`);
  }
  const extra = Object.entries(rest)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join(' ');
  if (extra !== '') parts.push(extra);
  return `${parts.filter((p) => p !== '').join(' ')}\n`;
}

function createLogPrinter(out: NodeJS.WritableStream): Writable {
  let buffer = '';
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      buffer += chunk.toString();
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + 1);
        if (line.trim() !== '') out.write(formatLogLine(line));
        newline = buffer.indexOf('\n');
      }
      callback();
    },
  });
}

const HANDLED_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
type SignalListeners = Map<NodeJS.Signals, Set<(...args: unknown[]) => void>>;

function snapshotSignalListeners(): SignalListeners {
  return new Map(
    HANDLED_SIGNALS.map((signal) => [
      signal,
      new Set(process.listeners(signal) as ((...args: unknown[]) => void)[]),
    ]),
  );
}

function removeSignalListenersAddedSince(before: SignalListeners): void {
  for (const signal of HANDLED_SIGNALS) {
    for (const listener of process.listeners(signal) as ((...args: unknown[]) => void)[]) {
      if (before.get(signal)?.has(listener) !== true) process.off(signal, listener);
    }
  }
}

/** What is running, so that every path out stops exactly what was started. */
const running: {
  stack?: Stack;
  app?: App;
  vite?: ViteDevServer;
  /** The HTTP server the SPA dev server answers on (Vite runs as its middleware). */
  webServer?: HttpServer;
  javaPids: number[];
  isJavaStopped: boolean;
  /** Stops the in-process account purge schedule. */
  stopPurge?: () => void;
  watchdog?: ChildProcess;
} = { javaPids: [], isJavaStopped: false };

let isStopRequested = false;
let stopping: Promise<void> | undefined;

function checkpoint(): void {
  if (isStopRequested) throw new StopRequested();
}

function killWatchdog(): void {
  const pid = running.watchdog?.pid;
  if (pid === undefined) return;
  running.watchdog = undefined;
  try {
    process.kill(-pid, 'SIGKILL'); // its whole process group: the shell and its `sleep`
  } catch {
    // already gone
  }
}

/** Synchronous last resort on process exit: nothing of ours may outlive us. */
function killLeftoversNow(): void {
  if (!running.isJavaStopped) {
    for (const pid of running.javaPids) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  killWatchdog();
  releaseLock();
}

async function stopEverything(): Promise<void> {
  const step = async (what: string, action: () => Promise<void>) => {
    try {
      await action();
    } catch (error) {
      sayError(`could not stop ${what} cleanly: ${(error as Error).message}`);
    }
  };
  const { vite, webServer, app, stack } = running;
  running.stopPurge?.();
  if (vite !== undefined) await step('the SPA dev server', () => vite.close());
  if (webServer !== undefined)
    await step('the SPA server', async () => {
      webServer.closeAllConnections();
      await new Promise<void>((resolveClose) => webServer.close(() => resolveClose()));
    });
  if (app !== undefined) await step('the API', () => app.close());
  if (stack !== undefined) {
    await step('the local stack', () => stack.stop());
    running.isJavaStopped = true;
  }
  running.vite = undefined;
  running.webServer = undefined;
  running.app = undefined;
  running.stack = undefined;
  killWatchdog();
  releaseLock();
}

/** Stops everything once; a second signal while stopping forces the exit (killing Java first). */
function requestStop(reason: string, exitCode: number, startup: Promise<void>): void {
  if (stopping !== undefined) {
    sayError(`${reason} again: forcing exit`);
    killLeftoversNow();
    process.exit(exitCode === 0 ? 130 : exitCode);
  }
  isStopRequested = true;
  say(`stopping (${reason})…`);
  const timer = setTimeout(() => {
    sayError(`still stopping after ${SHUTDOWN_TIMEOUT_MS / 1000}s: forcing exit`);
    killLeftoversNow();
    process.exit(1);
  }, SHUTDOWN_TIMEOUT_MS);
  timer.unref();
  stopping = (async () => {
    await startup.catch(() => undefined);
    await stopEverything();
  })();
  void stopping.then(() => {
    say('stopped.');
    process.exit(exitCode);
  });
}

function printBanner(
  urls: { web: string; api: string; mail: string },
  seed: Awaited<ReturnType<typeof seedDemo>>,
): void {
  const line = '─'.repeat(78);
  const rows = [
    ['App (SPA)', urls.web],
    ['API', urls.api],
    ['API docs', `${urls.api}/docs`],
    ['OpenAPI', `${urls.api}/openapi.json`],
    ['Mail viewer', urls.mail],
    ['Local data', `${DATA_DIR}   (start with --clean to wipe it)`],
  ];
  const text = [
    '',
    line,
    '  Holdfast is running on this machine (embedded stack: DynamoDB Local, s3rver, local SES)',
    '',
    ...rows.map(([label, value]) => `  ${(label ?? '').padEnd(13)}${value ?? ''}`),
    '',
    `  Sign in as the demo user, ${DEMO_EMAIL}:`,
    `    1. Open ${urls.web} and enter ${DEMO_EMAIL} on the sign-in page.`,
    `    2. Open the mail viewer (${urls.mail}), open the newest "Your Holdfast sign-in link"`,
    '       mail and follow its link (valid 15 minutes, once).',
    `  Demo workspace: "${seed.workspaceName}" with ${seed.incidentCount} incidents` +
      (seed.hasInvite ? `;\n  a viewer invite for ${DEMO_INVITEE_EMAIL} is pending` : '.') +
      (seed.hasInvite && seed.isNew
        ? ' (its mail, with the code, is in the mail viewer).'
        : seed.hasInvite
          ? '.'
          : ''),
    '  The mail viewer keeps only mail sent since this start.',
    '',
    '  Press Ctrl-C to stop everything.',
    line,
    '',
  ].join('\n');
  process.stdout.write(`${text}\n`);
}

async function start(options: { isClean: boolean }): Promise<void> {
  acquireLock();

  say(
    options.isClean
      ? `wiping ${DATA_DIR} and starting the local stack…`
      : 'starting the local stack (DynamoDB Local, s3rver, local SES)…',
  );
  running.stack = await startStack({
    dataDir: DATA_DIR,
    isClean: options.isClean,
    tablePrefix: 'holdfast-local',
    blobBucket: 'holdfast-blobs',
  });
  running.javaPids = childPidsNamed('java');
  running.watchdog = startOrphanWatchdog(running.javaPids);
  const stack = running.stack;
  say(`stack ready: DynamoDB ${stack.dynamoDbEndpoint}, S3 ${stack.s3Endpoint}, SES ${stack.sesEndpoint}`);
  checkpoint();

  const webServer = createHttpServer();
  running.webServer = webServer;
  // Until the dev server is attached, a request is told to come back rather than left hanging.
  const answerStarting = (_request: unknown, response: ServerResponse) => {
    response
      .writeHead(503, { 'retry-after': '2', 'content-type': 'text/plain' })
      .end('Holdfast is starting\n');
  };
  webServer.on('request', answerStarting);
  const webPort = await bindWebServer(webServer);
  const webUrl = `http://127.0.0.1:${webPort}`;
  checkpoint();

  // The API's port is in its configuration (its own links), so it is chosen before the app is
  // built; should another process take it before the API binds, the API is built again on another.
  const wantedApiPort = process.env.HOLDFAST_API_PORT
    ? parsePort('HOLDFAST_API_PORT', process.env.HOLDFAST_API_PORT)
    : undefined;
  let app: App | undefined;
  let apiPort = 0;
  for (let attempt = 1; app === undefined; attempt += 1) {
    apiPort = wantedApiPort ?? (await findFreePort());
    const config = loadConfig({
      HOLDFAST_ENV: 'local',
      WEB_ORIGIN: webUrl,
      SESSION_SECRET: loadOrCreateSessionSecret(),
      PORT: String(apiPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
      ...stack.apiEnvironment,
    });
    const built = await buildApp(config, { logStream: createLogPrinter(process.stdout) });
    running.app = built;
    checkpoint();
    try {
      await built.listen({ host: config.HOST, port: config.PORT });
      app = built;
    } catch (error) {
      running.app = undefined;
      await built.close();
      if (!isAddressInUse(error)) throw error;
      if (wantedApiPort !== undefined)
        throw new UsageError(
          `HOLDFAST_API_PORT ${apiPort} is already in use: choose another or leave it unset`,
        );
      if (attempt >= API_BIND_ATTEMPTS) throw error;
      say(`port ${apiPort} was taken before the API could bind it: trying another`);
    }
  }
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  running.stopPurge = startPurgeSchedule(app);
  say(`API listening on ${apiUrl}`);
  checkpoint();

  const seed = await seedDemo(app.deps);
  say(
    seed.isNew
      ? `demo data seeded for ${seed.email}`
      : `demo data already present (${seed.incidentCount} incidents): seed skipped`,
  );
  checkpoint();

  process.env.HOLDFAST_API_URL = apiUrl;
  process.env.HOLDFAST_WEB_PORT = String(webPort);
  say('starting the SPA dev server (Vite)…');
  const signalListenersBefore = snapshotSignalListeners();
  // As middleware of the server bound above (its HMR socket on the same server), so Vite never
  // binds a port of its own.
  running.vite = await createViteServer({
    root: WEB_DIR,
    configFile: join(WEB_DIR, 'vite.config.ts'),
    clearScreen: false,
    appType: 'spa',
    server: {
      host: '127.0.0.1',
      port: webPort,
      middlewareMode: { server: webServer },
      hmr: { server: webServer },
    },
  });
  // Vite may install its own SIGTERM handler that closes only Vite and then calls process.exit();
  // this launcher stops everything in order itself, so any such handler is taken out again.
  removeSignalListenersAddedSince(signalListenersBefore);
  webServer.off('request', answerStarting);
  webServer.on('request', running.vite.middlewares);
  checkpoint();

  printBanner({ web: webUrl, api: apiUrl, mail: stack.mailViewerUrl }, seed);
}

function main(): void {
  let args: { isClean: boolean; isHelp: boolean };
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    sayError((error as Error).message);
    process.stderr.write(`\n${USAGE}\n`);
    process.exit(2);
  }
  if (args.isHelp) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }

  process.on('exit', killLeftoversNow);
  let startup: Promise<void> = Promise.resolve();
  for (const signal of HANDLED_SIGNALS) {
    process.on(signal, () => requestStop(signal, 0, startup));
  }
  process.on('uncaughtException', (error) => {
    sayError(`unexpected error: ${error.stack ?? error.message}`);
    requestStop('error', 1, startup);
  });
  process.on('unhandledRejection', (reason) => {
    sayError(
      `unexpected error: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`,
    );
    requestStop('error', 1, startup);
  });

  startup = start({ isClean: args.isClean });
  void startup.catch(async (error: unknown) => {
    if (error instanceof StopRequested || isStopRequested) return; // the signal handler stops and exits
    if (error instanceof ConfigError || error instanceof UsageError) sayError(error.message);
    else
      sayError(`could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    isStopRequested = true;
    await stopEverything();
    process.exit(1);
  });
}

main();
