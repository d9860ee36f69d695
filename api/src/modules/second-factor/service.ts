import type { TransactItem } from '../../platform/audit/audit-log.js';
import { createPlatformAdminCheck } from '../../platform/auth/platform-admins.js';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { createSecretSeal, type SecretSeal } from '../../platform/auth/secret-seal.js';
import { clearSecondFactorOfSessions, markSessionSecondFactor } from '../../platform/auth/sessions.js';
import { isSecondFactorFresh } from '../../platform/auth/step-up-plugin.js';
import { createId } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import { isSecondFactorRequiredByWorkspace, listMyWorkspaces } from '../workspaces/service.js';
import { createRecoveryCodes, createTotpSecret, hashRecoveryCode, matchTotpStep } from './codes.js';
import * as repo from './repo.js';
import type {
  Enrolled,
  Proven,
  SecondFactorMethod,
  SecondFactorStatus,
  SecurityEvent,
  VerifyBody,
} from './schema.js';
import { auditFactorEvent } from './workspace-audit.js';
import { buildFactorNoticeItem, deliverFactorNotice, type FactorNotice } from './security-mail.js';

/** Failed attempts a person may make in one window before every attempt is refused until it ends. */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;

const SECRET_ATTR = 'totpSecret';
const seals = new WeakMap<AppDeps, SecretSeal>();

function sealOf(deps: AppDeps): SecretSeal {
  let seal = seals.get(deps);
  if (seal === undefined) {
    seal = createSecretSeal(deps.config);
    seals.set(deps, seal);
  }
  return seal;
}

function hasActiveFactor(factors: repo.StoredFactors): boolean {
  return factors.totp?.status === 'active' || factors.passkeys.length > 0;
}

function countUnused(recovery: repo.RecoveryItem | undefined): number {
  return Object.values(recovery?.codes ?? {}).filter((state) => state === repo.UNUSED).length;
}

/** Whether the person holds a second factor (the step-up asks this under `when-enrolled`). */
export async function hasSecondFactor(deps: AppDeps, userId: string): Promise<boolean> {
  return hasActiveFactor(await repo.loadFactors(deps.db, userId));
}

/**
 * Whether this person must keep a second factor: under ADMIN_SECOND_FACTOR=required, platform
 * admins and owners or admins of any workspace; always, members of a workspace that requires one
 * of everyone. While it is, their last factor cannot be removed.
 */
export async function isSecondFactorRequired(deps: AppDeps, principal: UserPrincipal): Promise<boolean> {
  const isStrict = deps.config.ADMIN_SECOND_FACTOR === 'required';
  if (isStrict && createPlatformAdminCheck(deps.config).isPlatformAdmin(principal.email)) return true;
  const workspaces = await listMyWorkspaces(deps, principal.userId);
  if (isStrict && workspaces.some((workspace) => workspace.role === 'owner' || workspace.role === 'admin'))
    return true;
  for (const workspace of workspaces)
    if (await isSecondFactorRequiredByWorkspace(deps, workspace.id)) return true;
  return false;
}

/** What the security settings page shows: factors (never their secrets) and this session's proof. */
export async function getStatus(deps: AppDeps, principal: UserPrincipal): Promise<SecondFactorStatus> {
  const factors = await repo.loadFactors(deps.db, principal.userId);
  const maxAgeHours = deps.config.SECOND_FACTOR_MAX_AGE_HOURS;
  const provenAt = principal.secondFactorAt;
  const isFresh = isSecondFactorFresh(provenAt, deps.now(), maxAgeHours);
  return {
    totp:
      factors.totp?.status === 'active'
        ? { enrolledAt: factors.totp.activatedAt ?? factors.totp.createdAt }
        : null,
    passkeys: factors.passkeys
      .map((passkey) => ({
        id: passkey.id,
        name: passkey.name,
        createdAt: passkey.createdAt,
        ...(passkey.lastUsedAt === undefined ? {} : { lastUsedAt: passkey.lastUsedAt }),
      }))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
    recoveryCodesLeft: countUnused(factors.recovery),
    isRequired: await isSecondFactorRequired(deps, principal),
    ...(provenAt === undefined ? {} : { provenAt }),
    ...(provenAt !== undefined && isFresh
      ? { freshUntil: new Date(Date.parse(provenAt) + maxAgeHours * 3_600_000).toISOString() }
      : {}),
    isManagedByClerk: principal.via === 'clerk',
    ...(factors.reset === undefined ? {} : { resetScheduledFor: factors.reset.effectiveAt }),
  };
}

