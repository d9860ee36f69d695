import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../db/client.js';
import { platformPk, SK, SK_PREFIX, tenantPk } from '../db/keys.js';
import { queryPrefixAll, queryPrefixPage } from '../db/query.js';
import { GENESIS_HASH } from './audit-chain.js';
import { readAuditHead, sealAuditChain } from './audit-seal.js';

/**
 * What survives of a purged workspace's audit log (P-AUD-3): for every entry its number, time,
 * actor id and action, and nothing of its content (no actor label or email, no target, no
 * details).
 *
 * Where: under `PURGEDAUDIT#<tenantId>`, outside the workspace's partition, so the purge can
 * delete that partition whole and a rerun after a crash needs no exceptions.
 *
 * What can still be verified, honestly: each minimised entry keeps the entry's original hash and
 * the previous entry's hash. The chain's *shape* still checks: numbering without gaps, every link
 * pointing at the hash before it, and the last hash equal to the recorded head — so anyone who
 * kept an export (or just the head hash) can tell that no entry was dropped, added or reordered
 * since. What can no longer be checked is an entry's own fields: its hash covered the content that
 * was deleted, so the surviving time, actor id and action cannot be recomputed against it. They
 * are as trustworthy as the storage they sit in, no more.
 */

export type MinimisedAuditEntry = {
  seq: number;
  at: string;
  actorId: string;
  action: string;
  prevHash: string;
  hash: string;
};

const BATCH = 25;

/**
 * Seals waiting entries, then copies a workspace's audit log into its minimised form. Writes are
 * plain overwrites of the same values, so running it again (after a crash, or after part of the
 * partition is gone) is safe.
 */
export async function minimiseAuditLog(db: Db, tenantId: string): Promise<void> {
  const pk = platformPk('purgedAudit', tenantId);
  if (await isChainStillWhole(db, tenantId)) await sealAuditChain(db, tenantId);
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await queryPrefixPage(db, {
      pk: tenantPk(tenantId),
      prefix: SK_PREFIX.auditEntry,
      isConsistent: true,
      limit: 100,
      ...(startKey === undefined ? {} : { startKey }),
    });
    for (let index = 0; index < page.items.length; index += BATCH) {
      const puts = page.items.slice(index, index + BATCH).map((item) => {
        const entry: MinimisedAuditEntry = {
          seq: item.seq as number,
          at: item.at as string,
          actorId: (item.actor as { id: string }).id,
          action: item.action as string,
          prevHash: item.prevHash as string,
          hash: item.hash as string,
        };
        return {
          PutRequest: {
            Item: { PK: pk, SK: SK.auditEntry(entry.seq), entity: 'PurgedAuditEntry', ...entry },
          },
        };
      });
      await db.doc.send(new BatchWriteCommand({ RequestItems: { [db.mainTable]: puts } }));
    }
    startKey = page.lastKey;
  } while (startKey !== undefined);
  const head = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.auditHead() },
      ConsistentRead: true,
    }),
  );
  // Once the partition is swept the head is gone, and the copy made before it stays as it was.
  if (head.Item !== undefined) {
    await db.doc.send(
      new PutCommand({
        TableName: db.mainTable,
        Item: {
          PK: pk,
          SK: SK.auditHead(),
          entity: 'PurgedAuditHead',
          seq: head.Item.seq as number,
          hash: head.Item.hash as string,
        },
      }),
    );
  }
}

/**
 * Whether the workspace's chain can still be extended before it is minimised: waiting entries are
 * sealed so they survive the purge in minimised form too. Once a run has copied the head and the
 * partition sweep has begun (the head gone), the chain is not whole any more: sealing then would
 * restart numbering at 1 and overwrite the minimised copy, so the copy stays as it was.
 */
async function isChainStillWhole(db: Db, tenantId: string): Promise<boolean> {
  if ((await readAuditHead(db, tenantId)) !== undefined) return true;
  const copiedHead = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('purgedAudit', tenantId), SK: SK.auditHead() },
      ConsistentRead: true,
    }),
  );
  return copiedHead.Item === undefined;
}

/** The minimised log of a purged workspace, oldest first. */
export async function listMinimisedAuditLog(db: Db, tenantId: string): Promise<MinimisedAuditEntry[]> {
  const items = await queryPrefixAll(db, {
    pk: platformPk('purgedAudit', tenantId),
    prefix: SK_PREFIX.auditEntry,
    isConsistent: true,
  });
  return items.map((item) => ({
    seq: item.seq as number,
    at: item.at as string,
    actorId: item.actorId as string,
    action: item.action as string,
    prevHash: item.prevHash as string,
    hash: item.hash as string,
  }));
}

/**
 * Checks what can still be checked of a minimised log: no gaps, every link intact, and the last
 * hash equal to the head recorded at the purge. It cannot re-hash an entry (see above).
 */
export async function verifyMinimisedAuditLog(
  db: Db,
  tenantId: string,
): Promise<{ isLinked: boolean; checked: number; headHash?: string }> {
  const entries = await listMinimisedAuditLog(db, tenantId);
  const head = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: platformPk('purgedAudit', tenantId), SK: SK.auditHead() },
      ConsistentRead: true,
    }),
  );
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for (const entry of entries) {
    if (entry.seq !== checked + 1 || entry.prevHash !== prevHash) return { isLinked: false, checked };
    prevHash = entry.hash;
    checked += 1;
  }
  const headHash = head.Item?.hash as string | undefined;
  const isLinked =
    headHash === undefined ? checked === 0 : head.Item?.seq === checked && headHash === prevHash;
  return { isLinked, checked, ...(headHash === undefined ? {} : { headHash }) };
}
