import type { Db } from '../db/client.js';
import type { AuditEntry } from './audit-chain.js';
import { listAuditEntries } from './audit-log.js';

/** What the audit log can be narrowed to: changes to records, reads of them, or everything. */
export const AUDIT_KINDS = ['changes', 'reads', 'all'] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/**
 * Whether an action records a read rather than a change: wellbeing reads and listings
 * (`wellbeing.check-in.read`, `.listed`, `.trend-read`, `.version-read`) and a professional's reads
 * (`professional.read`). Every other action changed something.
 */
export function isReadAction(action: string): boolean {
  return action.endsWith('.read') || action.endsWith('-read') || action.endsWith('.listed');
}

function isOfKind(entry: AuditEntry, kind: AuditKind): boolean {
  if (kind === 'all') return true;
  return isReadAction(entry.action) === (kind === 'reads');
}

/**
 * Most queries one page may make while skipping entries of the other kind; past that the page
 * comes back shorter than asked (possibly empty) with a cursor to go on, so a log of thousands of
 * reads never turns one request into a scan of the whole chain.
 */
const MAX_QUERIES_PER_PAGE = 5;

/** One page of the audit log, newest first, holding only entries of `kind`. */
export async function listAuditEntriesOfKind(
  db: Db,
  tenantId: string,
  options: { kind: AuditKind; limit: number; startKey?: Record<string, unknown> },
): Promise<{ items: AuditEntry[]; lastKey?: Record<string, unknown> }> {
  const items: AuditEntry[] = [];
  let startKey = options.startKey;
  for (let query = 0; query < MAX_QUERIES_PER_PAGE; query += 1) {
    // Never more than the entries still wanted: the cursor then points exactly after the last one kept.
    const page = await listAuditEntries(db, tenantId, {
      limit: options.limit - items.length,
      ...(startKey === undefined ? {} : { startKey }),
    });
    items.push(...page.items.filter((entry) => isOfKind(entry, options.kind)));
    startKey = page.lastKey;
    if (startKey === undefined || items.length >= options.limit) break;
  }
  return { items, ...(startKey === undefined ? {} : { lastKey: startKey }) };
}
