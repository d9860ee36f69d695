import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { getTablePrefix, type Config } from '../../config.js';
import { chooseCredentialsPerCall, choosingProvider } from './credential-scope.js';
import { sendReadsDirectly } from './direct-reads.js';
import { createAssumedRoleCredentials, type AssumeRole, type Credentials } from './db-credentials.js';
import { createStsAssumeRole, defaultCredentials } from './sts-assume-role.js';
import { ALL_TABLES, getTableName, MAIN_TABLE, type TableDefinition } from './table-definition.js';

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

/** The embedded stack's fixed pair (DynamoDB Local runs with -sharedDb, so any pair reaches it). */
const LOCAL_CREDENTIALS: Credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** The ARN of a table in the account and partition of the tenant role. */
function tableArn(config: Config, roleArn: string, table: TableDefinition): string {
  const [, partition, , , account] = roleArn.split(':');
  const name = getTableName(getTablePrefix(config), table);
  return `arn:${partition ?? 'aws'}:dynamodb:${config.AWS_REGION}:${account ?? ''}:table/${name}`;
}

/**
 * Which credentials sign the calls. Every call chooses (tenant, platform or the runtime's own, in
 * `credential-scope.ts`); with TENANT_ROLE_ARN the choice is served from STS sessions, without it
 * every choice gets the default credentials: the embedded stack's fixed pair, or the SDK's chain.
 */
function credentialsOf(config: Config, assumeRole: AssumeRole | undefined) {
  const fallback = config.DYNAMODB_ENDPOINT === undefined ? undefined : async () => LOCAL_CREDENTIALS;
  const roleArn = config.TENANT_ROLE_ARN;
  if (roleArn === undefined) return fallback === undefined ? {} : { credentials: fallback };
  const tenantRoles = createAssumedRoleCredentials({
    assumeRole: assumeRole ?? createStsAssumeRole(config.AWS_REGION),
    tenantRoleArn: roleArn,
    ...(config.PLATFORM_ROLE_ARN === undefined ? {} : { platformRoleArn: config.PLATFORM_ROLE_ARN }),
    tableArns: ALL_TABLES.map((table) => tableArn(config, roleArn, table)),
    linkedTableArn: tableArn(config, roleArn, MAIN_TABLE),
    now: () => Date.now(),
  });
  return { credentials: choosingProvider(tenantRoles, fallback ?? defaultCredentials()) };
}

/**
 * The main-table client. With DYNAMODB_ENDPOINT set (the embedded default) it talks to DynamoDB
 * Local with throwaway credentials; otherwise the SDK's default chain and region apply, or, with
 * TENANT_ROLE_ARN, each tenant's calls are signed with that tenant's narrowed session.
 * `assumeRole` replaces STS (tests).
 */
export function createDb(config: Config, log?: DbLog, options: { assumeRole?: AssumeRole } = {}): Db {
  const client = new DynamoDBClient({
    region: config.AWS_REGION,
    maxAttempts: MAX_ATTEMPTS,
    // The regional endpoint for every call, whatever account the credentials name, so the SDK and
    // the direct reads (direct-reads.ts) always call the same one.
    accountIdEndpointMode: 'disabled',
    requestHandler: {
      connectionTimeout: CONNECTION_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      // Without it the request timeout only logs a warning and the call keeps waiting.
      throwOnRequestTimeout: true,
    },
    ...(config.DYNAMODB_ENDPOINT === undefined ? {} : { endpoint: config.DYNAMODB_ENDPOINT }),
    ...credentialsOf(config, options.assumeRole),
  });
  // The SDK's logger is its no-op one, yet its middleware built a filtered copy of every call's input
  // and answer (each item walked against the service schema) to hand it: work for nothing per call.
  client.middlewareStack.remove('loggerMiddleware');
  const doc = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertEmptyValues: false },
  });
  // Without tenant roles every choice signs with the same credentials: choosing per call would
  // only add an AsyncLocalStorage scope and a read of the call's keys to every call.
  if (config.TENANT_ROLE_ARN !== undefined) chooseCredentialsPerCall(doc);
  sendReadsDirectly(doc, client);
  return {
    doc,
    mainTable: getTableName(getTablePrefix(config), MAIN_TABLE),
    destroy: () => client.destroy(),
    ...(log === undefined ? {} : { log }),
  };
}
