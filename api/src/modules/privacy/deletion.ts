import { commitWithAudit, type TransactItem, WriteConditionFailed } from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import {
  clearSessionPendingDeletion,
  deleteSession,
  deleteSessionsOfUser,
} from '../../platform/auth/sessions.js';
import { commitTransaction, getFailedConditionIndexes } from '../../platform/db/transactions.js';
import {
  buildProfileDeletionMark,
  buildWorkspaceNotPurgingCheck,
} from '../../platform/privacy/deletion-marks.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as identity from '../identity/service.js';
import * as workspaces from '../workspaces/account-deletion.js';
import { buildRequestedNoticeItem, deliverRequestedNotice, sendDeletionNotice } from './deletion-mail.js';
import * as repo from './deletion-repo.js';
import { DELETION_GRACE_DAYS } from './inventory.js';

/**
 * Account deletion (P-RIGHT-3). A request hides the account at once: every session ends, every
 * API key the person created is suspended, each workspace they alone own is hidden from all its
 * members (its routes answer 404, its API keys stop), and their membership of every other
 * workspace is suspended. Signing in within the grace period opens only the restore offer, and a
 * restore puts every flag back. After the grace period the purge job (purge.ts) deletes it all.
 */

export type DeletionWorkspace = {
  id: string;
  name: string;
  outcome: 'workspace' | 'membership';
  legalHold?: { reason: string; setAt: string };
};

export type DeletionStatus = {
  state: 'active' | 'pending';
  requestedAt?: string;
  purgeAfter?: string;
  graceDays: number;
  workspaces: DeletionWorkspace[];
};

const DAY_MS = 86_400_000;

function actorOf(user: { id: string; email: string }): AuditActor {
  return { type: 'user', id: user.id, label: user.email };
}

async function describeScope(
  deps: AppDeps,
  scope: readonly workspaces.DeletionScope[],
): Promise<DeletionWorkspace[]> {
  const workspaces: DeletionWorkspace[] = [];
  for (const entry of scope) {
    const hold = await repo.getLegalHold(deps.db, entry.tenantId);
    workspaces.push({
      id: entry.tenantId,
      name: entry.name,
      outcome: entry.outcome,
      ...(hold === undefined ? {} : { legalHold: { reason: hold.reason, setAt: hold.setAt } }),
    });
  }
  return workspaces;
}

/**
 * What deleting the account does, or (once requested) what it is doing: each workspace, whether
 * it goes whole or only the membership, and any legal hold that pauses its purge.
 */
export async function getDeletionStatus(deps: AppDeps, userId: string): Promise<DeletionStatus> {
  const request = await repo.getDeletionRequest(deps.db, userId);
  const scope = await workspaces.listDeletionScope(deps, userId);
  if (request === undefined)
    return { state: 'active', graceDays: DELETION_GRACE_DAYS, workspaces: await describeScope(deps, scope) };
  // Once requested, the split fixed at the request is what happens (hidden workspaces count as the person's own).
  const hidden = new Set(request.hiddenTenantIds);
  const fixed = scope.map((entry) => ({
    ...entry,
    outcome: hidden.has(entry.tenantId) ? ('workspace' as const) : ('membership' as const),
  }));
  return {
    state: 'pending',
    requestedAt: request.requestedAt,
    purgeAfter: request.purgeAfter,
    graceDays: DELETION_GRACE_DAYS,
    workspaces: await describeScope(deps, fixed),
  };
}

/** Whether the typed confirmation matches: the account's email, or the word DELETE. */
export function isDeletionConfirmed(confirmation: string, email: string): boolean {
  const typed = confirmation.trim();
  return typed === 'DELETE' || typed.toLowerCase() === email.toLowerCase();
}

/**
 * Plans the deletion of an account, fixing its scope and purge date now: the items that start it,
 * to commit in one transaction (the request, the profile's mark, and the notice in the mail
 * outbox); after the commit, `applyAccountDeletion` hides what the request names. The route below
 * commits them on their own; the Clerk webhook commits them with its event ledger, so a
 * redelivered `user.deleted` starts nothing twice. The commit fails its conditions when the
 * account is already scheduled for deletion.
 */
