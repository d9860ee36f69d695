import { GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { GSI1, SK, tenantPk } from '../../platform/db/keys.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Incident } from './schema.js';

/** Incident items: `TENANT#<t> / INCIDENT#<id>`, listed by when they happened through GSI1. */

const STORED_FIELDS = [
  'id',
  'occurredAt',
  'timeZone',
  'category',
  'location',
  'peopleInvolved',
  'childrenPresent',
  'narrative',
  'witnesses',
  'tags',
  'followUpNeeded',
  'createdAt',
  'updatedAt',
  'createdBy',
  'deletedAt',
  'version',
] as const;

/** Presenter: only the incident's own fields leave the repo (no keys, no internal attributes). */
export function toIncident(item: Record<string, unknown>): Incident {
  const incident: Record<string, unknown> = {};
  for (const field of STORED_FIELDS) if (item[field] !== undefined) incident[field] = item[field];
  return incident as Incident;
}

export function toUtc(iso: string): string {
  return new Date(iso).toISOString();
}

export function buildPutIncident(db: Db, tenantId: string, incident: Incident): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        PK: tenantPk(tenantId),
        SK: SK.incident(incident.id),
        entity: 'Incident',
        ...GSI1.incidentByOccurrence(tenantId, toUtc(incident.occurredAt), incident.id),
        ...incident,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getIncident(
  db: Db,
  tenantId: string,
  incidentId: string,
): Promise<Incident | undefined> {
  const result = await db.doc.send(
    new GetCommand({
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.incident(incidentId) },
      ConsistentRead: true,
    }),
  );
  return result.Item === undefined ? undefined : toIncident(result.Item);
}

/**
 * A conditional update of the given fields that also bumps the version (optimistic concurrency).
 * A new `occurredAt` also moves the item in the occurrence index.
 */
export function buildUpdateIncident(
  db: Db,
  tenantId: string,
  incidentId: string,
  changes: Record<string, unknown>,
  expected: { version: number; isDeleted: boolean },
  remove: string[] = [],
): TransactItem {
  const names: Record<string, string> = { '#version': 'version' };
  const values: Record<string, unknown> = { ':expected': expected.version, ':one': 1 };
  const sets: string[] = ['#version = #version + :one'];
  const occurredAt = changes.occurredAt;
  const indexed =
    typeof occurredAt === 'string'
      ? { ...changes, GSI1SK: GSI1.incidentByOccurrence(tenantId, toUtc(occurredAt), incidentId).GSI1SK }
      : changes;
  Object.entries(indexed).forEach(([field, value], index) => {
    names[`#f${index}`] = field;
    values[`:v${index}`] = value;
    sets.push(`#f${index} = :v${index}`);
  });
  const removals = remove.map((field, index) => {
    names[`#r${index}`] = field;
    return `#r${index}`;
  });
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.incident(incidentId) },
      UpdateExpression: `SET ${sets.join(', ')}${removals.length > 0 ? ` REMOVE ${removals.join(', ')}` : ''}`,
      ConditionExpression: `attribute_exists(PK) AND #version = :expected AND ${expected.isDeleted ? 'attribute_exists(deletedAt)' : 'attribute_not_exists(deletedAt)'}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

export type IncidentFilter = {
  fromUtc?: string;
  toUtc?: string;
  category?: string;
  child?: string;
  tag?: string;
  isDeleted: boolean;
};

/**
 * One page of incidents, newest occurrence first, filtered. DynamoDB applies `Limit` before the
 * filter, so this keeps querying until the page is full; the cursor is the key of the last item
 * returned, never one that was read and dropped.
 */
export async function queryIncidents(
  db: Db,
  tenantId: string,
  filter: IncidentFilter,
  options: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ items: Incident[]; lastKey?: Record<string, unknown> }> {
  const { GSI1PK } = GSI1.incidentsOfTenant(tenantId);
  const values: Record<string, unknown> = {
    ':pk': GSI1PK,
    ':from': filter.fromUtc ?? '0',
    ':to': `${filter.toUtc ?? '9999'}~`,
  };
  const conditions = [filter.isDeleted ? 'attribute_exists(deletedAt)' : 'attribute_not_exists(deletedAt)'];
  if (filter.category !== undefined) {
    conditions.push('category = :category');
    values[':category'] = filter.category;
  }
  if (filter.child !== undefined) {
    conditions.push('contains(childrenPresent, :child)');
    values[':child'] = filter.child;
  }
  if (filter.tag !== undefined) {
    conditions.push('contains(tags, :tag)');
    values[':tag'] = filter.tag;
  }
  const collected: Record<string, unknown>[] = [];
  let startKey = options.startKey;
  let hasMore = false;
  do {
    const page = await db.doc.send(
      new QueryCommand({
        TableName: db.mainTable,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
        FilterExpression: conditions.join(' AND '),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: Math.max(options.limit, 25),
        ExclusiveStartKey: startKey,
      }),
    );
    collected.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
    hasMore = startKey !== undefined;
  } while (collected.length < options.limit && hasMore);
  const items = collected.slice(0, options.limit);
  const last = items.at(-1);
  const isMore = collected.length > options.limit || (collected.length === options.limit && hasMore);
  return {
    items: items.map(toIncident),
    ...(isMore && last !== undefined
      ? { lastKey: { PK: last.PK, SK: last.SK, GSI1PK: last.GSI1PK, GSI1SK: last.GSI1SK } }
      : {}),
  };
}
