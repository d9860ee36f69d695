import type { AuditActor } from '../audit/audit-chain.js';

/**
 * The shapes the PHI chokepoint takes and returns, and how a stored item becomes a sealed header:
 * sensitive fields stay encrypted until `PhiStore.open` decrypts them.
 */

type Item = Record<string, unknown>;

/** Plain (unencrypted) attributes of a wellbeing record: who, when, and its state, never content. */
export type PhiHeader = {
  kind: string;
  id: string;
  ownerId: string;
  sharedWith: string[];
  /** The record's own date (check-in time, complaint date, session date), for ranges and order. */
  sortDate: string;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
  version: number;
};

/** A record with its sensitive fields decrypted. */
export type PhiRecord = PhiHeader & { fields: Record<string, unknown> };

/**
 * A record's sensitive fields as stored. Format 2 (every record written now): all of them in one
 * message (`sealedFields`), the item marked `phiFormat: 2`. Format 1 (records written before, no
 * `phiFormat`): one message per field (`enc_<field>`); still read, and rewritten in format 2 when
 * their fields are next changed.
 */
export type SealedFields =
  | { readonly format: 1; readonly fields: ReadonlyMap<string, Uint8Array> }
  | { readonly format: 2; readonly message: Uint8Array };

/** One opened (read) header: what `open` needs, including the ciphertexts, kept out of modules. */
export type PhiSealedHeader = PhiHeader & { readonly sealed: SealedFields };

export type PhiCreate = {
  type: 'create';
  kind: string;
  id: string;
  ownerId: string;
  sortDate: string;
  fields: Record<string, unknown>;
};

export type PhiUpdate = {
  type: 'update';
  kind: string;
  id: string;
  expected: { version: number; isDeleted: boolean };
  /** Sensitive fields to replace; the others keep their values (the record is re-encrypted whole). */
  fields?: Record<string, unknown>;
  sortDate?: string;
  /** A time soft-deletes; null restores. */
  deletedAt?: string | null;
  /** Grants or revokes one member's access; `sharedWith` is the whole new list. */
  share?: { granteeId: string; isGranted: boolean; sharedWith: string[] };
};

export type PhiAudit = {
  action: string;
  kind: string;
  id: string;
  ownerId: string;
  details?: Record<string, unknown>;
};

export type PhiContext = { tenantId: string; actor: AuditActor };

/** Where a sealed copy of wellbeing data is kept outside the PHI table: its item and attribute. */
export type PhiCopyPlace = { pk: string; sk: string; attr: string };

/** The attribute prefix of one encrypted field in format 1. */
export const ENC_PREFIX = 'enc_';
/** The attribute holding every sensitive field of a record in format 2, and the format's marker. */
export const SEALED_ATTR = 'sealedFields';
export const FORMAT_ATTR = 'phiFormat';
export const CURRENT_FORMAT = 2;

function toSealedFields(item: Item): SealedFields {
  if (item[FORMAT_ATTR] === CURRENT_FORMAT) {
    const message = item[SEALED_ATTR];
    // A missing message cannot be opened: it fails like any altered ciphertext would.
    return { format: 2, message: message instanceof Uint8Array ? message : new Uint8Array() };
  }
  const fields = new Map<string, Uint8Array>();
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(ENC_PREFIX) && value instanceof Uint8Array)
      fields.set(name.slice(ENC_PREFIX.length), value);
  }
  return { format: 1, fields };
}

/** A stored item's plain header, its sealed fields still encrypted. */
export function toHeader(item: Item): PhiSealedHeader {
  const sealed = toSealedFields(item);
  return {
    kind: item.kind as string,
    id: item.id as string,
    ownerId: item.ownerId as string,
    sharedWith: (item.sharedWith as string[] | undefined) ?? [],
    sortDate: item.sortDate as string,
    createdAt: item.createdAt as string,
    updatedAt: item.updatedAt as string,
    ...(typeof item.deletedAt === 'string' ? { deletedAt: item.deletedAt } : {}),
    version: item.version as number,
    sealed,
  };
}
