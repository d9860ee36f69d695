import { DeleteCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK, SK_PREFIX } from '../../platform/db/keys.js';
import { queryPrefixAll, queryPrefixPage } from '../../platform/db/query.js';
import { getFailedConditionIndexes } from '../../platform/db/transactions.js';
import type { SecondFactorMethod, SecurityEvent } from './schema.js';

/**
 * A person's second factors, all under their own partition `USER#<id>` (so the account purge,
 * which deletes that partition, removes them): `SECONDFACTOR#TOTP` (the sealed authenticator
 * secret and the last time step accepted), `SECONDFACTOR#RECOVERY` (recovery-code hashes),
 * `SECONDFACTOR#ATTEMPTS` (failures in the current window), `SECONDFACTOR#PASSKEY#<id>`,
 * `SECONDFACTOR#CHALLENGE#<purpose>`, and the security log `SECURITYEVENT#<at>#<id>`.
 */

export type TotpItem = {
  status: 'pending' | 'active';
  secretSealed: Uint8Array;
  createdAt: string;
  activatedAt?: string;
  lastStep?: number;
};
/** Recovery-code hashes, each `unused` or the time it was used. */
export type RecoveryItem = { codes: Record<string, string>; createdAt: string };
export type AttemptsItem = { windowStartedAt: number; failures: number };
export type PasskeyItem = {
  id: string;
  name: string;
  credentialId: string;
  publicKey: Uint8Array;
  counter: number;
  transports: string[];
  createdAt: string;
  lastUsedAt?: string;
};
/** Support's scheduled reset of every factor: who asked, what identity checks they recorded, from when it may complete. */
export type ResetItem = {
  requestedAt: string;
  effectiveAt: string;
  requestedBy: { userId: string; email: string };
  identityChecks: string;
};
export type ChallengeItem = { purpose: 'register' | 'authenticate'; challenge: string; expiresAt: number };

export type StoredFactors = {
  totp?: TotpItem;
  recovery?: RecoveryItem;
  attempts?: AttemptsItem;
  passkeys: PasskeyItem[];
  challenges: ChallengeItem[];
  reset?: ResetItem;
};

export const UNUSED = 'unused';

/** Thrown when a transaction's own condition failed: the indexes say which item. */
export class FactorConditionFailed extends Error {
  constructor(readonly failedIndexes: number[]) {
    super('a second-factor write condition failed');
    this.name = 'FactorConditionFailed';
  }
}

function userKey(userId: string, sk: string) {
  return { PK: platformPk('user', userId), SK: sk };
}

type Item = Record<string, unknown>;

function toBytes(value: unknown): Uint8Array {
  return value instanceof Uint8Array ? value : new Uint8Array();
}

function toTotp(item: Item): TotpItem {
  return {
    status: item.status === 'active' ? 'active' : 'pending',
    secretSealed: toBytes(item.secretSealed),
    createdAt: String(item.createdAt),
    ...(typeof item.activatedAt === 'string' ? { activatedAt: item.activatedAt } : {}),
    ...(typeof item.lastStep === 'number' ? { lastStep: item.lastStep } : {}),
  };
}

function toRecovery(item: Item): RecoveryItem {
  const codes: Record<string, string> = {};
  if (typeof item.codes === 'object' && item.codes !== null)
    for (const [hash, state] of Object.entries(item.codes)) codes[hash] = String(state);
  return { codes, createdAt: String(item.createdAt) };
}

function toPasskey(item: Item): PasskeyItem {
  return {
    id: String(item.id),
    name: String(item.name),
    credentialId: String(item.credentialId),
    publicKey: toBytes(item.publicKey),
    counter: Number(item.counter),
    transports: Array.isArray(item.transports) ? item.transports.map(String) : [],
    createdAt: String(item.createdAt),
    ...(typeof item.lastUsedAt === 'string' ? { lastUsedAt: item.lastUsedAt } : {}),
  };
}

function toReset(item: Item): ResetItem {
  const by = (
    typeof item.requestedBy === 'object' && item.requestedBy !== null ? item.requestedBy : {}
  ) as Item;
  return {
    requestedAt: String(item.requestedAt),
    effectiveAt: String(item.effectiveAt),
    requestedBy: { userId: String(by.userId), email: String(by.email) },
    identityChecks: String(item.identityChecks),
  };
}

/** Everything of a person's second factors, in one consistent query. */
export async function loadFactors(db: Db, userId: string): Promise<StoredFactors> {
  const items = await queryPrefixAll(db, {
    pk: platformPk('user', userId),
    prefix: SK_PREFIX.secondFactor,
    isConsistent: true,
  });
  const found: StoredFactors = { passkeys: [], challenges: [] };
  for (const item of items) {
    if (item.entity === 'SecondFactorTotp') found.totp = toTotp(item);
    else if (item.entity === 'RecoveryCodes') found.recovery = toRecovery(item);
    else if (item.entity === 'SecondFactorAttempts')
      found.attempts = { windowStartedAt: Number(item.windowStartedAt), failures: Number(item.failures) };
    else if (item.entity === 'Passkey') found.passkeys.push(toPasskey(item));
    else if (item.entity === 'SecondFactorReset') found.reset = toReset(item);
    else if (item.entity === 'PasskeyChallenge')
      found.challenges.push({
        purpose: item.purpose === 'register' ? 'register' : 'authenticate',
        challenge: String(item.challenge),
        expiresAt: Number(item.expiresAt),
      });
  }
  return found;
}

