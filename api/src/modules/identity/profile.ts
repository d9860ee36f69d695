import { buildWebUrl } from '../../config.js';
import { setEmailOfSessions } from '../../platform/auth/sessions.js';
import { createSecret, hashSecret, normalizeEmail } from '../../platform/db/ids.js';
import { platformPk } from '../../platform/db/keys.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { isAddressSuppressed, sendEmail } from '../notifications/service.js';
import { syncMemberProfile } from '../workspaces/service.js';
import * as repo from './repo.js';
import type { User } from './schema.js';
import { toUser } from './service.js';

/**
 * Correcting one's own profile (P-RIGHT-2): the display name changes at once, the email address
 * once the new address confirms it. Every workspace the person belongs to keeps a copy of both
 * (its member list), and each copy changes with an entry in that workspace's audit log, because a
 * co-parent renaming themselves is part of the workspace's history.
 */

const EMAIL_CHANGE_MINUTES = 60;

const INVALID_CONFIRMATION =
  'This confirmation link has expired, was already used, or was asked for by another account. Ask for a new one on your Account page.';

async function requireUser(deps: AppDeps, userId: string): Promise<repo.UserItem> {
  const user = await repo.getUser(deps.db, userId);
  if (user === undefined) throw new AppError('unauthenticated');
  return user;
}

/**
 * Brings the copies of a person's profile in line with it: the email their sessions carry, and
 * every workspace's member entry. A copy already in line is left alone (no audit entry), so this
 * is safe to run again after a crash, and it serves every way a profile changes: here, and the
 * sign-in provider's profile updates.
 */
export async function syncProfileCopies(deps: AppDeps, userId: string): Promise<void> {
  const user = await repo.getUser(deps.db, userId);
  if (user === undefined) return;
  await setEmailOfSessions(deps.db, userId, user.email);
  await syncMemberProfile(deps, user);
}

export async function updateProfile(
  deps: AppDeps,
  userId: string,
  input: { displayName: string },
): Promise<User> {
  const user = await requireUser(deps, userId);
  const displayName = input.displayName.trim();
  if (displayName === user.displayName) return toUser(user);
  await repo.setUserDisplayName(deps.db, userId, displayName);
  await syncProfileCopies(deps, userId);
  return toUser({ ...user, displayName });
}

/**
 * Mails a one-time confirmation link to the new address. Nothing changes until it is followed by
 * the same account: an address is only ever a sign-in once its holder has shown it is theirs.
 */
export async function requestEmailChange(
  deps: AppDeps,
  userId: string,
  input: { email: string },
): Promise<void> {
  const user = await requireUser(deps, userId);
  if (user.clerkUserId !== undefined)
    throw new AppError(
      'conflict',
      'Your sign-in provider manages your email address: change it there and Holdfast follows.',
    );
  const email = normalizeEmail(input.email);
  if (email === user.email)
    throw new AppError('validation_failed', 'This is already your email address.', {
      errors: [{ field: 'email', message: 'is already your address' }],
    });
  // The link would never arrive: say so now rather than leave the person waiting for it.
  if (await isAddressSuppressed(deps, email))
    throw new AppError(
      'conflict',
      'Mail to this address bounced or was reported as spam before, so Holdfast does not send to it. Use another address, or ask support to lift the block.',
    );
  const token = createSecret(32);
  const tokenHash = hashSecret(token);
  const now = deps.now();
  const link = buildWebUrl(deps.config, `/account/email-change?token=${encodeURIComponent(token)}`);
  await sendEmail(
    deps,
    {
      dedupeKey: `email-change:${tokenHash}`,
      to: email,
      template: 'serviceNotice',
      data: {
        subject: 'Confirm your new Holdfast email address',
        heading: 'Confirm your new email address',
        paragraphs: [
          `The Holdfast account of ${user.email} asked to sign in with this address from now on.`,
          `Confirm it with this link while signed in (valid for ${EMAIL_CHANGE_MINUTES} minutes, once).`,
          'If you did not ask for this, ignore this email: nothing changes.',
        ],
        link: { label: 'Confirm this address', url: link },
      },
    },
    [
      repo.buildPutEmailChangeTokenItem(deps.db, tokenHash, {
        userId,
        email,
        createdAt: now.toISOString(),
        expiresAtEpoch: Math.floor(now.getTime() / 1000) + EMAIL_CHANGE_MINUTES * 60,
      }),
    ],
  );
}

/**
 * Completes an email change: in one transaction the token is spent, the profile takes the new
 * address and the address index moves to it (refused if another account holds it). Then the
 * sessions and workspace copies follow, and the old address is told.
 */
export async function confirmEmailChange(deps: AppDeps, userId: string, token: string): Promise<User> {
  const now = deps.now();
  const nowEpoch = Math.floor(now.getTime() / 1000);
  const tokenHash = hashSecret(token);
  const found = await repo.getEmailChangeToken(deps.db, tokenHash);
  if (
    found === undefined ||
    found.userId !== userId ||
    found.usedAt !== undefined ||
    found.expiresAtEpoch <= nowEpoch
  )
    throw new AppError('invalid_token', INVALID_CONFIRMATION);
  const user = await requireUser(deps, userId);
  const holder = await repo.findUserIdByEmail(deps.db, found.email);
  if (holder !== undefined && holder !== userId)
    throw new AppError('conflict', 'This address already belongs to another Holdfast account.');
  const outcome = await repo.commitEmailChange(
    deps.db,
    tokenHash,
    { userId, oldEmail: user.email, newEmail: found.email },
    now,
  );
  if (outcome === 'token-unusable') throw new AppError('invalid_token', INVALID_CONFIRMATION);
  if (outcome === 'conflict')
    throw new AppError(
      'conflict',
      'The address was taken, or your account changed, while this was confirmed. Ask for a new link.',
    );
  await syncProfileCopies(deps, userId);
  await sendEmail(deps, {
    dedupeKey: `email-changed:${platformPk('emailChangeToken', tokenHash)}`,
    to: user.email,
    template: 'securityAlert',
    data: {
      event: `Your Holdfast sign-in address was changed to ${found.email}`,
      at: now.toISOString(),
      reviewUrl: buildWebUrl(deps.config, '/account'),
    },
  });
  return toUser({ ...user, email: found.email });
}
