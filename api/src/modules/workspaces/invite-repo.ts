import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll } from '../../platform/db/query.js';
import type { Role } from '../../platform/tenancy/roles.js';
import type { Invite } from './schema.js';
import { pickGrant } from './repo.js';

/** Invite items (`TENANT#<t> / INVITE#<id>`) and the platform lookup from a code's hash to its invite. */

export type InviteItem = Invite & { createdBy: string; acceptedBy?: string; code: string };

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
          SK: SK.inviteByCode(),
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
    ...pickGrant(item),
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
      Key: { PK: platformPk('inviteCode', codeHash), SK: SK.inviteByCode() },
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
    Delete: {
      TableName: db.mainTable,
      Key: { PK: platformPk('inviteCode', codeHash), SK: SK.inviteByCode() },
    },
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
      Key: { PK: platformPk('inviteCode', codeHash), SK: SK.inviteByCode() },
    }),
  );
}
