import { GetCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { GSI1 } from '../../platform/db/index-keys.js';
import { parseTenantPk, SK, SK_PREFIX, TENANT_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll } from '../../platform/db/query.js';
import { isConditionFailed } from '../../platform/db/transactions.js';
import { buildVersionedUpdate } from '../../platform/db/updates.js';
import { LICENSE_STORED_FIELDS, type License } from './schema.js';

/**
 * License items: `TENANT#<t> / LICENSE#<id>`; a workspace holds few, so they are read together.
 * While a renewal reminder of the current cycle is still ahead, the item also carries the
 * `GSI1.ceReminderDue` keys of the day it is due, written by every change that can move it.
 */

const REMINDER_INDEX_ATTRIBUTES = ['GSI1PK', 'GSI1SK'];

/**
 * The reminder-index attributes of a license: its due keys, or none (to remove) when nothing is
 * due, and `remindersIndexed`, which tells the backfill this license was already considered.
 */
function reminderIndexOf(tenantId: string, licenseId: string, reminderDueOn: string | undefined) {
  return {
    remindersIndexed: true,
    ...(reminderDueOn === undefined ? {} : GSI1.ceReminderDue(reminderDueOn, tenantId, licenseId)),
  };
}

/** Presenter: only the license's own fields leave the repo (no keys, no internal attributes). */
export function toLicense(item: Record<string, unknown>): License {
  const license: Record<string, unknown> = {};
  for (const field of LICENSE_STORED_FIELDS) if (item[field] !== undefined) license[field] = item[field];
  return license as License;
}

export function buildPutLicense(
  db: Db,
  tenantId: string,
  license: License,
  reminderDueOn: string | undefined,
): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: tenantPk(tenantId),
        SK: SK.license(license.id),
        entity: 'License',
        ...license,
        ...reminderIndexOf(tenantId, license.id, reminderDueOn),
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getLicense(db: Db, tenantId: string, licenseId: string): Promise<License | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.license(licenseId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : toLicense(result.Item);
}

/** Every license of a workspace, oldest first. */
export async function listLicenses(db: Db, tenantId: string): Promise<License[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.license,
    isConsistent: true,
  });
  return items.map(toLicense);
}

/**
 * A conditional update of the given fields that bumps the version (optimistic concurrency), with
 * the reminder index set to `reminderDueOn` (the license as it will be after the change).
 */
export function buildUpdateLicense(
  db: Db,
  tenantId: string,
  licenseId: string,
  update: { changes: Record<string, unknown>; expectedVersion: number; reminderDueOn: string | undefined },
): TransactItem {
  const index = reminderIndexOf(tenantId, licenseId, update.reminderDueOn);
  return buildVersionedUpdate(
    db,
    { PK: tenantPk(tenantId), SK: SK.license(licenseId) },
    { ...update.changes, ...index },
    {
      expectedVersion: update.expectedVersion,
      ...(update.reminderDueOn === undefined ? { remove: REMINDER_INDEX_ATTRIBUTES } : {}),
    },
  );
}

/**
 * Replaces the holder's own numbers and bumps the version. A PUT replaces the whole set, so the
 * client sends no version; the write is conditioned on the version the service read, as the
 * reminder index it sets was worked out from that license.
 */
export function buildReplaceOverrides(
  db: Db,
  tenantId: string,
  licenseId: string,
  replace: {
    overrides: Record<string, unknown>;
    updatedAt: string;
    readVersion: number;
    reminderDueOn: string | undefined;
  },
): TransactItem {
  return buildUpdateLicense(db, tenantId, licenseId, {
    changes: { overrides: replace.overrides, updatedAt: replace.updatedAt },
    expectedVersion: replace.readVersion,
    reminderDueOn: replace.reminderDueOn,
  });
}

/** Where the reminder index of a license moves after a run: from the entry read to the next due day, if any. */
export type ReminderMove = { fromSortKey: string; toDueOn: string | undefined };

