import { platformPk, tenantPk } from '../../platform/db/keys.js';
import { deletePartition } from '../../platform/db/partition-sweep.js';
import { commitTransaction } from '../../platform/db/transactions.js';
import type { AppDeps } from '../../platform/deps.js';
import * as workspaces from '../workspaces/account-deletion.js';
import type { DataHolder } from '../../platform/privacy/data-holders.js';
import { buildWorkspacePurgeLock } from '../../platform/privacy/deletion-marks.js';
import { sendDeletionNotice } from './deletion-mail.js';
import { resumeUnappliedDeletions } from './deletion.js';
import * as repo from './deletion-repo.js';
import { DATA_HOLDERS } from './holders.js';

/**
 * The account purge (P-RIGHT-3, P-RIGHT-4): for every deletion request whose 30 days are over,
 *
 * 1. fixes the plan (workspaces the person is the only active owner of, memberships elsewhere)
 *    and moves the request to `purging`, so a restore can no longer take it;
 * 2. for each workspace of the plan without a legal hold: marks it as being purged (under a
 *    condition that no hold exists), runs every holder's `purgeWorkspace` (the audit log kept
 *    minimised, lookups pointing in, stored files in S3, and whatever later holders keep outside
 *    the table), then deletes the workspace's whole main-table partition;
 * 3. for each other workspace without a legal hold: revokes the API keys the person created and
 *    removes their membership (the workspace and its other members stay);
 * 4. runs every holder's `purgeUser` (sessions, email and Clerk lookups, the Clerk user), then
 *    deletes the person's own partition (profile, sign-ins, policy notices);
 * 5. marks the address as opted out of optional mail, sends the final notice, and deletes the
 *    request.
 *
 * Every step only deletes or overwrites with the same value, and progress that cannot be re-derived
 * is recorded on the request, so the job is safe to run twice at once, and a run killed at any
 * point is finished by the next one. A legal hold pauses the purge of its workspace only: the
 * rest goes on, the request stays (with the address, for the final notice) until the hold is
 * lifted, and the next run after that finishes it.
 */

export type PurgeOptions = {
  /** Called after each step; tests throw from it to kill the purge part-way. */
  onStep?: (step: string) => void | Promise<void>;
  /** The most requests handled in one run (1,000 by default). */
  limit?: number;
  /** Holders to run (all of them by default). */
  holders?: readonly DataHolder[];
};

export type PurgeReport = { purged: string[]; held: string[]; resumed: string[] };

/** Finishes deletions a crash left half-applied, then purges every account whose grace period is over. */
export async function runPurge(deps: AppDeps, options: PurgeOptions = {}): Promise<PurgeReport> {
  const report: PurgeReport = { purged: [], held: [], resumed: await resumeUnappliedDeletions(deps) };
  for (const userId of await repo.listDueDeletions(deps.db, deps.now(), options.limit ?? 1000)) {
    const outcome = await purgeAccount(deps, userId, options);
    if (outcome === 'purged') report.purged.push(userId);
    if (outcome === 'held') report.held.push(userId);
  }
  return report;
}

async function planPurge(
  deps: AppDeps,
  request: repo.DeletionRequest,
): Promise<NonNullable<repo.DeletionRequest['plan']>> {
  const scope = await workspaces.listDeletionScope(deps, request.userId);
  return {
    workspaceTenantIds: scope.filter((s) => s.outcome === 'workspace').map((s) => s.tenantId),
    membershipTenantIds: scope.filter((s) => s.outcome === 'membership').map((s) => s.tenantId),
  };
}

/**
 * Marks a workspace as being purged unless it is under a legal hold; true when the purge may go
 * on (also when the workspace item is already gone: an earlier run began and got further).
 */
