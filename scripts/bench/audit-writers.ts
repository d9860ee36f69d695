/**
 * Concurrent writers in one workspace, against the embedded stack (DynamoDB Local) on this
 * machine: N writers create incidents in the same workspace over HTTP at the same time, each
 * change with its audit entry. Prints the answers by status, the latency (p50/p99) and whether
 * the workspace's audit chain then verifies with every change in it exactly once. Exits 1 on any
 * failed request or a chain that does not verify.
 *
 * Usage: `pnpm bench:audit [-- --writers 20 --requests 400]` (requests in total, split evenly).
 */
import { buildApp } from '@holdfast/api/app';
import { loadConfig } from '@holdfast/api/config';
import { createApiKey } from '@holdfast/api/modules/api-keys/service';
import { provisionUser } from '@holdfast/api/modules/identity/service';
import { listMyWorkspaces } from '@holdfast/api/modules/workspaces/service';
import { reportFigure } from '../src/bench/figure.js';
import { startStack } from '../src/stack/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const arg = (name: string, fallback: number) =>
  Number(process.argv[process.argv.indexOf(`--${name}`) + 1] ?? '') || fallback;
const writers = arg('writers', 20);
const perWriter = Math.max(1, Math.ceil(arg('requests', 400) / writers));

const INCIDENT = {
  occurredAt: '2026-10-03T17:45:00-05:00',
  timeZone: 'America/Chicago',
  category: 'late-pickup',
  location: 'School parking lot',
  narrative: 'Benchmark incident: pickup was late and no message was sent.',
};

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

async function main(): Promise<void> {
  const stack = await startStack({ tablePrefix: 'holdfast-bench', blobBucket: 'holdfast-bench-blobs' });
  const config = loadConfig({
    HOLDFAST_ENV: 'local',
    WEB_ORIGIN: 'http://127.0.0.1:5173',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    LOG_LEVEL: 'warn',
    MAIL_OUTBOX_POLL_MS: '0',
    // The limits protect production; here they would measure the limiter, not the writes.
    RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_TENANT_PER_MINUTE: '1000000',
    ...stack.apiEnvironment,
  });
  const app = await buildApp(config);
  try {
    const { deps } = app;
    const user = await provisionUser(deps, { email: `bench-${Date.now()}@holdfast.local` });
    const [workspace] = await listMyWorkspaces(deps, user.id);
    if (workspace === undefined) throw new Error('no workspace');
    const { secret } = await createApiKey(
      deps,
      workspace.id,
      { type: 'user', id: user.id, label: user.email },
      { name: 'bench', scopes: ['incidents:write', 'audit:read'] },
    );
    const origin = await app.listen({ host: '127.0.0.1', port: 0 });
    const base = `${origin}/v1/workspaces/${workspace.id}`;
    const headers = { authorization: `Bearer ${secret}`, 'content-type': 'application/json' };

    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    const started = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        for (let i = 0; i < perWriter; i += 1) {
          const start = performance.now();
          const response = await fetch(`${base}/incidents`, {
            method: 'POST',
            headers,
            body: JSON.stringify(INCIDENT),
          });
          await response.arrayBuffer();
          latencies.push(performance.now() - start);
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;

    const verdict = (await (await fetch(`${base}/audit/verify`, { headers })).json()) as {
      isValid: boolean;
      checked: number;
      reason?: string;
    };
    const created = statuses.get(201) ?? 0;
    // The workspace's creation and the API key's are in the chain before the writers start.
    const expected = created + 2;
    const errors = [...statuses].filter(([status]) => status !== 201);
    const sorted = [...latencies].sort((a, b) => a - b);
    const line = (label: string, value: string) => process.stdout.write(`${label.padEnd(18)} ${value}\n`);
    line('writers', String(writers));
    line('requests', `${latencies.length} (${perWriter} per writer) in ${seconds.toFixed(2)} s`);
    line('throughput', `${(latencies.length / seconds).toFixed(0)} changes/s`);
    line(
      'errors',
      errors.length === 0 ? '0' : errors.map(([status, count]) => `${count} x ${status}`).join(', '),
    );
    line(
      'latency',
      `p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms`,
    );
    line(
      'entries verified',
      `${verdict.checked} of ${expected} expected; chain ${verdict.isValid ? 'valid' : `BROKEN (${verdict.reason ?? ''})`}`,
    );
    const errorCount = errors.reduce((sum, [, count]) => sum + count, 0);
    reportFigure({
      figure: 'concurrent audited changes (changes/s)',
      target: '—',
      measured: (latencies.length / seconds).toFixed(0),
      ratio: '—',
    });
    reportFigure({
      figure: 'errors among concurrent changes',
      target: '0',
      measured: String(errorCount),
      ratio: '—',
    });
    reportFigure({
      figure: 'audit chain after concurrent changes',
      target: 'valid, all entries',
      measured:
        verdict.isValid && verdict.checked === expected
          ? 'valid, all entries'
          : `${verdict.isValid ? 'valid' : 'BROKEN'}, ${verdict.checked} of ${expected}`,
      ratio: '—',
    });
    if (errors.length > 0 || !verdict.isValid || verdict.checked !== expected) process.exitCode = 1;
  } finally {
    await app.close();
    await stack.stop();
  }
}

await main();
