import { createHash } from 'node:crypto';

/** Who did something: a person, an integrator's API key, or the system itself. */
export type AuditActor = { type: 'user' | 'api-key' | 'system'; id: string; label: string };

/** Details name what changed (field names, ids, roles), never record content. */
export type AuditDetails = Record<string, string | number | boolean | string[] | null>;

export type AuditEntry = {
  seq: number;
  at: string;
  actor: AuditActor;
  action: string;
  target: { type: string; id: string };
  details: AuditDetails;
  prevHash: string;
  hash: string;
};

/** The hash before the first entry of a chain. */
export const GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so a hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** SHA-256 over the previous hash and every field of the entry except its own hash. */
export function computeEntryHash(entry: Omit<AuditEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

export type ChainVerdict = { isValid: boolean; checked: number; firstBrokenSeq?: number; reason?: string };

/**
 * Re-walks entries in order and reports the first broken link: a gap or repeat in the sequence,
 * a previous-hash that does not match, or an entry whose content no longer matches its hash.
 */
export function verifyChain(
  entries: Iterable<AuditEntry>,
  head?: { seq: number; hash: string },
): ChainVerdict {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (const entry of entries) {
    if (entry.seq !== expectedSeq) {
      return {
        isValid: false,
        checked,
        firstBrokenSeq: expectedSeq,
        reason: `entry ${expectedSeq} is missing`,
      };
    }
    if (entry.prevHash !== prevHash) {
      return {
        isValid: false,
        checked,
        firstBrokenSeq: entry.seq,
        reason: 'the link to the previous entry is broken',
      };
    }
    const { hash, ...rest } = entry;
    if (computeEntryHash(rest) !== hash) {
      return {
        isValid: false,
        checked,
        firstBrokenSeq: entry.seq,
        reason: 'the entry was changed after it was written',
      };
    }
    prevHash = hash;
    expectedSeq += 1;
    checked += 1;
  }
  if (head !== undefined && (head.seq !== checked || head.hash !== prevHash)) {
    return {
      isValid: false,
      checked,
      firstBrokenSeq: checked + 1,
      reason: 'entries after the last one shown are missing',
    };
  }
  return { isValid: true, checked };
}