export async function planAccountDeletion(
  deps: AppDeps,
  user: { id: string; email: string },
): Promise<TransactItem[]> {
  const now = deps.now();
  const at = now.toISOString();
  const scope = await workspaces.listDeletionScope(deps, user.id);
  const request: repo.DeletionRequest = {
    userId: user.id,
    email: user.email,
    requestedAt: at,
    purgeAfter: new Date(now.getTime() + DELETION_GRACE_DAYS * DAY_MS).toISOString(),
    state: 'pending',
    hiddenTenantIds: scope.filter((s) => s.outcome === 'workspace').map((s) => s.tenantId),
    suspendedTenantIds: scope.filter((s) => s.outcome === 'membership').map((s) => s.tenantId),
  };
  const held = (await describeScope(deps, scope)).filter((w) => w.legalHold !== undefined);
  return [
    repo.buildPutDeletionRequest(deps.db, request),
    buildProfileDeletionMark(deps.db, user.id, at),
    buildRequestedNoticeItem(
      deps,
      request,
      held.map((w) => w.name),
    ),
  ];
}

/**
 * Hides what a committed deletion request names: ends every session, hides each workspace the
 * person alone owns (with its API keys), suspends their other memberships (with the keys they
 * created there), then delivers the queued notice. Every step is safe to repeat, and it does
 * nothing once the request is no longer pending (restored, being restored, or being purged).
 */
export async function applyAccountDeletion(deps: AppDeps, userId: string): Promise<void> {
  const request = await repo.getDeletionRequest(deps.db, userId);
  // Once applied, a repeat (a redelivered follow-up, the purge job) adds no second audit entry.
  if (request?.state !== 'pending' || request.appliedAt !== undefined) return;
  // Sessions first: from here on a sign-in opens only the restore offer.
  await deleteSessionsOfUser(deps.db, userId);
  const actor = actorOf({ id: userId, email: request.email });
  for (const tenantId of request.hiddenTenantIds)
    await workspaces.setWorkspaceHiddenForDeletion(deps, tenantId, actor, request.requestedAt);
  for (const tenantId of request.suspendedTenantIds)
    await workspaces.setMembershipSuspendedForDeletion(deps, tenantId, actor, request.requestedAt);
  await deliverRequestedNotice(deps, request);
  await repo.markDeletionApplied(deps.db, userId, deps.now().toISOString());
}

/** How long a request may be mid-way through `applyAccountDeletion` before the job finishes it. */
const APPLY_GRACE_MS = 5 * 60_000;

/**
 * Finishes the hiding of requests whose process stopped part-way (after the request committed):
 * run by the purge job, so an account asked to be deleted is never left reachable.
 */
export async function resumeUnappliedDeletions(deps: AppDeps): Promise<string[]> {
  const cutoff = new Date(deps.now().getTime() - APPLY_GRACE_MS);
  const userIds = await repo.listUnappliedDeletions(deps.db, cutoff, 1000);
  for (const userId of userIds) await applyAccountDeletion(deps, userId);
  return userIds;
}

/** Deletes the account (hidden now, purged after the grace period) and emails the notice. */
export async function requestAccountDeletion(
  deps: AppDeps,
  principal: UserPrincipal,
  confirmation: string,
): Promise<DeletionStatus> {
  const user = await identity.getUserForDeletion(deps, principal.userId);
  if (user === undefined) throw new AppError('unauthenticated');
  if (!isDeletionConfirmed(confirmation, user.email))
    throw new AppError('validation_failed', 'Type your email address or DELETE to confirm.', {
      errors: [{ field: 'confirmation', message: 'must be your email address or DELETE' }],
    });
  if (user.deletionRequestedAt !== undefined)
    throw new AppError('conflict', 'This account is already scheduled for deletion.');
  const operations = await planAccountDeletion(deps, user);
  try {
    await commitTransaction(deps.db, operations);
  } catch (error) {
    if (getFailedConditionIndexes(error) !== undefined)
      throw new AppError('conflict', 'This account is already scheduled for deletion.');
    throw error;
  }
  if (principal.sessionHash !== undefined) await deleteSession(deps.db, principal.sessionHash);
  await applyAccountDeletion(deps, user.id);
  return getDeletionStatus(deps, user.id);
}

