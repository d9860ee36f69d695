import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { createSecret, hashSecret } from '../db/ids.js';
import { platformPk, SK } from '../db/keys.js';
import { GSI1 } from '../db/index-keys.js';
import { queryGsi1PrefixAll } from '../db/query.js';
import type { ItemCache } from '../db/item-cache.js';
import { isConditionFailed } from '../db/transactions.js';

export const SESSION_COOKIE = 'hf_session';

type SessionItem = {
  userId: string;
  email: string;
  createdAt: string;
  expiresAtEpoch: number;
  /** The account is scheduled for deletion: this session may only see and restore it. */
  isPendingDeletion?: boolean;
  /** When this session last proved a second factor (step-up for administrative routes). */
  secondFactorAt?: string;
};

/** Stores a new server-side session and returns the id to put (signed) in the cookie. */
export async function createSession(
  db: Db,
  input: { userId: string; email: string; ttlDays: number; now: Date; isPendingDeletion?: boolean },
): Promise<{ sessionId: string; expiresAt: Date }> {
  const sessionId = createSecret();
  const sessionHash = hashSecret(sessionId);
  const expiresAt = new Date(input.now.getTime() + input.ttlDays * 86_400_000);
  await db.doc.send(
    new PutCommand({
      TableName: db.mainTable,
      Item: {
        PK: platformPk('session', sessionHash),
        SK: SK.session(),
        entity: 'Session',
        // Listed under the user, so deleting the account ends every session at once.
        ...GSI1.sessionOfUser(input.userId, sessionHash),
        userId: input.userId,
        email: input.email,
        createdAt: input.now.toISOString(),
        expiresAtEpoch: Math.floor(expiresAt.getTime() / 1000),
        ...(input.isPendingDeletion === true ? { isPendingDeletion: true } : {}),
      },
    }),
  );
  return { sessionId, expiresAt };
}

/**
 * The live session for an id, or undefined when unknown, ended or expired. With `cache`, a
 * session read in the last few seconds is not read again (see ItemCache for how an ended one stops).
 */
export async function findSession(
  db: Db,
  sessionId: string,
  now: Date,
  cache?: ItemCache,
): Promise<(SessionItem & { sessionHash: string }) | undefined> {
  const sessionHash = hashSecret(sessionId);
  const key = { PK: platformPk('session', sessionHash), SK: SK.session() };
  const load = async () => (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: key }))).Item;
  const item = (cache === undefined ? await load() : await cache.read(key, load)) as SessionItem | undefined;
  // DynamoDB's TTL deletes late (and DynamoDB Local never does), so expiry is checked on read.
  if (item === undefined || item.expiresAtEpoch * 1000 <= now.getTime()) return undefined;
  return { ...item, sessionHash };
}

/** Ends a session server-side: the cookie stops working even if someone kept a copy. */
export async function deleteSession(db: Db, sessionHash: string): Promise<void> {
  await db.doc.send(
    new DeleteCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('session', sessionHash), SK: SK.session() },
    }),
  );
}

/** The hashes of every session of a user (through GSI1, so one started a moment ago may be missing). */
export async function listSessionHashesOfUser(db: Db, userId: string): Promise<string[]> {
  const { GSI1PK, prefix } = GSI1.sessionsOfUser(userId);
  const items = await queryGsi1PrefixAll(db, { gsi1pk: GSI1PK, prefix });
  return items.map((item) => (item.GSI1SK as string).slice(prefix.length));
}

/** Ends every session of a user (sign-out everywhere). */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<void> {
  for (const sessionHash of await listSessionHashesOfUser(db, userId)) await deleteSession(db, sessionHash);
}

/** Lifts the restore-only limit of a session once its account is restored. */
export async function clearSessionPendingDeletion(db: Db, sessionHash: string): Promise<void> {
  await db.doc.send(
    new UpdateCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('session', sessionHash), SK: SK.session() },
      UpdateExpression: 'REMOVE isPendingDeletion',
      ConditionExpression: 'attribute_exists(PK)',
    }),
  );
}

/**
 * Puts a person's new email address on their live sessions, which carry it as the audit label
 * of what they do. Sessions that already carry it, or ended meanwhile, are skipped.
 */
export async function setEmailOfSessions(db: Db, userId: string, email: string): Promise<void> {
  const { GSI1PK, prefix } = GSI1.sessionsOfUser(userId);
  const sessions = await queryGsi1PrefixAll(db, { gsi1pk: GSI1PK, prefix });
  // Most profile changes leave the address alone: then no session is written at all.
  for (const session of sessions.filter((item) => item.email !== email)) {
    const sessionHash = (session.GSI1SK as string).slice(prefix.length);
    try {
      await db.doc.send(
        new UpdateCommand({
          TableName: db.mainTable,
          Key: { PK: platformPk('session', sessionHash), SK: SK.session() },
          UpdateExpression: 'SET email = :email',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':email': email },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
}

/** Updates a live session; false when it ended meanwhile (nothing is written then). */
async function updateLiveSession(
  db: Db,
  sessionHash: string,
  update: { expression: string; values?: Record<string, string> },
): Promise<boolean> {
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: { PK: platformPk('session', sessionHash), SK: SK.session() },
        UpdateExpression: update.expression,
        ConditionExpression: 'attribute_exists(PK)',
        ...(update.values === undefined ? {} : { ExpressionAttributeValues: update.values }),
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Records on a live session that its person just proved a second factor, so administrative routes
 * open for SECOND_FACTOR_MAX_AGE_HOURS. False when the session ended meanwhile.
 */
export function markSessionSecondFactor(db: Db, sessionHash: string, at: Date): Promise<boolean> {
  return updateLiveSession(db, sessionHash, {
    expression: 'SET secondFactorAt = :at',
    values: { ':at': at.toISOString() },
  });
}

/**
 * Forgets the second-factor proof on every session of a person (their last factor was removed),
 * so no session keeps administrative access a factor no longer backs.
 */
export async function clearSecondFactorOfSessions(db: Db, userId: string): Promise<void> {
  for (const sessionHash of await listSessionHashesOfUser(db, userId))
    await updateLiveSession(db, sessionHash, { expression: 'REMOVE secondFactorAt' });
}
