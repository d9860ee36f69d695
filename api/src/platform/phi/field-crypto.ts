import type { KeyringNode } from '@aws-crypto/client-node';
import { loadEncryptionSdk } from './encryption-sdk.js';

/**
 * What a field ciphertext is bound to: its tenant, the item's key and the attribute's name. The
 * Encryption SDK authenticates the context with the message; `openField` compares it with the
 * place the ciphertext was read from, so a copy moved to another record, attribute or tenant fails
 * (the SDK's decrypt does not compare it by itself) (P-PHI-2).
 */
export type FieldBinding = { tenant: string; pk: string; sk: string; attr: string };

/** A ciphertext that cannot be opened where it was found (moved, altered, or its key shredded). */
export class PhiUnreadableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('a wellbeing field could not be decrypted', options);
    this.name = 'PhiUnreadableError';
  }
}

function toContext(binding: FieldBinding): Record<string, string> {
  return { holdfast: 'phi-field-v1', ...binding };
}

/** Encrypts one field value (any JSON value) into one Encryption SDK message. */
export async function sealField(
  keyring: KeyringNode,
  binding: FieldBinding,
  value: unknown,
): Promise<Buffer> {
  const { ESDK, SUITE } = await loadEncryptionSdk();
  const { result } = await ESDK.encrypt(keyring, Buffer.from(JSON.stringify(value), 'utf8'), {
    suiteId: SUITE,
    encryptionContext: toContext(binding),
  });
  return result;
}

/** Decrypts one field and checks that it belongs exactly where it was read from. */
export async function openField(
  keyring: KeyringNode,
  binding: FieldBinding,
  ciphertext: Uint8Array,
): Promise<unknown> {
  let plaintext: Buffer;
  let context: Record<string, string>;
  const { ESDK } = await loadEncryptionSdk();
  try {
    const result = await ESDK.decrypt(keyring, ciphertext);
    plaintext = result.plaintext;
    context = result.messageHeader.encryptionContext;
  } catch (error) {
    throw new PhiUnreadableError({ cause: error });
  }
  const expected = toContext(binding);
  const names = new Set([...Object.keys(expected), ...Object.keys(context)]);
  for (const name of names) {
    if (context[name] !== expected[name]) {
      plaintext.fill(0);
      throw new PhiUnreadableError();
    }
  }
  return JSON.parse(plaintext.toString('utf8')) as unknown;
}
