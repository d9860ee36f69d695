import {
  commitWithAudit,
  WriteConditionFailed,
  type AuditEvent,
  type TransactItem,
} from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { createId } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import {
  canAssignRole,
  listPermissions,
  type ProfessionalGrant,
  type Role,
} from '../../platform/tenancy/roles.js';
import { isGrantLive } from './professionals.js';
import * as repo from './repo.js';
import type { Member, ReadMemberProfile, Workspace, WorkspaceSummary } from './schema.js';

/**
 * Workspaces and their members: creating, naming and listing workspaces, roles and removal. A
 * member entry keeps a copy of the person's name and email (kept in step by `syncMemberProfile`)
 * and of the workspace's name (so a person's workspaces list through one index).
 */

function toSummary(m: repo.Membership): WorkspaceSummary {
  return {
    id: m.tenantId,
    name: m.name,
    role: m.role,
    permissions: listPermissions(m.role, m.grant),
    ...(m.grant === undefined ? {} : { grant: m.grant }),
  };
}

/** The workspaces a person can open; a professional's ended access is no longer one of them. */
export async function listMyWorkspaces(deps: AppDeps, userId: string): Promise<WorkspaceSummary[]> {
  const now = deps.now();
  const memberships = await repo.listMembershipsOfUser(deps.db, userId);
  return memberships
    .filter((m) => m.role !== 'professional' || (m.grant !== undefined && isGrantLive(m.grant, now)))
    .map(toSummary)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The workspaces whose records a person's export holds: those they can open, and also those their
 * own pending deletion hid or suspended (still theirs until the purge, so a copy can be asked
 * for during the grace period). A workspace hidden by someone else's deletion stays out.
 */
export async function listExportableWorkspaces(deps: AppDeps, userId: string): Promise<WorkspaceSummary[]> {
  const memberships = await repo.listMembershipsOfUser(deps.db, userId, { includeHidden: true });
  // What was shared with a professional stays the sharer's: it is not part of the professional's export.
  return memberships
    .filter((m) => (!m.isWorkspaceHidden || m.hiddenBy === userId) && m.role !== 'professional')
    .map(toSummary)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function createWorkspace(
  deps: AppDeps,
  actor: { userId: string; email: string },
  name: string,
  readProfile: ReadMemberProfile,
): Promise<Workspace> {
  const user = await readProfile(actor.userId);
  // A session that outlived the account's deletion (a moment's index lag) creates nothing.
  if (user === undefined || user.isPendingDeletion) throw new AppError('unauthenticated');
  const now = deps.now().toISOString();
  const workspace: repo.WorkspaceItem = {
    id: createId(),
    name,
    createdAt: now,
    createdBy: user.id,
    isPersonal: false,
  };
  await commitWithAudit(
    deps.db,
    workspace.id,
    [
      repo.buildWorkspaceItem(deps.db, workspace),
      repo.buildPutMemberItem(
        deps.db,
        workspace.id,
        { userId: user.id, email: user.email, displayName: user.displayName, role: 'owner', joinedAt: now },
        name,
      ),
    ],
    {
      actor: { type: 'user', id: user.id, label: user.email },
      action: 'workspace.created',
      target: { type: 'workspace', id: workspace.id },
      details: { isPersonal: false, ownerId: user.id },
    },
    deps.now,
  );
  return {
    id: workspace.id,
    name,
    role: 'owner',
    permissions: listPermissions('owner'),
    safetyMode: false,
    secondFactorRequired: false,
    createdAt: now,
  };
}

export async function getWorkspace(
  deps: AppDeps,
  tenantId: string,
  role: Role,
  grant?: ProfessionalGrant,
): Promise<Workspace> {
  const workspace = await repo.getWorkspace(deps.db, tenantId);
  if (workspace === undefined) throw new AppError('not_found');
  return {
    id: workspace.id,
    name: workspace.name,
    role,
    permissions: listPermissions(role, grant),
    ...(grant === undefined ? {} : { grant }),
    safetyMode: workspace.safetyMode === true,
    secondFactorRequired: workspace.secondFactorRequired === true,
    createdAt: workspace.createdAt,
  };
}

/** Turns safety mode on or off (P-SAFE-1); the change is in the audit log. */
export async function setSafetyMode(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  role: Role,
  isOn: boolean,
): Promise<Workspace> {
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildSetSafetyModeItem(deps.db, tenantId, isOn)],
    {
      actor,
      action: 'workspace.safety_mode_changed',
      target: { type: 'workspace', id: tenantId },
      details: { isOn },
    },
    deps.now,
  );
  return getWorkspace(deps, tenantId, role);
}

