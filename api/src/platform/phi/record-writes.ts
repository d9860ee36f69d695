import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { tenantPk } from '../db/keys.js';
import { PHI_KEYS } from '../db/phi-keys.js';
import {
  CURRENT_FORMAT,
  ENC_PREFIX,
  FORMAT_ATTR,
  SEALED_ATTR,
  type PhiCreate,
  type PhiUpdate,
} from './phi-records.js';

export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];
type Item = Record<string, unknown>;

/**
 * A record's fields sealed for a write: the one message that holds them all (format 2), and, when
 * an update rewrites a record stored in format 1, its per-field attributes, which are removed.
 */
export type SealedWrite = { message: Uint8Array; formerFields: readonly string[] };

/** The conditional put of a new record, its fields sealed in the current format. */
export function buildCreate(
  table: string,
  tenantId: string,
  op: PhiCreate,
  now: string,
  sealed: SealedWrite,
): TransactItem {
  const item: Item = {
    PK: tenantPk(tenantId),
    SK: PHI_KEYS.record(op.kind, op.id),
    entity: 'WellbeingRecord',
    GSI1PK: PHI_KEYS.ownerPartition(tenantId, op.kind, op.ownerId),
    GSI1SK: PHI_KEYS.recordByDate(op.sortDate, op.id),
    kind: op.kind,
    id: op.id,
    ownerId: op.ownerId,
    sharedWith: [],
    sortDate: op.sortDate,
    createdAt: now,
    updatedAt: now,
    version: 1,
    [FORMAT_ATTR]: CURRENT_FORMAT,
    [SEALED_ATTR]: sealed.message,
  };
  return { Put: { TableName: table, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } };
}

function buildShare(table: string, tenantId: string, op: PhiUpdate): TransactItem[] {
  if (op.share === undefined) return [];
  const key = { PK: tenantPk(tenantId), SK: PHI_KEYS.share(op.share.granteeId, op.kind, op.id) };
  const share = op.share;
  return [
    share.isGranted
      ? {
          Put: {
            TableName: table,
            Item: { ...key, entity: 'WellbeingShare', kind: op.kind, id: op.id, granteeId: share.granteeId },
          },
        }
      : { Delete: { TableName: table, Key: key } },
  ];
}

/**
 * The conditional update of a record (its version and deleted state as the caller saw them), and
 * the share item it grants or revokes. `sealed` is given when the fields change.
 */
export function buildUpdate(
  table: string,
  tenantId: string,
  op: PhiUpdate,
  now: string,
  sealed: SealedWrite | undefined,
): TransactItem[] {
  const names: Record<string, string> = { '#version': 'version', '#updatedAt': 'updatedAt' };
  const values: Record<string, unknown> = { ':expected': op.expected.version, ':one': 1, ':now': now };
  const sets = ['#version = #version + :one', '#updatedAt = :now'];
  const removes: string[] = [];
  if (sealed !== undefined) {
    names['#format'] = FORMAT_ATTR;
    names['#sealed'] = SEALED_ATTR;
    values[':format'] = CURRENT_FORMAT;
    values[':sealed'] = sealed.message;
    sets.push('#format = :format', '#sealed = :sealed');
    sealed.formerFields.forEach((name, index) => {
      names[`#f${index}`] = `${ENC_PREFIX}${name}`;
      removes.push(`#f${index}`);
    });
  }
  if (op.sortDate !== undefined) {
    names['#sortDate'] = 'sortDate';
    names['#gsk'] = 'GSI1SK';
    values[':sortDate'] = op.sortDate;
    values[':gsk'] = PHI_KEYS.recordByDate(op.sortDate, op.id);
    sets.push('#sortDate = :sortDate', '#gsk = :gsk');
  }
  names['#deletedAt'] = 'deletedAt';
  if (typeof op.deletedAt === 'string') {
    values[':deletedAt'] = op.deletedAt;
    sets.push('#deletedAt = :deletedAt');
  } else if (op.deletedAt === null) {
    removes.push('#deletedAt');
  }
  if (op.share !== undefined) {
    names['#sharedWith'] = 'sharedWith';
    values[':sharedWith'] = op.share.sharedWith;
    sets.push('#sharedWith = :sharedWith');
  }
  return [
    {
      Update: {
        TableName: table,
        Key: { PK: tenantPk(tenantId), SK: PHI_KEYS.record(op.kind, op.id) },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: `attribute_exists(PK) AND #version = :expected AND ${op.expected.isDeleted ? 'attribute_exists(#deletedAt)' : 'attribute_not_exists(#deletedAt)'}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    },
    ...buildShare(table, tenantId, op),
  ];
}
