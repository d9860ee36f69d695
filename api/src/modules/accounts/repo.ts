import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailed } from '../../platform/db/transactions.js';
import { setDeletionFlag, SUSPENDED_FLAG } from '../../platform/db/deletion-flags.js';
import type { Db } from '../../platform/db/client.js';
import { GSI1, platformPk, SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryGsi1PrefixAll, queryPrefixAll, queryPrefixPage } from '../../platform/db/query.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Role } from '../../platform/tenancy/roles.js';
import type { Invite, Member, SignIn, User } from './schema.js';

/** Items of the accounts module: users (platform), workspaces, members, invites. */

export type UserItem = User & {
  ageConfirmedAt?: string;
  /** The Clerk user id of an account made through Clerk, so its purge can delete the Clerk user. */
  clerkUserId?: string;
  /** Set while the account is scheduled for deletion (hidden, restorable). */
  deletionRequestedAt?: string;
};
export type WorkspaceItem = {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  isPersonal: boolean;
  /** Set while the workspace is hidden because its sole owner deleted their account. */
  hiddenAt?: string;
};
export type MemberItem = Member & { inviteId?: string; inviteCode?: string };
export type InviteItem = Invite & { createdBy: string; acceptedBy?: string; code: string };

export async function getUser(db: Db, userId: string): Promise<UserItem | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: { PK: platformPk('user', userId), SK: 'PROFILE' } }),
  );
  return result.Item === undefined ? undefined : pickUser(result.Item);
}

function pickUser(item: Record<string, unknown>): UserItem {
  return {
    id: item.id as string,
    email: item.email as string,
    displayName: item.displayName as string,
    createdAt: item.createdAt as string,
    ...(typeof item.ageConfirmedAt === 'string' ? { ageConfirmedAt: item.ageConfirmedAt } : {}),
    ...(typeof item.clerkUserId === 'string' ? { clerkUserId: item.clerkUserId } : {}),
    ...(typeof item.deletionRequestedAt === 'string'
      ? { deletionRequestedAt: item.deletionRequestedAt }
      : {}),
  };
}

export async function findUserIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: { PK: platformPk('email', email), SK: 'EMAIL' } }),
  );
  return result.Item?.userId as string | undefined;
}

/**
 * Where a Clerk user id points: the local user, and when Clerk said it deleted that user (the
 * lookup is kept until the purge, so the id can no longer sign in or create a new account).
 */
export type ClerkLookup = { userId: string; clerkDeletedAt?: string };

const clerkLookupKey = (clerkUserId: string) => ({
  PK: platformPk('clerkUser', clerkUserId),
  SK: 'CLERKUSER',
});

export async function findClerkLookup(db: Db, clerkUserId: string): Promise<ClerkLookup | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: clerkLookupKey(clerkUserId) }),
  );
  const item = result.Item;
  if (item === undefined) return undefined;
  return {
    userId: item.userId as string,
    ...(typeof item.clerkDeletedAt === 'string' ? { clerkDeletedAt: item.clerkDeletedAt } : {}),
  };
}

/** Records on the lookup that Clerk deleted its user (only while it still points at `userId`). */
export function buildMarkClerkUserDeletedItem(
  db: Db,
  clerkUserId: string,
  userId: string,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: clerkLookupKey(clerkUserId),
      UpdateExpression: 'SET clerkDeletedAt = if_not_exists(clerkDeletedAt, :at)',
      ConditionExpression: 'userId = :userId',
      ExpressionAttributeValues: { ':at': at, ':userId': userId },
    },
  };
}

