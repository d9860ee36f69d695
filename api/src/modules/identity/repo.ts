import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { platformPk, SK, SK_PREFIX } from '../../platform/db/keys.js';
import { GSI2 } from '../../platform/db/index-keys.js';
import { queryPrefixPage } from '../../platform/db/query.js';
import { getFailedConditionIndexes, isConditionFailed } from '../../platform/db/transactions.js';
import type { SignIn, User } from './schema.js';

/**
 * Items of the identity module, all outside any tenant: a person's profile (`USER#<id> / PROFILE`)
 * and sign-in history, the email and Clerk lookups, and the one-time link tokens.
 */

export type UserItem = User & {
  ageConfirmedAt?: string;
  /** The Clerk user id of an account made through Clerk, so its purge can delete the Clerk user. */
  clerkUserId?: string;
  /** Set while the account is scheduled for deletion (hidden, restorable). */
  deletionRequestedAt?: string;
};

export async function getUser(db: Db, userId: string): Promise<UserItem | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: { PK: platformPk('user', userId), SK: SK.profile() } }),
  );
  return result.Item === undefined ? undefined : pickUser(result.Item);
}

function pickUser(item: Record<string, unknown>): UserItem {
  return {
    id: item.id as string,
    email: item.email as string,
    displayName: item.displayName as string,
    createdAt: item.createdAt as string,
    ...(typeof item.ageConfirmedAt === 'string' ? { ageConfirmedAt: item.ageConfirmedAt } : {}),
    ...(typeof item.clerkUserId === 'string' ? { clerkUserId: item.clerkUserId } : {}),
    ...(typeof item.deletionRequestedAt === 'string'
      ? { deletionRequestedAt: item.deletionRequestedAt }
      : {}),
  };
}

export async function findUserIdByEmail(db: Db, email: string): Promise<string | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('email', email), SK: SK.emailLookup() },
    }),
  );
  return result.Item?.userId as string | undefined;
}

/**
 * Where a Clerk user id points: the local user, and when Clerk said it deleted that user (the
 * lookup is kept until the purge, so the id can no longer sign in or create a new account).
 */
export type ClerkLookup = { userId: string; clerkDeletedAt?: string };

const clerkLookupKey = (clerkUserId: string) => ({
  PK: platformPk('clerkUser', clerkUserId),
  SK: SK.clerkLookup(),
});

export async function findClerkLookup(db: Db, clerkUserId: string): Promise<ClerkLookup | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: clerkLookupKey(clerkUserId) }),
  );
  const item = result.Item;
  if (item === undefined) return undefined;
  return {
    userId: item.userId as string,
    ...(typeof item.clerkDeletedAt === 'string' ? { clerkDeletedAt: item.clerkDeletedAt } : {}),
  };
}

/** Records on the lookup that Clerk deleted its user (only while it still points at `userId`). */
export function buildMarkClerkUserDeletedItem(
  db: Db,
  clerkUserId: string,
  userId: string,
  at: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: clerkLookupKey(clerkUserId),
      UpdateExpression: 'SET clerkDeletedAt = if_not_exists(clerkDeletedAt, :at)',
      ConditionExpression: 'userId = :userId',
      ExpressionAttributeValues: { ':at': at, ':userId': userId },
    },
  };
}

/** Transaction items creating a user, its email lookup, and (optionally) its Clerk lookup. */
export function buildCreateUserItems(db: Db, user: UserItem, clerkUserId?: string): TransactItem[] {
  const items: TransactItem[] = [
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          PK: platformPk('user', user.id),
          SK: SK.profile(),
          // Listed in the people index, which jobs that reach every person query.
          ...GSI2.person(user.id),
          entity: 'User',
          ...user,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: {
          PK: platformPk('email', user.email),
          SK: SK.emailLookup(),
          entity: 'EmailLookup',
          userId: user.id,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    },
  ];
  if (clerkUserId !== undefined) {
    items.push({
      Put: {
        TableName: db.mainTable,
        Item: {
          ...clerkLookupKey(clerkUserId),
          entity: 'ClerkLookup',
          userId: user.id,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      },
    });
  }
  return items;
}

export function buildSignInItem(db: Db, userId: string, signIn: SignIn, id: string): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: platformPk('user', userId), SK: SK.signIn(signIn.at, id), entity: 'SignIn', ...signIn },
    },
  };
}

