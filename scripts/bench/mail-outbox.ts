/**
 * What the mail outbox costs, against the embedded stack (DynamoDB Local + the local SESv2
 * server) on this machine: the latency of one SendEmail call on its own, of one email through the
 * outbox (enqueue, claim, consent and suppression checks, submit, send, record), and how many
 * queued emails one drain worker delivers per second. Usage: `pnpm bench:mail [count]`.
 */
import { randomUUID } from 'node:crypto';
import { buildApp } from '@holdfast/api/app';
import { loadConfig } from '@holdfast/api/config';
import { buildEnqueueEmailItem, drainOutbox, sendEmail } from '@holdfast/api/modules/notifications/service';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { reportFigure } from '../src/bench/figure.js';
import { startStack } from '../src/stack/index.js';

const COUNT = Number(process.argv[2] ?? 200);

function summarize(label: string, samples: number[]): void {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  process.stdout.write(
    `${label.padEnd(44)} n=${sorted.length}  p50=${at(0.5).toFixed(1)} ms  p95=${at(0.95).toFixed(1)} ms  max=${at(1).toFixed(1)} ms\n`,
  );
}

async function main(): Promise<void> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
  const stack = await startStack({ tablePrefix: 'holdfast-bench', blobBucket: 'holdfast-bench-blobs' });
  const config = loadConfig({
    HOLDFAST_ENV: 'local',
    WEB_ORIGIN: 'http://127.0.0.1:5173',
    SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
    LOG_LEVEL: 'warn',
    MAIL_OUTBOX_POLL_MS: '0',
    ...stack.apiEnvironment,
  });
  const app = await buildApp(config);
  const { deps } = app;
  const alert = (to: string) => ({
    dedupeKey: randomUUID(),
    to,
    template: 'securityAlert' as const,
    data: { event: 'A new API key was created', at: new Date().toISOString(), reviewUrl: 'https://x.test' },
  });
  try {
    // Warm up connections and the JIT.
    for (let i = 0; i < 20; i += 1) await sendEmail(deps, alert(`warm-${i}@bench.test`));

    const direct: number[] = [];
    for (let i = 0; i < COUNT; i += 1) {
      const start = performance.now();
      await deps.mailer.send({
        to: `direct-${i}@bench.test`,
        category: 'transactional',
        subject: 'Bench',
        text: 'Bench',
        html: '<p>Bench</p>',
      });
      direct.push(performance.now() - start);
    }
    summarize('SendEmail alone (no outbox)', direct);

    const viaOutbox: number[] = [];
    for (let i = 0; i < COUNT; i += 1) {
      const start = performance.now();
      const outcome = await sendEmail(deps, alert(`outbox-${i}@bench.test`));
      viaOutbox.push(performance.now() - start);
      if (outcome !== 'sent') throw new Error(`unexpected outcome ${outcome}`);
    }
    summarize('one email through the outbox (sendEmail)', viaOutbox);

    for (let i = 0; i < COUNT; i += 25) {
      const batch = Array.from({ length: Math.min(25, COUNT - i) }, (_, j) =>
        buildEnqueueEmailItem(deps, alert(`drain-${i + j}@bench.test`)),
      );
      await deps.db.doc.send(new TransactWriteCommand({ TransactItems: batch }));
    }
    const start = performance.now();
    let sent = 0;
    for (;;) {
      const result = await drainOutbox(deps, { limit: 50 });
      if ((result.sent ?? 0) === 0) break;
      sent += result.sent ?? 0;
    }
    const seconds = (performance.now() - start) / 1000;
    reportFigure({
      figure: 'outbox drain, one process (emails/s)',
      target: '—',
      measured: (sent / seconds).toFixed(0),
      ratio: '—',
    });
    process.stdout.write(
      `${'drain, one process, 8 at a time'.padEnd(44)} ${sent} emails in ${seconds.toFixed(2)} s = ${(sent / seconds).toFixed(0)} emails/s\n`,
    );
  } finally {
    await app.close();
    await stack.stop();
  }
}

await main();