/** Transaction items creating a user, its email lookup, and (optionally) its Clerk lookup. */
export function buildCreateUserItems(db: Db, user: UserItem, clerkUserId?: string): TransactItem[] {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: db.mainTable,
        Item: { PK: platformPk('user', user.id), SK: 'PROFILE', entity: 'User', ...user },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: { PK: platformPk('email', user.email), SK: 'EMAIL', entity: 'EmailLookup', userId: user.id },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
  if (clerkUserId !== undefined) {
    items.push({
      Put: {
        TableName: db.mainTable,
        Item: {
          ...clerkLookupKey(clerkUserId),
          entity: 'ClerkLookup',
          userId: user.id,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
  }
  return items;
}

export function buildSignInItem(db: Db, userId: string, signIn: SignIn, id: string): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: platformPk('user', userId), SK: SK.signIn(signIn.at, id), entity: 'SignIn', ...signIn },
    },
  };
}

export async function listSignIns(db: Db, userId: string, limit: number): Promise<SignIn[]> {
  const page = await queryPrefixPage(db, {
    pk: platformPk('user', userId),
    prefix: SK_PREFIX.signIn,
    isNewestFirst: true,
    limit,
  });
  return page.items.map((item) => ({
    at: item.at as string,
    method: item.method as SignIn['method'],
    ...(typeof item.userAgent === 'string' ? { userAgent: item.userAgent } : {}),
  }));
}

export function buildWorkspaceItem(db: Db, workspace: WorkspaceItem): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: tenantPk(workspace.id), SK: SK.workspace(), entity: 'Workspace', ...workspace },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getWorkspace(db: Db, tenantId: string): Promise<WorkspaceItem | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: { PK: tenantPk(tenantId), SK: SK.workspace() } }),
  );
  const item = result.Item;
  if (item === undefined) return undefined;
  return {
    id: item.id as string,
    name: item.name as string,
    createdAt: item.createdAt as string,
    createdBy: item.createdBy as string,
    isPersonal: item.isPersonal === true,
    ...(typeof item.hiddenAt === 'string' ? { hiddenAt: item.hiddenAt } : {}),
  };
}

export function buildRenameWorkspaceItem(db: Db, tenantId: string, name: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.workspace() },
      UpdateExpression: 'SET #name = :name',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#name': 'name' },
      ExpressionAttributeValues: { ':name': name },
    },
  };
}

/** Members keep a copy of the workspace name (it lists their workspaces through GSI1); a rename updates it. */
export function buildSetMemberWorkspaceNameItem(
  db: Db,
  tenantId: string,
  userId: string,
  name: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.member(userId) },
      UpdateExpression: 'SET workspaceName = :name',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':name': name },
    },
  };
}

export function buildPutMemberItem(
  db: Db,
  tenantId: string,
  member: MemberItem,
  workspaceName: string,
): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: tenantPk(tenantId),
        SK: SK.member(member.userId),
        entity: 'Member',
        ...GSI1.membership(member.userId, tenantId),
        tenantId,
        workspaceName,
        ...member,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getMember(db: Db, tenantId: string, userId: string): Promise<MemberItem | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.member(userId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : pickMember(result.Item);
}

function pickMember(item: Record<string, unknown>): MemberItem {
  return {
    userId: item.userId as string,
    email: item.email as string,
    displayName: item.displayName as string,
    role: item.role as Role,
    joinedAt: item.joinedAt as string,
  };
}

/** Every member of a workspace with its deletion flags (raw), for the account deletion. */
export async function listMemberStates(
  db: Db,
  tenantId: string,
): Promise<{ userId: string; role: Role; isSuspended: boolean; hiddenBy?: string }[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.member,
    isConsistent: true,
  });
  return items.map((item) => ({
    userId: item.userId as string,
    role: item.role as Role,
    isSuspended: typeof item.suspendedAt === 'string',
    ...(typeof item.workspaceHiddenBy === 'string' ? { hiddenBy: item.workspaceHiddenBy } : {}),
  }));
}

export async function listMembers(db: Db, tenantId: string): Promise<MemberItem[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.member,
    isConsistent: true,
  });
  return items.map(pickMember);
}

