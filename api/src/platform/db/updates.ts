import type { TransactItem } from '../audit/audit-log.js';
import type { Db } from './client.js';

/**
 * A conditional update that sets `changes`, removes `remove`, and bumps `version` from the one
 * the caller read (optimistic concurrency). `condition` adds to the check that the item exists
 * at that version.
 */
export function buildVersionedUpdate(
  db: Db,
  key: { PK: string; SK: string },
  changes: Record<string, unknown>,
  options: { expectedVersion: number; remove?: string[]; condition?: string },
): TransactItem {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': options.expectedVersion, ':one': 1 };
  const sets = ['#version = #version + :one'];
  Object.entries(changes).forEach(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    sets.push(`#f${index} = :v${index}`);
  });
  const removals = (options.remove ?? []).map((field, index) => {
    names[`#r${index}`] = field;
    return `#r${index}`;
  });
  const conditions = [
    'attribute_exists(PK)',
    '#version = :expected',
    ...(options.condition === undefined ? [] : [options.condition]),
  ];
  return {
    Update: {
      TableName: db.mainTable,
      Key: key,
      UpdateExpression: `SET ${sets.join(', ')}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ConditionExpression: conditions.join(' AND '),
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * A delete of an item that must still exist at the version the caller read: a stale delete
 * fails its condition like a stale update does, so it answers the same 409.
 */
export function buildVersionedDelete(
  db: Db,
  key: { PK: string; SK: string },
  expectedVersion: number,
): TransactItem {
  return {
    Delete: {
      TableName: db.mainTable,
      Key: key,
      ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
      ExpressionAttributeNames: { '#version': 'version' },
      ExpressionAttributeValues: { ':expected': expectedVersion },
    },
  };
}
