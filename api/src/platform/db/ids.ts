import { createHash, randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';

const nextUlid = monotonicFactory();

/** A new sortable id (ULID). */
export function createId(): string {
  return nextUlid();
}

/** A new unguessable secret, base64url. */
export function createSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** SHA-256 hex of a secret: what gets stored instead of the secret itself. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Lower-cased, trimmed email used for lookups. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export const ULID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';
