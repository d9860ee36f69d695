import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TransactItem } from '../../platform/audit/audit-log.js';
import type { Db } from '../../platform/db/client.js';
import { SK, SK_PREFIX, tenantPk } from '../../platform/db/keys.js';
import { queryPrefixAll } from '../../platform/db/query.js';
import { buildVersionedUpdate } from '../../platform/db/updates.js';
import { LICENSE_STORED_FIELDS, type License } from './schema.js';

/** License items: `TENANT#<t> / LICENSE#<id>`; a workspace holds few, so they are read together. */

/** Presenter: only the license's own fields leave the repo (no keys, no internal attributes). */
export function toLicense(item: Record<string, unknown>): License {
  const license: Record<string, unknown> = {};
  for (const field of LICENSE_STORED_FIELDS) if (item[field] !== undefined) license[field] = item[field];
  return license as License;
}

export function buildPutLicense(db: Db, tenantId: string, license: License): TransactItem {
  return {
    Put: {
      TableName: db.mainTable,
      Item: { PK: tenantPk(tenantId), SK: SK.license(license.id), entity: 'License', ...license },
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

/** A conditional update of the given fields that bumps the version (optimistic concurrency). */
export function buildUpdateLicense(
  db: Db,
  tenantId: string,
  licenseId: string,
  changes: Record<string, unknown>,
  expectedVersion: number,
): TransactItem {
  return buildVersionedUpdate(db, { PK: tenantPk(tenantId), SK: SK.license(licenseId) }, changes, {
    expectedVersion,
  });
}

/**
 * Replaces the holder's own numbers and bumps the version. A PUT replaces the whole set, so it is
 * not conditioned on the version the client read; the license must still exist.
 */
export function buildReplaceOverrides(
  db: Db,
  tenantId: string,
  licenseId: string,
  overrides: Record<string, unknown>,
  updatedAt: string,
): TransactItem {
  return {
    Update: {
      TableName: db.mainTable,
      Key: { PK: tenantPk(tenantId), SK: SK.license(licenseId) },
      UpdateExpression: 'SET #overrides = :overrides, #updatedAt = :updatedAt, #version = #version + :one',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: {
        '#overrides': 'overrides',
        '#updatedAt': 'updatedAt',
        '#version': 'version',
      },
      ExpressionAttributeValues: { ':overrides': overrides, ':updatedAt': updatedAt, ':one': 1 },
    },
  };
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
