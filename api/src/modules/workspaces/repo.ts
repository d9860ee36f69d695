import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { setDeletionFlag, SUSPENDED_FLAG } from '../../platform/db/deletion-flags.js';
import { SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { GSI1 } from '../../platform/db/index-keys.js';
import { queryGsi1PrefixAll, queryPrefixAll } from '../../platform/db/query.js';
import type { ProfessionalGrant, Role } from '../../platform/tenancy/roles.js';
import type { Member } from './schema.js';

/** Workspace items (`TENANT#<t> / WORKSPACE`) and their members (`MEMBER#<userId>`, listed per person through GSI1). */

export type WorkspaceItem = {
  id: string;
  name: string;
  createdAt: string;
  createdBy: string;
  isPersonal: boolean;
  /** Set while the workspace is hidden because its sole owner deleted their account. */
  hiddenAt?: string;
  /** Safety mode: addresses and locations withheld outside the owners' own view. */
  safetyMode?: boolean;
  /** Every person who opens the workspace must have proven a second factor in their session. */
  secondFactorRequired?: boolean;
};
export type MemberItem = Member & { inviteId?: string; inviteCode?: string };

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
    ...(item.safetyMode === true ? { safetyMode: true } : {}),
    ...(item.secondFactorRequired === true ? { secondFactorRequired: true } : {}),
  };
}

export function buildSetSafetyModeItem(db: Db, tenantId: string, isOn: boolean): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.workspace() },
      UpdateExpression: 'SET safetyMode = :isOn',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':isOn': isOn },
    },
  };
}

export function buildSetSecondFactorRequirementItem(
  db: Db,
  tenantId: string,
  isRequired: boolean,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.workspace() },
      UpdateExpression: 'SET secondFactorRequired = :isRequired',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeValues: { ':isRequired': isRequired },
    },
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
    ...pickGrant(item),
  };
}

/** A professional's grant as stored on their member item (absent for every other role). */
export function pickGrant(item: Record<string, unknown>): { grant?: ProfessionalGrant } {
  const grant = item.grant as ProfessionalGrant | undefined;
  return grant === undefined ? {} : { grant };
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
  grant?: ProfessionalGrant;
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
    ...pickGrant(item),
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