function buildMoveInput(db: Db, tenantId: string, licenseId: string, move: ReminderMove) {
  const base = {
    TableName: db.mainTable,
    Key: { PK: tenantPk(tenantId), SK: SK.license(licenseId) },
    ConditionExpression: 'GSI1SK = :from',
  };
  if (move.toDueOn === undefined)
    return {
      ...base,
      UpdateExpression: 'REMOVE GSI1PK, GSI1SK',
      ExpressionAttributeValues: { ':from': move.fromSortKey },
    };
  return {
    ...base,
    UpdateExpression: 'SET GSI1SK = :to',
    ExpressionAttributeValues: {
      ':from': move.fromSortKey,
      ':to': GSI1.ceReminderDue(move.toDueOn, tenantId, licenseId).GSI1SK,
    },
  };
}

/**
 * Moves a license's reminder index from the entry a run read to the next due day, or off the
 * index when no reminder of the cycle is left, in the transaction of the reminder's email. Fails
 * its condition when a license change moved the entry meanwhile: that change's due day stands.
 */
export function buildMoveReminderDue(
  db: Db,
  tenantId: string,
  licenseId: string,
  move: ReminderMove,
): TransactItem {
  return { Update: buildMoveInput(db, tenantId, licenseId, move) };
}

/** The same move on its own, when no email goes with it; false when a license change moved it first. */
export async function moveReminderDue(
  db: Db,
  tenantId: string,
  licenseId: string,
  move: ReminderMove,
): Promise<boolean> {
  try {
    await db.doc.send(new UpdateCommand(buildMoveInput(db, tenantId, licenseId, move)));
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}

export function buildDeleteLicense(db: Db, tenantId: string, licenseId: string): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.license(licenseId) },
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}

/**
 * One page of a maintenance Scan for licenses written before the reminder index (no
 * `remindersIndexed`), with their tenants. Only the backfill reads it.
 */
export async function scanLicensesWithoutReminderIndex(
  db: Db,
  startKey: Record<string, unknown> | undefined,
): Promise<{ items: { tenantId: string; license: License }[]; lastKey?: Record<string, unknown> }> {
  const page = await db.doc.send(
    new ScanCommand({
      TableName: db.mainTable,
      FilterExpression:
        'begins_with(PK, :tenant) AND begins_with(SK, :license) AND attribute_not_exists(GSI1PK)',
      ExpressionAttributeValues: { ':tenant': TENANT_PREFIX, ':license': SK_PREFIX.license },
      ExclusiveStartKey: startKey,
    }),
  );
  const items = (page.Items ?? []).flatMap((item) => {
    const tenantId = parseTenantPk(item.PK);
    return tenantId === undefined ? [] : [{ tenantId, license: toLicense(item) }];
  });
  return { items, ...(page.LastEvaluatedKey === undefined ? {} : { lastKey: page.LastEvaluatedKey }) };
}

/**
 * Puts a license written before the index on it (at `reminderDueOn`, or only marked as considered
 * when no reminder is ahead), if it is still at the version read; false when a change or another
 * run got there first (their due day stands).
 */
export async function addReminderIndex(
  db: Db,
  tenantId: string,
  license: License,
  reminderDueOn: string | undefined,
): Promise<boolean> {
  const keys =
    reminderDueOn === undefined ? undefined : GSI1.ceReminderDue(reminderDueOn, tenantId, license.id);
  try {
    await db.doc.send(
      new UpdateCommand({
        TableName: db.mainTable,
        Key: { PK: tenantPk(tenantId), SK: SK.license(license.id) },
        UpdateExpression: `SET remindersIndexed = :indexed${keys === undefined ? '' : ', GSI1PK = :pk, GSI1SK = :sk'}`,
        ConditionExpression:
          'attribute_exists(PK) AND attribute_not_exists(remindersIndexed) AND #version = :version',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: {
          ':indexed': true,
          ':version': license.version,
          ...(keys === undefined ? {} : { ':pk': keys.GSI1PK, ':sk': keys.GSI1SK }),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailed(error)) return false;
    throw error;
  }
}
