import type { Db } from '../db/client.js';
import { sealAuditChain } from './audit-seal.js';

/**
 * Sealing after a commit, shared by the writers of one process: at most one sealing round per
 * workspace runs at a time, and writers that commit meanwhile wait for one more round, which
 * starts after theirs committed and so includes their entries. Without this, every concurrent
 * writer would race for the chain head and all but one would lose each time.
 */

type Rounds = { current?: Promise<void>; next?: Promise<void> };

/** Per table client (a process may hold several), per workspace. */
const roundsByClient = new WeakMap<object, Map<string, Rounds>>();

/** A writer gives way sooner than a reader: a later round, or the next reader, finishes the job. */
const WRITER_MAX_SEAL_CONFLICTS = 4;

async function sealQuietly(db: Db, tenantId: string): Promise<void> {
  try {
    await sealAuditChain(db, tenantId, { maxConflicts: WRITER_MAX_SEAL_CONFLICTS });
  } catch (error) {
    // The change is already durable; its entry waits for the next sealer. Only the error's name
    // is logged, never the entry.
    db.log?.warn(
      { errorName: error instanceof Error ? error.name : 'unknown' },
      'audit entries left pending for a later sealer',
    );
  }
}

/**
 * Seals the workspace's chain so that it includes every entry committed before the call, best
 * effort: it never throws.
 */
export function sealAfterCommit(db: Db, tenantId: string): Promise<void> {
  let byTenant = roundsByClient.get(db.doc);
  if (byTenant === undefined) {
    byTenant = new Map();
    roundsByClient.set(db.doc, byTenant);
  }
  const tenants = byTenant;
  const rounds = tenants.get(tenantId) ?? {};
  tenants.set(tenantId, rounds);
  // A round that has not started yet will read the pending entries after this one committed.
  if (rounds.next !== undefined) return rounds.next;
  const start = (): Promise<void> => {
    const round = sealQuietly(db, tenantId).finally(() => {
      if (rounds.current !== round) return;
      rounds.current = undefined;
      if (rounds.next === undefined) tenants.delete(tenantId);
    });
    rounds.current = round;
    return round;
  };
  if (rounds.current === undefined) return start();
  // The running round may have read the pending entries before this one committed.
  const next = rounds.current.then(() => {
    rounds.next = undefined;
    return start();
  });
  rounds.next = next;
  return next;
}
