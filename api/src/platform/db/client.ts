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
 * How long the database may take before a request counts as failed. DynamoDB answers in
 * milliseconds; a dead or unreachable endpoint should turn into a 503 within seconds, not hold
 * every request (and its connection) for the SDK's defaults of minutes.
 */
const CONNECTION_TIMEOUT_MS = 1_000;
const REQUEST_TIMEOUT_MS = 5_000;
/** One retry: enough for a dropped connection or a brief throttle, short enough to fail fast. */
const MAX_ATTEMPTS = 2;

/**
 * The main-table client. With DYNAMODB_ENDPOINT set (the embedded default) it talks to DynamoDB
 * Local with throwaway credentials; otherwise the SDK's default chain and region apply.
 */
export function createDb(config: Config, log?: DbLog): Db {
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    maxAttempts: MAX_ATTEMPTS,
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // Without it the request timeout only logs a warning and the call keeps waiting.
      throwOnRequestTimeout: true,
    },
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
