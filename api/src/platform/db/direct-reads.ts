import type { AttributeValue, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

/**
 * GetItem and Query, the reads behind nearly every request, sent as one signed HTTP request
 * instead of through the SDK's whole middleware stack (its per-call stack assembly, schema
 * serialisation, endpoint rules, retry bookkeeping, user-agent and logging work cost about four
 * times the request itself). Everything that decides who may read what is the SDK's own: the
 * client's signer and credentials provider (so a tenant's call is still signed with its narrowed
 * session), its endpoint rules and region, its HTTP handler with its agent and timeouts.
 *
 * Only a clean answer (HTTP 200) is taken from this path. Any other outcome (a throttle, an error
 * answer, a dropped connection) sends the same call again through the SDK, which then applies its
 * own retries and throws its own typed exceptions, exactly as before: errors look the same to the
 * repos, at the cost of one more attempt on a failing read.
 */

type Attributes = Record<string, unknown>;
type Output = { output: Attributes; response: unknown };
type ResolvedConfig = DynamoDBClient['config'];
type Endpoint = { protocol: string; hostname: string; port?: number; path: string };
/** What this path gives the SDK's signer and HTTP handler, and reads of their answers. */
type HttpRequest = Endpoint & {
  method: 'POST';
  query: Record<string, string>;
  headers: Record<string, string>;
  body: string;
};
type Signer = { sign: (request: HttpRequest, options: { signingDate: Date }) => Promise<HttpRequest> };
type HttpHandler = {
  handle: (request: HttpRequest) => Promise<{
    response: { statusCode: number; headers: Record<string, string | undefined>; body: unknown };
  }>;
};

/** The DynamoDB JSON protocol's target prefix (API version 2012-08-10). */
const TARGET_PREFIX = 'DynamoDB_20120810.';
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/**
 * The input fields this path sends, by operation, with those holding attribute values (marshalled
 * here). A call naming any other field (legacy `KeyConditions`, `AttributesToGet`) goes through the
 * SDK.
 */
const OPERATIONS = {
  GetItemCommand: {
    target: 'GetItem',
    fields: [
      'TableName',
      'ConsistentRead',
      'ProjectionExpression',
      'ExpressionAttributeNames',
      'ReturnConsumedCapacity',
    ],
    valueFields: ['Key'],
    itemFields: ['Item'],
    itemListFields: [],
  },
  QueryCommand: {
    target: 'Query',
    fields: [
      'TableName',
      'IndexName',
      'Select',
      'Limit',
      'ConsistentRead',
      'ScanIndexForward',
      'ProjectionExpression',
      'FilterExpression',
      'KeyConditionExpression',
      'ExpressionAttributeNames',
      'ReturnConsumedCapacity',
    ],
    valueFields: ['ExclusiveStartKey', 'ExpressionAttributeValues'],
    itemFields: ['LastEvaluatedKey'],
    itemListFields: ['Items'],
  },
} as const;
type OperationName = keyof typeof OPERATIONS;
type Operation = (typeof OPERATIONS)[OperationName];

/** The SDK's name of the call under way (a document client's GetCommand runs as GetItemCommand). */
function isOperationName(name: string | undefined): name is OperationName {
  return name === 'GetItemCommand' || name === 'QueryCommand';
}

function isRecord(value: unknown): value is Attributes {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A key or expression value as DynamoDB JSON, for the shapes our keys and conditions use (text,
 * numbers, booleans), as the document client writes them. Anything else (a set, a list, a map, a
 * binary value, a number beyond what JavaScript holds exactly, or an attribute value of a
 * low-level command) answers undefined: the SDK then sends the call.
 */
function marshallScalar(value: unknown): Attributes | undefined {
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER)
    return { N: String(value) };
  return undefined;
}

function marshallValues(values: Attributes): Attributes | undefined {
  const marshalled: Attributes = {};
  for (const [name, value] of Object.entries(values)) {
    // The client is configured to drop undefined values, as the document client does.
    if (value === undefined) continue;
    const attribute = marshallScalar(value);
    if (attribute === undefined) return undefined;
    marshalled[name] = attribute;
  }
  return marshalled;
}

/** The JSON body of the request, or undefined when the input holds anything this path leaves to the SDK. */
function buildBody(operation: Operation, input: Attributes): string | undefined {
  const body: Attributes = {};
  const plain: readonly string[] = operation.fields;
  const values: readonly string[] = operation.valueFields;
  for (const [field, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (plain.includes(field)) body[field] = value;
    else if (values.includes(field) && isRecord(value)) {
      const marshalled = marshallValues(value);
      if (marshalled === undefined) return undefined;
      body[field] = marshalled;
    } else return undefined;
  }
  return JSON.stringify(body);
}

/** Binary as the SDK's own deserializer gives it: a Uint8Array over the decoded bytes. */
function fromBase64(text: unknown): Uint8Array {
  const bytes = Buffer.from(typeof text === 'string' ? text : '', 'base64');
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * An attribute value of the wire format as the SDK's deserializer hands it on: binary values (B,
 * BS) decoded from base64, nested maps and lists alike; the rest as sent.
 */
function readAttribute(value: unknown): AttributeValue {
  // DynamoDB's own JSON: every value is an object of one type key (S, N, BOOL, NULL, SS, NS, ...).
  if (!isRecord(value)) return value as AttributeValue;
  if ('B' in value) return { B: fromBase64(value.B) };
  if ('BS' in value && Array.isArray(value.BS)) return { BS: value.BS.map(fromBase64) };
  if ('M' in value && isRecord(value.M)) return { M: readItem(value.M) };
  if ('L' in value && Array.isArray(value.L)) return { L: value.L.map(readAttribute) };
  return value as unknown as AttributeValue;
}

function readItem(item: Attributes): Record<string, AttributeValue> {
  const read: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item)) read[name] = readAttribute(value);
  return read;
}

