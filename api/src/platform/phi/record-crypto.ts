import type { KeyringNode } from '@aws-crypto/client-node';
import {
  openField,
  openMessage,
  PhiUnreadableError,
  sealMessage,
  type MessageContext,
} from './field-crypto.js';
import type { SealedFields } from './phi-records.js';

/**
 * A record's sensitive fields as one Encryption SDK message (format 2): one data key and one
 * encryption per record, however many fields it has, where format 1 paid for one per field.
 *
 * The message is bound to its tenant and item by the encryption context, and the field names are
 * inside the authenticated plaintext (`{ fields: { name: value } }`), so a value cannot be moved
 * to another field, record or tenant without failing to open (P-PHI-2); the names stay out of
 * the context, which the message carries in the clear. The context's tag differs from format 1's,
 * so a field message of one format never opens as the other.
 */
export type RecordBinding = { tenant: string; pk: string; sk: string };

function toRecordContext(binding: RecordBinding): MessageContext {
  return { holdfast: 'phi-record-v2', ...binding };
}

function isFieldMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Encrypts every field of a record into one message (fields left undefined are not kept). */
export async function sealRecord(
  keyring: KeyringNode,
  binding: RecordBinding,
  fields: Record<string, unknown>,
): Promise<Buffer> {
  return sealMessage(keyring, toRecordContext(binding), { fields });
}

/**
 * Decrypts a record's fields in either format, each checked against the place it was read from.
 * `only` limits format 1 to the fields named (one decryption each); format 2 opens whole and is
 * then narrowed. The tenant's keyring is asked for per message, as each use counts against its
 * cache limit.
 */
export async function openRecord(
  getKeyring: () => Promise<KeyringNode>,
  binding: RecordBinding,
  sealed: SealedFields,
  only?: readonly string[],
): Promise<Record<string, unknown>> {
  const isWanted = (name: string) => only === undefined || only.includes(name);
  const values: Record<string, unknown> = {};
  if (sealed.format === 1) {
    for (const [name, ciphertext] of sealed.fields) {
      if (isWanted(name))
        values[name] = await openField(await getKeyring(), { ...binding, attr: name }, ciphertext);
    }
    return values;
  }
  const opened = await openMessage(await getKeyring(), toRecordContext(binding), sealed.message);
  const fields = isFieldMap(opened) ? opened.fields : undefined;
  if (!isFieldMap(fields)) throw new PhiUnreadableError();
  for (const [name, value] of Object.entries(fields)) if (isWanted(name)) values[name] = value;
  return values;
}
