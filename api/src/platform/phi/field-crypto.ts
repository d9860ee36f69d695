import type { KeyringNode } from '@aws-crypto/client-node';
import { loadEncryptionSdk } from './encryption-sdk.js';

/**
 * One Encryption SDK message bound to where it is kept. The SDK authenticates the encryption
 * context with the message; `openMessage` compares it with the context expected at the place the
 * ciphertext was read from, so a copy moved to another record, attribute or tenant fails (the
 * SDK's decrypt does not compare it by itself) (P-PHI-2).
 */
export type MessageContext = Record<string, string>;

/**
 * What a single sealed value (a sealed copy of an answer, or one field of a record stored in the
 * first, per-field format) is bound to: its tenant, the item's key and the attribute's name.
 */
export type FieldBinding = { tenant: string; pk: string; sk: string; attr: string };

/** A ciphertext that cannot be opened where it was found (moved, altered, or its key shredded). */
export class PhiUnreadableError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('a wellbeing field could not be decrypted', options);
    this.name = 'PhiUnreadableError';
  }
}

/** Encrypts `value` (any JSON value) into one message under `context`. */
export async function sealMessage(
  keyring: KeyringNode,
  context: MessageContext,
  value: unknown,
): Promise<Buffer> {
  const { ESDK, SUITE } = await loadEncryptionSdk();
  const { result } = await ESDK.encrypt(keyring, Buffer.from(JSON.stringify(value), 'utf8'), {
    suiteId: SUITE,
    encryptionContext: context,
  });
  return result;
}

/** Decrypts one message and checks that its context is exactly `expected`; the JSON value it holds. */
export async function openMessage(
  keyring: KeyringNode,
  expected: MessageContext,
  ciphertext: Uint8Array,
): Promise<unknown> {
  let plaintext: Buffer;
  let context: MessageContext;
  const { ESDK } = await loadEncryptionSdk();
  try {
    const result = await ESDK.decrypt(keyring, ciphertext);
    plaintext = result.plaintext;
    context = result.messageHeader.encryptionContext;
  } catch (error) {
    throw new PhiUnreadableError({ cause: error });
  }
  const names = new Set([...Object.keys(expected), ...Object.keys(context)]);
  for (const name of names) {
    if (context[name] !== expected[name]) {
      plaintext.fill(0);
      throw new PhiUnreadableError();
    }
  }
  return JSON.parse(plaintext.toString('utf8')) as unknown;
}

function toFieldContext(binding: FieldBinding): MessageContext {
  return { holdfast: 'phi-field-v1', ...binding };
}

/** Encrypts one value into one message bound to its item and attribute. */
export async function sealField(
  keyring: KeyringNode,
  binding: FieldBinding,
  value: unknown,
): Promise<Buffer> {
  return sealMessage(keyring, toFieldContext(binding), value);
}

/** Decrypts one value and checks that it belongs exactly where it was read from. */
export async function openField(
  keyring: KeyringNode,
  binding: FieldBinding,
  ciphertext: Uint8Array,
): Promise<unknown> {
  return openMessage(keyring, toFieldContext(binding), ciphertext);
}
