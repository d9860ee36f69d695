import { randomBytes } from 'node:crypto';
import { hashSecret } from '../../../platform/db/ids.js';

/**
 * Link codes are read aloud and typed by a provider's staff, so they are short: 12 characters
 * of Crockford's base32 (no I, L, O or U), 60 random bits, shown as `XXXX-XXXX-XXXX`. That is
 * unguessable for a code that works once, expires within days and is looked up by its hash.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LENGTH = 12;

/** A new code, grouped by four for reading. */
export function createLinkCode(): string {
  // 256 is a multiple of 32, so each byte picks a character without bias.
  const chars = [...randomBytes(LENGTH)].map((byte) => ALPHABET[byte % ALPHABET.length] ?? '0');
  return [0, 4, 8].map((start) => chars.slice(start, start + 4).join('')).join('-');
}

/** The stored form of a code as typed (any case, with or without dashes): only its hash. */
export function hashLinkCode(code: string): string {
  return hashSecret(code.replaceAll('-', '').toUpperCase());
}
