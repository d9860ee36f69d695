import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { loadOnFirstUse } from '../../platform/load-on-first-use.js';
import { createId } from '../../platform/db/ids.js';
import type { AppDeps } from '../../platform/deps.js';
import { AppError } from '../../platform/errors.js';
import * as passkeyRepo from './passkey-repo.js';
import type { PasskeyAuthenticationBody, PasskeyRegistrationBody } from './passkey-schema.js';
import * as repo from './repo.js';
import { MAX_PASSKEYS, type Enrolled, type PasskeySummary, type Proven } from './schema.js';
import * as service from './service.js';

/**
 * The WebAuthn library and its certificate parsers, loaded by the first passkey request: most
 * requests never touch a passkey, and they are a large part of what a cold start would parse.
 */
const loadWebAuthn = loadOnFirstUse(() => import('@simplewebauthn/server'));

/** How long the browser has to answer a passkey prompt. */
const CHALLENGE_TTL_MS = 5 * 60_000;

/** The relying party is the SPA's origin: passkeys are bound to its host name. */
function relyingParty(deps: AppDeps): { rpID: string; origin: string } {
  const url = new URL(deps.config.WEB_ORIGIN);
  return { rpID: url.hostname, origin: url.origin };
}

function toSummary(passkey: repo.PasskeyItem): PasskeySummary {
  return {
    id: passkey.id,
    name: passkey.name,
    createdAt: passkey.createdAt,
    ...(passkey.lastUsedAt === undefined ? {} : { lastUsedAt: passkey.lastUsedAt }),
  };
}

/** Options for adding a passkey; someone who already holds a factor proves it first. */
export async function startPasskeyRegistration(
  deps: AppDeps,
  principal: UserPrincipal,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  service.refuseClerk(principal);
  const factors = await repo.loadFactors(deps.db, principal.userId);
  service.assertFreshIfEnrolled(deps, principal, factors);
  if (factors.passkeys.length >= MAX_PASSKEYS)
    throw new AppError('conflict', `You can keep at most ${MAX_PASSKEYS} passkeys; remove one first.`);
  const { rpID } = relyingParty(deps);
  const { generateRegistrationOptions } = await loadWebAuthn();
  const options = await generateRegistrationOptions({
    rpName: 'Holdfast',
    rpID,
    userName: principal.email,
    userID: new TextEncoder().encode(principal.userId),
    attestationType: 'none',
    excludeCredentials: factors.passkeys.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
    timeout: CHALLENGE_TTL_MS,
  });
  const now = deps.now().getTime();
  await passkeyRepo.putChallenge(
    deps.db,
    principal.userId,
    'register',
    options.challenge,
    now + CHALLENGE_TTL_MS,
  );
  return options;
}

/**
 * Verifies the browser's answer and keeps the passkey under its name: it becomes a factor, this
 * session counts as proven, and a person with no recovery codes gets ten (answered once).
 */
export async function finishPasskeyRegistration(
  deps: AppDeps,
  principal: UserPrincipal,
  body: PasskeyRegistrationBody,
): Promise<{ passkey: PasskeySummary; enrolled: Enrolled }> {
  service.refuseClerk(principal);
  const now = deps.now();
  const challenge = await passkeyRepo.takeChallenge(deps.db, principal.userId, 'register', now.getTime());
  if (challenge === undefined) throw new AppError('conflict', 'Start adding the passkey again.');
  const factors = await repo.loadFactors(deps.db, principal.userId);
  const { rpID, origin } = relyingParty(deps);
  const { verifyRegistrationResponse } = await loadWebAuthn();
  let verification: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verification = await verifyRegistrationResponse({
      response: body.response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      requireUserVerification: false,
    });
  } catch {
    throw new AppError('invalid_second_factor', 'The passkey could not be verified; try again.');
  }
  if (!verification.verified) throw new AppError('invalid_second_factor');
  const { credential } = verification.registrationInfo;
  if (factors.passkeys.some((passkey) => passkey.credentialId === credential.id))
    throw new AppError('conflict', 'This passkey is already added.');
  const at = now.toISOString();
  const passkey: repo.PasskeyItem = {
    id: createId(),
    name: body.name.trim(),
    credentialId: credential.id,
    publicKey: credential.publicKey,
    counter: credential.counter,
    transports: credential.transports ?? body.response.response.transports ?? [],
    createdAt: at,
  };
  const recovery = service.planRecoveryCodes(deps, principal.userId, factors, at);
  await service.commitFactorChange(
    deps,
    principal,
    [passkeyRepo.buildPutPasskey(deps.db, principal.userId, passkey), ...recovery.writes],
    { kind: 'enrolled', method: 'passkey', name: passkey.name },
    at,
  );
  await service.markProven(deps, principal, now);
  return {
    passkey: toSummary(passkey),
    enrolled: { provenAt: at, ...(recovery.codes === undefined ? {} : { recoveryCodes: recovery.codes }) },
  };
}

