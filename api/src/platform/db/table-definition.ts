/**
 * The one definition of Holdfast's DynamoDB tables. The API, the local stack launcher, the test
 * suites and the CDK app all build their tables from these objects, so an index added here exists
 * everywhere at once.
 */

export type KeyAttribute = { name: string; type: 'S' | 'N' | 'B' };

export type IndexDefinition = {
  indexName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
};

export type TableDefinition = {
  /** Logical name; the physical name is `${prefix}-${logicalName}`. */
  logicalName: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
  globalSecondaryIndexes: IndexDefinition[];
  /** Attribute DynamoDB expires items by (epoch seconds). Readers still filter on it. */
  timeToLiveAttribute: string;
};

export const MAIN_TABLE: TableDefinition = {
  logicalName: 'main',
  partitionKey: { name: 'PK', type: 'S' },
  sortKey: { name: 'SK', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'GSI1',
      partitionKey: { name: 'GSI1PK', type: 'S' },
      sortKey: { name: 'GSI1SK', type: 'S' },
    },
    {
      // Sparse indexes of people: profiles (every person, for the policy notice) and the email
      // preferences of people who turned the weekly resources email on, so each job queries the
      // people it concerns instead of scanning the whole table.
      indexName: 'GSI2',
      partitionKey: { name: 'GSI2PK', type: 'S' },
      sortKey: { name: 'GSI2SK', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'expiresAtEpoch',
};

/**
 * Wellbeing (PHI) items, keyed `TENANT#<tenantId>` like the main table. Only `platform/phi` reads
 * or writes it (P-PHI-1, P-PHI-3); it is declared here so every environment creates it alike.
 */
export const PHI_TABLE: TableDefinition = {
  logicalName: 'phi',
  partitionKey: { name: 'PK', type: 'S' },
  sortKey: { name: 'SK', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'GSI1',
      partitionKey: { name: 'GSI1PK', type: 'S' },
      sortKey: { name: 'GSI1SK', type: 'S' },
    },
  ],
  timeToLiveAttribute: 'expiresAtEpoch',
};

/** Every table the product uses, in creation order. */
export const ALL_TABLES: TableDefinition[] = [MAIN_TABLE, PHI_TABLE];

/** Physical table name for a deployment prefix such as `holdfast-dev`. */
export function getTableName(prefix: string, table: TableDefinition): string {
  return `${prefix}-${table.logicalName}`;
}

/** The CreateTable input (on-demand billing) shared by the local launcher and tests. */
export function buildCreateTableInput(prefix: string, table: TableDefinition) {
  const attributes = new Map<string, KeyAttribute>();
  for (const key of [table.partitionKey, table.sortKey]) attributes.set(key.name, key);
  for (const index of table.globalSecondaryIndexes) {
    attributes.set(index.partitionKey.name, index.partitionKey);
    attributes.set(index.sortKey.name, index.sortKey);
  }
  return {
    TableName: getTableName(prefix, table),
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...attributes.values()].map((a) => ({
      AttributeName: a.name,
      AttributeType: a.type,
    })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' as const },
      { AttributeName: table.sortKey.name, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' as const },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}
