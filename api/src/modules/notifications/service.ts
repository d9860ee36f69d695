import { getSigningSecrets, isSupportEmail } from '../../config.js';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { normalizeEmail } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import {
  OPTIONAL_MAIL_KINDS,
  OPTIONAL_MAIL_LABELS,
  type OptionalMailKind,
} from '../../platform/email/templates.js';
import { readUnsubscribeToken } from '../../platform/email/unsubscribe-token.js';
import { AppError } from '../../platform/errors.js';
import { queryWeeklyResourcesConsentPage } from './consent-index-repo.js';
import * as repo from './repo.js';
import type { EmailPreferences, UnsubscribeState } from './schema.js';

export {
  buildEnqueueEmailItem,
  deliverQueuedEmail,
  drainOutbox,
  sendEmail,
  type EnqueueEmailInput,
} from './outbox.js';

const TRANSACTIONAL_NOTE =
  'Service emails about your account (sign-in links, invites, receipts, security notices, exports, deletion notices) are always sent.';

function toPreferences(preferences: repo.Preferences): EmailPreferences {
  return {
    items: OPTIONAL_MAIL_KINDS.map((kind) => ({
      kind,
      ...OPTIONAL_MAIL_LABELS[kind],
      isOptedIn: preferences[kind],
    })),
    transactionalNote: TRANSACTIONAL_NOTE,
    ...(preferences.updatedAt === undefined ? {} : { updatedAt: preferences.updatedAt }),
  };
}

/**
 * The user ids of everyone who turned the weekly resources email on, page by page, read from the
 * consent index (never the whole list of people).
 */
export async function* listWeeklyResourcesSubscribers(deps: AppDeps): AsyncGenerator<string> {
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryWeeklyResourcesConsentPage(deps.db, startKey);
    yield* page.userIds;
    startKey = page.lastKey;
  } while (startKey !== undefined);
}

/** The signed-in person's opt-ins, one per optional kind (all off until they opt in). */
export async function getEmailPreferences(deps: AppDeps, userId: string): Promise<EmailPreferences> {
  return toPreferences(await repo.getPreferences(deps.db, userId));
}

export async function updateEmailPreferences(
  deps: AppDeps,
  userId: string,
  changes: Partial<Record<OptionalMailKind, boolean>>,
): Promise<EmailPreferences> {
  await repo.setPreferences(deps.db, userId, changes, deps.now().toISOString());
  return getEmailPreferences(deps, userId);
}

function readToken(deps: AppDeps, token: string) {
  const claim = readUnsubscribeToken(getSigningSecrets(deps.config), token);
  if (claim === undefined) {
    throw new AppError(
      'invalid_unsubscribe_link',
      'Open the link from the email again, or change your email preferences after signing in.',
    );
  }
  return claim;
}

/** What an unsubscribe link is for, and whether that person still gets that list. */
export async function previewUnsubscribe(deps: AppDeps, token: string): Promise<UnsubscribeState> {
  const claim = readToken(deps, token);
  const preferences = await repo.getPreferences(deps.db, claim.userId);
  return {
    list: claim.list,
    label: OPTIONAL_MAIL_LABELS[claim.list].label,
    isOptedIn: preferences[claim.list],
  };
}

/**
 * Opts the person a signed link names out of the list it names (P-MAIL-2). No sign-in: the HMAC
 * signature is the authority, so an altered token changes nothing.
 */
export async function unsubscribe(deps: AppDeps, token: string): Promise<UnsubscribeState> {
  const claim = readToken(deps, token);
  await repo.setPreferences(deps.db, claim.userId, { [claim.list]: false }, deps.now().toISOString());
  return { list: claim.list, label: OPTIONAL_MAIL_LABELS[claim.list].label, isOptedIn: false };
}

/**
 * Lifting a suppression is for platform support only: the people listed in SUPPORT_EMAILS. A
 * workspace role is no ground (an address is not a workspace's), so anyone else is answered 404.
 */
function requireSupport(deps: AppDeps, principal: UserPrincipal): void {
  if (!isSupportEmail(deps.config, principal.email)) throw new AppError('not_found');
}

export async function getSuppression(deps: AppDeps, principal: UserPrincipal, email: string) {
  requireSupport(deps, principal);
  const found = await repo.getSuppression(deps.db, normalizeEmail(email));
  if (found === undefined)
    throw new AppError('not_found', 'This address has no suppression or bounce record.');
  return found;
}

/** Whether mail to an address is stopped because it bounced or complained (P-MAIL-4). */
export async function isAddressSuppressed(deps: AppDeps, email: string): Promise<boolean> {
  return repo.isSuppressed(deps.db, normalizeEmail(email));
}

/** Lets mail go to a suppressed address again (P-MAIL-4), recording who lifted it and why. */
export async function liftSuppression(
  deps: AppDeps,
  principal: UserPrincipal,
  input: { email: string; reason: string },
) {
  requireSupport(deps, principal);
  const email = normalizeEmail(input.email);
  const lifted = await repo.liftSuppression(
    deps.db,
    email,
    { userId: principal.userId, reason: input.reason },
    deps.now().toISOString(),
  );
  if (!lifted) throw new AppError('not_found', 'This address is not suppressed.');
  const found = await repo.getSuppression(deps.db, email);
  if (found === undefined) throw new AppError('not_found');
  return found;
}