export function refuseClerk(principal: UserPrincipal): void {
  if (principal.via === 'clerk')
    throw new AppError('conflict', 'Your second factors are managed by your sign-in provider (Clerk).');
}

/**
 * Refuses while the person has failed too often in the current window (per person, across
 * devices and addresses; the routes also limit per IP).
 */
export function assertNotLocked(deps: AppDeps, attempts: repo.AttemptsItem | undefined): void {
  if (attempts === undefined || attempts.failures < MAX_FAILURES) return;
  const left = attempts.windowStartedAt + FAILURE_WINDOW_MS - deps.now().getTime();
  if (left <= 0) return;
  throw new AppError('rate_limited', 'Too many attempts with a wrong code. Try again later.', {
    retryAfterSeconds: Math.ceil(left / 1000),
  });
}

/** Counts a failed attempt and writes it to the person's security log, then refuses the request. */
export async function failAttempt(
  deps: AppDeps,
  principal: UserPrincipal,
  factors: repo.StoredFactors,
  method: SecondFactorMethod,
): Promise<never> {
  const now = deps.now();
  await repo.recordFailure(deps.db, principal.userId, factors.attempts, now.getTime(), FAILURE_WINDOW_MS);
  await repo.commit(deps.db, [
    repo.buildSecurityEvent(deps.db, principal.userId, createId(), {
      at: now.toISOString(),
      kind: 'second-factor-failed',
      method,
    }),
  ]);
  await auditFactorEvent(deps, principal, 'failed', { method });
  throw new AppError('invalid_second_factor');
}

/** Records the proof on the session (a Clerk session proves its factors to Clerk, not here). */
export async function markProven(deps: AppDeps, principal: UserPrincipal, at: Date): Promise<void> {
  await repo.clearFailures(deps.db, principal.userId);
  if (principal.sessionHash !== undefined) await markSessionSecondFactor(deps.db, principal.sessionHash, at);
}

function securityEvent(deps: AppDeps, userId: string, event: SecurityEvent): TransactItem {
  return repo.buildSecurityEvent(deps.db, userId, createId(), event);
}

/**
 * Commits a factor change with its security-log entry and its notice email (one transaction),
 * then sends the email.
 */
export async function commitFactorChange(
  deps: AppDeps,
  principal: UserPrincipal,
  writes: TransactItem[],
  notice: FactorNotice,
  at: string,
): Promise<void> {
  const mail = buildFactorNoticeItem(deps, principal.email, notice, at);
  const event: SecurityEvent = {
    at,
    kind: notice.kind === 'enrolled' ? 'factor-enrolled' : 'factor-removed',
    method: notice.method,
    ...(notice.name === undefined ? {} : { name: notice.name }),
  };
  await repo.commit(deps.db, [...writes, securityEvent(deps, principal.userId, event), mail.item]);
  await auditFactorEvent(deps, principal, notice.kind, { method: notice.method });
  await deliverFactorNotice(deps, mail.dedupeKey);
}

/** Recovery codes for a person who has none yet: the codes (to show once) and their write. */
export function planRecoveryCodes(
  deps: AppDeps,
  userId: string,
  factors: repo.StoredFactors,
  at: string,
): { codes?: string[]; writes: TransactItem[] } {
  if (factors.recovery !== undefined && countUnused(factors.recovery) > 0) return { writes: [] };
  const codes = createRecoveryCodes();
  return {
    codes,
    writes: [
      repo.buildPutRecoveryCodes(deps.db, userId, codes.map(hashRecoveryCode), at),
      securityEvent(deps, userId, { at, kind: 'recovery-codes-created', method: 'recovery-code' }),
    ],
  };
}

/**
 * Adding a factor to someone who already holds one asks for a fresh proof first: otherwise a
 * stolen session could enrol the thief's own authenticator and pass every step-up with it.
 */
