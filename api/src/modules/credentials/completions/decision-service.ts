import type { AuditActor } from '../../../platform/audit/audit-chain.js';
import { commitWithAudit, type AuditEvent, type TransactItem } from '../../../platform/audit/audit-log.js';
import type { AppDeps } from '../../../platform/deps.js';
import { prepareActivity } from '../activity-service.js';
import { TalliesMoved, talliesBusy, throwIfTalliesMoved } from '../tally-service.js';
import type { Activity } from '../activity-schema.js';
import { buildOtherSideAudit } from '../organisations/other-side-audit.js';
import * as repo from './completion-repo.js';
import * as linkRepo from './link-repo.js';
import { assertPending, commitDecision, getCompletion } from './completion-service.js';
import type { ReportedCompletion } from './schema.js';

const TARGET = 'ce-completion';
/** Tries of an acceptance whose CE tallies a rebuild replaced meanwhile. */
const MAX_ACCEPT_ATTEMPTS = 4;

/**
 * The person's decision on a reported completion, in one transaction: the completion decided,
 * the provider's copy of the report told (while the provider's workspace still holds it), an
 * audit entry on both sides, and on acceptance the new activity with its own entry.
 */
async function decide(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  completionId: string,
  accepted?: { activity: Activity; writes: TransactItem[] },
): Promise<ReportedCompletion> {
  const { completion, providerWorkspaceId, isCounted } = await getCompletion(deps, tenantId, completionId);
  assertPending(completion);
  const status = accepted === undefined ? 'declined' : 'accepted';
  const now = deps.now();
  const at = now.toISOString();
  const event: AuditEvent = {
    actor,
    action: `ce-completion.${status}`,
    target: { type: TARGET, id: completionId },
    details: {
      linkId: completion.linkId,
      ...(accepted === undefined ? {} : { activityId: accepted.activity.id }),
    },
  };
  const writes: TransactItem[] = [
    repo.buildDecide(deps.db, tenantId, {
      completionId,
      status,
      at,
      activityId: accepted?.activity.id ?? null,
    }),
  ];
  // Decided, it no longer waits: its slot under the link's cap is free again, in the same commit.
  if (isCounted) writes.push(linkRepo.buildReleasePending(deps.db, tenantId, completion.linkId));
  if (accepted !== undefined) {
    writes.push(
      ...accepted.writes,
      buildOtherSideAudit(
        deps.db,
        tenantId,
        {
          actor,
          action: 'ce-activity.created',
          target: { type: 'ce-activity', id: accepted.activity.id },
          details: {
            hours: accepted.activity.hours,
            format: accepted.activity.format,
            reportedBy: completion.linkId,
          },
        },
        now,
      ),
    );
  }
  if (await repo.hasReport(deps.db, providerWorkspaceId, completion.linkId, completionId)) {
    writes.push(
      repo.buildDecideReport(deps.db, providerWorkspaceId, {
        linkId: completion.linkId,
        completionId,
        status,
        at,
      }),
      buildOtherSideAudit(deps.db, providerWorkspaceId, event, now),
    );
  }
  await commitDecision(async () => {
    try {
      await commitWithAudit(deps.db, tenantId, writes, event, deps.now);
    } catch (error) {
      if (accepted !== undefined) throwIfTalliesMoved(error, writes, accepted.writes.slice(1));
      throw error;
    }
  });
  return (await getCompletion(deps, tenantId, completionId)).completion;
}

/**
 * Accepts a reported completion: it becomes an activity like any other (allocated to license
 * cycles by its date and its category as the topic), keeping which provider and link reported it.
 */
export async function acceptCompletion(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  completionId: string,
): Promise<{ completion: ReportedCompletion; activity: Activity }> {
  const { completion } = await getCompletion(deps, tenantId, completionId);
  assertPending(completion);
  for (let attempt = 1; ; attempt += 1) {
    const prepared = await prepareActivity(
      deps,
      tenantId,
      actor,
      {
        title: completion.courseTitle,
        provider: completion.providerName,
        completedOn: completion.completedOn,
        hours: completion.hours,
        format: completion.format,
        topics: [{ topic: completion.category, hours: completion.hours }],
        ...(completion.certificateNumber === undefined
          ? {}
          : { certificateNumber: completion.certificateNumber }),
      },
      { providerName: completion.providerName, linkId: completion.linkId, completionId },
    );
    try {
      const decided = await decide(deps, tenantId, actor, completionId, prepared);
      return { completion: decided, activity: prepared.activity };
    } catch (error) {
      // A tally rebuild came between reading the tallies and the commit: prepare again.
      if (!(error instanceof TalliesMoved)) throw error;
      if (attempt >= MAX_ACCEPT_ATTEMPTS) throw talliesBusy();
    }
  }
}

/** Declines a reported completion: nothing is added; the provider sees it declined. */
export async function declineCompletion(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  completionId: string,
): Promise<ReportedCompletion> {
  return decide(deps, tenantId, actor, completionId);
}
