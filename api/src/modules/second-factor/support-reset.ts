import { isSupportEmail } from '../../config.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import { createPlatformAdminCheck } from '../../platform/auth/platform-admins.js';
import { toActor, type UserPrincipal } from '../../platform/auth/principal.js';
import { createId } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { findAccountByEmail } from '../identity/service.js';
import { deliverQueuedEmail } from '../notifications/service.js';
import { buildDeletePasskey } from './passkey-repo.js';
import * as repo from './repo.js';
import { buildResetNoticeItem } from './reset-mail.js';
import { buildDeleteReset, buildPutReset } from './reset-repo.js';
import type { FactorReset } from './reset-schema.js';
import { clearSecondFactorOfPerson } from './service.js';
import { auditFactorEvent } from './workspace-audit.js';

/**
 * The support path for a person who lost every factor and their recovery codes: never an instant
 * bypass. Support (SUPPORT_EMAILS or PLATFORM_ADMIN_EMAILS, behind their own fresh second factor)
 * records the identity checks they made and schedules the reset; the person is emailed at once
 * and can cancel it with a factor they still hold; only after SECOND_FACTOR_RESET_WAIT_HOURS can
 * support complete it, which removes every factor and emails the person again. Each step is in
 * the person's security log and in the audit log of every workspace they open, naming who acted.
 */

type Person = { userId: string; email: string };

function requireSupport(deps: AppDeps, principal: UserPrincipal): void {
  const isAdmin = createPlatformAdminCheck(deps.config).isPlatformAdmin(principal.email);
  // Everyone else learns nothing of these routes, or of which addresses have accounts.
  if (!isAdmin && !isSupportEmail(deps.config, principal.email)) throw new AppError('not_found');
}

async function requirePerson(deps: AppDeps, email: string): Promise<Person> {
  const person = await findAccountByEmail(deps, email);
  if (person === undefined) throw new AppError('not_found', 'No Holdfast account uses this address.');
  return person;
}

function toView(person: Person, reset: repo.ResetItem, now: Date): FactorReset {
  return {
    email: person.email,
    status: Date.parse(reset.effectiveAt) <= now.getTime() ? 'ready' : 'waiting',
    requestedAt: reset.requestedAt,
    effectiveAt: reset.effectiveAt,
    requestedBy: reset.requestedBy.email,
    identityChecks: reset.identityChecks,
  };
}

function hasAnyFactor(factors: repo.StoredFactors): boolean {
  return factors.totp !== undefined || factors.passkeys.length > 0 || factors.recovery !== undefined;
}

function logEntry(
  deps: AppDeps,
  userId: string,
  at: string,
  kind: 'factors-reset-requested' | 'factors-reset-cancelled' | 'factors-reset',
): TransactItem {
  return repo.buildSecurityEvent(deps.db, userId, createId(), { at, kind });
}

/** Schedules the reset of every factor of the account `email` uses, with the identity checks made. */
export async function scheduleReset(
  deps: AppDeps,
  principal: UserPrincipal,
  input: { email: string; identityChecks: string },
): Promise<FactorReset> {
  requireSupport(deps, principal);
  const person = await requirePerson(deps, input.email);
  if (person.userId === principal.userId)
    throw new AppError('conflict', 'Someone else in support must reset your own second factors.');
  const factors = await repo.loadFactors(deps.db, person.userId);
  if (factors.reset !== undefined)
    throw new AppError('conflict', `A reset is already scheduled for ${factors.reset.effectiveAt}.`);
  if (!hasAnyFactor(factors))
    throw new AppError('conflict', 'This account holds no second factor: there is nothing to reset.');
  const now = deps.now();
  const reset: repo.ResetItem = {
    requestedAt: now.toISOString(),
    effectiveAt: new Date(
      now.getTime() + deps.config.SECOND_FACTOR_RESET_WAIT_HOURS * 3_600_000,
    ).toISOString(),
    requestedBy: { userId: principal.userId, email: principal.email },
    identityChecks: input.identityChecks.trim(),
  };
  const mail = buildResetNoticeItem(deps, person, { kind: 'scheduled', ...reset });
  try {
    await repo.commit(deps.db, [
      buildPutReset(deps.db, person.userId, reset),
      logEntry(deps, person.userId, reset.requestedAt, 'factors-reset-requested'),
      mail.item,
    ]);
  } catch (error) {
    if (error instanceof repo.FactorConditionFailed)
      throw new AppError('conflict', 'A reset was scheduled for this account meanwhile.');
    throw error;
  }
  await deliverQueuedEmail(deps, mail.dedupeKey);
  await auditFactorEvent(deps, person, 'reset-requested', { actor: toActor(principal) });
  return toView(person, reset, now);
}

