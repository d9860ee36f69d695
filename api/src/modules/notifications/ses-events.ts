import type { TransactItem } from '../../platform/audit/audit-log.js';
import { normalizeEmail } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import * as repo from './repo.js';

/**
 * The effect of an SES event delivered through SNS: a permanent bounce or a complaint puts each
 * address on the suppression list; a transient or undetermined bounce is only counted (P-MAIL-4).
 * Other event types (Delivery, Send, Open…) have no effect here.
 */

type SesEvent = {
  eventType?: unknown;
  notificationType?: unknown;
  bounce?: { bounceType?: unknown; bouncedRecipients?: { emailAddress?: unknown }[] };
  complaint?: { complainedRecipients?: { emailAddress?: unknown }[] };
  mail?: { timestamp?: unknown };
};

/** SES sends at most 50 recipients per message; more than that is not an SES event. */
const MAX_RECIPIENTS = 50;

function parseBody(body: unknown): SesEvent | undefined {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? value : undefined;
}

/** Plain addresses from a recipient list (SES may write `Name <a@b>`), normalized, each once. */
function readAddresses(recipients: { emailAddress?: unknown }[] | undefined): string[] {
  const addresses = new Set<string>();
  for (const recipient of (Array.isArray(recipients) ? recipients : []).slice(0, MAX_RECIPIENTS)) {
    if (typeof recipient.emailAddress !== 'string') continue;
    const angled = /<([^<>]+)>/.exec(recipient.emailAddress)?.[1] ?? recipient.emailAddress;
    const email = normalizeEmail(angled);
    if (/^[^\s@]+@[^\s@]+$/.test(email) && email.length <= 254) addresses.add(email);
  }
  return [...addresses];
}

/**
 * Parses one SES event (the SNS message body, as JSON text or parsed) and returns the DynamoDB
 * operations of its effect, without committing them: the webhook ledger commits them together
 * with the SNS message id, so a repeated delivery has no second effect (P-HOOK-3).
 */
export async function handleSesNotification(
  deps: AppDeps,
  message: { topicArn: string; messageId: string; body: unknown },
): Promise<{ operations: TransactItem[]; outcome: string }> {
  const event = parseBody(message.body);
  if (event === undefined) return { operations: [], outcome: 'ignored: not an SES event' };
  const type = event.eventType ?? event.notificationType;
  const at = deps.now().toISOString();
  let operations: TransactItem[] = [];
  let outcome: string;
  if (type === 'Bounce') {
    const addresses = readAddresses(event.bounce?.bouncedRecipients);
    if (event.bounce?.bounceType === 'Permanent') {
      operations = addresses.map((email) => repo.buildSuppressItem(deps.db, email, 'bounce', at));
      outcome = `suppressed ${addresses.length} (permanent bounce)`;
    } else {
      // Transient (mailbox full, greylisting…) and Undetermined bounces may pass: count, keep sending.
      operations = addresses.map((email) => repo.buildCountTransientBounceItem(deps.db, email, at));
      const bounceType = event.bounce?.bounceType === 'Transient' ? 'transient' : 'undetermined';
      outcome = `counted ${addresses.length} (${bounceType} bounce)`;
    }
  } else if (type === 'Complaint') {
    const addresses = readAddresses(event.complaint?.complainedRecipients);
    operations = addresses.map((email) => repo.buildSuppressItem(deps.db, email, 'complaint', at));
    outcome = `suppressed ${addresses.length} (complaint)`;
  } else {
    outcome = `ignored: ${typeof type === 'string' ? type.slice(0, 40) : 'no event type'}`;
  }
  return { operations, outcome };
}
