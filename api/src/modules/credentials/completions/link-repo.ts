import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../../platform/audit/audit-log.js';
import type { Db } from '../../../platform/db/client.js';
import { platformPk, SK, SK_PREFIX, tenantPk } from '../../../platform/db/keys.js';
import { queryPrefixAll } from '../../../platform/db/query.js';
import { isConditionFailed } from '../../../platform/db/transactions.js';
import { STORED_LINK_FIELDS, type ProviderSideLink, type StoredLink } from './schema.js';

/**
 * CE provider link items:
 * - `TENANT#<person> / CEPLINK#<id>`: the person's link, with the hash of its code and, once
 *   redeemed, the provider's workspace (never shown to the provider, and only used to route);
 * - `CELINKCODE#<sha256 of code> / CODE`: the waiting code, pointing at the person's link, removed
 *   when it is redeemed or revoked;
 * - `TENANT#<provider> / CEPROVLINK#<id>`: the provider's side, pointing at the person's workspace.
 */

type Item = Record<string, unknown>;

/** A person's link as stored; `pendingCount` counts its completions not yet accepted or declined. */
export type LinkItem = {
  link: StoredLink;
  codeHash: string;
  providerWorkspaceId: string | null;
  pendingCount: number;
};
export type CodeLookup = { personWorkspaceId: string; linkId: string; expiresAt: string };
export type ProviderLinkItem = { link: ProviderSideLink; personWorkspaceId: string };

const linkKey = (tenantId: string, linkId: string) => ({
  PK: tenantPk(tenantId),
  SK: SK.ceProviderLink(linkId),
});
const codeKey = (codeHash: string) => ({ PK: platformPk('ceLinkCode', codeHash), SK: SK.ceLinkCode() });
const providerLinkKey = (tenantId: string, linkId: string) => ({
  PK: tenantPk(tenantId),
  SK: SK.ceLinkOfProvider(linkId),
});

export function toStoredLink(item: Item): StoredLink {
  const link: Item = {};
  for (const field of STORED_LINK_FIELDS) link[field] = item[field] ?? null;
  return link as StoredLink;
}

function toLinkItem(item: Item): LinkItem {
  return {
    link: toStoredLink(item),
    codeHash: String(item.codeHash),
    providerWorkspaceId: typeof item.providerWorkspaceId === 'string' ? item.providerWorkspaceId : null,
    pendingCount: typeof item.pendingCount === 'number' ? item.pendingCount : 0,
  };
}

export function toProviderSideLink(item: Item): ProviderSideLink {
  return {
    linkId: String(item.linkId),
    linkedAt: String(item.linkedAt),
    endedAt: typeof item.endedAt === 'string' ? item.endedAt : null,
  };
}

async function getItem(db: Db, key: { PK: string; SK: string }): Promise<Item | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: key, ConsistentRead: true }),
  );
  return result.Item;
}

/** The person's new link and its code lookup, together. */
export function buildPutLink(db: Db, tenantId: string, link: StoredLink, codeHash: string): TransactItem[] {
  return [
    {
      Put: {
        TableName: db.mainTable,
        Item: { ...linkKey(tenantId, link.id), entity: 'CeProviderLink', ...link, codeHash },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          ...codeKey(codeHash),
          entity: 'CeLinkCode',
          personWorkspaceId: tenantId,
          linkId: link.id,
          expiresAt: link.expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

export async function getLink(db: Db, tenantId: string, linkId: string): Promise<LinkItem | undefined> {
  const item = await getItem(db, linkKey(tenantId, linkId));
  return item === undefined ? undefined : toLinkItem(item);
}

/** Every link of a person's workspace, newest first (a workspace keeps a bounded number). */
export async function listLinks(db: Db, tenantId: string): Promise<LinkItem[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.ceProviderLink,
    isNewestFirst: true,
    isConsistent: true,
  });
  return items.map(toLinkItem);
}

export async function findCode(db: Db, codeHash: string): Promise<CodeLookup | undefined> {
  const item = await getItem(db, codeKey(codeHash));
  if (item === undefined) return undefined;
  return {
    personWorkspaceId: String(item.personWorkspaceId),
    linkId: String(item.linkId),
    expiresAt: String(item.expiresAt),
  };
}

/** Removes a code lookup (a purge; redeeming and revoking remove it in their transactions). */
export async function deleteCode(db: Db, codeHash: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.mainTable, Key: codeKey(codeHash) }));
}

/**
 * Redeeming a code: the code is used up, the person's link records the provider (only while it
 * is still waiting) and the provider gets its side of the link, all or none.
 */
