import { buildWebUrl } from '../../config.js';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import {
  commitWithAudit,
  WriteConditionFailed,
  type AuditEvent,
  type TransactItem,
} from '../../platform/audit/audit-log.js';
import type { AuditActor } from '../../platform/audit/audit-chain.js';
import { deleteClerkUser } from '../../platform/auth/clerk-users.js';
import { createSession, deleteSessionsOfUser } from '../../platform/auth/sessions.js';
import { isConditionFailed } from '../../platform/db/transactions.js';
import { createId, createSecret, hashSecret, normalizeEmail } from '../../platform/db/ids.js';
import { platformPk } from '../../platform/db/keys.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { canAssignRole, type Role } from '../../platform/tenancy/roles.js';
import { buildEnqueueEmailItem, deliverQueuedEmail, sendEmail } from '../notifications/service.js';
import { assertMemberCapacity } from '../billing/entitlements.js';
import * as apiKeys from '../api-keys/service.js';
import * as repo from './repo.js';
import type { Invite, Member, SignIn, User, Workspace, WorkspaceSummary } from './schema.js';

const SIGN_IN_TOKEN_MINUTES = 15;
const INVITE_DAYS = 14;

export function toUser(item: repo.UserItem): User {
  return { id: item.id, email: item.email, displayName: item.displayName, createdAt: item.createdAt };
}

function defaultDisplayName(email: string): string {
  return email.split('@')[0] ?? email;
}

/**
 * Stores a single-use sign-in token (only its hash) and emails the link. The answer is the same
 * whether or not an account exists, because a first sign-in is also the sign-up.
 */
export async function requestMagicLink(deps: AppDeps, input: { email: string }): Promise<void> {
  const email = normalizeEmail(input.email);
  const token = createSecret(32);
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + SIGN_IN_TOKEN_MINUTES * 60_000);
  const tokenHash = hashSecret(token);
  const link = buildWebUrl(deps.config, `/auth/verify?token=${encodeURIComponent(token)}`);
  // The token and its mail are written together, then the mail goes out at once (the person is
  // waiting for it); if SES is down the outbox retries it.
  await sendEmail(
    deps,
    {
      dedupeKey: `sign-in:${tokenHash}`,
      to: email,
      template: 'signInLink',
      data: { link, validMinutes: SIGN_IN_TOKEN_MINUTES },
    },
    [
      {
        Put: {
          TableName: deps.db.mainTable,
          Item: {
            PK: platformPk('signInToken', tokenHash),
            SK: 'TOKEN',
            entity: 'SignInToken',
            email,
            createdAt: now.toISOString(),
            expiresAtEpoch: Math.floor(expiresAt.getTime() / 1000),
          },
        },
      },
    ],
  );
}

type TokenItem = { email: string; expiresAtEpoch: number; usedAt?: string };

/**
 * Verifies a sign-in token and opens a session. A new account must confirm the person is 18 or
 * older (P-AGE-1); until they do, the token is left unused so they can confirm and retry.
 */
export async function verifyMagicLink(
  deps: AppDeps,
  input: { token: string; ageConfirmed?: boolean; userAgent?: string },
): Promise<{ user: User; sessionId: string; expiresAt: Date }> {
  const now = deps.now();
  const key = { PK: platformPk('signInToken', hashSecret(input.token)), SK: 'TOKEN' };
  const found = (
    await deps.db.doc.send(new GetCommand({ TableName: deps.db.mainTable, Key: key, ConsistentRead: true }))
  ).Item as TokenItem | undefined;
  const nowEpoch = Math.floor(now.getTime() / 1000);
  if (found === undefined || found.usedAt !== undefined || found.expiresAtEpoch <= nowEpoch) {
    throw new AppError(
      'invalid_token',
      'This sign-in link has expired or was already used. Ask for a new one.',
    );
  }
  const existingId = await repo.findUserIdByEmail(deps.db, found.email);
  if (existingId === undefined && input.ageConfirmed !== true) {
    throw new AppError(
      'age_confirmation_required',
      'Holdfast accounts are for adults. Confirm you are 18 or older to create yours.',
      {
        errors: [{ field: 'ageConfirmed', message: 'Confirm you are 18 or older' }],
      },
    );
  }
  try {
    await deps.db.doc.send(new UpdateCommand(repo.spendTokenUpdate(deps.db, key, now)));
  } catch (error) {
    if (isConditionFailed(error))
      throw new AppError(
        'invalid_token',
        'This sign-in link has expired or was already used. Ask for a new one.',
      );
    throw error;
  }
  const user =
    existingId === undefined
      ? await provisionUser(deps, { email: found.email, ageConfirmedAt: now.toISOString() })
      : await repo.getUser(deps.db, existingId);
  if (user === undefined) throw new AppError('invalid_token');
  await recordSignIn(deps, user.id, {
    at: now.toISOString(),
    method: 'magic-link',
    ...(input.userAgent === undefined ? {} : { userAgent: input.userAgent.slice(0, 300) }),
  });
  // An account scheduled for deletion signs in only to see and restore it.
  const session = await createSession(deps.db, {
    userId: user.id,
    email: user.email,
    ttlDays: deps.config.SESSION_TTL_DAYS,
    now,
    ...(user.deletionRequestedAt === undefined ? {} : { isPendingDeletion: true }),
  });
  return { user: toUser(user), ...session };
}

