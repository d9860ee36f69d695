import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { RECOVERY_CODE_COUNT } from './schema.js';

/** RFC 6238 defaults every authenticator app understands. */
const PERIOD_SECONDS = 30;
const DIGITS = 6;
/** One step either side: a phone clock a little off still works, and a code lives at most ~90 s. */
const WINDOW = 1;

function buildTotp(secretBase32: string, label = 'Holdfast'): TOTP {
  return new TOTP({
    issuer: 'Holdfast',
    label,
    secret: Secret.fromBase32(secretBase32),
    algorithm: 'SHA1',
    digits: DIGITS,
    period: PERIOD_SECONDS,
  });
}

/** A new authenticator secret (160 bits, base32) and the URI an authenticator scans. */
export function createTotpSecret(accountLabel: string): { secret: string; otpauthUri: string } {
  const secret = new Secret({ size: 20 }).base32;
  return { secret, otpauthUri: buildTotp(secret, accountLabel).toString() };
}

/**
 * The time step a code belongs to, or undefined when it matches none in the window. The caller
 * accepts a step only if it is later than the last one accepted, so a code works once.
 */
export function matchTotpStep(secretBase32: string, code: string, now: Date): number | undefined {
  const delta = buildTotp(secretBase32).validate({ token: code, timestamp: now.getTime(), window: WINDOW });
  if (delta === null) return undefined;
  return TOTP.counter({ period: PERIOD_SECONDS, timestamp: now.getTime() }) + delta;
}

/** Letters and digits that cannot be misread for one another (no 0/o, 1/l/i). */
const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

function randomChunk(): string {
  let chunk = '';
  for (let i = 0; i < 5; i += 1) chunk += RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)] ?? 'a';
  return chunk;
}

/** Ten new recovery codes, `xxxxx-xxxxx` (about 49 bits each): shown once, then only their hashes are kept. */
export function createRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => `${randomChunk()}-${randomChunk()}`);
}

/** The stored form of a recovery code: SHA-256 of its normalised text (case and dash forgiven). */
export function hashRecoveryCode(code: string): string {
  const normalised = code.toLowerCase().replace(/-/g, '');
  return createHash('sha256').update(`holdfast-recovery-code:${normalised}`).digest('hex');
}