export async function listSignIns(db: Db, userId: string, limit: number): Promise<SignIn[]> {
  const page = await queryPrefixPage(db, {
    pk: platformPk('user', userId),
    prefix: SK_PREFIX.signIn,
    isNewestFirst: true,
    limit,
  });
  return page.items.map((item) => ({
    at: item.at as string,
    method: item.method as SignIn['method'],
    ...(typeof item.userAgent === 'string' ? { userAgent: item.userAgent } : {}),
  }));
}

/** Deletes an email lookup only while it still points at `userId` (the address may be reused later). */
export async function deleteEmailLookup(db: Db, email: string, userId: string): Promise<void> {
  await deleteIfOwnedBy(db, { PK: platformPk('email', email), SK: SK.emailLookup() }, userId);
}

export async function deleteClerkLookup(db: Db, clerkUserId: string, userId: string): Promise<void> {
  await deleteIfOwnedBy(db, clerkLookupKey(clerkUserId), userId);
}

async function deleteIfOwnedBy(db: Db, key: { PK: string; SK: string }, userId: string): Promise<void> {
  try {
    await db.doc.send(
      new DeleteCommand({
        TableName: db.mainTable,
        Key: key,
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :userId',
        ExpressionAttributeValues: { ':userId': userId },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}

function buildSetUserDisplayNameCommand(db: Db, userId: string, displayName: string): UpdateCommand {
  return new UpdateCommand({
    TableName: db.mainTable,
    Key: { PK: platformPk('user', userId), SK: SK.profile() },
    UpdateExpression: 'SET displayName = :name',
    ConditionExpression: 'attribute_exists(PK)',
    ExpressionAttributeValues: { ':name': displayName },
  });
}

/**
 * Moves the address index from one email to another for a person: the old entry goes (if it is
 * still theirs) and the new one must not already point at someone else.
 */
export function buildMoveEmailLookupItems(
  db: Db,
  userId: string,
  oldEmail: string,
  newEmail: string,
): TransactItem[] {
  return [
    {
      Delete: {
        TableName: db.mainTable,
        Key: { PK: platformPk('email', oldEmail), SK: SK.emailLookup() },
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :id',
        ExpressionAttributeValues: { ':id': userId },
      },
    },
    {
      Put: {
        TableName: db.mainTable,
        Item: { PK: platformPk('email', newEmail), SK: SK.emailLookup(), entity: 'EmailLookup', userId },
        ConditionExpression: 'attribute_not_exists(PK) OR userId = :id',
        ExpressionAttributeValues: { ':id': userId },
      },
    },
  ];
}

/** Moves a person to a new email address: the profile (only if it still has the old one) and the index. */
function buildChangeUserEmailItems(
  db: Db,
  userId: string,
  oldEmail: string,
  newEmail: string,
): TransactItem[] {
  return [
    {
      Update: {
        TableName: db.mainTable,
        Key: { PK: platformPk('user', userId), SK: SK.profile() },
        UpdateExpression: 'SET #email = :new',
        ConditionExpression: 'attribute_exists(PK) AND #email = :old',
        ExpressionAttributeNames: { '#email': 'email' },
        ExpressionAttributeValues: { ':new': newEmail, ':old': oldEmail },
      },
    },
    ...buildMoveEmailLookupItems(db, userId, oldEmail, newEmail),
  ];
}

/**
 * The write that spends a one-time link token (sign-in, email change): it succeeds once, and only
 * before the token expires, so two clicks racing each other cannot both get through.
 */
function spendTokenUpdate(
  db: Db,
  key: { PK: string; SK: string },
  now: Date,
): NonNullable<TransactItem['Update']> {
  return {
    TableName: db.mainTable,
    Key: key,
    UpdateExpression: 'SET usedAt = :now',
    ConditionExpression: 'attribute_exists(PK) AND attribute_not_exists(usedAt) AND expiresAtEpoch > :epoch',
    ExpressionAttributeValues: { ':now': now.toISOString(), ':epoch': Math.floor(now.getTime() / 1000) },
  };
}

/** A one-time link token as stored: only its hash is the key; `email` is where the link was sent. */
export type LinkTokenItem = { email: string; userId?: string; expiresAtEpoch: number; usedAt?: string };

const signInTokenKey = (tokenHash: string) => ({
  PK: platformPk('signInToken', tokenHash),
  SK: SK.linkToken(),
});
const emailChangeTokenKey = (tokenHash: string) => ({
  PK: platformPk('emailChangeToken', tokenHash),
  SK: SK.linkToken(),
});

/** The sign-in token item, committed with the mail that carries its link. */
export function buildPutSignInTokenItem(
  db: Db,
  tokenHash: string,
  token: { email: string; createdAt: string; expiresAtEpoch: number },
): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { ...signInTokenKey(tokenHash), entity: 'SignInToken', ...token },
    },
  };
}

/** The email-change token item, committed with the mail that carries its link. */
export function buildPutEmailChangeTokenItem(
  db: Db,
  tokenHash: string,
  token: { userId: string; email: string; createdAt: string; expiresAtEpoch: number },
): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { ...emailChangeTokenKey(tokenHash), entity: 'EmailChangeToken', ...token },
    },
  };
}

