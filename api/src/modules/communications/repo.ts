import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Db } from '../../platform/db/client.js';
import { buildDateRange, SK, tenantPk } from '../../platform/db/keys.js';
import { GSI1 } from '../../platform/db/index-keys.js';
import { queryFilteredPage } from '../../platform/db/query.js';
import { buildVersionedDelete, buildVersionedUpdate } from '../../platform/db/updates.js';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import { COMMUNICATION_STORED_FIELDS, type Communication } from './schema.js';

/** Communication items: `TENANT#<t> / COMMUNICATION#<id>`, listed by when they happened through GSI1. */

/** Presenter: only the communication's own fields leave the repo (no keys, no internal attributes). */
export function toCommunication(item: Record<string, unknown>): Communication {
  const communication: Record<string, unknown> = {};
  for (const field of COMMUNICATION_STORED_FIELDS)
    if (item[field] !== undefined) communication[field] = item[field];
  return communication as Communication;
}

export function toUtc(iso: string): string {
  return new Date(iso).toISOString();
}

function keyOf(tenantId: string, communicationId: string) {
  return { PK: tenantPk(tenantId), SK: SK.communication(communicationId) };
}

export function buildPutCommunication(db: Db, tenantId: string, communication: Communication): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: {
        ...keyOf(tenantId, communication.id),
        entity: 'Communication',
        ...GSI1.communicationByOccurrence(tenantId, toUtc(communication.occurredAt), communication.id),
        ...communication,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
    },
  };
}

export async function getCommunication(
  db: Db,
  tenantId: string,
  communicationId: string,
): Promise<Communication | undefined> {
  const result = await db.doc.send(
    new GetCommand({ TableName: db.mainTable, Key: keyOf(tenantId, communicationId), ConsistentRead: true }),
  );
  return result.Item === undefined ? undefined : toCommunication(result.Item);
}

/** A versioned update; a new `occurredAt` also moves the item in the occurrence index. */
export function buildUpdateCommunication(
  db: Db,
  tenantId: string,
  communicationId: string,
  changes: Record<string, unknown>,
  expectedVersion: number,
): TransactItem {
  const occurredAt = changes.occurredAt;
  const indexed =
    typeof occurredAt === 'string'
      ? {
          ...changes,
          GSI1SK: GSI1.communicationByOccurrence(tenantId, toUtc(occurredAt), communicationId).GSI1SK,
        }
      : changes;
  return buildVersionedUpdate(db, keyOf(tenantId, communicationId), indexed, { expectedVersion });
}

/** Appends a note without touching the message's fields or version, while it has fewer than `maxNotes`. */
export function buildAppendNote(
  db: Db,
  tenantId: string,
  communicationId: string,
  note: Communication['notes'][number],
  maxNotes: number,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: keyOf(tenantId, communicationId),
      UpdateExpression: 'SET notes = list_append(notes, :note), updatedAt = :at',
      ConditionExpression: 'attribute_exists(PK) AND size(notes) < :max',
      ExpressionAttributeValues: { ':note': [note], ':at': note.at, ':max': maxNotes },
    },
  };
}

export function buildDeleteCommunication(
  db: Db,
  tenantId: string,
  communicationId: string,
  expectedVersion: number,
): TransactItem {
  return buildVersionedDelete(db, keyOf(tenantId, communicationId), expectedVersion);
}

export type CommunicationFilter = {
  fromUtc?: string;
  toUtc?: string;
  channel?: string;
  direction?: string;
};

/** One page of communications, newest first, filtered (see `queryFilteredPage`). */
export async function queryCommunications(
  db: Db,
  tenantId: string,
  filter: CommunicationFilter,
  options: { limit: number; startKey?: Record<string, unknown>; oldestFirst?: boolean },
): Promise<{ items: Communication[]; lastKey?: Record<string, unknown> }> {
  const { GSI1PK } = GSI1.communicationsOfTenant(tenantId);
  const range = buildDateRange(filter.fromUtc, filter.toUtc);
  const values: Record<string, unknown> = { ':pk': GSI1PK, ':from': range.from, ':to': range.to };
  const conditions = ['attribute_exists(PK)'];
  if (filter.channel !== undefined) {
    conditions.push('channel = :channel');
    values[':channel'] = filter.channel;
  }
  if (filter.direction !== undefined) {
    conditions.push('direction = :direction');
    values[':direction'] = filter.direction;
  }
  const page = await queryFilteredPage(
    db,
    {
      IndexName: 'GSI1',
      KeyConditionExpression: 'GSI1PK = :pk AND GSI1SK BETWEEN :from AND :to',
      FilterExpression: conditions.join(' AND '),
      ExpressionAttributeValues: values,
      ScanIndexForward: options.oldestFirst === true,
    },
    {
      limit: options.limit,
      ...(options.startKey === undefined ? {} : { startKey: options.startKey }),
      keyOf: (item) => ({ PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK }),
    },
  );
  return { ...page, items: page.items.map(toCommunication) };
}