/**
 * Turns the workspace's second-factor requirement on or off; the change is in the audit log. The
 * second-factor module checks first that whoever turns it on holds a factor themselves.
 */
export async function setSecondFactorRequirement(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  role: Role,
  isRequired: boolean,
): Promise<Workspace> {
  await commitWithAudit(
    deps.db,
    tenantId,
    [repo.buildSetSecondFactorRequirementItem(deps.db, tenantId, isRequired)],
    {
      actor,
      action: 'workspace.second_factor_requirement_changed',
      target: { type: 'workspace', id: tenantId },
      details: { isRequired },
    },
    deps.now,
  );
  return getWorkspace(deps, tenantId, role);
}

/** Whether the workspace asks every person who opens it for a second factor. */
export async function isSecondFactorRequiredByWorkspace(deps: AppDeps, tenantId: string): Promise<boolean> {
  return (await repo.getWorkspace(deps.db, tenantId))?.secondFactorRequired === true;
}

export async function renameWorkspace(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  role: Role,
  name: string,
): Promise<Workspace> {
  const members = await repo.listMembers(deps.db, tenantId);
  const operations = [
    repo.buildRenameWorkspaceItem(deps.db, tenantId, name),
    ...members.map((member) => repo.buildSetMemberWorkspaceNameItem(deps.db, tenantId, member.userId, name)),
  ];
  await commitWithAudit(
    deps.db,
    tenantId,
    operations,
    {
      actor,
      action: 'workspace.renamed',
      target: { type: 'workspace', id: tenantId },
      details: { fields: ['name'] },
    },
    deps.now,
  );
  return getWorkspace(deps, tenantId, role);
}

export async function listMembers(deps: AppDeps, tenantId: string): Promise<Member[]> {
  return (await repo.listMembers(deps.db, tenantId)).sort((a, b) => a.joinedAt.localeCompare(b.joinedAt));
}

async function assertNotLastOwner(deps: AppDeps, tenantId: string, member: repo.MemberItem): Promise<void> {
  if (member.role !== 'owner') return;
  const owners = (await repo.listMembers(deps.db, tenantId)).filter((m) => m.role === 'owner');
  if (owners.length <= 1)
    throw new AppError('conflict', 'A workspace needs at least one owner. Make someone else an owner first.');
}

export async function changeMemberRole(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  actorRole: Role,
  userId: string,
  role: Role,
): Promise<Member> {
  const member = await repo.getMember(deps.db, tenantId, userId);
  if (member === undefined) throw new AppError('not_found');
  if (!canAssignRole(actorRole, member.role) || !canAssignRole(actorRole, role)) {
    throw new AppError('forbidden', 'Only owners can change who is an owner.');
  }
  // A professional's access comes only with its grant (kinds, end date) through an invite, and
  // ends by revocation; turning it into a member's role, or back, would skip both.
  if ((member.role === 'professional' || role === 'professional') && member.role !== role)
    throw new AppError('validation_failed', 'Check the body: /role cannot make or unmake a professional', {
      errors: [{ field: '/role', message: 'cannot make or unmake a professional; invite or revoke instead' }],
    });
  if (member.role === role) return member;
  if (role !== 'owner') await assertNotLastOwner(deps, tenantId, member);
  try {
    await commitWithAudit(
      deps.db,
      tenantId,
      [repo.buildSetMemberRoleItem(deps.db, tenantId, userId, role, member.role)],
      {
        actor,
        action: 'member.role_changed',
        target: { type: 'member', id: userId },
        details: { from: member.role, to: role },
      },
      deps.now,
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed)
      throw new AppError('conflict', 'The member changed meanwhile; reload and try again.');
    throw error;
  }
  return { ...member, role };
}

