import type { FastifyBaseLogger } from 'fastify';
import { buildApiUrl, buildWebUrl, getSigningSecrets } from '../../config.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import { createId, createSecret, normalizeEmail } from '../../platform/db/ids.js';
import { GSI1 } from '../../platform/db/index-keys.js';
import { commitTransaction, getFailedConditionIndexes } from '../../platform/db/transactions.js';
import type { AppDeps } from '../../platform/deps.js';
import { isCertainlyNotSent } from '../../platform/email/mailer.js';
import { openJson, sealJson } from '../../platform/email/sealed-data.js';
import {
  getTemplateCategory,
  renderTemplate,
  type OptionalMailKind,
  type TemplateDataMap,
  type TemplateName,
} from '../../platform/email/templates.js';
import { createUnsubscribeToken } from '../../platform/email/unsubscribe-token.js';
import * as repo from './repo.js';

/**
 * The mail outbox. Every email is first written as an outbox item (possibly in the same
 * transaction as the change that causes it), then delivered by a claim → check → submit → record
 * sequence on that one item:
 *
 * 1. claim: a conditional update `pending → claimed` with a fresh lease token and a lease end.
 *    Only one worker can win it, so two workers never both send the message.
 * 2. check, at send time: the suppression list (P-MAIL-4) and, for optional mail, the person's
 *    current preference (P-MAIL-3), both read strongly consistent. Whatever the caller checked
 *    when it enqueued does not count.
 * 3. submit: `claimed → submitting` under the lease token, then one SendEmail call (the SES client
 *    makes no retries of its own).
 * 4. record: `sent` with the SES message id, under the lease token; the sealed data is removed.
 *
 * Failures: when SES certainly did not accept the message (it answered with an error, or no
 * connection was made) the message goes back to `pending` with exponential backoff, up to
 * MAX_ATTEMPTS, then `failed`. A claim whose lease ran out before `submitting` (the process
 * stopped during the checks) is released and retried: SES never saw it.
 *
 * The remaining window: if the process stops, or the answer is lost (timeout, reset), after the
 * `submitting` write, nobody can know whether SES accepted the message. Such a message becomes
 * `unconfirmed` when its lease runs out and is never resent. So delivery is at-least-once up to
 * the SES call and at-most-once across it: a message is never sent twice, and in that narrow
 * window (one SES round trip) it may be lost; `unconfirmed` items are kept for support to see.
 */

const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 6;
const RETRY_BASE_MS = 30_000;
const RETRY_MAX_MS = 60 * 60_000;
/** How long an outbox item (and so its dedupe key) is kept. */
const KEEP_DAYS = 30;
const DRAIN_BATCH = 25;

/** Delay before attempt `attempt + 1`, after `attempt` failed attempts: 30 s, 1 min, 2 min … 1 h. */
export function getRetryDelayMs(attempt: number): number {
  return Math.min(RETRY_BASE_MS * 2 ** Math.max(0, attempt - 1), RETRY_MAX_MS);
}

/** What to send: optional templates must name the person, whose consent is checked at send time. */
export type EnqueueEmailInput<K extends TemplateName = TemplateName> = {
  /** Unique per intended email; a second enqueue with the same key is refused (no duplicates). */
  dedupeKey: string;
  to: string;
  template: K;
  data: TemplateDataMap[K];
} & (K extends OptionalMailKind ? { userId: string } : { userId?: string });

export type DeliveryOutcome =
  | 'sent'
  | 'retry_scheduled'
  | 'suppressed'
  | 'no_consent'
  | 'failed'
  | 'unconfirmed'
  | 'released'
  | 'not_due';

/**
 * The document-client transaction item that enqueues an email (a conditional Put keyed by the
 * dedupe key), to commit together with the change that causes it, for example in
 * `commitWithAudit`. The template data is sealed (see sealed-data.ts).
 */
