import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { Config } from '../../config.js';

/** What a sealed secret is bound to: a copy moved to another person or attribute does not open. */
export type SealBinding = { userId: string; attr: string };

/** Seals and opens small per-person secrets (authenticator secrets) with AES-256-GCM. */
export type SecretSeal = {
  seal(binding: SealBinding, plaintext: string): Buffer;
  /** The plaintext, or undefined when the ciphertext was altered, moved or sealed under another key. */
  open(binding: SealBinding, sealed: Uint8Array): string | undefined;
};

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function toAad(binding: SealBinding): Buffer {
  return Buffer.from(`holdfast-secret-v${VERSION}\u0000${binding.userId}\u0000${binding.attr}`, 'utf8');
}

/**
 * The seal for authenticator secrets at rest. The key is SECOND_FACTOR_SEAL_KEY (from the secret
 * store in production) or, in the embedded default, derived from SESSION_SECRET with its own
 * label, so it is never the same key as anything else derived from that secret.
 */
export function createSecretSeal(config: Config): SecretSeal {
  const key =
    config.SECOND_FACTOR_SEAL_KEY === undefined
      ? Buffer.from(hkdfSync('sha256', config.SESSION_SECRET, 'holdfast', 'second-factor-seal-key', 32))
      : Buffer.from(config.SECOND_FACTOR_SEAL_KEY, 'base64');
  return {
    seal(binding, plaintext) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(toAad(binding));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    open(binding, sealed) {
      const bytes = Buffer.from(sealed);
      if (bytes.length <= 1 + IV_BYTES + TAG_BYTES || bytes[0] !== VERSION) return undefined;
      const iv = bytes.subarray(1, 1 + IV_BYTES);
      const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, iv);
        decipher.setAAD(toAad(binding));
        decipher.setAuthTag(tag);
        const body = bytes.subarray(1 + IV_BYTES + TAG_BYTES);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
      } catch {
        return undefined;
      }
    },
  };
}
