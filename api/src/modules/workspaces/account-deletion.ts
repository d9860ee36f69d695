import { commitWithAudit, WriteConditionFailed } from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import type { AppDeps } from '../../platform/deps.js';
import type { Role } from '../../platform/tenancy/roles.js';
import * as apiKeys from '../api-keys/service.js';
import * as repo from './repo.js';

/**
 * What an account deletion does to workspaces (called by the privacy module): which workspaces it
 * reaches, hiding a workspace whose sole owner leaves (with all its API keys), suspending a
 * membership of one that stays (with the keys that member created), and the purge's steps.
 */

/** A workspace the deleting person belongs to, and what their deletion does to it. */
export type DeletionScope = {
  tenantId: string;
  name: string;
  role: Role;
  /** `workspace`: they are its only active owner, so it is hidden and later purged whole. */
  outcome: 'workspace' | 'membership';
};

/**
 * What an account deletion reaches: every workspace the person belongs to, split into those they
 * alone own (no other owner who is not themself being deleted) and those where only their
 * membership goes.
 */
export async function listDeletionScope(deps: AppDeps, userId: string): Promise<DeletionScope[]> {
  const memberships = await repo.listMembershipsOfUser(deps.db, userId, { includeHidden: true });
  const scope: DeletionScope[] = [];
  for (const membership of memberships) {
    let isSoleOwner = false;
    if (membership.role === 'owner') {
      const members = await repo.listMemberStates(deps.db, membership.tenantId);
      isSoleOwner = !members.some((m) => m.userId !== userId && m.role === 'owner' && !m.isSuspended);
    }
    scope.push({
      tenantId: membership.tenantId,
      name: membership.name,
      role: membership.role,
      outcome: isSoleOwner ? 'workspace' : 'membership',
    });
  }
  return scope.sort((a, b) => a.name.localeCompare(b.name));
}

/** The actor of what the purge job does in a workspace that stays. */
const PURGE_ACTOR: AuditActor = { type: 'system', id: 'account-purge', label: 'Account purge' };

/**
 * Hides a workspace its sole owner deleted their account from (`at` set), or brings it back
 * (`at` undefined): every member loses (or regains) access and every API key of the workspace is
 * suspended (or resumed). Audit-logged; each step is safe to repeat.
 */
export async function setWorkspaceHiddenForDeletion(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  at: string | undefined,
): Promise<void> {
  await repo.setWorkspaceHidden(deps.db, tenantId, actor.id, at);
  await apiKeys.setApiKeysSuspendedForDeletion(deps, tenantId, actor.id, at);
  await commitWithAudit(
    deps.db,
    tenantId,
    [],
    {
      actor,
      action: at === undefined ? 'workspace.restored' : 'workspace.hidden',
      target: { type: 'workspace', id: tenantId },
      details: { reason: at === undefined ? 'owner_restored_account' : 'owner_deleted_account' },
    },
    deps.now,
  );
}

/**
 * Suspends (or resumes) a deleting person's membership of a workspace that stays, with the API
 * keys they created there. Audit-logged; safe to repeat.
 */
export async function setMembershipSuspendedForDeletion(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  at: string | undefined,
): Promise<void> {
  await repo.setMemberSuspended(deps.db, tenantId, actor.id, at);
  await apiKeys.setApiKeysSuspendedForDeletion(deps, tenantId, actor.id, at, { createdBy: actor.id });
  await commitWithAudit(
    deps.db,
    tenantId,
    [],
    {
      actor,
      action: at === undefined ? 'member.resumed' : 'member.suspended',
      target: { type: 'member', id: actor.id },
      details: { reason: at === undefined ? 'account_restored' : 'account_deletion_requested' },
    },
    deps.now,
  );
}

/**
 * The purge's step for a workspace that stays: revokes the API keys the person created there and
 * removes their membership, audit-logged by the system. Once the membership is gone a rerun does
 * nothing.
 */
export async function removeMembershipForPurge(
  deps: AppDeps,
  tenantId: string,
  userId: string,
): Promise<void> {
  await apiKeys.revokeApiKeysOfPurgedUser(deps, tenantId, userId, PURGE_ACTOR);
  try {
    await commitWithAudit(
      deps.db,
      tenantId,
      [repo.buildDeleteMemberIfPresentItem(deps.db, tenantId, userId)],
      {
        actor: PURGE_ACTOR,
        action: 'member.removed',
        target: { type: 'member', id: userId },
        details: { reason: 'account_purged' },
      },
      deps.now,
    );
  } catch (error) {
    if (!(error instanceof WriteConditionFailed)) throw error;
  }
}
