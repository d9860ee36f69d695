import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { buildDateRange, SK, tenantPk } from '../../platform/db/keys.js';
import { GSI1 } from '../../platform/db/index-keys.js';
import { queryFilteredPage } from '../../platform/db/query.js';
import { buildVersionedUpdate } from '../../platform/db/updates.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import { INCIDENT_STORED_FIELDS, type Incident } from './schema.js';

/** Incident items: `TENANT#<t> / INCIDENT#<id>`, listed by when they happened through GSI1. */

/** Presenter: only the incident's own fields leave the repo (no keys, no internal attributes). */
export function toIncident(item: Record<string, unknown>): Incident {
  const incident: Record<string, unknown> = {};
  for (const field of INCIDENT_STORED_FIELDS) if (item[field] !== undefined) incident[field] = item[field];
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
  const occurredAt = changes.occurredAt;
  const indexed =
    typeof occurredAt === 'string'
      ? { ...changes, GSI1SK: GSI1.incidentByOccurrence(tenantId, toUtc(occurredAt), incidentId).GSI1SK }
      : changes;
  return buildVersionedUpdate(db, { PK: tenantPk(tenantId), SK: SK.incident(incidentId) }, indexed, {
    expectedVersion: expected.version,
    remove,
    condition: expected.isDeleted ? 'attribute_exists(deletedAt)' : 'attribute_not_exists(deletedAt)',
  });
}

export type IncidentFilter = {
  fromUtc?: string;
  toUtc?: string;
  category?: string;
  child?: string;
  tag?: string;
  isDeleted: boolean;
};

/** One page of incidents, newest occurrence first, filtered (see `queryFilteredPage`). */
export async function queryIncidents(
  db: Db,
  tenantId: string,
  filter: IncidentFilter,
  options: { limit: number; startKey?: Record<string, unknown> },
): Promise<{ items: Incident[]; lastKey?: Record<string, unknown> }> {
  const { GSI1PK } = GSI1.incidentsOfTenant(tenantId);
  const range = buildDateRange(filter.fromUtc, filter.toUtc);
  const values: Record<string, unknown> = {
    ':pk': GSI1PK,
    ':from': range.from,
    ':to': range.to,
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
  const page = await queryFilteredPage(
    db,
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
      FilterExpression: conditions.join(' AND '),
      ExpressionAttributeValues: values,
      ScanIndexForward: false,
    },
    {
      ...options,
      keyOf: (item) => ({ PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK }),
    },
  );
  return { ...page, items: page.items.map(toIncident) };
}