export type Membership = {
  tenantId: string;
  name: string;
  role: Role;
  /** This member's account is scheduled for deletion. */
  isSuspended: boolean;
  /** The workspace is hidden because its sole owner deleted their account. */
  isWorkspaceHidden: boolean;
  /** Whose deletion hid it. */
  hiddenBy?: string;
};

/**
 * The workspaces a user belongs to, through GSI1. Suspended memberships and hidden workspaces are
 * left out unless `includeHidden` (the account deletion and purge need them).
 */
export async function listMembershipsOfUser(
  db: Db,
  userId: string,
  options: { includeHidden?: boolean } = {},
): Promise<Membership[]> {
  const { GSI1PK, prefix } = GSI1.membershipsOfUser(userId);
  const memberships = (await queryGsi1PrefixAll(db, { gsi1pk: GSI1PK, prefix })).map((item) => ({
    tenantId: item.tenantId as string,
    name: item.workspaceName as string,
    role: item.role as Role,
    isSuspended: typeof item.suspendedAt === 'string',
    isWorkspaceHidden: typeof item.workspaceHiddenAt === 'string',
    ...(typeof item.workspaceHiddenBy === 'string' ? { hiddenBy: item.workspaceHiddenBy } : {}),
  }));
  return options.includeHidden === true
    ? memberships
    : memberships.filter((m) => !m.isSuspended && !m.isWorkspaceHidden);
}

export function buildSetMemberRoleItem(
  db: Db,
  tenantId: string,
  userId: string,
  role: Role,
  expectedRole: Role,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.member(userId) },
      UpdateExpression: 'SET #role = :role',
      ConditionExpression: 'attribute_exists(PK) AND #role = :expected',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: { ':role': role, ':expected': expectedRole },
    },
  };
}

export function buildDeleteMemberItem(
  db: Db,
  tenantId: string,
  userId: string,
  expectedRole: Role,
): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.member(userId) },
      ConditionExpression: 'attribute_exists(PK) AND #role = :expected',
      ExpressionAttributeNames: { '#role': 'role' },
      ExpressionAttributeValues: { ':expected': expectedRole },
    },
  };
}

export function buildCreateInviteItems(
  db: Db,
  tenantId: string,
  invite: InviteItem,
  codeHash: string,
  expiresAtEpoch: number,
): TransactItem[] {
  return [
    {
      Put: {
        TableName: db.mainTable,
        Item: { PK: tenantPk(tenantId), SK: SK.invite(invite.id), entity: 'Invite', codeHash, ...invite },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          PK: platformPk('inviteCode', codeHash),
          SK: 'INVITE',
          entity: 'InviteCodeLookup',
          tenantId,
          inviteId: invite.id,
          expiresAtEpoch,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

function pickInvite(item: Record<string, unknown>): InviteItem {
  return {
    id: item.id as string,
    email: item.email as string,
    role: item.role as Role,
    createdAt: item.createdAt as string,
    expiresAt: item.expiresAt as string,
    status: item.status as Invite['status'],
    createdBy: item.createdBy as string,
    code: item.code as string,
  };
}

export async function getInvite(
  db: Db,
  tenantId: string,
  inviteId: string,
): Promise<(InviteItem & { codeHash: string }) | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.invite(inviteId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined
    ? undefined
    : { ...pickInvite(result.Item), codeHash: result.Item.codeHash as string };
}

export async function findInviteByCodeHash(
  db: Db,
  codeHash: string,
): Promise<{ tenantId: string; inviteId: string } | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('inviteCode', codeHash), SK: 'INVITE' },
    }),
  );
  const item = result.Item;
  return item === undefined
    ? undefined
    : { tenantId: item.tenantId as string, inviteId: item.inviteId as string };
}

export async function listInvites(db: Db, tenantId: string): Promise<InviteItem[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.invite,
    isNewestFirst: true,
  });
  return items.map(pickInvite);
}

