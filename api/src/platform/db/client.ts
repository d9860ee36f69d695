import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getTablePrefix, type Config } from '../../config.js';
import { getTableName, MAIN_TABLE } from './table-definition.js';

/** Where table code reports what it recovered from on its own: names and counts, never record content. */
export type DbLog = { warn: (fields: Record<string, string | number>, message: string) => void };

export type Db = {
  doc: DynamoDBDocumentClient;
  mainTable: string;
  destroy: () => void;
  log?: DbLog;
};

/**
 * The main-table client. With DYNAMODB_ENDPOINT set (the embedded default) it talks to DynamoDB
 * Local with throwaway credentials; otherwise the SDK's default chain and region apply.
 */
export function createDb(config: Config, log?: DbLog): Db {
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    maxAttempts: 3,
    ...(config.DYNAMODB_ENDPOINT === undefined
      ? {}
      : {
          endpoint: config.DYNAMODB_ENDPOINT,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }),
  });
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  return {
    doc,
    mainTable: getTableName(getTablePrefix(config), MAIN_TABLE),
    destroy: () => client.destroy(),
    ...(log === undefined ? {} : { log }),
  };
}
