import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals the data of a queued email (AES-256-GCM, key derived from the session secret, bound to
 * the message id), so what waits in the outbox — a sign-in link, a name — is not readable from
 * the table. The outbox removes the sealed data once the message is handled.
 */

const INFO = 'holdfast:outbox-data:v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

function deriveKey(secret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, 'holdfast', INFO, 32));
}

/** Encrypts `value` (as JSON) for `messageId`; returns base64url `iv | tag | ciphertext`. */
export function sealJson(secret: string, messageId: string, value: unknown): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', deriveKey(secret), iv);
  cipher.setAAD(Buffer.from(messageId));
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
}

/** Decrypts sealed data with the first secret that opens it, or undefined when none does. */
export function openJson(secrets: string[], messageId: string, sealed: string): unknown {
  const raw = Buffer.from(sealed, 'base64url');
  const iv = raw.subarray(0, IV_BYTES);
  const tag = raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES);
  const body = raw.subarray(IV_BYTES + TAG_BYTES);
  for (const secret of secrets) {
    try {
      const decipher = createDecipheriv('aes-256-gcm', deriveKey(secret), iv);
      decipher.setAAD(Buffer.from(messageId));
      decipher.setAuthTag(tag);
      const text = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      return JSON.parse(text) as unknown;
    } catch {
      // Sealed under another secret (rotation) or damaged: try the next one.
    }
  }
  return undefined;
}
