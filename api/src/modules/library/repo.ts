import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll } from '../../platform/db/query.js';
import { buildVersionedUpdate } from '../../platform/db/updates.js';
import type { LibraryItem } from './schema.js';
import { CHECKLIST_STORED_FIELDS, type Checklist } from './workspace-schema.js';

/**
 * Library items of a workspace: its additions (`LIBRARYADD#<id>`) and its copied checklists
 * (`LIBRARYCHECK#<id>`), both under the tenant's partition.
 */

/** An addition as stored: the item plus who wrote it. */
export type StoredAddition = LibraryItem & { createdBy: string; version: number };

/** The stored fields of an addition, in the export's column order. */
export const ADDITION_STORED_FIELDS = [
  'id',
  'kind',
  'audience',
  'title',
  'summary',
  'body',
  'tags',
  'steps',
  'template',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
] as const;

/** Presenter: only the addition's own fields leave the repo (no keys, no entity names). */
export function toAddition(item: Record<string, unknown>): StoredAddition {
  const addition: Record<string, unknown> = { source: 'workspace' };
  for (const field of ADDITION_STORED_FIELDS) if (item[field] !== undefined) addition[field] = item[field];
  return addition as StoredAddition;
}

export function toChecklist(item: Record<string, unknown>): Checklist {
  const checklist: Record<string, unknown> = {};
  for (const field of CHECKLIST_STORED_FIELDS) if (item[field] !== undefined) checklist[field] = item[field];
  return checklist as Checklist;
}

export function buildPutAddition(db: Db, tenantId: string, addition: StoredAddition): TransactItem {
  const { source: _source, ...fields } = addition;
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: tenantPk(tenantId),
        SK: SK.libraryAddition(addition.id),
        entity: 'LibraryAddition',
        ...fields,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getAddition(
  db: Db,
  tenantId: string,
  additionId: string,
): Promise<StoredAddition | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.libraryAddition(additionId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : toAddition(result.Item);
}

/**
 * Every addition of a workspace, oldest first (ids are time-ordered). `isConsistent` when what is
 * read must include every change already counted in the library version (search caches by it).
 */
export async function listAdditions(
  db: Db,
  tenantId: string,
  options: { isConsistent?: boolean } = {},
): Promise<StoredAddition[]> {
  const items = await queryPrefixAll(db, {
    pk: tenantPk(tenantId),
    prefix: SK_PREFIX.libraryAddition,
    isConsistent: options.isConsistent === true,
  });
  return items.map(toAddition);
}

/** The entity name the version item carries (written as a field so the inventory test finds it). */
const VERSION_ITEM = { entity: 'LibraryVersion' } as const;

/**
 * Counts one change of the workspace's additions, in the change's own transaction, so the count
 * read later says for certain whether the additions changed since (created at 1 on the first).
 */
export function buildCountLibraryChange(db: Db, tenantId: string): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.libraryVersion() },
      UpdateExpression: 'SET #kind = :entity ADD #version :one',
      ExpressionAttributeNames: { '#kind': 'entity', '#version': 'version' },
      ExpressionAttributeValues: { ':entity': VERSION_ITEM.entity, ':one': 1 },
    },
  };
}

/**
 * The workspace's library version: the number of changes to its additions. Undefined when none
 * was counted (no addition ever changed, or all of them changed before changes were counted).
 */
export async function getLibraryVersion(db: Db, tenantId: string): Promise<number | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.libraryVersion() },
      ConsistentRead: true,
      ProjectionExpression: '#version',
      ExpressionAttributeNames: { '#version': 'version' },
    }),
  );
  const version: unknown = result.Item?.version;
  return typeof version === 'number' ? version : undefined;
}

export function buildUpdateAddition(
  db: Db,
  tenantId: string,
  additionId: string,
  changes: Record<string, unknown>,
  version: number,
): TransactItem {
  return buildVersionedUpdate(db, { PK: tenantPk(tenantId), SK: SK.libraryAddition(additionId) }, changes, {
    expectedVersion: version,
  });
}

/** Deletes an addition only if it still exists (a second delete answers 404). */
export function buildDeleteAddition(db: Db, tenantId: string, additionId: string): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.libraryAddition(additionId) },
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}

export function buildPutChecklist(db: Db, tenantId: string, checklist: Checklist): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: tenantPk(tenantId),
        SK: SK.libraryChecklist(checklist.id),
        entity: 'LibraryChecklist',
        ...checklist,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getChecklist(
  db: Db,
  tenantId: string,
  checklistId: string,
): Promise<Checklist | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.libraryChecklist(checklistId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : toChecklist(result.Item);
}

export async function listChecklists(db: Db, tenantId: string): Promise<Checklist[]> {
  const items = await queryPrefixAll(db, { pk: tenantPk(tenantId), prefix: SK_PREFIX.libraryChecklist });
  return items.map(toChecklist);
}

export function buildUpdateChecklist(
  db: Db,
  tenantId: string,
  checklistId: string,
  changes: Record<string, unknown>,
  version: number,
): TransactItem {
  return buildVersionedUpdate(db, { PK: tenantPk(tenantId), SK: SK.libraryChecklist(checklistId) }, changes, {
    expectedVersion: version,
  });
}

export function buildDeleteChecklist(db: Db, tenantId: string, checklistId: string): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.libraryChecklist(checklistId) },
      ConditionExpression: 'attribute_exists(PK)',
    },
  };
}