export function buildRedeem(
  db: Db,
  redeem: {
    codeHash: string;
    personWorkspaceId: string;
    providerWorkspaceId: string;
    linkId: string;
    at: string;
  },
): TransactItem[] {
  return [
    {
      Delete: {
        TableName: db.mainTable,
        Key: codeKey(redeem.codeHash),
        ConditionExpression: 'attribute_exists(PK)',
      },
    },
    {
      Update: {
        TableName: db.mainTable,
        Key: linkKey(redeem.personWorkspaceId, redeem.linkId),
        UpdateExpression: 'SET #linkedAt = :at, #provider = :provider, #version = #version + :one',
        ConditionExpression: 'attribute_exists(PK) AND #linkedAt = :none AND #revokedAt = :none',
        ExpressionAttributeNames: {
          '#linkedAt': 'linkedAt',
          '#revokedAt': 'revokedAt',
          '#provider': 'providerWorkspaceId',
          '#version': 'version',
        },
        ExpressionAttributeValues: {
          ':at': redeem.at,
          ':provider': redeem.providerWorkspaceId,
          ':none': null,
          ':one': 1,
        },
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          ...providerLinkKey(redeem.providerWorkspaceId, redeem.linkId),
          entity: 'CeProviderLinkRef',
          linkId: redeem.linkId,
          linkedAt: redeem.at,
          endedAt: null,
          personWorkspaceId: redeem.personWorkspaceId,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

/** Revokes the person's link (once) and drops its code, should it still be waiting. */
export function buildRevoke(db: Db, tenantId: string, item: LinkItem, at: string): TransactItem[] {
  return [
    {
      Update: {
        TableName: db.mainTable,
        Key: linkKey(tenantId, item.link.id),
        UpdateExpression: 'SET #revokedAt = :at, #version = #version + :one',
        ConditionExpression: 'attribute_exists(PK) AND #revokedAt = :none',
        ExpressionAttributeNames: { '#revokedAt': 'revokedAt', '#version': 'version' },
        ExpressionAttributeValues: { ':at': at, ':none': null, ':one': 1 },
      },
    },
    { Delete: { TableName: db.mainTable, Key: codeKey(item.codeHash) } },
  ];
}

/** Ends the provider's side of a link: no completion goes through it any more. */
export function buildEndProviderLink(
  db: Db,
  providerWorkspaceId: string,
  linkId: string,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: providerLinkKey(providerWorkspaceId, linkId),
      UpdateExpression: 'SET #endedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#endedAt': 'endedAt' },
      ExpressionAttributeValues: { ':at': at },
    },
  };
}

export async function getProviderLink(
  db: Db,
  providerWorkspaceId: string,
  linkId: string,
): Promise<ProviderLinkItem | undefined> {
  const item = await getItem(db, providerLinkKey(providerWorkspaceId, linkId));
  if (item === undefined) return undefined;
  return { link: toProviderSideLink(item), personWorkspaceId: String(item.personWorkspaceId) };
}

/** Ends the provider's side of a link outside a transaction (a purge); gone already is fine. */
export async function endProviderLink(
  db: Db,
  providerWorkspaceId: string,
  linkId: string,
  at: string,
): Promise<void> {
  const update = buildEndProviderLink(db, providerWorkspaceId, linkId, at).Update;
  if (update === undefined) return;
  try {
    await db.doc.send(new UpdateCommand(update));
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}

/**
 * Counts one more pending completion on the person's link, in the transaction that stores it: only
 * while the link is live for this provider and fewer than `cap` wait, so concurrent reports can
 * never pass the cap (a colliding transaction is retried and sees the count the other left).
 */
export function buildCountPending(
  db: Db,
  count: { personWorkspaceId: string; providerWorkspaceId: string; linkId: string; cap: number },
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: linkKey(count.personWorkspaceId, count.linkId),
      UpdateExpression: 'ADD #pending :one',
      ConditionExpression:
        'attribute_exists(PK) AND #revokedAt = :none AND #provider = :provider AND (attribute_not_exists(#pending) OR #pending < :cap)',
      ExpressionAttributeNames: {
        '#pending': 'pendingCount',
        '#revokedAt': 'revokedAt',
        '#provider': 'providerWorkspaceId',
      },
      ExpressionAttributeValues: {
        ':one': 1,
        ':none': null,
        ':provider': count.providerWorkspaceId,
        ':cap': count.cap,
      },
    },
  };
}

/** Frees the slot of a counted completion once it is decided (or dropped): `count` of them. */
export function buildReleasePending(db: Db, tenantId: string, linkId: string, count = 1): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: linkKey(tenantId, linkId),
      UpdateExpression: 'ADD #pending :minus',
      // Never creates a stray link item: a link outlives its completions in the same partition.
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#pending': 'pendingCount' },
      ExpressionAttributeValues: { ':minus': -count },
    },
  };
}

/** Every link a provider's workspace redeemed, with the person's workspace each leads to. */
export async function listProviderSideLinks(
  db: Db,
  providerWorkspaceId: string,
): Promise<ProviderLinkItem[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(providerWorkspaceId),
    prefix: SK_PREFIX.ceLinkOfProvider,
    isConsistent: true,
  });
  return items.map((item) => ({
    link: toProviderSideLink(item),
    personWorkspaceId: String(item.personWorkspaceId),
  }));
}

/** Ends the person's link because its provider left: once (stored before `endedAt` existed counts as live). */
export function buildEndLink(db: Db, tenantId: string, linkId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: linkKey(tenantId, linkId),
      UpdateExpression: 'SET #endedAt = :at, #version = #version + :one',
      ConditionExpression: 'attribute_exists(PK) AND (attribute_not_exists(#endedAt) OR #endedAt = :none)',
      ExpressionAttributeNames: { '#endedAt': 'endedAt', '#version': 'version' },
      ExpressionAttributeValues: { ':at': at, ':none': null, ':one': 1 },
    },
  };
}