/** Commits several writes together; a failed condition of one of them is a FactorConditionFailed. */
export async function commit(db: Db, items: TransactItem[]): Promise<void> {
  try {
    await db.doc.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (error) {
    const failed = getFailedConditionIndexes(error);
    if (failed !== undefined) throw new FactorConditionFailed(failed);
    throw error;
  }
}

/** A new (pending) authenticator, replacing an unconfirmed one but never an active one. */
export function buildPutPendingTotp(
  db: Db,
  userId: string,
  secretSealed: Uint8Array,
  at: string,
): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        ...userKey(userId, SK.totpFactor()),
        entity: 'SecondFactorTotp',
        status: 'pending',
        secretSealed,
        createdAt: at,
      },
      ConditionExpression: 'attribute_not_exists(PK) OR #status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending' },
    },
  };
}

/**
 * Accepts an authenticator code's time step: activates a pending authenticator (`activate`) or
 * records the step on an active one. The condition refuses a step not later than the last one
 * accepted, so a code cannot be replayed within its window, even by two requests at once.
 */
export function buildAcceptTotpStep(
  db: Db,
  userId: string,
  step: number,
  options: { activateAt?: string },
): TransactItem {
  const activating = options.activateAt !== undefined;
  return {
    Update: {
      TableName: db.mainTable,
      Key: userKey(userId, SK.totpFactor()),
      UpdateExpression: activating
        ? 'SET lastStep = :step, #status = :active, activatedAt = :at'
        : 'SET lastStep = :step',
      ConditionExpression: `#status = :expected AND (attribute_not_exists(lastStep) OR lastStep < :step)`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':step': step,
        ':expected': activating ? 'pending' : 'active',
        ...(activating ? { ':active': 'active', ':at': options.activateAt } : {}),
      },
    },
  };
}

export function buildDeleteTotp(db: Db, userId: string): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: userKey(userId, SK.totpFactor()),
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}

/** A fresh set of recovery codes (their hashes), replacing any earlier set. */
export function buildPutRecoveryCodes(db: Db, userId: string, hashes: string[], at: string): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        ...userKey(userId, SK.recoveryCodes()),
        entity: 'RecoveryCodes',
        codes: Object.fromEntries(hashes.map((hash) => [hash, UNUSED])),
        createdAt: at,
      },
    },
  };
}

/** Marks one recovery code used; the condition makes it single-use under concurrent attempts. */
export function buildUseRecoveryCode(db: Db, userId: string, hash: string, at: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: userKey(userId, SK.recoveryCodes()),
      UpdateExpression: 'SET codes.#hash = :at',
      ConditionExpression: 'codes.#hash = :unused',
      ExpressionAttributeNames: { '#hash': hash },
      ExpressionAttributeValues: { ':at': at, ':unused': UNUSED },
    },
  };
}

export function buildDeleteRecoveryCodes(db: Db, userId: string): TransactItem {
  return { Delete: { TableName: db.mainTable, Key: userKey(userId, SK.recoveryCodes()) } };
}

/** One entry of the person's security log, written in the same transaction as what it records. */
export function buildSecurityEvent(db: Db, userId: string, id: string, event: SecurityEvent): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { ...userKey(userId, SK.securityEvent(event.at, id)), entity: 'SecurityEvent', ...event },
    },
  };
}

/** The person's security log, newest first. */
export async function listSecurityEvents(db: Db, userId: string, limit: number): Promise<SecurityEvent[]> {
  const page = await queryPrefixPage(db, {
    pk: platformPk('user', userId),
    prefix: SK_PREFIX.securityEvent,
    isNewestFirst: true,
    limit,
  });
  return page.items.map((item) => ({
    at: item.at as string,
    kind: item.kind as SecurityEvent['kind'],
    ...(typeof item.method === 'string' ? { method: item.method as SecondFactorMethod } : {}),
    ...(typeof item.name === 'string' ? { name: item.name } : {}),
  }));
}

/** Counts one failed attempt: a window older than `windowMs` starts again at one. */
export async function recordFailure(
  db: Db,
  userId: string,
  current: AttemptsItem | undefined,
  now: number,
  windowMs: number,
): Promise<void> {
  if (current === undefined || now - current.windowStartedAt >= windowMs) {
    await db.doc.send(
      new PutCommand({
        TableName: db.mainTable,
        Item: {
          ...userKey(userId, SK.secondFactorAttempts()),
          entity: 'SecondFactorAttempts',
          windowStartedAt: now,
          failures: 1,
        },
      }),
    );
    return;
  }
  await db.doc.send(
    new UpdateCommand({
      TableName: db.mainTable,
      Key: userKey(userId, SK.secondFactorAttempts()),
      UpdateExpression: 'ADD failures :one',
      ExpressionAttributeValues: { ':one': 1 },
    }),
  );
}

/** Forgets the failures once the person proved a factor. */
export async function clearFailures(db: Db, userId: string): Promise<void> {
  await db.doc.send(
    new DeleteCommand({ TableName: db.mainTable, Key: userKey(userId, SK.secondFactorAttempts()) }),
  );
}