/** Options for proving a passkey (step-up): only this person's passkeys are allowed. */
export async function startPasskeyAuthentication(
  deps: AppDeps,
  principal: UserPrincipal,
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  service.refuseClerk(principal);
  const factors = await repo.loadFactors(deps.db, principal.userId);
  if (factors.passkeys.length === 0) throw new AppError('conflict', 'You have no passkey yet.');
  const { generateAuthenticationOptions } = await loadWebAuthn();
  const options = await generateAuthenticationOptions({
    rpID: relyingParty(deps).rpID,
    allowCredentials: factors.passkeys.map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
    userVerification: 'preferred',
    timeout: CHALLENGE_TTL_MS,
  });
  await passkeyRepo.putChallenge(
    deps.db,
    principal.userId,
    'authenticate',
    options.challenge,
    deps.now().getTime() + CHALLENGE_TTL_MS,
  );
  return options;
}

/** Proves a passkey for this session; a failure is counted and logged like a wrong code. */
export async function verifyPasskey(
  deps: AppDeps,
  principal: UserPrincipal,
  body: PasskeyAuthenticationBody,
): Promise<Proven> {
  service.refuseClerk(principal);
  const factors = await repo.loadFactors(deps.db, principal.userId);
  service.assertNotLocked(deps, factors.attempts);
  const now = deps.now();
  const challenge = await passkeyRepo.takeChallenge(deps.db, principal.userId, 'authenticate', now.getTime());
  const passkey = factors.passkeys.find((candidate) => candidate.credentialId === body.response.id);
  if (challenge === undefined || passkey === undefined)
    return service.failAttempt(deps, principal, factors, 'passkey');
  const { rpID, origin } = relyingParty(deps);
  const { verifyAuthenticationResponse } = await loadWebAuthn();
  let newCounter: number;
  try {
    const verification = await verifyAuthenticationResponse({
      response: body.response,
      expectedChallenge: challenge,
      expectedOrigin: origin,
      expectedRPID: rpID,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(passkey.publicKey),
        counter: passkey.counter,
        transports: passkey.transports,
      },
      requireUserVerification: false,
    });
    if (!verification.verified) return await service.failAttempt(deps, principal, factors, 'passkey');
    newCounter = verification.authenticationInfo.newCounter;
  } catch (error) {
    if (error instanceof AppError) throw error;
    return service.failAttempt(deps, principal, factors, 'passkey');
  }
  const at = now.toISOString();
  await repo.commit(deps.db, [
    passkeyRepo.buildTouchPasskey(deps.db, principal.userId, passkey.id, newCounter, at),
    repo.buildSecurityEvent(deps.db, principal.userId, createId(), {
      at,
      kind: 'second-factor-proven',
      method: 'passkey',
      name: passkey.name,
    }),
  ]);
  await service.markProven(deps, principal, now);
  const left = Object.values(factors.recovery?.codes ?? {}).filter((state) => state === repo.UNUSED).length;
  return { provenAt: at, method: 'passkey', recoveryCodesLeft: left };
}

/** Removes one passkey (the route asks for a fresh proof first); not the last factor while required. */
export async function removePasskey(
  deps: AppDeps,
  principal: UserPrincipal,
  passkeyId: string,
): Promise<void> {
  service.refuseClerk(principal);
  const factors = await repo.loadFactors(deps.db, principal.userId);
  const passkey = factors.passkeys.find((candidate) => candidate.id === passkeyId);
  if (passkey === undefined) throw new AppError('not_found', 'No such passkey.');
  const removal = await service.planFactorRemoval(deps, principal, {
    hasTotp: factors.totp?.status === 'active',
    passkeys: factors.passkeys.length - 1,
  });
  try {
    await service.commitFactorChange(
      deps,
      principal,
      [passkeyRepo.buildDeletePasskey(deps.db, principal.userId, passkey.id), ...removal.writes],
      { kind: 'removed', method: 'passkey', name: passkey.name },
      deps.now().toISOString(),
    );
  } catch (error) {
    if (error instanceof repo.FactorConditionFailed) throw new AppError('not_found', 'No such passkey.');
    throw error;
  }
  if (removal.isLast) await service.clearSecondFactorOfPerson(deps, principal.userId);
}
