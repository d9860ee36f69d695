import { buildWebUrl } from '../../config.js';
import { commitWithAudit, WriteConditionFailed, type TransactItem } from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { createId, createSecret, hashSecret, normalizeEmail } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { canAssignRole, listPermissions, type Role } from '../../platform/tenancy/roles.js';
import { assertMemberCapacity } from '../billing/entitlements.js';
import { buildEnqueueEmailItem, deliverQueuedEmail } from '../notifications/service.js';
import * as inviteRepo from './invite-repo.js';
import * as repo from './repo.js';
import { isGrantLive, planGrant } from './professionals.js';
import type { Invite, ProfessionalInput, ReadMemberProfile, WorkspaceSummary } from './schema.js';

/** Invites: a code mailed to an address, good for one join of one workspace within 14 days. */

const INVITE_DAYS = 14;

function inviteStatus(invite: inviteRepo.InviteItem, now: Date): Invite['status'] {
  return invite.status === 'pending' && Date.parse(invite.expiresAt) <= now.getTime()
    ? 'expired'
    : invite.status;
}

function toInvite(invite: inviteRepo.InviteItem, now: Date): Invite {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    ...(invite.grant === undefined ? {} : { grant: invite.grant }),
    status: inviteStatus(invite, now),
  };
}

export async function createInvite(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  actorRole: Role,
  input: { email: string; role: Role; professional?: ProfessionalInput },
): Promise<{ invite: Invite; code: string }> {
  if (!canAssignRole(actorRole, input.role))
    throw new AppError('forbidden', 'Only owners can invite owners.');
  const grant = planGrant(input, actor.id, deps.now());
  const workspace = await repo.getWorkspace(deps.db, tenantId);
  if (workspace === undefined) throw new AppError('not_found');
  const now = deps.now();
  const members = await repo.listMembers(deps.db, tenantId);
  const pending = (await inviteRepo.listInvites(deps.db, tenantId)).filter(
    (i) => inviteStatus(i, now) === 'pending',
  );
  await assertMemberCapacity(deps, tenantId, members.length + pending.length);
  // Short enough to read over the phone, long enough not to be guessed (about 60 bits).
  const code = createSecret(9).replace(/[-_]/g, 'x').toUpperCase().slice(0, 12);
  const invite: inviteRepo.InviteItem = {
    id: createId(),
    email: normalizeEmail(input.email),
    role: input.role,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
    status: 'pending',
    createdBy: actor.id,
    code,
    ...(grant === undefined ? {} : { grant }),
  };
  const expiresAtEpoch = Math.floor(Date.parse(invite.expiresAt) / 1000);
  const acceptUrl = buildWebUrl(deps.config, `/invites/accept?code=${encodeURIComponent(code)}`);
  const mail = {
    dedupeKey: `invite:${invite.id}`,
    to: invite.email,
    template: 'invite',
    data: {
      inviterLabel: actor.label,
      workspaceName: workspace.name,
      role: invite.role,
      code,
      acceptUrl,
      validDays: INVITE_DAYS,
    },
  } as const;
  // The invite and its email commit together: no invite without its mail, no mail without its invite.
  await commitWithAudit(
    deps.db,
    tenantId,
    [
      ...inviteRepo.buildCreateInviteItems(deps.db, tenantId, invite, hashSecret(code), expiresAtEpoch),
      buildEnqueueEmailItem(deps, mail),
    ],
    {
      actor,
      action: 'invite.created',
      target: { type: 'invite', id: invite.id },
      details: {
        role: invite.role,
        ...(grant === undefined ? {} : { kinds: grant.kinds, endsAt: grant.endsAt }),
      },
    },
    deps.now,
  );
  await deliverQueuedEmail(deps, mail.dedupeKey);
  return { invite: toInvite(invite, now), code };
}

export async function listInvites(deps: AppDeps, tenantId: string): Promise<Invite[]> {
  const now = deps.now();
  return (await inviteRepo.listInvites(deps.db, tenantId)).map((invite) => toInvite(invite, now));
}