async function recordSignIn(deps: AppDeps, userId: string, signIn: SignIn): Promise<void> {
  const item = repo.buildSignInItem(deps.db, userId, signIn, createId());
  if (item.Put === undefined) return;
  await deps.db.doc.send(new PutCommand(item.Put));
}

/**
 * The transaction that creates a person with a personal workspace they own; the workspace's audit
 * chain starts with its creation. Callers commit it with `commitWithAudit`, adding their own items.
 */
export function buildProvisionUser(
  deps: AppDeps,
  input: { email: string; displayName?: string; ageConfirmedAt?: string; clerkUserId?: string },
): { user: repo.UserItem; tenantId: string; operations: TransactItem[]; event: AuditEvent } {
  const now = deps.now().toISOString();
  const email = normalizeEmail(input.email);
  const user: repo.UserItem = {
    id: createId(),
    email,
    displayName: input.displayName ?? defaultDisplayName(email),
    createdAt: now,
    ...(input.ageConfirmedAt === undefined ? {} : { ageConfirmedAt: input.ageConfirmedAt }),
    ...(input.clerkUserId === undefined ? {} : { clerkUserId: input.clerkUserId }),
  };
  const workspace: repo.WorkspaceItem = {
    id: createId(),
    name: `${user.displayName}'s workspace`,
    createdAt: now,
    createdBy: user.id,
    isPersonal: true,
  };
  const member: repo.MemberItem = {
    userId: user.id,
    email,
    displayName: user.displayName,
    role: 'owner',
    joinedAt: now,
  };
  return {
    user,
    tenantId: workspace.id,
    operations: [
      ...repo.buildCreateUserItems(deps.db, user, input.clerkUserId),
      repo.buildWorkspaceItem(deps.db, workspace),
      repo.buildPutMemberItem(deps.db, workspace.id, member, workspace.name),
    ],
    event: {
      actor: { type: 'user', id: user.id, label: email },
      action: 'workspace.created',
      target: { type: 'workspace', id: workspace.id },
      details: { isPersonal: true, ownerId: user.id },
    },
  };
}

/** Creates a person with a personal workspace they own (see `buildProvisionUser`). */
export async function provisionUser(
  deps: AppDeps,
  input: { email: string; displayName?: string; ageConfirmedAt?: string; clerkUserId?: string },
): Promise<repo.UserItem> {
  const { user, tenantId, operations, event } = buildProvisionUser(deps, input);
  try {
    await commitWithAudit(deps.db, tenantId, operations, event, deps.now);
  } catch (error) {
    // Someone signed up with the same email a moment earlier: use that account.
    if (error instanceof WriteConditionFailed) {
      const existing = await repo.findUserIdByEmail(deps.db, user.email);
      const found = existing === undefined ? undefined : await repo.getUser(deps.db, existing);
      if (found !== undefined) return found;
    }
    throw error;
  }
  return user;
}

/** The local user of a verified Clerk id, provisioned on first sight. */
export async function resolveClerkUser(
  deps: AppDeps,
  clerkUserId: string,
): Promise<{ userId: string; email: string; isPendingDeletion?: boolean }> {
  const lookup = await repo.findClerkLookup(deps.db, clerkUserId);
  // A token Clerk issued before deleting its user (it stays valid for a minute) opens nothing:
  // not the account being deleted, and not a new one either.
  if (lookup?.clerkDeletedAt !== undefined)
    throw new AppError('unauthenticated', 'This Clerk account was deleted.');
  const user = lookup === undefined ? undefined : await repo.getUser(deps.db, lookup.userId);
  if (user !== undefined)
    return {
      userId: user.id,
      email: user.email,
      ...(user.deletionRequestedAt === undefined ? {} : { isPendingDeletion: true }),
    };
  // The session token carries no email; the Clerk webhook fills the profile in later.
  const created = await provisionUser(deps, {
    email: `${clerkUserId.toLowerCase()}@users.clerk.invalid`,
    displayName: 'New member',
    clerkUserId,
  });
  await recordSignIn(deps, created.id, { at: deps.now().toISOString(), method: 'clerk' });
  return { userId: created.id, email: created.email };
}

