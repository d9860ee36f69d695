import {
  ALL_TABLES,
  MAIN_TABLE,
  getTableName,
  type KeyAttribute,
  type TableDefinition,
} from '@holdfast/api/table-definition';
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  Table,
  TableEncryption,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

/** Props of {@link DataTables}. */
export type DataTablesProps = {
  /** Physical-name prefix such as `holdfast-prod`; table names come from `getTableName`. */
  namePrefix: string;
};

const ATTRIBUTE_TYPES: Record<KeyAttribute['type'], AttributeType> = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
};

function toAttribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: ATTRIBUTE_TYPES[key.type] };
}

function createTable(scope: Construct, definition: TableDefinition, namePrefix: string): Table {
  const table = new Table(scope, definition.logicalName, {
    tableName: getTableName(namePrefix, definition),
    partitionKey: toAttribute(definition.partitionKey),
    sortKey: toAttribute(definition.sortKey),
    billingMode: BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: definition.timeToLiveAttribute,
    // 35 days, the recovery window PROMISES.md states (the most DynamoDB keeps).
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 35 },
    // The records are the product: neither a stack update that replaces the table nor a
    // console click may delete them, so both CloudFormation and DynamoDB refuse to.
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    // Sensitive fields are envelope-encrypted by the API with the PHI key before they are
    // written, so table-level encryption only needs AWS's key and costs no KMS calls per read.
    encryption: TableEncryption.AWS_MANAGED,
  });
  for (const index of definition.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: toAttribute(index.partitionKey),
      sortKey: toAttribute(index.sortKey),
      // Matches buildCreateTableInput, so queries behave the same locally and in AWS.
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}

/**
 * Holdfast's DynamoDB tables, one per entry of `ALL_TABLES` in the API's table definition, so
 * keys, indexes and TTL are never retyped here and a table added there is provisioned here.
 */
export class DataTables extends Construct {
  /** The main table every module stores its items in. */
  readonly mainTable: Table;
  /** Every table, keyed by its logical name from the shared definition. */
  readonly tables: ReadonlyMap<string, Table>;

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    const tables = new Map<string, Table>();
    for (const definition of ALL_TABLES) {
      tables.set(definition.logicalName, createTable(this, definition, props.namePrefix));
    }
    const mainTable = tables.get(MAIN_TABLE.logicalName);
    if (mainTable === undefined) {
      throw new Error(`ALL_TABLES does not include MAIN_TABLE (${MAIN_TABLE.logicalName})`);
    }
    this.mainTable = mainTable;
    this.tables = tables;
  }
}