async function lockWorkspace(deps: AppDeps, tenantId: string): Promise<boolean> {
  if ((await repo.getLegalHold(deps.db, tenantId)) !== undefined) return false;
  try {
    await commitTransaction(deps.db, [
      repo.buildNoLegalHoldCheck(deps.db, tenantId),
      buildWorkspacePurgeLock(deps.db, tenantId, deps.now().toISOString()),
    ]);
  } catch (error) {
    if (!(error instanceof Error) || error.name !== 'TransactionCanceledException') throw error;
    return (await repo.getLegalHold(deps.db, tenantId)) === undefined;
  }
  return true;
}

/** Purges one account; `pending` when its time has not come, `held` when a legal hold keeps part of it. */
export async function purgeAccount(
  deps: AppDeps,
  userId: string,
  options: PurgeOptions = {},
): Promise<'purged' | 'held' | 'pending' | 'none'> {
  const holders = options.holders ?? DATA_HOLDERS;
  const step = async (name: string, work: () => Promise<unknown>): Promise<void> => {
    await work();
    await options.onStep?.(name);
  };
  let request = await repo.getDeletionRequest(deps.db, userId);
  if (request === undefined) return 'none';
  if (request.state === 'restoring' || Date.parse(request.purgeAfter) > deps.now().getTime())
    return 'pending';
  if (request.plan === undefined) {
    const plan = await planPurge(deps, request);
    if (!(await repo.moveDeletionState(deps.db, userId, ['pending'], 'purging', { plan }))) {
      request = await repo.getDeletionRequest(deps.db, userId);
      if (request?.state !== 'purging') return 'pending';
    }
    await options.onStep?.('plan');
    request = await repo.getDeletionRequest(deps.db, userId);
    if (request?.plan === undefined) return 'pending';
  }
  const { plan } = request;
  const held: string[] = [];

  for (const tenantId of plan.workspaceTenantIds) {
    if (!(await lockWorkspace(deps, tenantId))) {
      held.push(tenantId);
      continue;
    }
    await options.onStep?.(`workspace:${tenantId}:lock`);
    // Holders first: they may read their own pointers (a subscription id, key hashes) from the partition.
    for (const holder of holders) {
      const purgeWorkspace = holder.purgeWorkspace;
      if (purgeWorkspace !== undefined)
        await step(`workspace:${tenantId}:${holder.owner}`, () => purgeWorkspace(deps, tenantId));
    }
    await step(`workspace:${tenantId}:partition`, () => deletePartition(deps.db, tenantPk(tenantId)));
  }

  for (const tenantId of plan.membershipTenantIds) {
    if ((await repo.getLegalHold(deps.db, tenantId)) !== undefined) {
      held.push(tenantId);
      continue;
    }
    await step(`membership:${tenantId}`, () => workspaces.removeMembershipForPurge(deps, tenantId, userId));
  }

  if (request.userPurgedAt === undefined) {
    for (const holder of holders) {
      const purgeUser = holder.purgeUser;
      if (purgeUser !== undefined) await step(`user:${holder.owner}`, () => purgeUser(deps, userId));
    }
    await step('user:partition', () => deletePartition(deps.db, platformPk('user', userId)));
    await repo.updateDeletionRequest(deps.db, userId, { userPurgedAt: deps.now().toISOString() });
  }

  if (held.length > 0) {
    await repo.updateDeletionRequest(deps.db, userId, { heldTenantIds: held });
    return 'held';
  }

  await step('mail-opt-out', () =>
    repo.putMailOptOut(deps.db, request.email, 'account_deleted', deps.now().toISOString()),
  );
  if (request.finalNoticeSentAt === undefined) {
    // A crash between the send and the mark sends the notice again on the next run: one notice
    // too many is the lesser failure than none.
    await step('final-notice', () => sendDeletionNotice(deps, request.email, { kind: 'purged' }));
    await repo.updateDeletionRequest(deps.db, userId, { finalNoticeSentAt: deps.now().toISOString() });
  }
  await step('done', () => repo.deleteDeletionRequest(deps.db, userId));
  return 'purged';
}