export async function revokeInvite(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  inviteId: string,
): Promise<void> {
  const invite = await inviteRepo.getInvite(deps.db, tenantId, inviteId);
  if (invite === undefined) throw new AppError('not_found');
  if (invite.status !== 'pending') throw new AppError('conflict', `This invite is already ${invite.status}.`);
  await commitWithAudit(
    deps.db,
    tenantId,
    [
      inviteRepo.buildSetInviteStatusItem(deps.db, tenantId, inviteId, 'revoked'),
      inviteRepo.buildDeleteInviteCodeItem(deps.db, invite.codeHash),
    ],
    { actor, action: 'invite.revoked', target: { type: 'invite', id: inviteId } },
    deps.now,
  );
}

/** Joins the workspace of an invite code. The invite must be pending, unexpired, and for this email. */
export async function acceptInvite(
  deps: AppDeps,
  principal: { userId: string; email: string },
  code: string,
  readProfile: ReadMemberProfile,
): Promise<WorkspaceSummary> {
  const codeHash = hashSecret(code.trim().toUpperCase());
  const pointer = await inviteRepo.findInviteByCodeHash(deps.db, codeHash);
  const invalid = new AppError(
    'invalid_invite',
    'This invite code is not valid, has expired, or was sent to another email address.',
    {
      errors: [{ field: 'code', message: 'is not valid for your account' }],
    },
  );
  if (pointer === undefined) throw invalid;
  const invite = await inviteRepo.getInvite(deps.db, pointer.tenantId, pointer.inviteId);
  const now = deps.now();
  if (
    invite === undefined ||
    inviteStatus(invite, now) !== 'pending' ||
    invite.email !== normalizeEmail(principal.email) ||
    // A professional's access that ended before they joined gives nothing to join.
    (invite.grant !== undefined && !isGrantLive(invite.grant, now))
  )
    throw invalid;
  const workspace = await repo.getWorkspace(deps.db, pointer.tenantId);
  const user = await readProfile(principal.userId);
  if (workspace === undefined || workspace.hiddenAt !== undefined || user === undefined) throw invalid;
  if ((await repo.getMember(deps.db, pointer.tenantId, user.id)) !== undefined) {
    throw new AppError('conflict', 'You are already a member of this workspace.');
  }
  const member: repo.MemberItem = {
    userId: user.id,
    email: user.email,
    displayName: user.displayName,
    role: invite.role,
    joinedAt: now.toISOString(),
    inviteId: invite.id,
    inviteCode: invite.code,
    ...(invite.grant === undefined ? {} : { grant: invite.grant }),
  };
  const operations: TransactItem[] = [
    repo.buildPutMemberItem(deps.db, pointer.tenantId, member, workspace.name),
    inviteRepo.buildSetInviteStatusItem(deps.db, pointer.tenantId, invite.id, 'accepted', user.id),
    inviteRepo.buildDeleteInviteCodeItem(deps.db, codeHash),
  ];
  try {
    await commitWithAudit(
      deps.db,
      pointer.tenantId,
      operations,
      {
        actor: { type: 'user', id: user.id, label: user.email },
        action: 'invite.accepted',
        target: { type: 'invite', id: invite.id },
        details: { role: invite.role, invitedBy: invite.createdBy },
      },
      deps.now,
    );
  } catch (error) {
    if (error instanceof WriteConditionFailed) throw invalid;
    throw error;
  }
  return {
    id: workspace.id,
    name: workspace.name,
    role: invite.role,
    permissions: listPermissions(invite.role, invite.grant),
    ...(invite.grant === undefined ? {} : { grant: invite.grant }),
  };
}

/**
 * Deletes the platform items that point into a workspace being purged: the hash lookups of its
 * invite codes. Reads them from the workspace's partition, so it runs before that
 * partition is swept; deleting a lookup that is gone is a no-op, so it is safe to run again.
 */
export async function purgeInviteLookups(deps: AppDeps, tenantId: string): Promise<void> {
  for (const hash of await inviteRepo.listInviteCodeHashes(deps.db, tenantId)) {
    await inviteRepo.deleteInviteCodeLookup(deps.db, hash);
  }
}
