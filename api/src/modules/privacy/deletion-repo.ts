import { createHash } from 'node:crypto';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK, tenantPk } from '../../platform/db/keys.js';
import { buildDueBound, GSI1 } from '../../platform/db/index-keys.js';
import { isConditionFailed } from '../../platform/db/transactions.js';

/**
 * Account deletion items: the request (`DELETION#<user> / REQUEST`, listed by due time through
 * GSI1), legal holds (`TENANT#<t> / LEGALHOLD`) and optional-mail opt-outs
 * (`MAILOPTOUT#<sha256 of the address> / OPTOUT`).
 */

export type DeletionState = 'pending' | 'restoring' | 'purging';

export type DeletionRequest = {
  userId: string;
  email: string;
  requestedAt: string;
  purgeAfter: string;
  state: DeletionState;
  /** Workspaces hidden at the request because the person was their only active owner. */
  hiddenTenantIds: string[];
  /** Workspaces where only the person's membership was suspended. */
  suspendedTenantIds: string[];
  /** The purge's plan, fixed when it starts, so a rerun after a crash finishes the same work. */
  plan?: { workspaceTenantIds: string[]; membershipTenantIds: string[] };
  /** Workspaces a legal hold kept at the last run. */
  heldTenantIds?: string[];
  userPurgedAt?: string;
  finalNoticeSentAt?: string;
  /** When everything the request hides was hidden (see `applyAccountDeletion`). */
  appliedAt?: string;
};

const requestKey = (userId: string) => ({ PK: platformPk('deletion', userId), SK: SK.deletionRequest() });

export function buildPutDeletionRequest(db: Db, request: DeletionRequest): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        ...requestKey(request.userId),
        entity: 'DeletionRequest',
        ...GSI1.deletionDue(request.purgeAfter, request.userId),
        ...request,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getDeletionRequest(db: Db, userId: string): Promise<DeletionRequest | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: requestKey(userId), ConsistentRead: true }),
  );
  if (result.Item === undefined) return undefined;
  const { PK: _pk, SK: _sk, entity: _entity, GSI1PK: _gpk, GSI1SK: _gsk, ...request } = result.Item;
  return request as DeletionRequest;
}