export async function getMe(
  deps: AppDeps,
  userId: string,
): Promise<{ user: User; workspaces: WorkspaceSummary[] }> {
  const user = await repo.getUser(deps.db, userId);
  if (user === undefined) throw new AppError('unauthenticated');
  return { user: toUser(user), workspaces: await listMyWorkspaces(deps, userId) };
}

export async function listMyWorkspaces(deps: AppDeps, userId: string): Promise<WorkspaceSummary[]> {
  const memberships = await repo.listMembershipsOfUser(deps.db, userId);
  return memberships
    .map((m) => ({ id: m.tenantId, name: m.name, role: m.role }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The workspaces whose records a person's export holds: those they can open, and also those their
 * own pending deletion hid or suspended (still theirs until the purge, so a copy can be asked
 * for during the grace period). A workspace hidden by someone else's deletion stays out.
 */
export async function listExportableWorkspaces(deps: AppDeps, userId: string): Promise<WorkspaceSummary[]> {
  const memberships = await repo.listMembershipsOfUser(deps.db, userId, { includeHidden: true });
  return memberships
    .filter((m) => !m.isWorkspaceHidden || m.hiddenBy === userId)
    .map((m) => ({ id: m.tenantId, name: m.name, role: m.role }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

export async function listSignIns(deps: AppDeps, userId: string): Promise<SignIn[]> {
  return repo.listSignIns(deps.db, userId, 50);
}

export async function createWorkspace(
  deps: AppDeps,
  actor: { userId: string; email: string },
  name: string,
): Promise<Workspace> {
  const user = await repo.getUser(deps.db, actor.userId);
  // A session that outlived the account's deletion (a moment's index lag) creates nothing.
  if (user === undefined || user.deletionRequestedAt !== undefined) throw new AppError('unauthenticated');
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
  return { id: workspace.id, name, role: 'owner', createdAt: now };
}

export async function getWorkspace(deps: AppDeps, tenantId: string, role: Role): Promise<Workspace> {
  const workspace = await repo.getWorkspace(deps.db, tenantId);
  if (workspace === undefined) throw new AppError('not_found');
  return { id: workspace.id, name: workspace.name, role, createdAt: workspace.createdAt };
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

function inviteStatus(invite: repo.InviteItem, now: Date): Invite['status'] {
  return invite.status === 'pending' && Date.parse(invite.expiresAt) <= now.getTime()
    ? 'expired'
    : invite.status;
}

function toInvite(invite: repo.InviteItem, now: Date): Invite {
  return {
    id: invite.id,
    email: invite.email,
    role: invite.role,
    createdAt: invite.createdAt,
    expiresAt: invite.expiresAt,
    status: inviteStatus(invite, now),
  };
}

export async function createInvite(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  actorRole: Role,
  input: { email: string; role: Role },
): Promise<{ invite: Invite; code: string }> {
  if (!canAssignRole(actorRole, input.role))
    throw new AppError('forbidden', 'Only owners can invite owners.');
  const workspace = await repo.getWorkspace(deps.db, tenantId);
  if (workspace === undefined) throw new AppError('not_found');
  const now = deps.now();
  const members = await repo.listMembers(deps.db, tenantId);
  const pending = (await repo.listInvites(deps.db, tenantId)).filter(
    (i) => inviteStatus(i, now) === 'pending',
  );
  await assertMemberCapacity(deps, tenantId, members.length + pending.length);
  // Short enough to read over the phone, long enough not to be guessed (about 60 bits).
  const code = createSecret(9).replace(/[-_]/g, 'x').toUpperCase().slice(0, 12);
  const invite: repo.InviteItem = {
    id: createId(),
    email: normalizeEmail(input.email),
    role: input.role,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
    status: 'pending',
    createdBy: actor.id,
    code,
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
      ...repo.buildCreateInviteItems(deps.db, tenantId, invite, hashSecret(code), expiresAtEpoch),
      buildEnqueueEmailItem(deps, mail),
    ],
    {
      actor,
      action: 'invite.created',
      target: { type: 'invite', id: invite.id },
      details: { role: invite.role },
    },
    deps.now,
  );
  await deliverQueuedEmail(deps, mail.dedupeKey);
  return { invite: toInvite(invite, now), code };
}

export async function listInvites(deps: AppDeps, tenantId: string): Promise<Invite[]> {
  const now = deps.now();
  return (await repo.listInvites(deps.db, tenantId)).map((invite) => toInvite(invite, now));
}

export async function revokeInvite(
  deps: AppDeps,
  tenantId: string,
  actor: AuditActor,
  inviteId: string,
): Promise<void> {
  const invite = await repo.getInvite(deps.db, tenantId, inviteId);
  if (invite === undefined) throw new AppError('not_found');
  if (invite.status !== 'pending') throw new AppError('conflict', `This invite is already ${invite.status}.`);
  await commitWithAudit(
    deps.db,
    tenantId,
    [
      repo.buildSetInviteStatusItem(deps.db, tenantId, inviteId, 'revoked'),
      repo.buildDeleteInviteCodeItem(deps.db, invite.codeHash),
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
): Promise<WorkspaceSummary> {
  const codeHash = hashSecret(code.trim().toUpperCase());
  const pointer = await repo.findInviteByCodeHash(deps.db, codeHash);
  const invalid = new AppError(
    'invalid_invite',
    'This invite code is not valid, has expired, or was sent to another email address.',
    {
      errors: [{ field: 'code', message: 'is not valid for your account' }],
    },
  );
  if (pointer === undefined) throw invalid;
  const invite = await repo.getInvite(deps.db, pointer.tenantId, pointer.inviteId);
  const now = deps.now();
  if (
    invite === undefined ||
    inviteStatus(invite, now) !== 'pending' ||
    invite.email !== normalizeEmail(principal.email)
  )
    throw invalid;
  const workspace = await repo.getWorkspace(deps.db, pointer.tenantId);
  const user = await repo.getUser(deps.db, principal.userId);
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
  };
  const operations: TransactItem[] = [
    repo.buildPutMemberItem(deps.db, pointer.tenantId, member, workspace.name),
    repo.buildSetInviteStatusItem(deps.db, pointer.tenantId, invite.id, 'accepted', user.id),
    repo.buildDeleteInviteCodeItem(deps.db, codeHash),
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
  return { id: workspace.id, name: workspace.name, role: invite.role };
}

/**
 * Deletes the platform items that point into a workspace being purged: the hash lookups of its
 * invite codes. Reads them from the workspace's partition, so it runs before that
 * partition is swept; deleting a lookup that is gone is a no-op, so it is safe to run again.
 */
export async function purgeWorkspaceLookups(deps: AppDeps, tenantId: string): Promise<void> {
  for (const hash of await repo.listInviteCodeHashes(deps.db, tenantId)) {
    await repo.deleteInviteCodeLookup(deps.db, hash);
  }
}

/**
 * Deletes what points at a person being purged outside their own partition: every session, the
 * email lookup, the Clerk lookup and the Clerk user itself (when Clerk is configured and has not
 * deleted it already; a 404 from Clerk counts as deleted too). Reads the
 * profile, so it runs before the person's partition is swept; each step is safe to repeat.
 */
export async function purgeUserLookups(deps: AppDeps, userId: string): Promise<void> {
  await deleteSessionsOfUser(deps.db, userId);
  const user = await repo.getUser(deps.db, userId);
  if (user === undefined) return;
  if (user.clerkUserId !== undefined) {
    // Not when Clerk's own user.deleted started this deletion: that user is already gone there.
    const lookup = await repo.findClerkLookup(deps.db, user.clerkUserId);
    const isGoneAtClerk = lookup?.userId === userId && lookup.clerkDeletedAt !== undefined;
    if (!isGoneAtClerk) await deleteClerkUser(deps.config, user.clerkUserId);
    await repo.deleteClerkLookup(deps.db, user.clerkUserId, userId);
  }
  await repo.deleteEmailLookup(deps.db, user.email, userId);
}

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

/** Marks (or clears) the deletion request on the profile, inside the caller's transaction. */
export function buildSetDeletionRequestedItem(
  deps: AppDeps,
  userId: string,
  at: string | undefined,
): TransactItem {
  return repo.buildSetUserDeletionItem(deps.db, userId, at);
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

/** The purge's lock on a workspace (see `buildMarkWorkspacePurgingItem`). */
export function buildMarkWorkspacePurgingItem(deps: AppDeps, tenantId: string): TransactItem {
  return repo.buildMarkWorkspacePurgingItem(deps.db, tenantId, deps.now().toISOString());
}

/** The check a legal hold is set under: the workspace exists and its purge has not begun. */
export function buildWorkspaceNotPurgingCheck(deps: AppDeps, tenantId: string): TransactItem {
  return repo.buildWorkspaceNotPurgingCheck(deps.db, tenantId);
}

/** The profile as the deletion needs it (email for notices, the deletion mark). */
export async function getUserForDeletion(deps: AppDeps, userId: string): Promise<repo.UserItem | undefined> {
  return repo.getUser(deps.db, userId);
}