async function getToken(db: Db, key: { PK: string; SK: string }): Promise<LinkTokenItem | undefined> {
  return (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: key, ConsistentRead: true })))
    .Item as LinkTokenItem | undefined;
}

export async function getSignInToken(db: Db, tokenHash: string): Promise<LinkTokenItem | undefined> {
  return getToken(db, signInTokenKey(tokenHash));
}

export async function getEmailChangeToken(db: Db, tokenHash: string): Promise<LinkTokenItem | undefined> {
  return getToken(db, emailChangeTokenKey(tokenHash));
}

/** Spends a sign-in token; false when it was already spent or has expired meanwhile. */
export async function spendSignInToken(db: Db, tokenHash: string, now: Date): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand(spendTokenUpdate(db, signInTokenKey(tokenHash), now)));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

/**
 * Spends an email-change token and moves the person to its address in one transaction. Answers
 * `token-unusable` when the token was spent or expired meanwhile, `conflict` when the address was
 * taken or the profile changed.
 */
export async function commitEmailChange(
  db: Db,
  tokenHash: string,
  change: { userId: string; oldEmail: string; newEmail: string },
  now: Date,
): Promise<'changed' | 'token-unusable' | 'conflict'> {
  try {
    await db.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Update: spendTokenUpdate(db, emailChangeTokenKey(tokenHash), now) },
          ...buildChangeUserEmailItems(db, change.userId, change.oldEmail, change.newEmail),
        ],
      }),
    );
  } catch (error) {
    const failed = getFailedConditionIndexes(error);
    if (failed === undefined) throw error;
    return failed.includes(0) ? 'token-unusable' : 'conflict';
  }
  return 'changed';
}

export async function putSignIn(db: Db, userId: string, signIn: SignIn, id: string): Promise<void> {
  const item = buildSignInItem(db, userId, signIn, id);
  if (item.Put === undefined) return;
  await db.doc.send(new PutCommand(item.Put));
}

export async function setUserDisplayName(db: Db, userId: string, displayName: string): Promise<void> {
  await db.doc.send(buildSetUserDisplayNameCommand(db, userId, displayName));
}

/** The profile update a sign-in provider's profile event makes (a name, an address, or both). */
export function buildUpdateUserProfileItem(
  db: Db,
  userId: string,
  changes: { displayName?: string; email?: string },
): TransactItem {
  const names: Record<string, string> = {};
  const values: Record<string, string> = {};
  const sets: string[] = [];
  if (changes.displayName !== undefined) {
    sets.push('displayName = :name');
    values[':name'] = changes.displayName;
  }
  if (changes.email !== undefined) {
    sets.push('#email = :email');
    names['#email'] = 'email';
    values[':email'] = changes.email;
  }
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: platformPk('user', userId), SK: SK.profile() },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(PK)',
      ...(Object.keys(names).length === 0 ? {} : { ExpressionAttributeNames: names }),
      ExpressionAttributeValues: values,
    },
  };
}