export function assertFreshIfEnrolled(
  deps: AppDeps,
  principal: UserPrincipal,
  factors: repo.StoredFactors,
): void {
  if (!hasActiveFactor(factors)) return;
  if (isSecondFactorFresh(principal.secondFactorAt, deps.now(), deps.config.SECOND_FACTOR_MAX_AGE_HOURS))
    return;
  throw new AppError('second_factor_required', 'Confirm it is you with a factor you already have first.');
}

/** Starts enrolling an authenticator app: a new secret, sealed at rest, pending until a code confirms it. */
export async function startTotpEnrolment(
  deps: AppDeps,
  principal: UserPrincipal,
): Promise<{ secret: string; otpauthUri: string }> {
  refuseClerk(principal);
  const factors = await repo.loadFactors(deps.db, principal.userId);
  if (factors.totp?.status === 'active')
    throw new AppError('conflict', 'An authenticator app is already set up; remove it first to replace it.');
  assertFreshIfEnrolled(deps, principal, factors);
  const enrolment = createTotpSecret(principal.email);
  const sealed = sealOf(deps).seal({ userId: principal.userId, attr: SECRET_ATTR }, enrolment.secret);
  try {
    await repo.commit(deps.db, [
      repo.buildPutPendingTotp(deps.db, principal.userId, sealed, deps.now().toISOString()),
    ]);
  } catch (error) {
    if (error instanceof repo.FactorConditionFailed)
      throw new AppError('conflict', 'An authenticator app was set up meanwhile.');
    throw error;
  }
  return enrolment;
}

function openSecret(deps: AppDeps, userId: string, totp: repo.TotpItem): string {
  const secret = sealOf(deps).open({ userId, attr: SECRET_ATTR }, totp.secretSealed);
  // A secret that no longer opens (altered, or the seal key replaced) cannot verify any code.
  if (secret === undefined) throw new AppError('conflict', 'Set up your authenticator app again.');
  return secret;
}

/**
 * Confirms an authenticator with a code from it: the app becomes a factor, the session counts as
 * proven, and a person with no recovery codes gets ten (answered once, stored hashed).
 */
export async function confirmTotpEnrolment(
  deps: AppDeps,
  principal: UserPrincipal,
  code: string,
): Promise<Enrolled> {
  refuseClerk(principal);
  const factors = await repo.loadFactors(deps.db, principal.userId);
  assertNotLocked(deps, factors.attempts);
  if (factors.totp?.status !== 'pending')
    throw new AppError('conflict', 'Start setting up an authenticator app first.');
  const now = deps.now();
  const at = now.toISOString();
  const step = matchTotpStep(openSecret(deps, principal.userId, factors.totp), code, now);
  if (step === undefined) return failAttempt(deps, principal, factors, 'totp');
  const recovery = planRecoveryCodes(deps, principal.userId, factors, at);
  try {
    await commitFactorChange(
      deps,
      principal,
      [repo.buildAcceptTotpStep(deps.db, principal.userId, step, { activateAt: at }), ...recovery.writes],
      { kind: 'enrolled', method: 'totp' },
      at,
    );
  } catch (error) {
    if (error instanceof repo.FactorConditionFailed) return failAttempt(deps, principal, factors, 'totp');
    throw error;
  }
  await markProven(deps, principal, now);
  return { provenAt: at, ...(recovery.codes === undefined ? {} : { recoveryCodes: recovery.codes }) };
}

/**
 * Proves a second factor for this session with an authenticator code (each time step accepted
 * once) or a recovery code (each usable once). Failures are counted and logged.
 */