export async function removeMember(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  actorRole: Role,
  userId: string,
): Promise<void> {
  const member = await repo.getMember(deps.db, tenantId, userId);
  if (member === undefined) throw new AppError('not_found');
  const isSelf = actor.type === 'user' && actor.id === userId;
  if (!isSelf && !canAssignRole(actorRole, member.role))
    throw new AppError('forbidden', 'Only owners can remove an owner.');
  await assertNotLastOwner(deps, tenantId, member);
  try {
    await commitWithAudit(
      deps.db,
      tenantId,
      [repo.buildDeleteMemberItem(deps.db, tenantId, userId, member.role)],
      {
        actor,
        action: 'member.removed',
        target: { type: 'member', id: userId },
        details: { role: member.role },
      },
      deps.now,
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed)
      throw new AppError('conflict', 'The member changed meanwhile; reload and try again.');
    throw error;
  }
}

/**
 * The items that give a new person their personal workspace, which they own; the workspace's
 * audit chain starts with its creation (the returned event). The caller commits them together
 * with the person's profile, so neither exists without the other.
 */
export function planPersonalWorkspace(
  deps: AppDeps,
  owner: { id: string; email: string; displayName: string },
  now: string,
): { tenantId: string; operations: TransactItem[]; event: AuditEvent } {
  const workspace: repo.WorkspaceItem = {
    id: createId(),
    name: `${owner.displayName}'s workspace`,
    createdAt: now,
    createdBy: owner.id,
    isPersonal: true,
  };
  const member: repo.MemberItem = {
    userId: owner.id,
    email: owner.email,
    displayName: owner.displayName,
    role: 'owner',
    joinedAt: now,
  };
  return {
    tenantId: workspace.id,
    operations: [
      repo.buildWorkspaceItem(deps.db, workspace),
      repo.buildPutMemberItem(deps.db, workspace.id, member, workspace.name),
    ],
    event: {
      actor: { type: 'user', id: owner.id, label: owner.email },
      action: 'workspace.created',
      target: { type: 'workspace', id: workspace.id },
      details: { isPersonal: true, ownerId: owner.id },
    },
  };
}

/**
 * Brings every workspace's copy of a person's name and email in line with their profile. A copy
 * already in line is left alone (no audit entry), so this is safe to run again after a crash;
 * each change is an entry in that workspace's audit log, because a co-parent renaming themselves
 * is part of the workspace's history.
 */
export async function syncMemberProfile(
  deps: AppDeps,
  user: { id: string; email: string; displayName: string },
): Promise<void> {
  const userId = user.id;
  const memberships = await repo.listMembershipsOfUser(deps.db, userId, { includeHidden: true });
  for (const { tenantId } of memberships) {
    const copy = await repo.getMember(deps.db, tenantId, userId);
    if (copy === undefined) continue;
    const changes = {
      ...(copy.displayName === user.displayName ? {} : { displayName: user.displayName }),
      ...(copy.email === user.email ? {} : { email: user.email }),
    };
    if (Object.keys(changes).length === 0) continue;
    try {
      await commitWithAudit(
        deps.db,
        tenantId,
        [repo.buildSetMemberProfileItem(deps.db, tenantId, userId, changes)],
        {
          actor: { type: 'user', id: userId, label: user.email },
          action: 'member.profile_updated',
          target: { type: 'member', id: userId },
          details: { fields: Object.keys(changes) },
        },
        deps.now,
      );
    } catch (error) {
      // The membership ended between the read and the write: there is no copy left to change.
      if (!(error instanceof WriteConditionFailed)) throw error;
    }
  }
}