/** The reset scheduled for the account `email` uses, for support. */
export async function getReset(deps: AppDeps, principal: UserPrincipal, email: string): Promise<FactorReset> {
  requireSupport(deps, principal);
  const person = await requirePerson(deps, email);
  const { reset } = await repo.loadFactors(deps.db, person.userId);
  if (reset === undefined) throw new AppError('not_found', 'No reset is scheduled for this account.');
  return toView(person, reset, deps.now());
}

/**
 * Completes a scheduled reset once its waiting period is over: every passkey, the authenticator
 * app and the recovery codes go in one transaction with the log entry and the email, then every
 * session loses the proof it gave.
 */
export async function completeReset(deps: AppDeps, principal: UserPrincipal, email: string): Promise<void> {
  requireSupport(deps, principal);
  const person = await requirePerson(deps, email);
  const factors = await repo.loadFactors(deps.db, person.userId);
  const { reset } = factors;
  if (reset === undefined) throw new AppError('not_found', 'No reset is scheduled for this account.');
  const now = deps.now();
  if (Date.parse(reset.effectiveAt) > now.getTime())
    throw new AppError(
      'conflict',
      `The waiting period ends at ${reset.effectiveAt}; complete the reset then.`,
    );
  const at = now.toISOString();
  const mail = buildResetNoticeItem(deps, person, { kind: 'completed', ...reset });
  try {
    await repo.commit(deps.db, [
      buildDeleteReset(deps.db, person.userId, reset.requestedAt),
      ...(factors.totp === undefined ? [] : [repo.buildDeleteTotp(deps.db, person.userId)]),
      ...factors.passkeys.map((passkey) => buildDeletePasskey(deps.db, person.userId, passkey.id)),
      repo.buildDeleteRecoveryCodes(deps.db, person.userId),
      logEntry(deps, person.userId, at, 'factors-reset'),
      mail.item,
    ]);
  } catch (error) {
    if (error instanceof repo.FactorConditionFailed)
      throw new AppError(
        'conflict',
        'The factors changed meanwhile (or the reset was cancelled); look again.',
      );
    throw error;
  }
  await clearSecondFactorOfPerson(deps, person.userId);
  await deliverQueuedEmail(deps, mail.dedupeKey);
  await auditFactorEvent(deps, person, 'reset-completed', { actor: toActor(principal) });
}

/**
 * Cancels a reset scheduled for the signed-in person: the route asks for a fresh second factor,
 * so only someone who still holds one (the reset was not theirs, or no longer needed) can.
 */
export async function cancelReset(deps: AppDeps, principal: UserPrincipal): Promise<void> {
  const { reset } = await repo.loadFactors(deps.db, principal.userId);
  if (reset === undefined) throw new AppError('not_found', 'No reset is scheduled for your account.');
  const at = deps.now().toISOString();
  try {
    await repo.commit(deps.db, [
      buildDeleteReset(deps.db, principal.userId, reset.requestedAt),
      logEntry(deps, principal.userId, at, 'factors-reset-cancelled'),
    ]);
  } catch (error) {
    if (error instanceof repo.FactorConditionFailed)
      throw new AppError('not_found', 'No reset is scheduled for your account.');
    throw error;
  }
  await auditFactorEvent(deps, principal, 'reset-cancelled');
}