export function buildEnqueueEmailItem<K extends TemplateName>(
  deps: AppDeps,
  input: EnqueueEmailInput<K>,
): TransactItem {
  const category = getTemplateCategory(input.template);
  if (category !== 'transactional' && input.userId === undefined) {
    throw new Error('optional mail must name the person it is for');
  }
  const now = deps.now();
  const id = createId();
  return repo.buildPutOutboxItem(
    deps.db,
    repo.outboxKey(input.dedupeKey),
    {
      id,
      queue: deps.config.MAIL_OUTBOX_QUEUE,
      template: input.template,
      to: normalizeEmail(input.to),
      ...(input.userId === undefined ? {} : { userId: input.userId }),
      sealed: sealJson(deps.config.SESSION_SECRET, id, input.data),
      status: 'pending',
      attempts: 0,
      createdAt: now.toISOString(),
      nextAttemptAt: now.toISOString(),
    },
    Math.floor(now.getTime() / 1000) + KEEP_DAYS * 86_400,
  );
}

/**
 * Enqueues one email and delivers it at once (the sign-in link cannot wait for the next poll).
 * Returns `duplicate` when the dedupe key was already used; a failed first attempt stays queued
 * and the worker retries it.
 */
export async function sendEmail<K extends TemplateName>(
  deps: AppDeps,
  input: EnqueueEmailInput<K>,
  alsoCommit: TransactItem[] = [],
): Promise<DeliveryOutcome | 'duplicate'> {
  try {
    await commitTransaction(deps.db, [...alsoCommit, buildEnqueueEmailItem(deps, input)]);
  } catch (error) {
    if (getFailedConditionIndexes(error)?.includes(alsoCommit.length) === true) return 'duplicate';
    throw error;
  }
  return deliverQueuedEmail(deps, input.dedupeKey);
}

/** Delivers the message of a dedupe key now, if it is due (used right after enqueueing it). */
export async function deliverQueuedEmail(deps: AppDeps, dedupeKey: string): Promise<DeliveryOutcome> {
  return deliver(deps, repo.outboxKey(dedupeKey));
}

/** The due-index sort key of a message: when it is next due (or its lease ends). */
function dueAt(deps: AppDeps, at: string, key: repo.OutboxKey) {
  return { GSI1SK: GSI1.outboxDue(deps.config.MAIL_OUTBOX_QUEUE, at, key.PK).GSI1SK };
}

const DONE_REMOVES = ['GSI1PK', 'GSI1SK', 'sealed', 'leaseUntil'];

async function finish(
  deps: AppDeps,
  key: repo.OutboxKey,
  leaseToken: string,
  status: repo.OutboxStatus,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await repo.updateOutboxItem(deps.db, key, {
    set: { status, finishedAt: deps.now().toISOString(), ...extra },
    remove: DONE_REMOVES,
    condition: 'leaseToken = :lease',
    values: { ':lease': leaseToken },
  });
}

/** Whether the send path may send this message now: not suppressed, and consent for optional mail. */
async function checkAtSendTime(
  deps: AppDeps,
  item: repo.OutboxItem,
): Promise<'ok' | 'suppressed' | 'no_consent'> {
  if (await repo.isSuppressed(deps.db, item.to)) return 'suppressed';
  const category = getTemplateCategory(item.template);
  if (category === 'transactional') return 'ok';
  if (item.userId === undefined) return 'no_consent';
  const preferences = await repo.getPreferences(deps.db, item.userId);
  return preferences[category] ? 'ok' : 'no_consent';
}

