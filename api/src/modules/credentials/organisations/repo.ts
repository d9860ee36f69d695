import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../../platform/audit/audit-log.js';
import type { Db } from '../../../platform/db/client.js';
import { platformPk, SK, SK_PREFIX, tenantPk } from '../../../platform/db/keys.js';
import { queryPrefixAll, queryPrefixPage } from '../../../platform/db/query.js';
import {
  CREDENTIAL_REQUEST_FIELDS,
  ORG_SHARE_FIELDS,
  type CredentialRequest,
  type Organisation,
  type OrgShare,
  type ReceivedRequest,
} from './schema.js';

/**
 * Organisation credentialing items:
 * - `TENANT#<org> / CREDORG`: the organisation profile (kind, name);
 * - `TENANT#<org> / CREDREQ#<id>`: a request, with the hash of the address asked and, once
 *   answered, the workspace the answer came from (never shown to the organisation);
 * - `CREDREQINBOX#<sha256 of email> / CREDREQ#<id>`: the request waiting for that person;
 * - `TENANT#<person> / CREDORGSHARE#<requestId>`: what the person shared in answer, owned by them.
 */

type Item = Record<string, unknown>;

/** A request as stored: its presented fields and the internal attributes the service needs. */
export type RequestItem = {
  request: CredentialRequest;
  emailHash: string;
  holderWorkspaceId: string | null;
};

export type InboxEntry = {
  requestId: string;
  organisationId: string;
  organisationName: string;
  organisationKind: ReceivedRequest['organisationKind'];
  requestedAt: string;
};

function pick<T>(item: Item, fields: readonly (keyof T)[]): T {
  const picked: Item = {};
  for (const field of fields)
    if (item[field as string] !== undefined) picked[field as string] = item[field as string];
  return picked as T;
}

export function toRequestItem(item: Item): RequestItem {
  const request = pick<CredentialRequest>(item, CREDENTIAL_REQUEST_FIELDS);
  return {
    // Requests stored before cancelling existed have no `cancelledAt`: they were never cancelled.
    request: { ...request, cancelledAt: request.cancelledAt ?? null },
    emailHash: String(item.emailHash),
    holderWorkspaceId: typeof item.holderWorkspaceId === 'string' ? item.holderWorkspaceId : null,
  };
}

export function toOrgShare(item: Item): OrgShare {
  return pick<OrgShare>(item, ORG_SHARE_FIELDS);
}

function toInboxEntry(item: Item): InboxEntry {
  return {
    requestId: String(item.requestId),
    organisationId: String(item.organisationId),
    organisationName: String(item.organisationName),
    organisationKind: item.organisationKind as InboxEntry['organisationKind'],
    requestedAt: String(item.requestedAt),
  };
}

function inboxKey(emailHash: string, requestId: string) {
  return { PK: platformPk('credentialRequestInbox', emailHash), SK: SK.credentialRequest(requestId) };
}

export function requestKey(tenantId: string, requestId: string) {
  return { PK: tenantPk(tenantId), SK: SK.credentialRequest(requestId) };
}

export function organisationKey(tenantId: string) {
  return { PK: tenantPk(tenantId), SK: SK.credentialOrganisation() };
}

function shareKey(tenantId: string, requestId: string) {
  return { PK: tenantPk(tenantId), SK: SK.credentialOrgShare(requestId) };
}

async function getItem(db: Db, key: { PK: string; SK: string }): Promise<Item | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: key, ConsistentRead: true }),
  );
  return result.Item;
}

export function toOrganisation(item: Item): Organisation {
  return {
    kind: item.kind as Organisation['kind'],
    name: String(item.name),
    updatedAt: String(item.updatedAt),
    updatedBy: String(item.updatedBy),
  };
}

export async function getOrganisation(db: Db, tenantId: string): Promise<Organisation | undefined> {
  const item = await getItem(db, organisationKey(tenantId));
  return item === undefined ? undefined : toOrganisation(item);
}

export function buildPutOrganisation(db: Db, tenantId: string, organisation: Organisation): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        ...organisationKey(tenantId),
        entity: 'CredentialOrganisation',
        ...organisation,
      },
    },
  };
}

/** The request in the organisation's partition and its entry in the person's inbox, together. */
export function buildPutRequest(
  db: Db,
  tenantId: string,
  request: CredentialRequest,
  emailHash: string,
  organisation: Organisation,
): TransactItem[] {
  return [
    {
      Put: {
        TableName: db.mainTable,
        Item: { ...requestKey(tenantId, request.id), entity: 'CredentialRequest', ...request, emailHash },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          ...inboxKey(emailHash, request.id),
          entity: 'CredentialRequestInbox',
          requestId: request.id,
          organisationId: tenantId,
          organisationName: organisation.name,
          organisationKind: organisation.kind,
          requestedAt: request.createdAt,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
}

export async function getRequest(
  db: Db,
  tenantId: string,
  requestId: string,
): Promise<RequestItem | undefined> {
  const item = await getItem(db, requestKey(tenantId, requestId));
  return item === undefined ? undefined : toRequestItem(item);
}

/** One page of an organisation's requests, newest first (ids are time-ordered). */
export async function queryRequests(
  db: Db,
  tenantId: string,
  options: { limit: number; startKey?: Item },
): Promise<{ items: RequestItem[]; lastKey?: Item }> {
  const page = await queryPrefixPage(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.credentialRequest,
    isNewestFirst: true,
    isConsistent: true,
    ...options,
  });
  return { ...page, items: page.items.map(toRequestItem) };
}

export async function listAllRequests(db: Db, tenantId: string): Promise<RequestItem[]> {
  const items = await queryPrefixAll(db, { pk: tenantPk(tenantId), prefix: SK_PREFIX.credentialRequest });
  return items.map(toRequestItem);
}

/** The requests waiting for one address, newest first, at most `limit`. */
export async function listInbox(db: Db, emailHash: string, limit: number): Promise<InboxEntry[]> {
  const page = await queryPrefixPage(db, {
    pk: platformPk('credentialRequestInbox', emailHash),
    prefix: SK_PREFIX.credentialRequest,
    isNewestFirst: true,
    isConsistent: true,
    limit,
  });
  return page.items.map(toInboxEntry);
}

export async function getInboxEntry(
  db: Db,
  emailHash: string,
  requestId: string,
): Promise<InboxEntry | undefined> {
  const item = await getItem(db, inboxKey(emailHash, requestId));
  return item === undefined ? undefined : toInboxEntry(item);
}

export async function deleteInboxEntry(db: Db, emailHash: string, requestId: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.mainTable, Key: inboxKey(emailHash, requestId) }));
}

