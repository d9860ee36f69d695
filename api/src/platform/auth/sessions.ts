import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { createSecret, hashSecret } from '../db/ids.js';
import { GSI1, platformPk } from '../db/keys.js';
import { queryIndexPrefixAll } from '../db/query.js';

export const SESSION_COOKIE = 'hf_session';

type SessionItem = { userId: string; email: string; createdAt: string; expiresAtEpoch: number };

/** Stores a new server-side session and returns the id to put (signed) in the cookie. */
export async function createSession(
  db: Db,
  input: { userId: string; email: string; ttlDays: number; now: Date },
): Promise<{ sessionId: string; expiresAt: Date }> {
  const sessionId = createSecret();
  const expiresAt = new Date(input.now.getTime() + input.ttlDays * 86_400_000);
  const sessionHash = hashSecret(sessionId);
  await db.doc.send(
    new PutCommand({
      TableName: db.mainTable,
      Item: {
        PK: platformPk('session', sessionHash),
        SK: 'SESSION',
        entity: 'Session',
        ...GSI1.sessionOfUser(input.userId, sessionHash),
        userId: input.userId,
        email: input.email,
        createdAt: input.now.toISOString(),
        expiresAtEpoch: Math.floor(expiresAt.getTime() / 1000),
      },
    }),
  );
  return { sessionId, expiresAt };
}

/** The live session for an id, or undefined when unknown, ended or expired. */
export async function findSession(
  db: Db,
  sessionId: string,
  now: Date,
): Promise<(SessionItem & { sessionHash: string }) | undefined> {
  const sessionHash = hashSecret(sessionId);
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('session', sessionHash), SK: 'SESSION' },
    }),
  );
  const item = result.Item as SessionItem | undefined;
  // DynamoDB's TTL deletes late (and DynamoDB Local never does), so expiry is checked on read.
  if (item === undefined || item.expiresAtEpoch * 1000 <= now.getTime()) return undefined;
  return { ...item, sessionHash };
}

/** Ends a session server-side: the cookie stops working even if someone kept a copy. */
export async function deleteSession(db: Db, sessionHash: string): Promise<void> {
  await db.doc.send(
    new DeleteCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('session', sessionHash), SK: 'SESSION' },
    }),
  );
}

/** Ends every session of a person (sign out everywhere); returns how many were ended. */
export async function deleteSessionsOfUser(db: Db, userId: string): Promise<number> {
  const sessions = await queryIndexPrefixAll(db, GSI1.sessionsOfUser(userId));
  for (const item of sessions) {
    await db.doc.send(
      new DeleteCommand({ TableName: db.mainTable, Key: { PK: item.PK as string, SK: 'SESSION' } }),
    );
  }
  return sessions.length;
}