export async function verifySecondFactor(
  deps: AppDeps,
  principal: UserPrincipal,
  body: VerifyBody,
): Promise<Proven> {
  refuseClerk(principal);
  const factors = await repo.loadFactors(deps.db, principal.userId);
  assertNotLocked(deps, factors.attempts);
  const now = deps.now();
  const at = now.toISOString();
  let method: SecondFactorMethod;
  let writes: TransactItem[];
  if ('code' in body) {
    method = 'totp';
    const step =
      factors.totp?.status === 'active'
        ? matchTotpStep(openSecret(deps, principal.userId, factors.totp), body.code, now)
        : undefined;
    if (step === undefined) return failAttempt(deps, principal, factors, method);
    writes = [repo.buildAcceptTotpStep(deps.db, principal.userId, step, {})];
  } else {
    method = 'recovery-code';
    const hash = hashRecoveryCode(body.recoveryCode);
    if (factors.recovery?.codes[hash] !== repo.UNUSED) return failAttempt(deps, principal, factors, method);
    writes = [repo.buildUseRecoveryCode(deps.db, principal.userId, hash, at)];
  }
  const kind = method === 'recovery-code' ? 'recovery-code-used' : 'second-factor-proven';
  try {
    await repo.commit(deps.db, [...writes, securityEvent(deps, principal.userId, { at, kind, method })]);
  } catch (error) {
    // The step or the code was used a moment ago (a replay, or two requests at once).
    if (error instanceof repo.FactorConditionFailed) return failAttempt(deps, principal, factors, method);
    throw error;
  }
  await markProven(deps, principal, now);
  if (method === 'recovery-code') await auditFactorEvent(deps, principal, 'recovery-code-used', { method });
  const left = countUnused(factors.recovery) - (method === 'recovery-code' ? 1 : 0);
  return { provenAt: at, method, recoveryCodesLeft: Math.max(0, left) };
}

/**
 * What else must go when a factor is removed: with none left, the recovery codes and every
 * session's proof; refused when it is the last one and the person must keep one.
 */
export async function planFactorRemoval(
  deps: AppDeps,
  principal: UserPrincipal,
  remaining: { hasTotp: boolean; passkeys: number },
): Promise<{ writes: TransactItem[]; isLast: boolean }> {
  const isLast = !remaining.hasTotp && remaining.passkeys === 0;
  if (!isLast) return { writes: [], isLast };
  if (await isSecondFactorRequired(deps, principal))
    throw new AppError(
      'conflict',
      'Your role needs a second factor: add another one before removing this one.',
    );
  return { writes: [repo.buildDeleteRecoveryCodes(deps.db, principal.userId)], isLast };
}

/** Removes the authenticator app (the route asks for a fresh second factor first). */
export async function removeTotp(deps: AppDeps, principal: UserPrincipal): Promise<void> {
  refuseClerk(principal);
  const factors = await repo.loadFactors(deps.db, principal.userId);
  if (factors.totp === undefined) throw new AppError('not_found', 'No authenticator app is set up.');
  const removal = await planFactorRemoval(deps, principal, {
    hasTotp: false,
    passkeys: factors.passkeys.length,
  });
  const at = deps.now().toISOString();
  try {
    await commitFactorChange(
      deps,
      principal,
      [repo.buildDeleteTotp(deps.db, principal.userId), ...removal.writes],
      { kind: 'removed', method: 'totp' },
      at,
    );
  } catch (error) {
    if (error instanceof repo.FactorConditionFailed)
      throw new AppError('not_found', 'No authenticator app is set up.');
    throw error;
  }
  if (removal.isLast) await clearSecondFactorOfPerson(deps, principal.userId);
}

/** With the last factor gone, no session keeps the proof it gave. */
export async function clearSecondFactorOfPerson(deps: AppDeps, userId: string): Promise<void> {
  await clearSecondFactorOfSessions(deps.db, userId);
}

/** Replaces the recovery codes with ten new ones (shown once); the old ones stop working. */
export async function regenerateRecoveryCodes(
  deps: AppDeps,
  principal: UserPrincipal,
): Promise<{ recoveryCodes: string[] }> {
  refuseClerk(principal);
  const factors = await repo.loadFactors(deps.db, principal.userId);
  if (!hasActiveFactor(factors))
    throw new AppError('conflict', 'Set up a passkey or an authenticator app first.');
  const at = deps.now().toISOString();
  const recovery = planRecoveryCodes(deps, principal.userId, { ...factors, recovery: undefined }, at);
  await repo.commit(deps.db, recovery.writes);
  return { recoveryCodes: recovery.codes ?? [] };
}

/** The person's security log, newest first. */
export async function listSecurityLog(deps: AppDeps, userId: string): Promise<SecurityEvent[]> {
  return repo.listSecurityEvents(deps.db, userId, 100);
}
