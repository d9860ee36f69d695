import { DeleteCommand, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK, SK_PREFIX, SK_PREFIX_OF, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll, queryPrefixPage } from '../../platform/db/query.js';
import { SHARE_STORED_FIELDS, type ShareView, type StoredShare } from './share-schema.js';

/**
 * Verification links: the share `TENANT#<t> / CREDSHARE#<id>` (with the SHA-256 of its token),
 * its views `CREDSHAREVIEW#<id>#<at>#<viewId>` beside it, and the public lookup
 * `CREDSHARETOKEN#<sha256>` that leads a token to its workspace and share.
 */

export type ShareLookup = { tenantId: string; shareId: string };

/** Presenter: the share's own fields; the token hash never leaves the repo. */
export function toStoredShare(item: Record<string, unknown>): StoredShare {
  const share: Record<string, unknown> = {};
  for (const field of SHARE_STORED_FIELDS) if (item[field] !== undefined) share[field] = item[field];
  return share as StoredShare;
}

export function toShareView(item: Record<string, unknown>): ShareView {
  return { id: String(item.id), viewedAt: String(item.viewedAt) };
}

function lookupKey(tokenHash: string) {
  return { PK: platformPk('credentialShareToken', tokenHash), SK: SK.credentialShareByToken() };
}

/** The share and its token lookup, written together (with the audit entry by the caller). */
export function buildPutShare(
  db: Db,
  tenantId: string,
  share: StoredShare,
  tokenHash: string,
): TransactItem[] {
  return [
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          PK: tenantPk(tenantId),
          SK: SK.credentialShare(share.id),
          entity: 'CredentialShare',
          ...share,
          tokenHash,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: { ...lookupKey(tokenHash), entity: 'CredentialShareLookup', tenantId, shareId: share.id },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

export async function getShareItem(
  db: Db,
  tenantId: string,
  shareId: string,
): Promise<{ share: StoredShare; tokenHash: string } | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.credentialShare(shareId) },
      ConsistentRead: true,
    }),
  );
  if (result.Item === undefined) return undefined;
  return { share: toStoredShare(result.Item), tokenHash: String(result.Item.tokenHash) };
}

export async function listShares(db: Db, tenantId: string): Promise<StoredShare[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.credentialShare,
    isNewestFirst: true,
    isConsistent: true,
  });
  return items.map(toStoredShare);
}

/** The token hashes of every share of a workspace (the purge deletes their lookups). */
export async function listShareTokenHashes(db: Db, tenantId: string): Promise<string[]> {
  const items = await queryPrefixAll(db, { pk: tenantPk(tenantId), prefix: SK_PREFIX.credentialShare });
  return items.map((item) => String(item.tokenHash));
}

export async function findShareByTokenHash(db: Db, tokenHash: string): Promise<ShareLookup | undefined> {
  const result = await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: lookupKey(tokenHash) }));
  if (result.Item === undefined) return undefined;
  return { tenantId: String(result.Item.tenantId), shareId: String(result.Item.shareId) };
}

/** Revokes a live share and removes its lookup, so the token leads nowhere from then on. */
export function buildRevokeShare(
  db: Db,
  tenantId: string,
  shareId: string,
  tokenHash: string,
  revokedAt: string,
): TransactItem[] {
  return [
    {
      Update: {
        TableName: db.mainTable,
        Key: { PK: tenantPk(tenantId), SK: SK.credentialShare(shareId) },
        UpdateExpression: 'SET #revokedAt = :at, #version = #version + :one',
        ConditionExpression: 'attribute_exists(PK) AND #revokedAt = :none',
        ExpressionAttributeNames: { '#revokedAt': 'revokedAt', '#version': 'version' },
        ExpressionAttributeValues: { ':at': revokedAt, ':one': 1, ':none': null },
      },
    },
    { Delete: { TableName: db.mainTable, Key: lookupKey(tokenHash) } },
  ];
}

/** Logs one view and counts it on the share, together; a share revoked meanwhile logs nothing. */
export async function recordView(db: Db, tenantId: string, shareId: string, view: ShareView): Promise<void> {
  await db.doc.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: db.mainTable,
            Item: {
              PK: tenantPk(tenantId),
              SK: SK.credentialShareView(shareId, view.viewedAt, view.id),
              entity: 'CredentialShareView',
              shareId,
              ...view,
            },
          },
        },
        {
          Update: {
            TableName: db.mainTable,
            Key: { PK: tenantPk(tenantId), SK: SK.credentialShare(shareId) },
            UpdateExpression: 'SET #last = :at ADD #count :one',
            ConditionExpression: 'attribute_exists(PK) AND #revokedAt = :none',
            ExpressionAttributeNames: {
              '#last': 'lastViewedAt',
              '#count': 'viewCount',
              '#revokedAt': 'revokedAt',
            },
            ExpressionAttributeValues: { ':at': view.viewedAt, ':one': 1, ':none': null },
          },
        },
      ],
    }),
  );
}

/** The newest views of a share, newest first. */
export async function listViews(
  db: Db,
  tenantId: string,
  shareId: string,
  limit: number,
): Promise<ShareView[]> {
  const page = await queryPrefixPage(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX_OF.viewsOfCredentialShare(shareId),
    isNewestFirst: true,
    limit,
  });
  return page.items.map(toShareView);
}

export async function deleteLookup(db: Db, tokenHash: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.mainTable, Key: lookupKey(tokenHash) }));
}