/**
 * Restores an account within its grace period: every workspace, membership and API key comes
 * back as it was, and the restore-only session becomes a normal one. Safe to retry after a
 * failure part-way (the request stays in `restoring` until everything is back); the purge never
 * takes a request that is being restored, and a restore never takes one being purged.
 */
export async function restoreAccount(deps: AppDeps, principal: UserPrincipal): Promise<void> {
  const request = await repo.getDeletionRequest(deps.db, principal.userId);
  const user = await identity.getUserForDeletion(deps, principal.userId);
  if (request === undefined || user === undefined)
    throw new AppError('conflict', 'This account is not scheduled for deletion.');
  if (request.state === 'purging' || Date.parse(request.purgeAfter) <= deps.now().getTime())
    throw new AppError('conflict', 'The 30 days to restore this account are over; it is being deleted.');
  if (!(await repo.moveDeletionState(deps.db, user.id, ['pending', 'restoring'], 'restoring')))
    throw new AppError('conflict', 'The 30 days to restore this account are over; it is being deleted.');
  const actor = actorOf(user);
  for (const tenantId of request.hiddenTenantIds)
    await workspaces.setWorkspaceHiddenForDeletion(deps, tenantId, actor, undefined);
  for (const tenantId of request.suspendedTenantIds)
    await workspaces.setMembershipSuspendedForDeletion(deps, tenantId, actor, undefined);
  await commitTransaction(deps.db, [
    repo.buildDeleteDeletionRequest(deps.db, user.id, ['restoring']),
    buildProfileDeletionMark(deps.db, user.id, undefined),
  ]);
  if (principal.sessionHash !== undefined) await clearSessionPendingDeletion(deps.db, principal.sessionHash);
  await sendDeletionNotice(deps, user.email, { kind: 'restored' });
}

export type LegalHoldView = { reason: string; setAt: string; setBy: { id: string; label: string } };

export async function getLegalHold(deps: AppDeps, tenantId: string): Promise<LegalHoldView | undefined> {
  return repo.getLegalHold(deps.db, tenantId);
}

/**
 * Sets (or replaces the reason of) a workspace's legal hold. Refused once the workspace's purge
 * has begun: the hold and the purge's start are decided by conditions on each other's items.
 */
export async function setLegalHold(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  reason: string,
): Promise<LegalHoldView> {
  const hold: repo.LegalHold = {
    reason,
    setAt: deps.now().toISOString(),
    setBy: { id: actor.id, label: actor.label },
  };
  try {
    await commitWithAudit(
      deps.db,
      tenantId,
      [buildWorkspaceNotPurgingCheck(deps.db, tenantId), repo.buildPutLegalHold(deps.db, tenantId, hold)],
      // The reason is the admin's own words about a legal matter: it stays out of the log's details.
      { actor, action: 'legal_hold.set', target: { type: 'workspace', id: tenantId }, details: {} },
      deps.now,
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed)
      throw new AppError('conflict', 'This workspace is already being purged; a hold can no longer stop it.');
    throw error;
  }
  return hold;
}

/** Lifts a workspace's legal hold; a purge it paused goes on at the job's next run. */
export async function liftLegalHold(deps: AppDeps, tenantId: string, actor: AuditActor): Promise<void> {
  try {
    await commitWithAudit(
      deps.db,
      tenantId,
      [repo.buildDeleteLegalHold(deps.db, tenantId)],
      { actor, action: 'legal_hold.lifted', target: { type: 'workspace', id: tenantId }, details: {} },
      deps.now,
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed)
      throw new AppError('not_found', 'This workspace has no legal hold.');
    throw error;
  }
}

/**
 * Whether an address must get no optional mail because its account was deleted. The email
 * module's send path reads this (by the address's fingerprint) beside its own preferences.
 */
export async function isOptedOutOfOptionalMail(deps: AppDeps, email: string): Promise<boolean> {
  return (await repo.getMailOptOut(deps.db, email)) !== undefined;
}
