import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import { commitWithAudit, WriteConditionFailed } from '../../../platform/audit/audit-log.js';
import type { AppDeps } from '../../../platform/deps.js';
import * as completionRepo from './completion-repo.js';
import * as linkRepo from './link-repo.js';

/**
 * When a training provider's workspace is purged, the people it reported to are left with links to
 * nobody. Each person's link ends (they see it as ended), and the completions it reported that still
 * wait for them are dropped: nobody is left to stand behind them. Completions they already accepted
 * stay, as their own activities. Every change is in the person's audit log, by the purge.
 */

const SYSTEM_PURGE: AuditActor = { type: 'system', id: 'account-purge', label: 'Account purge' };
const REASON = 'provider-deleted';

/** Drops one waiting completion and frees its slot; false when the person decided it meanwhile. */
async function dropPending(
  deps: AppDeps,
  personWorkspaceId: string,
  { completion, isCounted }: completionRepo.CompletionItem,
): Promise<boolean> {
  try {
    await commitWithAudit(
      deps.db,
      personWorkspaceId,
      [
        completionRepo.buildDropPending(deps.db, personWorkspaceId, completion.id),
        ...(isCounted ? [linkRepo.buildReleasePending(deps.db, personWorkspaceId, completion.linkId)] : []),
      ],
      {
        actor: SYSTEM_PURGE,
        action: 'ce-completion.dropped',
        target: { type: 'ce-completion', id: completion.id },
        details: { linkId: completion.linkId, hours: completion.hours, reason: REASON },
      },
      deps.now,
    );
    return true;
  } catch (error) {
    if (error instanceof WriteConditionFailed) return false;
    throw error;
  }
}

/**
 * Ends every person's link to a purged provider's workspace. Safe to run again (a purge killed
 * part-way is finished by the next run): a link ended already stays as it is, and only
 * completions still waiting are dropped.
 */
export async function endLinksOfPurgedProvider(deps: AppDeps, providerWorkspaceId: string): Promise<void> {
  for (const side of await linkRepo.listProviderSideLinks(deps.db, providerWorkspaceId)) {
    const { personWorkspaceId } = side;
    const { linkId } = side.link;
    const item = await linkRepo.getLink(deps.db, personWorkspaceId, linkId);
    // The person's workspace went first, or the link leads to another provider: nothing to end.
    if (item === undefined || item.providerWorkspaceId !== providerWorkspaceId) continue;
    let dropped = 0;
    for (const pending of await completionRepo.listPendingOfLink(deps.db, personWorkspaceId, linkId))
      if (await dropPending(deps, personWorkspaceId, pending)) dropped += 1;
    if (item.link.endedAt !== null) continue;
    try {
      await commitWithAudit(
        deps.db,
        personWorkspaceId,
        [linkRepo.buildEndLink(deps.db, personWorkspaceId, linkId, deps.now().toISOString())],
        {
          actor: SYSTEM_PURGE,
          action: 'ce-provider-link.ended',
          target: { type: 'ce-provider-link', id: linkId },
          details: { reason: REASON, droppedCompletions: dropped },
        },
        deps.now,
      );
    } catch (error) {
      // Ended by a run before this one: the outcome holds.
      if (!(error instanceof WriteConditionFailed)) throw error;
    }
  }
}
