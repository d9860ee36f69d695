import type { AuditActor } from '../audit/audit-chain.js';

/**
 * The shapes the PHI chokepoint takes and returns, and how a stored item becomes a sealed header:
 * sensitive fields stay encrypted (`enc_<field>` attributes) until `PhiStore.open` decrypts them.
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

/** One opened (read) header: what `open` needs, including the ciphertexts, kept out of modules. */
export type PhiSealedHeader = PhiHeader & { readonly sealed: ReadonlyMap<string, Uint8Array> };

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
  /** Sensitive fields to replace (each re-encrypted). */
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

/** The attribute prefix of an encrypted field. */
export const ENC_PREFIX = 'enc_';

/** A stored item's plain header, its sealed fields still encrypted. */
export function toHeader(item: Item): PhiSealedHeader {
  const sealed = new Map<string, Uint8Array>();
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(ENC_PREFIX) && value instanceof Uint8Array)
      sealed.set(name.slice(ENC_PREFIX.length), value);
  }
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