/** Moves a request from one state to another; false when it was not in `from` (someone else moved it). */
export async function moveDeletionState(
  db: Db,
  userId: string,
  from: readonly DeletionState[],
  to: DeletionState,
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const names: Record<string, string> = { '#state': 'state' };
  const values: Record<string, unknown> = { ':to': to };
  const sets = ['#state = :to'];
  Object.entries(extra).forEach(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    sets.push(`#f${index} = :v${index}`);
  });
  from.forEach((state, index) => (values[`:from${index}`] = state));
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: requestKey(userId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#state IN (${from.map((_, index) => `:from${index}`).join(', ')})`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/** Records progress of a purge on its request. */
export async function updateDeletionRequest(
  db: Db,
  userId: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const sets = Object.entries(fields).map(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    return `#f${index} = :v${index}`;
  });
  await db.doc.send(
    new UpdateCommand({
      TableName: db.mainTable,
      Key: requestKey(userId),
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
}

/** Deletes the request, only from one of the given states (a restore must not undo a purge). */
export function buildDeleteDeletionRequest(
  db: Db,
  userId: string,
  states: readonly DeletionState[],
): TransactItem {
  const values: Record<string, unknown> = {};
  states.forEach((state, index) => (values[`:s${index}`] = state));
  return {
    Delete: {
      TableName: db.mainTable,
      Key: requestKey(userId),
      ConditionExpression: `#state IN (${states.map((_, index) => `:s${index}`).join(', ')})`,
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: values,
    },
  };
}

export async function deleteDeletionRequest(db: Db, userId: string): Promise<void> {
  await db.doc.send(new DeleteCommand({ TableName: db.mainTable, Key: requestKey(userId) }));
}

type DeletionQuery = Pick<
  QueryCommandInput,
  'KeyConditionExpression' | 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
>;

/** User ids of deletion requests (through GSI1, by due time, oldest first), up to `limit`. */
async function queryDeletionRequests(db: Db, query: DeletionQuery, limit: number): Promise<string[]> {
  const userIds: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.doc.send(
      new QueryCommand({ TableName: db.mainTable, IndexName: 'GSI1', ...query, ExclusiveStartKey: startKey }),
    );
    userIds.push(...(page.Items ?? []).map((item) => item.userId as string));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined && userIds.length < limit);
  return userIds.slice(0, limit);
}

/**
 * The user ids of requests whose purge was due at or before `now`, oldest first, up to `limit`
 * (read page by page, so requests paused by a legal hold cannot crowd out newer ones).
 */
export async function listDueDeletions(db: Db, now: Date, limit: number): Promise<string[]> {
  const { GSI1PK } = GSI1.deletionsDue();
  return queryDeletionRequests(
    db,
    {
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK <= :cutoff',
      ExpressionAttributeValues: { ':pk': GSI1PK, ':cutoff': buildDueBound(now.toISOString()) },
    },
    limit,
  );
}

/**
 * Pending requests whose hiding never finished (the process stopped between the request's commit
 * and the end of `applyAccountDeletion`), made before `cutoff` so one being applied right now is
 * left to its own request.
 */
export async function listUnappliedDeletions(db: Db, cutoff: Date, limit: number): Promise<string[]> {
  const { GSI1PK } = GSI1.deletionsDue();
  return queryDeletionRequests(
    db,
    {
      KeyConditionExpression: 'GSI1PK = :pk',
      FilterExpression: '#state = :pending AND attribute_not_exists(appliedAt) AND requestedAt <= :cutoff',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':pk': GSI1PK, ':pending': 'pending', ':cutoff': cutoff.toISOString() },
    },
    limit,
  );
}

/** Records that a pending request's hiding is complete (a restored or purging one is left as it is). */
export async function markDeletionApplied(db: Db, userId: string, at: string): Promise<void> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: requestKey(userId),
        UpdateExpression: 'SET appliedAt = :at',
        ConditionExpression: '#state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':at': at, ':pending': 'pending' },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}

export type LegalHold = { reason: string; setAt: string; setBy: { id: string; label: string } };

export async function getLegalHold(db: Db, tenantId: string): Promise<LegalHold | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.legalHold() },
      ConsistentRead: true,
    }),
  );
  const item = result.Item;
  return item === undefined
    ? undefined
    : { reason: item.reason as string, setAt: item.setAt as string, setBy: item.setBy as LegalHold['setBy'] };
}

export function buildPutLegalHold(db: Db, tenantId: string, hold: LegalHold): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: tenantPk(tenantId), SK: SK.legalHold(), entity: 'LegalHold', ...hold },
    },
  };
}

export function buildDeleteLegalHold(db: Db, tenantId: string): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.legalHold() },
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}

/** The purge's side of the hold check: the workspace carries no legal hold. */
export function buildNoLegalHoldCheck(db: Db, tenantId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.legalHold() },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** The fingerprint an opt-out is kept under: the address itself is not kept after a purge. */
export function fingerprintEmail(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
}

export async function putMailOptOut(db: Db, email: string, reason: string, at: string): Promise<void> {
  const emailSha256 = fingerprintEmail(email);
  await db.doc.send(
    new PutCommand({
      TableName: db.mainTable,
      Item: {
        PK: platformPk('mailOptOut', emailSha256),
        SK: SK.mailOptOut(),
        entity: 'MailOptOut',
        emailSha256,
        reason,
        at,
      },
    }),
  );
}

export async function getMailOptOut(
  db: Db,
  email: string,
): Promise<{ reason: string; at: string } | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('mailOptOut', fingerprintEmail(email)), SK: SK.mailOptOut() },
    }),
  );
  return result.Item === undefined
    ? undefined
    : { reason: result.Item.reason as string, at: result.Item.at as string };
}