export function buildSetInviteStatusItem(
  db: Db,
  tenantId: string,
  inviteId: string,
  status: Invite['status'],
  acceptedBy?: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.invite(inviteId) },
      UpdateExpression:
        acceptedBy === undefined ? 'SET #status = :status' : 'SET #status = :status, acceptedBy = :by',
      ConditionExpression: 'attribute_exists(PK) AND #status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':status': status,
        ':pending': 'pending',
        ...(acceptedBy === undefined ? {} : { ':by': acceptedBy }),
      },
    },
  };
}

export function buildDeleteInviteCodeItem(db: Db, codeHash: string): TransactItem {
  return {
    Delete: { TableName: db.mainTable, Key: { PK: platformPk('inviteCode', codeHash), SK: 'INVITE' } },
  };
}

/** The code hashes of a workspace's invites (for the purge to delete their lookups). */
export async function listInviteCodeHashes(db: Db, tenantId: string): Promise<string[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.invite,
    isConsistent: true,
  });
  return items.flatMap((item) => (typeof item.codeHash === 'string' ? [item.codeHash] : []));
}

export async function deleteInviteCodeLookup(db: Db, codeHash: string): Promise<void> {
  await db.doc.send(
    new DeleteCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('inviteCode', codeHash), SK: 'INVITE' },
    }),
  );
}

/** Deletes an email lookup only while it still points at `userId` (the address may be reused later). */
export async function deleteEmailLookup(db: Db, email: string, userId: string): Promise<void> {
  await deleteIfOwnedBy(db, { PK: platformPk('email', email), SK: 'EMAIL' }, userId);
}

export async function deleteClerkLookup(db: Db, clerkUserId: string, userId: string): Promise<void> {
  await deleteIfOwnedBy(db, clerkLookupKey(clerkUserId), userId);
}

async function deleteIfOwnedBy(db: Db, key: { PK: string; SK: string }, userId: string): Promise<void> {
  try {
    await db.doc.send(
      new DeleteCommand({
        TableName: db.mainTable,
        Key: key,
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :userId',
        ExpressionAttributeValues: { ':userId': userId },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}

const HIDDEN = { at: 'workspaceHiddenAt', by: 'workspaceHiddenBy' };

/** Hides (or un-hides) a workspace for everyone: its item and every member's. */
export async function setWorkspaceHidden(
  db: Db,
  tenantId: string,
  userId: string,
  at: string | undefined,
): Promise<void> {
  const value = at === undefined ? undefined : { at, by: userId };
  await setDeletionFlag(
    db,
    { PK: tenantPk(tenantId), SK: SK.workspace() },
    { at: 'hiddenAt', by: 'hiddenBy' },
    value,
    userId,
  );
  const members = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.member,
    isConsistent: true,
  });
  for (const member of members)
    await setDeletionFlag(
      db,
      { PK: tenantPk(tenantId), SK: SK.member(member.userId as string) },
      HIDDEN,
      value,
      userId,
    );
}

/** Suspends (or resumes) one member. */
export async function setMemberSuspended(
  db: Db,
  tenantId: string,
  userId: string,
  at: string | undefined,
): Promise<void> {
  await setDeletionFlag(
    db,
    { PK: tenantPk(tenantId), SK: SK.member(userId) },
    SUSPENDED_FLAG,
    at === undefined ? undefined : { at, by: userId },
    userId,
  );
}

/** Marks or clears the profile's deletion request. */
export function buildSetUserDeletionItem(db: Db, userId: string, at: string | undefined): TransactItem {
  const Key = { PK: platformPk('user', userId), SK: 'PROFILE' };
  return at === undefined
    ? {
        Update: {
          TableName: db.mainTable,
          Key,
          UpdateExpression: 'REMOVE deletionRequestedAt',
          ConditionExpression: 'attribute_exists(PK)',
        },
      }
    : {
        Update: {
          TableName: db.mainTable,
          Key,
          UpdateExpression: 'SET deletionRequestedAt = :at',
          ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(deletionRequestedAt)',
          ExpressionAttributeValues: { ':at': at },
        },
      };
}

/**
 * Marks a workspace as being purged. The purge commits it together with a check that the
 * workspace carries no legal hold, and setting a hold checks this mark, so a hold set a moment
 * earlier wins and none can be set once the purge has begun.
 */
export function buildMarkWorkspacePurgingItem(db: Db, tenantId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.workspace() },
      UpdateExpression: 'SET purgeStartedAt = if_not_exists(purgeStartedAt, :at)',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':at': at },
    },
  };
}

