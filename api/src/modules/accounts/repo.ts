import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { GSI1, platformPk, SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryIndexPrefixAll, queryPrefixAll, queryPrefixPage } from '../../platform/db/query.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Role } from '../../platform/tenancy/roles.js';
import type { ApiKey, Invite, Member, SignIn, User } from './schema.js';

/** Items of the accounts module: users (platform), workspaces, members, invites, API keys. */

export type UserItem = User & { ageConfirmedAt?: string; deletionRequestedAt?: string };
export type WorkspaceItem = {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  isPersonal: boolean;
};
export type MemberItem = Member & { inviteId?: string; inviteCode?: string };
export type InviteItem = Invite & { createdBy: string; acceptedBy?: string; code: string };
export type ApiKeyItem = ApiKey & { createdBy: string };

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

export async function findUserIdByClerkId(db: Db, clerkUserId: string): Promise<string | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('clerkUser', clerkUserId), SK: 'CLERKUSER' },
    }),
  );
  return result.Item?.userId as string | undefined;
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
          PK: platformPk('clerkUser', clerkUserId),
          SK: 'CLERKUSER',
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

export async function listMembers(db: Db, tenantId: string): Promise<MemberItem[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.member,
    isConsistent: true,
  });
  return items.map(pickMember);
}

/** The workspaces a user belongs to, through GSI1. */
export async function listMembershipsOfUser(
  db: Db,
  userId: string,
): Promise<{ tenantId: string; name: string; role: Role }[]> {
  const items = await queryIndexPrefixAll(db, GSI1.membershipsOfUser(userId));
  return items.map((item) => ({
    tenantId: item.tenantId as string,
    name: item.workspaceName as string,
    role: item.role as Role,
  }));
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

export function buildCreateApiKeyItems(
  db: Db,
  tenantId: string,
  key: ApiKeyItem,
  secretHash: string,
): TransactItem[] {
  return [
    {
      Put: {
        TableName: db.mainTable,
        Item: { PK: tenantPk(tenantId), SK: SK.apiKey(key.id), entity: 'ApiKey', secretHash, ...key },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          PK: platformPk('apiKeyHash', secretHash),
          SK: 'APIKEY',
          entity: 'ApiKeyLookup',
          tenantId,
          keyId: key.id,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

function pickApiKey(item: Record<string, unknown>): ApiKeyItem {
  return {
    id: item.id as string,
    name: item.name as string,
    scopes: item.scopes as ApiKey['scopes'],
    prefix: item.prefix as string,
    createdAt: item.createdAt as string,
    createdBy: item.createdBy as string,
    ...(typeof item.lastUsedAt === 'string' ? { lastUsedAt: item.lastUsedAt } : {}),
    ...(typeof item.revokedAt === 'string' ? { revokedAt: item.revokedAt } : {}),
  };
}

export async function listApiKeys(db: Db, tenantId: string): Promise<ApiKeyItem[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.apiKey,
    isNewestFirst: true,
  });
  return items.map(pickApiKey);
}

export async function getApiKey(
  db: Db,
  tenantId: string,
  keyId: string,
): Promise<(ApiKeyItem & { secretHash: string }) | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.apiKey(keyId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined
    ? undefined
    : { ...pickApiKey(result.Item), secretHash: result.Item.secretHash as string };
}

/** Revokes a key: marks it and removes its hash lookup, so it stops authenticating at once. */
export function buildRevokeApiKeyItems(
  db: Db,
  tenantId: string,
  keyId: string,
  secretHash: string,
  at: string,
): TransactItem[] {
  return [
    {
      Update: {
        TableName: db.mainTable,
        Key: { PK: tenantPk(tenantId), SK: SK.apiKey(keyId) },
        UpdateExpression: 'SET revokedAt = :at',
        ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(revokedAt)',
        ExpressionAttributeValues: { ':at': at },
      },
    },
    { Delete: { TableName: db.mainTable, Key: { PK: platformPk('apiKeyHash', secretHash), SK: 'APIKEY' } } },
  ];
}
