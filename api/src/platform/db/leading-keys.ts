import { PLATFORM_PREFIX, TENANT_PREFIX } from './keys.js';

/** The partition key values one DynamoDB request names: what IAM checks as `dynamodb:LeadingKeys`. */
export type LeadingKeys = {
  keys: string[];
  /** Set when a query reads an index (its keys are then the index's partition key values). */
  indexName?: string;
};

type Attributes = Record<string, unknown>;

function isRecord(value: unknown): value is Attributes {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A key value as a document client or the low-level client holds it (`'X'` or `{ S: 'X' }`). */
function readString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (isRecord(value) && typeof value.S === 'string') return value.S;
  return undefined;
}

function partitionOf(item: unknown): string[] {
  if (!isRecord(item)) return [];
  const value = readString(item.PK);
  return value === undefined ? [] : [value];
}

/**
 * The value a query's key condition binds its partition key to: the first `name = :value` of the
 * expression (DynamoDB allows only equality on the partition key, and it comes first in ours).
 */
function queryPartition(input: Attributes): string[] {
  const condition = typeof input.KeyConditionExpression === 'string' ? input.KeyConditionExpression : '';
  const match = /^\s*\(?\s*([#\w]+)\s*=\s*(:\w+)/u.exec(condition);
  const values = isRecord(input.ExpressionAttributeValues) ? input.ExpressionAttributeValues : {};
  const value = match?.[2] === undefined ? undefined : readString(values[match[2]]);
  return value === undefined ? [] : [value];
}

function transactionPartitions(items: unknown): string[] {
  if (!Array.isArray(items)) return [];
  return items.flatMap((entry) => {
    if (!isRecord(entry)) return [];
    return Object.values(entry).flatMap((operation) =>
      isRecord(operation) ? [...partitionOf(operation.Key), ...partitionOf(operation.Item)] : [],
    );
  });
}

function batchPartitions(requestItems: unknown): string[] {
  if (!isRecord(requestItems)) return [];
  return Object.values(requestItems).flatMap((request) => {
    if (Array.isArray(request))
      return request.flatMap((write) =>
        isRecord(write)
          ? [
              ...(isRecord(write.PutRequest) ? partitionOf(write.PutRequest.Item) : []),
              ...(isRecord(write.DeleteRequest) ? partitionOf(write.DeleteRequest.Key) : []),
            ]
          : [],
      );
    return isRecord(request) && Array.isArray(request.Keys) ? request.Keys.flatMap(partitionOf) : [];
  });
}

/** The partition keys a command's input names, by the command's kind; none for a scan. */
export function readLeadingKeys(commandName: string, input: unknown): LeadingKeys {
  if (!isRecord(input)) return { keys: [] };
  const kind = commandName.replace(/Command$/u, '');
  if (kind === 'Query')
    return {
      keys: queryPartition(input),
      ...(typeof input.IndexName === 'string' ? { indexName: input.IndexName } : {}),
    };
  if (kind === 'TransactWriteItems' || kind === 'TransactGetItems')
    return { keys: transactionPartitions(input.TransactItems) };
  if (kind === 'BatchGetItem' || kind === 'BatchWriteItem' || kind === 'BatchGet' || kind === 'BatchWrite')
    return { keys: batchPartitions(input.RequestItems) };
  return { keys: [...partitionOf(input.Key), ...partitionOf(input.Item)] };
}

const PLATFORM_PREFIXES: readonly string[] = Object.values(PLATFORM_PREFIX);

/** Whether a partition key is one of the declared platform (tenant-less) prefixes. */
export function isPlatformKey(key: string): boolean {
  return !key.startsWith(TENANT_PREFIX) && PLATFORM_PREFIXES.some((prefix) => key.startsWith(prefix));
}