function render(deps: AppDeps, item: repo.OutboxItem, data: unknown) {
  const category = getTemplateCategory(item.template);
  const unsubscribeUrl =
    category === 'transactional' || item.userId === undefined
      ? undefined
      : buildApiUrl(
          deps.config,
          `/u/${createUnsubscribeToken(deps.config.SESSION_SECRET, { userId: item.userId, list: category })}`,
        );
  const rendered = renderTemplate(item.template, data as never, {
    preferencesUrl: buildWebUrl(deps.config, '/account/email'),
    ...(unsubscribeUrl === undefined ? {} : { unsubscribeUrl }),
  });
  const headers =
    unsubscribeUrl === undefined
      ? undefined
      : [
          // RFC 8058 one-click: the mail client POSTs `List-Unsubscribe=One-Click` to the URL (P-MAIL-2).
          { name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>` },
          { name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
        ];
  return { rendered, headers, category };
}

async function deliver(deps: AppDeps, key: repo.OutboxKey): Promise<DeliveryOutcome> {
  const now = deps.now();
  const leaseToken = createSecret(16);
  const leaseUntil = new Date(now.getTime() + LEASE_MS).toISOString();
  const claimed = await repo.updateOutboxItem(deps.db, key, {
    // Due again when the lease ends, so the drain finds it if this process stops (recoverExpiredLease).
    set: { status: 'claimed', leaseToken, leaseUntil, ...dueAt(deps, leaseUntil, key) },
    add: { attempts: 1 },
    condition: '#status = :pending AND #nextAttemptAt <= :now',
    values: { ':pending': 'pending', ':now': now.toISOString() },
  });
  if (claimed === undefined) return 'not_due';

  const verdict = await checkAtSendTime(deps, claimed);
  if (verdict !== 'ok') {
    await finish(deps, key, leaseToken, verdict);
    return verdict;
  }
  const data =
    claimed.sealed === undefined
      ? undefined
      : openJson(getSigningSecrets(deps.config), claimed.id, claimed.sealed);
  if (data === undefined) {
    await finish(deps, key, leaseToken, 'failed', { lastError: 'unreadable' });
    return 'failed';
  }
  const { rendered, headers, category } = render(deps, claimed, data);

  const submitting = await repo.updateOutboxItem(deps.db, key, {
    set: { status: 'submitting' },
    condition: 'leaseToken = :lease AND #status = :claimed',
    values: { ':lease': leaseToken, ':claimed': 'claimed' },
  });
  if (submitting === undefined) return 'not_due';
  let messageId: string | undefined;
  try {
    ({ messageId } = await deps.mailer.send({
      to: claimed.to,
      category: category === 'transactional' ? 'transactional' : 'optional',
      ...rendered,
      ...(headers === undefined ? {} : { headers }),
    }));
  } catch (error) {
    return handleSendError(deps, key, leaseToken, claimed.attempts, error);
  }
  // Outside the try: a failure to record must never look like a failed send (that would resend).
  // If this write fails, the message stays `submitting` and becomes `unconfirmed`: not resent.
  await finish(deps, key, leaseToken, 'sent', {
    sentAt: deps.now().toISOString(),
    ...(messageId === undefined ? {} : { messageId }),
  });
  return 'sent';
}

async function handleSendError(
  deps: AppDeps,
  key: repo.OutboxKey,
  leaseToken: string,
  attempts: number,
  error: unknown,
): Promise<DeliveryOutcome> {
  const errorName = error instanceof Error ? error.name : 'unknown';
  if (!isCertainlyNotSent(error)) {
    await finish(deps, key, leaseToken, 'unconfirmed', { lastError: errorName });
    return 'unconfirmed';
  }
  if (attempts >= MAX_ATTEMPTS) {
    await finish(deps, key, leaseToken, 'failed', { lastError: errorName });
    return 'failed';
  }
  const nextAttemptAt = new Date(deps.now().getTime() + getRetryDelayMs(attempts)).toISOString();
  await repo.updateOutboxItem(deps.db, key, {
    set: { status: 'pending', nextAttemptAt, lastError: errorName, ...dueAt(deps, nextAttemptAt, key) },
    remove: ['leaseToken', 'leaseUntil'],
    condition: 'leaseToken = :lease',
    values: { ':lease': leaseToken },
  });
  return 'retry_scheduled';
}

/**
 * A message whose lease ran out: one stopped while `claimed` never reached SES and is released
 * to be retried; one stopped while `submitting` may have been sent and becomes `unconfirmed`.
 */
async function recoverExpiredLease(deps: AppDeps, item: repo.OutboxItem): Promise<DeliveryOutcome> {
  const key = { PK: item.PK, SK: item.SK };
  const nowIso = deps.now().toISOString();
  const expired = { ':lease': item.leaseToken, ':now': nowIso, ':status': item.status };
  if (item.status === 'submitting') {
    const done = await repo.updateOutboxItem(deps.db, key, {
      set: { status: 'unconfirmed', finishedAt: nowIso },
      remove: DONE_REMOVES,
      condition: 'leaseToken = :lease AND #status = :status AND #leaseUntil <= :now',
      values: expired,
    });
    return done === undefined ? 'not_due' : 'unconfirmed';
  }
  const giveUp = item.attempts >= MAX_ATTEMPTS;
  const released = await repo.updateOutboxItem(deps.db, key, {
    set: giveUp
      ? { status: 'failed', finishedAt: nowIso, lastError: 'lease_expired' }
      : { status: 'pending', nextAttemptAt: nowIso, ...dueAt(deps, nowIso, key) },
    remove: giveUp ? [...DONE_REMOVES, 'leaseToken'] : ['leaseToken', 'leaseUntil'],
    condition: 'leaseToken = :lease AND #status = :status AND #leaseUntil <= :now',
    values: expired,
  });
  if (released === undefined) return 'not_due';
  return giveUp ? 'failed' : 'released';
}

export type DrainResult = Partial<Record<DeliveryOutcome, number>>;

/** How many messages one drain pass handles at once. */
const DRAIN_CONCURRENCY = 8;

async function handleDue(deps: AppDeps, item: repo.OutboxItem): Promise<DeliveryOutcome[]> {
  const key = { PK: item.PK, SK: item.SK };
  if (item.status === 'pending') return [await deliver(deps, key)];
  const isLeaseOver = item.leaseUntil !== undefined && item.leaseUntil <= deps.now().toISOString();
  if ((item.status !== 'claimed' && item.status !== 'submitting') || !isLeaseOver) return [];
  const outcome = await recoverExpiredLease(deps, item);
  return outcome === 'released' ? [outcome, await deliver(deps, key)] : [outcome];
}

/**
 * Handles every message of this process's queue that is due by `deps.now()`: delivers pending
 * ones and recovers expired leases, a few at a time. Safe to run in several processes at once.
 */
export async function drainOutbox(deps: AppDeps, options: { limit?: number } = {}): Promise<DrainResult> {
  const result: DrainResult = {};
  const due = await repo.listDueOutboxItems(
    deps.db,
    deps.config.MAIL_OUTBOX_QUEUE,
    deps.now().toISOString(),
    options.limit ?? DRAIN_BATCH,
  );
  const workers = Array.from({ length: Math.min(DRAIN_CONCURRENCY, due.length) }, async () => {
    for (let item = due.shift(); item !== undefined; item = due.shift()) {
      for (const outcome of await handleDue(deps, item)) result[outcome] = (result[outcome] ?? 0) + 1;
    }
  });
  await Promise.all(workers);
  return result;
}

/**
 * Runs `drainOutbox` in this process every `intervalMs`, one pass at a time. Returns a stop
 * function that waits for a running pass, so the app can close its clients safely.
 */
export function startOutboxWorker(
  deps: AppDeps,
  log: FastifyBaseLogger,
  intervalMs: number,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running !== undefined) return;
    running = drainOutbox(deps)
      .then((result) => {
        if (Object.keys(result).length > 0) log.info({ outbox: result }, 'outbox drained');
      })
      .catch((error: unknown) => {
        log.error({ errorName: error instanceof Error ? error.name : 'unknown' }, 'outbox drain failed');
      })
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
