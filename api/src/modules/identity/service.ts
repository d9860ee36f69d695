import { buildWebUrl } from '../../config.js';
import {
  commitWithAudit,
  WriteConditionFailed,
  type AuditEvent,
  type TransactItem,
} from '../../platform/audit/audit-log.js';
import { deleteClerkUser } from '../../platform/auth/clerk-users.js';
import { createSession, deleteSessionsOfUser } from '../../platform/auth/sessions.js';
import { createId, createSecret, hashSecret, normalizeEmail } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { sendEmail } from '../notifications/service.js';
import { listMyWorkspaces, planPersonalWorkspace } from '../workspaces/service.js';
import type { MemberProfile, WorkspaceSummary } from '../workspaces/schema.js';
import { queryPeoplePage, type Person } from './people-repo.js';
import * as repo from './repo.js';
import type { Account, SignIn, User } from './schema.js';

/**
 * Who a person is: signing in (the built-in magic link, or Clerk), provisioning a new account
 * with its personal workspace, and the account as other modules read it.
 */

const SIGN_IN_TOKEN_MINUTES = 15;

export function toUser(item: repo.UserItem): User {
  return { id: item.id, email: item.email, displayName: item.displayName, createdAt: item.createdAt };
}

function defaultDisplayName(email: string): string {
  return email.split('@')[0] ?? email;
}

/**
 * Stores a single-use sign-in token (only its hash) and emails the link. The answer is the same
 * whether or not an account exists, because a first sign-in is also the sign-up.
 */
export async function requestMagicLink(deps: AppDeps, input: { email: string }): Promise<void> {
  const email = normalizeEmail(input.email);
  const token = createSecret(32);
  const now = deps.now();
  const expiresAt = new Date(now.getTime() + SIGN_IN_TOKEN_MINUTES * 60_000);
  const tokenHash = hashSecret(token);
  const link = buildWebUrl(deps.config, `/auth/verify?token=${encodeURIComponent(token)}`);
  // The token and its mail are written together, then the mail goes out at once (the person is
  // waiting for it); if SES is down the outbox retries it.
  await sendEmail(
    deps,
    {
      dedupeKey: `sign-in:${tokenHash}`,
      to: email,
      template: 'signInLink',
      data: { link, validMinutes: SIGN_IN_TOKEN_MINUTES },
    },
    [
      repo.buildPutSignInTokenItem(deps.db, tokenHash, {
        email,
        createdAt: now.toISOString(),
        expiresAtEpoch: Math.floor(expiresAt.getTime() / 1000),
      }),
    ],
  );
}

/**
 * Verifies a sign-in token and opens a session. A new account must confirm the person is 18 or
 * older (P-AGE-1); until they do, the token is left unused so they can confirm and retry.
 */
export async function verifyMagicLink(
  deps: AppDeps,
  input: { token: string; ageConfirmed?: boolean; userAgent?: string },
): Promise<{ user: User; sessionId: string; expiresAt: Date }> {
  const now = deps.now();
  const tokenHash = hashSecret(input.token);
  const found = await repo.getSignInToken(deps.db, tokenHash);
  const nowEpoch = Math.floor(now.getTime() / 1000);
  if (found === undefined || found.usedAt !== undefined || found.expiresAtEpoch <= nowEpoch) {
    throw new AppError(
      'invalid_token',
      'This sign-in link has expired or was already used. Ask for a new one.',
    );
  }
  const existingId = await repo.findUserIdByEmail(deps.db, found.email);
  if (existingId === undefined && input.ageConfirmed !== true) {
    throw new AppError(
      'age_confirmation_required',
      'Holdfast accounts are for adults. Confirm you are 18 or older to create yours.',
      {
        errors: [{ field: 'ageConfirmed', message: 'Confirm you are 18 or older' }],
      },
    );
  }
  if (!(await repo.spendSignInToken(deps.db, tokenHash, now)))
    throw new AppError(
      'invalid_token',
      'This sign-in link has expired or was already used. Ask for a new one.',
    );
  const user =
    existingId === undefined
      ? await provisionUser(deps, { email: found.email, ageConfirmedAt: now.toISOString() })
      : await repo.getUser(deps.db, existingId);
  if (user === undefined) throw new AppError('invalid_token');
  await recordSignIn(deps, user.id, {
    at: now.toISOString(),
    method: 'magic-link',
    ...(input.userAgent === undefined ? {} : { userAgent: input.userAgent.slice(0, 300) }),
  });
  // An account scheduled for deletion signs in only to see and restore it.
  const session = await createSession(deps.db, {
    userId: user.id,
    email: user.email,
    ttlDays: deps.config.SESSION_TTL_DAYS,
    now,
    ...(user.deletionRequestedAt === undefined ? {} : { isPendingDeletion: true }),
  });
  return { user: toUser(user), ...session };
}

async function recordSignIn(deps: AppDeps, userId: string, signIn: SignIn): Promise<void> {
  await repo.putSignIn(deps.db, userId, signIn, createId());
}

/**
 * The transaction that creates a person with a personal workspace they own; the workspace's audit
 * chain starts with its creation. Callers commit it with `commitWithAudit`, adding their own items.
 */
