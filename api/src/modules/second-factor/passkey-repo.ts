import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK } from '../../platform/db/keys.js';
import { isConditionFailed } from '../../platform/db/transactions.js';
import type { PasskeyItem } from './repo.js';

/** Passkeys and their one-time WebAuthn challenges, under the person's partition (see repo.ts). */

type Purpose = 'register' | 'authenticate';

function userKey(userId: string, sk: string) {
  return { PK: platformPk('user', userId), SK: sk };
}

/** Keeps the challenge of the ceremony just started, replacing an earlier unfinished one. */
export async function putChallenge(
  db: Db,
  userId: string,
  purpose: Purpose,
  challenge: string,
  expiresAt: number,
): Promise<void> {
  await db.doc.send(
    new PutCommand({
      TableName: db.mainTable,
      Item: {
        ...userKey(userId, SK.passkeyChallenge(purpose)),
        entity: 'PasskeyChallenge',
        purpose,
        challenge,
        expiresAt,
      },
    }),
  );
}

/**
 * Takes the pending challenge of a ceremony: it is deleted as it is read, so an answer to it is
 * accepted at most once. Undefined when there is none or it expired.
 */
export async function takeChallenge(
  db: Db,
  userId: string,
  purpose: Purpose,
  now: number,
): Promise<string | undefined> {
  try {
    const result = await db.doc.send(
      new DeleteCommand({
        TableName: db.mainTable,
        Key: userKey(userId, SK.passkeyChallenge(purpose)),
        ConditionExpression: 'attribute_exists(PK)',
        ReturnValues: 'ALL_OLD',
      }),
    );
    const item = result.Attributes;
    if (item === undefined || typeof item.challenge !== 'string' || Number(item.expiresAt) <= now)
      return undefined;
    return item.challenge;
  } catch (error) {
    if (isConditionFailed(error)) return undefined;
    throw error;
  }
}

export function buildPutPasskey(db: Db, userId: string, passkey: PasskeyItem): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { ...userKey(userId, SK.passkey(passkey.id)), entity: 'Passkey', ...passkey },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

/** Records a use: the new signature counter and when; the passkey must still exist. */
export function buildTouchPasskey(
  db: Db,
  userId: string,
  passkeyId: string,
  counter: number,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: userKey(userId, SK.passkey(passkeyId)),
      UpdateExpression: 'SET #counter = :counter, lastUsedAt = :at',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#counter': 'counter' },
      ExpressionAttributeValues: { ':counter': counter, ':at': at },
    },
  };
}

export function buildDeletePasskey(db: Db, userId: string, passkeyId: string): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: userKey(userId, SK.passkey(passkeyId)),
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}