/** A condition that the workspace's purge has not begun (for setting a legal hold). */
export function buildWorkspaceNotPurgingCheck(db: Db, tenantId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.workspace() },
      ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(purgeStartedAt)',
    },
  };
}

/** Deletes a member item if it is still there (the purge of a shared workspace's membership). */
export function buildDeleteMemberIfPresentItem(db: Db, tenantId: string, userId: string): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.member(userId) },
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}

export function buildSetUserDisplayNameCommand(db: Db, userId: string, displayName: string): UpdateCommand {
  return new UpdateCommand({
    TableName: db.mainTable,
    Key: { PK: platformPk('user', userId), SK: 'PROFILE' },
    UpdateExpression: 'SET displayName = :name',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':name': displayName },
  });
}

/**
 * Moves the address index from one email to another for a person: the old entry goes (if it is
 * still theirs) and the new one must not already point at someone else.
 */
export function buildMoveEmailLookupItems(
  db: Db,
  userId: string,
  oldEmail: string,
  newEmail: string,
): TransactItem[] {
  return [
    {
      Delete: {
        TableName: db.mainTable,
        Key: { PK: platformPk('email', oldEmail), SK: 'EMAIL' },
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :id',
        ExpressionAttributeValues: { ':id': userId },
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: { PK: platformPk('email', newEmail), SK: 'EMAIL', entity: 'EmailLookup', userId },
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :id',
        ExpressionAttributeValues: { ':id': userId },
      },
    },
  ];
}

/** Moves a person to a new email address: the profile (only if it still has the old one) and the index. */
export function buildChangeUserEmailItems(
  db: Db,
  userId: string,
  oldEmail: string,
  newEmail: string,
): TransactItem[] {
  return [
    {
      Update: {
        TableName: db.mainTable,
        Key: { PK: platformPk('user', userId), SK: 'PROFILE' },
        UpdateExpression: 'SET #email = :new',
        ConditionExpression: 'attribute_exists(PK) AND #email = :old',
        ExpressionAttributeNames: { '#email': 'email' },
        ExpressionAttributeValues: { ':new': newEmail, ':old': oldEmail },
      },
    },
    ...buildMoveEmailLookupItems(db, userId, oldEmail, newEmail),
  ];
}

/**
 * The write that spends a one-time link token (sign-in, email change): it succeeds once, and only
 * before the token expires, so two clicks racing each other cannot both get through.
 */
export function spendTokenUpdate(
  db: Db,
  key: { PK: string; SK: string },
  now: Date,
): NonNullable<TransactItem['Update']> {
  return {
    TableName: db.mainTable,
    Key: key,
    UpdateExpression: 'SET usedAt = :now',
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt) AND expiresAtEpoch > :epoch',
    ExpressionAttributeValues: { ':now': now.toISOString(), ':epoch': Math.floor(now.getTime() / 1000) },
  };
}

/** A workspace's copy of a member's name and email, kept in step with their profile. */
export function buildSetMemberProfileItem(
  db: Db,
  tenantId: string,
  userId: string,
  changes: { displayName?: string; email?: string },
): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
  }
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.member(userId) },
      UpdateExpression: `SET ${Object.keys(names)
        .map((name) => `${name} = :${name.slice(1)}`)
        .join(', ')}`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}