export function buildProvisionUser(
  deps: AppDeps,
  input: { email: string; displayName?: string; ageConfirmedAt?: string; clerkUserId?: string },
): { user: repo.UserItem; tenantId: string; operations: TransactItem[]; event: AuditEvent } {
  const now = deps.now().toISOString();
  const email = normalizeEmail(input.email);
  const user: repo.UserItem = {
    id: createId(),
    email,
    displayName: input.displayName ?? defaultDisplayName(email),
    createdAt: now,
    ...(input.ageConfirmedAt === undefined ? {} : { ageConfirmedAt: input.ageConfirmedAt }),
    ...(input.clerkUserId === undefined ? {} : { clerkUserId: input.clerkUserId }),
  };
  const personal = planPersonalWorkspace(deps, user, now);
  return {
    user,
    tenantId: personal.tenantId,
    operations: [...repo.buildCreateUserItems(deps.db, user, input.clerkUserId), ...personal.operations],
    event: personal.event,
  };
}

/** Creates a person with a personal workspace they own (see `buildProvisionUser`). */
export async function provisionUser(
  deps: AppDeps,
  input: { email: string; displayName?: string; ageConfirmedAt?: string; clerkUserId?: string },
): Promise<Account> {
  const { user, tenantId, operations, event } = buildProvisionUser(deps, input);
  try {
    await commitWithAudit(deps.db, tenantId, operations, event, deps.now);
  } catch (error) {
    // Someone signed up with the same email a moment earlier: use that account.
    if (error instanceof WriteConditionFailed) {
      const existing = await repo.findUserIdByEmail(deps.db, user.email);
      const found = existing === undefined ? undefined : await repo.getUser(deps.db, existing);
      if (found !== undefined) return found;
    }
    throw error;
  }
  return user;
}

/** The local user of a verified Clerk id, provisioned on first sight. */
export async function resolveClerkUser(
  deps: AppDeps,
  clerkUserId: string,
): Promise<{ userId: string; email: string; isPendingDeletion?: boolean }> {
  const lookup = await repo.findClerkLookup(deps.db, clerkUserId);
  // A token Clerk issued before deleting its user (it stays valid for a minute) opens nothing:
  // not the account being deleted, and not a new one either.
  if (lookup?.clerkDeletedAt !== undefined)
    throw new AppError('unauthenticated', 'This Clerk account was deleted.');
  const user = lookup === undefined ? undefined : await repo.getUser(deps.db, lookup.userId);
  if (user !== undefined)
    return {
      userId: user.id,
      email: user.email,
      ...(user.deletionRequestedAt === undefined ? {} : { isPendingDeletion: true }),
    };
  // The session token carries no email; the Clerk webhook fills the profile in later.
  const created = await provisionUser(deps, {
    email: `${clerkUserId.toLowerCase()}@users.clerk.invalid`,
    displayName: 'New member',
    clerkUserId,
  });
  await recordSignIn(deps, created.id, { at: deps.now().toISOString(), method: 'clerk' });
  return { userId: created.id, email: created.email };
}

export async function getMe(
  deps: AppDeps,
  userId: string,
): Promise<{ user: User; workspaces: WorkspaceSummary[] }> {
  const user = await repo.getUser(deps.db, userId);
  if (user === undefined) throw new AppError('unauthenticated');
  return { user: toUser(user), workspaces: await listMyWorkspaces(deps, userId) };
}

export async function listSignIns(deps: AppDeps, userId: string): Promise<SignIn[]> {
  return repo.listSignIns(deps.db, userId, 50);
}

/**
 * Deletes what points at a person being purged outside their own partition: every session, the
 * email lookup, the Clerk lookup and the Clerk user itself (when Clerk is configured and has not
 * deleted it already; a 404 from Clerk counts as deleted too). Reads the
 * profile, so it runs before the person's partition is swept; each step is safe to repeat.
 */
export async function purgeUserLookups(deps: AppDeps, userId: string): Promise<void> {
  await deleteSessionsOfUser(deps.db, userId);
  const user = await repo.getUser(deps.db, userId);
  if (user === undefined) return;
  if (user.clerkUserId !== undefined) {
    // Not when Clerk's own user.deleted started this deletion: that user is already gone there.
    const lookup = await repo.findClerkLookup(deps.db, user.clerkUserId);
    const isGoneAtClerk = lookup?.userId === userId && lookup.clerkDeletedAt !== undefined;
    if (!isGoneAtClerk) await deleteClerkUser(deps.config, user.clerkUserId);
    await repo.deleteClerkLookup(deps.db, user.clerkUserId, userId);
  }
  await repo.deleteEmailLookup(deps.db, user.email, userId);
}

/** The profile as the deletion needs it (email for notices, the deletion mark). */
export async function getUserForDeletion(deps: AppDeps, userId: string): Promise<Account | undefined> {
  return repo.getUser(deps.db, userId);
}

/** What a workspace copies onto a person's member entry (see the workspaces module). */
/** The account an address signs in to, for support's tools; undefined when no account uses it. */
export async function findAccountByEmail(
  deps: AppDeps,
  email: string,
): Promise<{ userId: string; email: string } | undefined> {
  const userId = await repo.findUserIdByEmail(deps.db, normalizeEmail(email));
  if (userId === undefined) return undefined;
  const user = await repo.getUser(deps.db, userId);
  return user === undefined ? undefined : { userId, email: user.email };
}

export async function getMemberProfile(deps: AppDeps, userId: string): Promise<MemberProfile | undefined> {
  const user = await repo.getUser(deps.db, userId);
  return user === undefined
    ? undefined
    : {
        id: user.id,
        email: user.email,
        displayName: user.displayName,
        isPendingDeletion: user.deletionRequestedAt !== undefined,
      };
}

/** Every person with an account, page by page, for jobs that write to everyone (policy notices). */
export async function* listPeople(deps: AppDeps): AsyncGenerator<Person> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryPeoplePage(deps.db, startKey);
    yield* page.items;
    startKey = page.lastKey;
  } while (startKey !== undefined);
}
