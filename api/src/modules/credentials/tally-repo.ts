import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll } from '../../platform/db/query.js';
import {
  commitTransaction,
  getFailedConditionIndexes,
  isTransactionConflict,
} from '../../platform/db/transactions.js';
import { ACTIVITY_FORMATS } from './activity-schema.js';
import type { CycleTally, TallyDelta } from './cycle-tally.js';

/**
 * CE tallies: `TENANT#<t> / CETALLY#LICENSE#<licenseId>`, one per license's current cycle, and
 * `CETALLY#GUARD`, which counts activity writes and tally rebuilds. An activity write adds its
 * difference to the tallies it read and counts itself, on condition no rebuild happened since it
 * read them; a rebuild (summing the activities afresh) is written on condition no activity write
 * happened since it read the guard. So neither can miss the other, and a tally stays exact.
 */

export type TallyRead = {
  tallies: Map<string, CycleTally>;
  /** The guard's counts as read: what the write that follows is conditioned on. */
  activityWrites: number;
  tallyWrites: number;
};

function toTally(item: Record<string, unknown>): CycleTally {
  return {
    startsOn: String(item.startsOn),
    endsOn: String(item.endsOn),
    topics: (item.topics as string[] | undefined) ?? [],
    formatHours: item.formatHours as CycleTally['formatHours'],
    topicHours: (item.topicHours as CycleTally['topicHours'] | undefined) ?? {},
  };
}

/** Every tally of a workspace and its guard: one query of a few small items. */
export async function readTallies(db: Db, tenantId: string): Promise<TallyRead> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.ceTally,
    isConsistent: true,
  });
  const read: TallyRead = { tallies: new Map(), activityWrites: 0, tallyWrites: 0 };
  for (const item of items) {
    if (item.entity === 'CeTallyGuard') {
      read.activityWrites = Number(item.activityWrites ?? 0);
      read.tallyWrites = Number(item.tallyWrites ?? 0);
    } else if (item.entity === 'CeCycleTally') read.tallies.set(String(item.licenseId), toTally(item));
  }
  return read;
}

/** Counts one more of `counted`, on condition the other count is still what was read. */
function buildGuardUpdate(
  db: Db,
  tenantId: string,
  counted: 'activityWrites' | 'tallyWrites',
  other: { name: 'activityWrites' | 'tallyWrites'; value: number },
): TransactItem {
  const isFirst = other.value === 0;
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.ceTallyGuard() },
      UpdateExpression: 'SET #counted = if_not_exists(#counted, :zero) + :one, entity = :entity',
      ConditionExpression: isFirst ? 'attribute_not_exists(#other) OR #other = :zero' : '#other = :seen',
      ExpressionAttributeNames: { '#counted': counted, '#other': other.name },
      ExpressionAttributeValues: {
        ':zero': 0,
        ':one': 1,
        ':entity': 'CeTallyGuard',
        ...(isFirst ? {} : { ':seen': other.value }),
      },
    },
  };
}

/**
 * The writes an activity write adds to its transaction: its difference to each tally (`deltas`,
 * by license id, empty ones left out) and the guard counting it. The guard write comes first, so a
 * failed condition at index 0 of these means a rebuild came between: read again and retry.
 */
export function buildTallyWrites(
  db: Db,
  tenantId: string,
  read: TallyRead,
  deltas: ReadonlyMap<string, TallyDelta>,
): TransactItem[] {
  const writes = [
    buildGuardUpdate(db, tenantId, 'activityWrites', { name: 'tallyWrites', value: read.tallyWrites }),
  ];
  for (const [licenseId, delta] of deltas) {
    const names: Record<string, string> = {};
    const values: Record<string, number> = {};
    const sets: string[] = [];
    const add = (map: 'formatHours' | 'topicHours', key: string, hours: number) => {
      const index = sets.length;
      names[`#k${index}`] = key;
      values[`:d${index}`] = hours;
      sets.push(`${map}.#k${index} = ${map}.#k${index} + :d${index}`);
    };
    for (const format of ACTIVITY_FORMATS) {
      const hours = delta.formatHours[format];
      if (hours !== undefined) add('formatHours', format, hours);
    }
    for (const [topic, hours] of Object.entries(delta.topicHours)) add('topicHours', topic, hours);
    writes.push({
      Update: {
        TableName: db.mainTable,
        Key: { PK: tenantPk(tenantId), SK: SK.ceCycleTally(licenseId) },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    });
  }
  return writes;
}

/** At most this many tallies are written in one rebuild (a transaction holds 100 writes). */
const MAX_REBUILT = 90;

/**
 * Stores tallies summed afresh (by license id) and removes those of licenses that are gone, unless
 * an activity write came after `read`: then nothing is stored and the next read sums again.
 * Answers whether they were stored. A cache of derived numbers, so it is not audited.
 */
export async function storeTallies(
  db: Db,
  tenantId: string,
  read: TallyRead,
  change: { tallies: ReadonlyMap<string, CycleTally>; goneLicenseIds: readonly string[] },
): Promise<boolean> {
  const puts: TransactItem[] = [...change.tallies].map(([licenseId, tally]) => ({
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: tenantPk(tenantId),
        SK: SK.ceCycleTally(licenseId),
        entity: 'CeCycleTally',
        licenseId,
        ...tally,
      },
    },
  }));
  const deletes: TransactItem[] = change.goneLicenseIds.map((licenseId) => ({
    Delete: { TableName: db.mainTable, Key: { PK: tenantPk(tenantId), SK: SK.ceCycleTally(licenseId) } },
  }));
  const writes = [...puts, ...deletes].slice(0, MAX_REBUILT);
  if (writes.length === 0) return true;
  try {
    await commitTransaction(db, [
      buildGuardUpdate(db, tenantId, 'tallyWrites', { name: 'activityWrites', value: read.activityWrites }),
      ...writes,
    ]);
    return true;
  } catch (error) {
    if (getFailedConditionIndexes(error) !== undefined || isTransactionConflict(error)) return false;
    throw error;
  }
}