/**
 * An answer: the person's share, the request marked shared (only while still pending) and its
 * inbox entry removed, all or none.
 */
export function buildAnswer(
  db: Db,
  answer: { organisationId: string; personWorkspaceId: string; emailHash: string; share: OrgShare },
): TransactItem[] {
  const { share } = answer;
  return [
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          ...shareKey(answer.personWorkspaceId, share.requestId),
          entity: 'CredentialOrgShare',
          ...share,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Update: {
        TableName: db.mainTable,
        Key: requestKey(answer.organisationId, share.requestId),
        UpdateExpression:
          'SET #status = :shared, #answeredAt = :at, #holder = :holder, #version = #version + :one',
        ConditionExpression: 'attribute_exists(PK) AND #status = :pending',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#answeredAt': 'answeredAt',
          '#holder': 'holderWorkspaceId',
          '#version': 'version',
        },
        ExpressionAttributeValues: {
          ':shared': 'shared',
          ':pending': 'pending',
          ':at': share.sharedAt,
          ':holder': answer.personWorkspaceId,
          ':one': 1,
        },
      },
    },
    {
      Delete: {
        TableName: db.mainTable,
        Key: inboxKey(answer.emailHash, share.requestId),
        ConditionExpression: 'attribute_exists(PK)',
      },
    },
  ];
}

export async function getOrgShare(
  db: Db,
  tenantId: string,
  requestId: string,
): Promise<OrgShare | undefined> {
  const item = await getItem(db, shareKey(tenantId, requestId));
  return item === undefined ? undefined : toOrgShare(item);
}

export async function listOrgShares(db: Db, tenantId: string): Promise<OrgShare[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.credentialOrgShare,
    isNewestFirst: true,
    isConsistent: true,
  });
  return items.map(toOrgShare);
}

/** Withdraws a live share on the person's side (the organisation's side is `buildMarkWithdrawn`). */
export function buildWithdrawShare(db: Db, tenantId: string, requestId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: shareKey(tenantId, requestId),
      UpdateExpression: 'SET #withdrawnAt = :at, #version = #version + :one',
      ConditionExpression: 'attribute_exists(PK) AND #withdrawnAt = :none',
      ExpressionAttributeNames: { '#withdrawnAt': 'withdrawnAt', '#version': 'version' },
      ExpressionAttributeValues: { ':at': at, ':one': 1, ':none': null },
    },
  };
}

/** Marks the organisation's request withdrawn; it no longer leads to the person's workspace. */
export function buildMarkWithdrawn(db: Db, tenantId: string, requestId: string, at: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: requestKey(tenantId, requestId),
      UpdateExpression:
        'SET #status = :withdrawn, #withdrawnAt = :at, #version = #version + :one REMOVE #holder',
      ConditionExpression: 'attribute_exists(PK) AND #status = :shared',
      ExpressionAttributeNames: {
        '#status': 'status',
        '#withdrawnAt': 'withdrawnAt',
        '#version': 'version',
        '#holder': 'holderWorkspaceId',
      },
      ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':shared': 'shared', ':at': at, ':one': 1 },
    },
  };
}

/**
 * The organisation cancels a request: it is marked cancelled (only from the status it was read in,
 * so a concurrent answer or withdrawal makes the caller read again), its inbox entry goes, and a
 * live share made for it is removed from the person's workspace, all or none.
 */
export function buildCancel(
  db: Db,
  cancel: {
    organisationId: string;
    item: RequestItem;
    at: string;
  },
): TransactItem[] {
  const { request, emailHash, holderWorkspaceId } = cancel.item;
  const operations: TransactItem[] = [
    {
      Update: {
        TableName: db.mainTable,
        Key: requestKey(cancel.organisationId, request.id),
        UpdateExpression:
          'SET #status = :cancelled, #cancelledAt = :at, #version = #version + :one REMOVE #holder',
        ConditionExpression: 'attribute_exists(PK) AND #status = :was',
        ExpressionAttributeNames: {
          '#status': 'status',
          '#cancelledAt': 'cancelledAt',
          '#version': 'version',
          '#holder': 'holderWorkspaceId',
        },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':was': request.status,
          ':at': cancel.at,
          ':one': 1,
        },
      },
    },
  ];
  if (request.status === 'pending')
    operations.push({ Delete: { TableName: db.mainTable, Key: inboxKey(emailHash, request.id) } });
  if (request.status === 'shared' && holderWorkspaceId !== null)
    operations.push({
      Delete: {
        TableName: db.mainTable,
        Key: shareKey(holderWorkspaceId, request.id),
        ConditionExpression: 'attribute_exists(PK) AND #withdrawnAt = :none',
        ExpressionAttributeNames: { '#withdrawnAt': 'withdrawnAt' },
        ExpressionAttributeValues: { ':none': null },
      },
    });
  return operations;
}