/** The answer as the document client gives it: attribute values turned into plain values. */
function readOutput(operation: Operation, answer: Attributes, requestId: string | undefined): Attributes {
  const output: Attributes = { ...answer };
  for (const field of operation.itemFields) {
    const item = answer[field];
    if (isRecord(item)) output[field] = unmarshall(readItem(item));
  }
  for (const field of operation.itemListFields) {
    const items = answer[field];
    if (Array.isArray(items))
      output[field] = items.map((item: unknown) => (isRecord(item) ? unmarshall(readItem(item)) : item));
  }
  output.$metadata = { httpStatusCode: 200, requestId, attempts: 1, totalRetryDelay: 0 };
  return output;
}

/** The endpoint the SDK would call: its own rules, from the client's region and settings. */
async function resolveEndpoint(config: ResolvedConfig): Promise<Endpoint> {
  const custom =
    config.isCustomEndpoint && config.endpoint !== undefined ? await config.endpoint() : undefined;
  const { url } = config.endpointProvider({
    Region: await config.region(),
    UseFIPS: await config.useFipsEndpoint(),
    UseDualStack: await config.useDualstackEndpoint(),
    AccountIdEndpointMode: 'disabled',
    ...(custom === undefined
      ? {}
      : {
          Endpoint: `${custom.protocol}//${custom.hostname}${custom.port === undefined ? '' : `:${String(custom.port)}`}${custom.path}`,
        }),
  });
  return {
    protocol: url.protocol,
    hostname: url.hostname,
    ...(url.port === '' ? {} : { port: Number(url.port) }),
    path: url.pathname,
  };
}

async function readBody(body: unknown): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Buffer | string>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Sends the document client's GetCommand and QueryCommand calls on the short path. The step runs
 * last among the `initialize` middlewares (low priority), so every middleware added to the stack
 * (the credential choice, the cache's write watch, call counters) still sees each call first.
 */
export function sendReadsDirectly(doc: DynamoDBDocumentClient, client: DynamoDBClient): void {
  const { config } = client;
  // Resolved once: the region, endpoint rules and signer do not change while the client lives.
  let prepared: Promise<{ endpoint: Endpoint; signer: Signer }> | undefined;
  const prepare = () =>
    (prepared ??= Promise.all([resolveEndpoint(config), config.signer()]).then(([endpoint, signer]) => ({
      endpoint,
      signer: signer as Signer,
    })));
  const http = config.requestHandler as HttpHandler;

  const send = async (operation: Operation, body: string): Promise<Output | undefined> => {
    const { endpoint, signer } = await prepare();
    const request: HttpRequest = {
      protocol: endpoint.protocol,
      hostname: endpoint.hostname,
      ...(endpoint.port === undefined ? {} : { port: endpoint.port }),
      method: 'POST',
      path: endpoint.path,
      query: {},
      headers: {
        host:
          endpoint.port === undefined ? endpoint.hostname : `${endpoint.hostname}:${String(endpoint.port)}`,
        'content-type': CONTENT_TYPE,
        'x-amz-target': `${TARGET_PREFIX}${operation.target}`,
        'content-length': String(Buffer.byteLength(body)),
      },
      body,
    };
    // The SDK corrects its clock offset when DynamoDB reports a skew; signing here follows it.
    const signed = await signer.sign(request, {
      signingDate: new Date(Date.now() + config.systemClockOffset),
    });
    const { response } = await http.handle(signed);
    const text = await readBody(response.body);
    if (response.statusCode !== 200) return undefined;
    const answer: unknown = JSON.parse(text);
    if (!isRecord(answer)) return undefined;
    const requestId = response.headers['x-amzn-requestid'];
    return { output: readOutput(operation, answer, requestId), response };
  };

  doc.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName;
      if (!isOperationName(name) || !isRecord(args.input)) return next(args);
      const operation = OPERATIONS[name];
      const body = buildBody(operation, args.input);
      if (body === undefined) return next(args);
      let answered: Output | undefined;
      try {
        answered = await send(operation, body);
      } catch {
        answered = undefined;
      }
      // Anything but a clean answer: the SDK sends the call again and reports it its own way.
      return answered === undefined ? next(args) : (answered as Awaited<ReturnType<typeof next>>);
    },
    { step: 'initialize', priority: 'low', name: 'holdfastDirectReads' },
  );
}
