import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
} from '@aws-sdk/client-dynamodb';
import { ALL_TABLES, buildCreateTableInput } from '@holdfast/api/table-definition';
import { startDynamoDbLocal } from './dynamodb-local.js';
import { startS3Local } from './s3-local.js';
import { startSesLocal } from './ses-local.js';

export { assertJavaAvailable } from './dynamodb-local.js';
export { findFreePort, waitFor } from './free-port.js';

export type StackOptions = {
  /** Folder for persistent data; omit for an in-memory stack (tests). */
  dataDir?: string;
  /** Wipe `dataDir` before starting. */
  isClean?: boolean;
  tablePrefix: string;
  blobBucket: string;
};

export type Stack = {
  dynamoDbEndpoint: string;
  s3Endpoint: string;
  sesEndpoint: string;
  /** The web view of every mail the product sent. */
  mailViewerUrl: string;
  /** Environment variables that point the API at this stack. */
  apiEnvironment: Record<string, string>;
  stop: () => Promise<void>;
};

/**
 * Creates every table of the shared definition that does not exist yet, and adds the indexes a
 * kept local table (a `--data-dir` from before) lacks, so a new index reaches old local data too.
 */
export async function ensureTables(endpoint: string, tablePrefix: string): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: 'local',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  try {
    for (const table of ALL_TABLES) {
      const input = buildCreateTableInput(tablePrefix, table);
      let existing: Set<string | undefined>;
      try {
        const described = await client.send(new DescribeTableCommand({ TableName: input.TableName }));
        existing = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
      } catch (error) {
        if (!(error instanceof ResourceNotFoundException)) throw error;
        await client.send(new CreateTableCommand(input));
        continue;
      }
      for (const index of input.GlobalSecondaryIndexes.filter((i) => !existing.has(i.IndexName)))
        await client.send(
          new UpdateTableCommand({
            TableName: input.TableName,
            AttributeDefinitions: input.AttributeDefinitions,
            GlobalSecondaryIndexUpdates: [{ Create: index }],
          }),
        );
    }
  } finally {
    client.destroy();
  }
}

/**
 * Starts the embedded default: DynamoDB Local, s3rver and the local SESv2 server, each on a free
 * 127.0.0.1 port, then creates the tables and the bucket.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  if (options.dataDir !== undefined && options.isClean === true) {
    rmSync(options.dataDir, { recursive: true, force: true });
  }
  const stoppers: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const stopOne of stoppers.reverse()) await stopOne().catch(() => undefined);
    stoppers.length = 0;
  };
  try {
    const dynamo = await startDynamoDbLocal(
      options.dataDir === undefined ? {} : { dataDir: join(options.dataDir, 'dynamodb') },
    );
    stoppers.push(dynamo.stop);
    let s3Directory: string;
    if (options.dataDir === undefined) {
      // An in-memory stack keeps its objects in a throwaway folder, removed when it stops.
      const throwaway = mkdtempSync(join(tmpdir(), 'holdfast-s3-'));
      stoppers.push(async () => rmSync(throwaway, { recursive: true, force: true }));
      s3Directory = throwaway;
    } else {
      s3Directory = join(options.dataDir, 's3');
    }
    const s3 = await startS3Local({ directory: s3Directory, buckets: [options.blobBucket] });
    stoppers.push(s3.stop);
    const ses = await startSesLocal();
    stoppers.push(ses.stop);
    await ensureTables(dynamo.endpoint, options.tablePrefix);
    return {
      dynamoDbEndpoint: dynamo.endpoint,
      s3Endpoint: s3.endpoint,
      sesEndpoint: ses.endpoint,
      mailViewerUrl: `${ses.endpoint}/`,
      apiEnvironment: {
        DYNAMODB_ENDPOINT: dynamo.endpoint,
        S3_ENDPOINT: s3.endpoint,
        SES_ENDPOINT: ses.endpoint,
        TABLE_PREFIX: options.tablePrefix,
        BLOB_BUCKET: options.blobBucket,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
