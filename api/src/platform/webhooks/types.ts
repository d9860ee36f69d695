import type { AuditEvent, TransactItem } from '../audit/audit-log.js';
import type { AppDeps } from '../deps.js';

export type WebhookProvider = 'stripe' | 'clerk' | 'sns';
export const WEBHOOK_PROVIDERS: readonly WebhookProvider[] = ['stripe', 'clerk', 'sns'];

/** DynamoDB transaction items, as the event's effect. */
export type TransactWriteItem = TransactItem;

/**
 * Work that follows a committed effect and cannot join its transaction (an email, ending sessions,
 * confirming an SNS subscription). It is stored in the ledger item in the same transaction and
 * re-run on a retried delivery until marked done, so each runner must be safe to repeat.
 */
export type FollowUp = { kind: string; data: Record<string, string> };
export type FollowUpRunner = (deps: AppDeps, data: Record<string, string>) => Promise<void>;

/** What an event does: items committed together with the event id, and a short outcome for the log. */
export type WebhookEffect = {
  operations: TransactWriteItem[];
  outcome: string;
  /** Commit through the tenant's audit chain, so the change is audited in the same transaction. */
  audit?: { tenantId: string; event: AuditEvent };
  followUps?: FollowUp[];
};

/** The effect of one verified SNS notification (the email module supplies SES bounce handling). */
export type SnsNotificationHandler = (
  deps: AppDeps,
  message: { topicArn: string; messageId: string; body: unknown },
) => Promise<WebhookEffect>;

/** Points where tests interrupt a delivery to prove a retry still has its effect exactly once (P-HOOK-4). */
export type WebhookFaultPoint = 'after-verify' | 'during-effect' | 'after-commit' | 'before-response';
export type WebhookFaults = (
  point: WebhookFaultPoint,
  context: { provider: WebhookProvider; eventId: string },
) => void | Promise<void>;
