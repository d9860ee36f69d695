import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithAudit, WriteConditionFailed } from '../audit/audit-log.js';
import { getFailedConditionIndexes } from '../db/transactions.js';
import type { AppDeps } from '../deps.js';
import { buildLedgerPut, findLedgerEntry, markFollowUpsDone } from './ledger.js';
import type { FollowUp, FollowUpRunner, WebhookEffect, WebhookFaults, WebhookProvider } from './types.js';

export type DeliveryContext = {
  provider: WebhookProvider;
  eventId: string;
  type: string;
  faults: WebhookFaults | undefined;
  followUpRunners: Record<string, FollowUpRunner>;
};

async function runFollowUps(deps: AppDeps, context: DeliveryContext, followUps: FollowUp[]): Promise<void> {
  if (followUps.length === 0) return;
  for (const followUp of followUps) {
    const runner = context.followUpRunners[followUp.kind];
    if (runner === undefined) throw new Error(`no runner for follow-up ${followUp.kind}`);
    await runner(deps, followUp.data);
  }
  await markFollowUpsDone(deps.db, context.provider, context.eventId, deps.now());
}

/**
 * Applies a verified event exactly once (P-HOOK-3, P-HOOK-4). The event id is written with a
 * condition in the same transaction as the event's effect: a repeat finds it and does nothing
 * more, and a delivery cut short before the commit left nothing behind, so its retry starts
 * over. Follow-ups recorded in that transaction are re-run on a retry until marked done.
 */
export async function processDelivery(
  deps: AppDeps,
  context: DeliveryContext,
  plan: () => Promise<WebhookEffect>,
): Promise<{ outcome: string; isDuplicate: boolean }> {
  const fault = async (point: Parameters<WebhookFaults>[0]) =>
    context.faults?.(point, { provider: context.provider, eventId: context.eventId });
  await fault('after-verify');
  const seen = await findLedgerEntry(deps.db, context.provider, context.eventId);
  if (seen !== undefined) {
    if (seen.followUpsDoneAt === undefined) await runFollowUps(deps, context, seen.followUps);
    return { outcome: 'duplicate', isDuplicate: true };
  }
  const effect = await plan();
  await fault('during-effect');
  const followUps = effect.followUps ?? [];
  const ledgerPut = buildLedgerPut(deps.db, {
    provider: context.provider,
    eventId: context.eventId,
    type: context.type,
    outcome: effect.outcome,
    followUps,
    now: deps.now(),
  });
  try {
    if (effect.audit === undefined) {
      await deps.db.doc.send(new TransactWriteCommand({ TransactItems: [ledgerPut, ...effect.operations] }));
    } else {
      await commitWithAudit(
        deps.db,
        effect.audit.tenantId,
        [ledgerPut, ...effect.operations],
        effect.audit.event,
        deps.now,
      );
    }
  } catch (error) {
    const failed =
      error instanceof WriteConditionFailed ? error.failedIndexes : getFailedConditionIndexes(error);
    // A concurrent delivery of the same event committed first: this one had no effect.
    if (failed?.includes(0) === true) return { outcome: 'duplicate', isDuplicate: true };
    throw error;
  }
  await fault('after-commit');
  await runFollowUps(deps, context, followUps);
  return { outcome: effect.outcome, isDuplicate: false };
}
