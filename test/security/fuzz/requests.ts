// Requests for one operation: a plausible one built from its schema, then (most of the time) one
// deliberate defect in its path, query, body or content type.
import fc from 'fast-check';
import type { Operation, Parameter } from './operations.js';
import {
  hostileJson,
  hostileJsonFor,
  hostilePathSegment,
  hostileQueryValue,
  hostileQueryValueFor,
  plausibleEntries,
  plausibleJson,
  plausibleQueryValues,
  encodeAny,
  serializeObject,
  type Entry,
  type Pools,
} from './values.js';

/** One request, as sent (the caller's credentials are added when it is sent). */
export type FuzzRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  /** Raw body text; undefined sends none. */
  body?: string;
  /** What was deliberately broken, for reading a failure. */
  mutation: string;
};

type Body = { contentType?: string; entries?: Entry[]; text: string };

type Parts = {
  path: Record<string, string>;
  /** Already encoded `name=value` pairs, in order, duplicates allowed. */
  query: [string, string][];
  body?: Body;
  headers: Record<string, string>;
};

type Mutation = { label: string; apply: (parts: Parts) => Parts };

const encode = encodeAny;

function pathSegment(parameter: Parameter, pools: Pools): fc.Arbitrary<string> {
  const pool = pools[parameter.name];
  if (pool !== undefined && pool.length > 0) return fc.constantFrom(...pool).map(encode);
  return plausibleJson(parameter.schema, pools, parameter.name).map((json) => {
    const value = JSON.parse(json) as unknown;
    return encode(typeof value === 'string' ? value : json);
  });
}

function plausibleBody(operation: Operation, pools: Pools): fc.Arbitrary<Body | undefined> {
  if (operation.bodyTypes.includes('application/json')) {
    const schema = operation.bodySchema;
    const isObjectSchema =
      typeof schema === 'object' && schema !== null && (schema as { type?: unknown }).type === 'object';
    if (isObjectSchema)
      return plausibleEntries(schema, pools).map((entries) => ({
        contentType: 'application/json',
        entries,
        text: serializeObject(entries),
      }));
    return plausibleJson(schema, pools).map((text) => ({ contentType: 'application/json', text }));
  }
  if (operation.bodyTypes.includes('application/octet-stream'))
    return fc
      .string({ unit: 'binary', maxLength: 200 })
      .map((text) => ({ contentType: 'application/octet-stream', text }));
  return fc.constant(undefined);
}

function plausibleParts(operation: Operation, pools: Pools): fc.Arbitrary<Parts> {
  const pathParameters = operation.parameters.filter((p) => p.in === 'path');
  const queryParameters = operation.parameters.filter((p) => p.in === 'query');
  const path = fc.tuple(...pathParameters.map((p) => pathSegment(p, pools).map((v) => [p.name, v] as const)));
  const query = fc.tuple(
    ...queryParameters.map((p) => {
      const pairs = plausibleQueryValues(p.schema, pools, p.name).map((values) =>
        values.map((v): [string, string] => [p.name, encode(v)]),
      );
      return p.required ? pairs : fc.option(pairs, { nil: [] });
    }),
  );
  return fc.record({ path, query, body: plausibleBody(operation, pools) }).map((parts) => ({
    path: Object.fromEntries(parts.path),
    query: parts.query.flat(),
    ...(parts.body === undefined ? {} : { body: parts.body }),
    headers: {},
  }));
}

function withEntries(parts: Parts, entries: Entry[]): Parts {
  return {
    ...parts,
    body: { ...(parts.body ?? { contentType: 'application/json' }), entries, text: serializeObject(entries) },
  };
}

/** The defects one request may carry, each named in its label. */
function mutations(operation: Operation): fc.Arbitrary<Mutation>[] {
  const pathNames = operation.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const queryNames = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
  const list: fc.Arbitrary<Mutation>[] = [fc.constant({ label: 'none', apply: (p: Parts) => p })];

  if (pathNames.length > 0)
    list.push(
      fc.tuple(fc.constantFrom(...pathNames), hostilePathSegment).map(([name, value]) => ({
        label: `path ${name}=${value.slice(0, 60)}`,
        apply: (p: Parts) => ({ ...p, path: { ...p.path, [name]: value } }),
      })),
    );

  const schemaOf = (name: string): unknown =>
    operation.parameters.find((p) => p.in === 'query' && p.name === name)?.schema;
  const propertySchemaOf = (name: string): unknown =>
    (operation.bodySchema as { properties?: Record<string, unknown> } | undefined)?.properties?.[name];
  const queryName = fc.constantFrom(...queryNames, '__proto__', 'constructor', 'limit', 'x[y]');
  list.push(
    queryName
      .chain((name) => hostileQueryValueFor(schemaOf(name)).map((value) => [name, value] as const))
      .map(([name, value]) => ({
        label: `query ${name}=${value.slice(0, 60)}`,
        apply: (p: Parts) => ({
          ...p,
          query: [...p.query.filter(([n]) => n !== name), [encode(name), value] as [string, string]],
        }),
      })),
    fc
      .tuple(queryName, fc.array(hostileQueryValue, { minLength: 1, maxLength: 3 }))
      .map(([name, values]) => ({
        label: `duplicate query ${name}`,
        apply: (p: Parts) => ({
          ...p,
          query: [
            ...p.query,
            ...values.map((v): [string, string] => [encode(name), v]),
            [`${encode(name)}[]`, '1'] as [string, string],
          ],
        }),
      })),
  );

  const hasBody = operation.bodyTypes.length > 0;
  const propertyNames =
    typeof operation.bodySchema === 'object' && operation.bodySchema !== null
      ? Object.keys((operation.bodySchema as { properties?: object }).properties ?? {})
      : [];
  list.push(
    hostileJson.map((text) => ({
      label: `body ${text.slice(0, 60)}`,
      apply: (p: Parts) => ({ ...p, body: { contentType: 'application/json', text } }),
    })),
    fc
      .constantFrom(...propertyNames, '__proto__', 'constructor', 'x')
      .chain((name) => hostileJsonFor(propertySchemaOf(name)).map((value) => [name, value] as const))
      .map(([name, value]) => ({
        label: `body field ${name}=${value.slice(0, 60)}`,
        apply: (p: Parts) =>
          withEntries(p, [...(p.body?.entries ?? []).filter(([key]) => key !== name), [name, value]]),
      })),
    fc.constantFrom(...propertyNames, 'x').map((name) => ({
      label: `body proto keys and duplicate ${name}`,
      apply: (p: Parts) =>
        withEntries(p, [
          ...(p.body?.entries ?? []),
          ['__proto__', '{"isAdmin":true}'],
          ['constructor', '{"prototype":{"isAdmin":true}}'],
          [name, '"duplicate"'],
        ]),
    })),
    fc
      .constantFrom(
        undefined,
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/json; charset=utf-16',
        'application/xml',
        'application/octet-stream',
        '*/*',
        'application/json, text/plain',
      )
      .map((contentType) => ({
        label: `content-type ${contentType ?? '(none)'}`,
        apply: (p: Parts) => ({
          ...p,
          body: {
            ...(contentType === undefined ? {} : { contentType }),
            text: p.body?.text ?? '{}',
          },
        }),
      })),
    fc.constantFrom('', '{', '{"a":', '[1,', '{"a":1}}', '\u0000', 'null null').map((text) => ({
      label: `malformed body ${JSON.stringify(text)}`,
      apply: (p: Parts) => ({ ...p, body: { contentType: 'application/json', text } }),
    })),
  );
  if (hasBody)
    list.push(
      fc.constant({
        label: 'no body',
        apply: (p: Parts) => {
          const { body: _removed, ...rest } = p;
          return rest;
        },
      }),
    );
  list.push(
    fc
      .constantFrom('', ' ', 'x'.repeat(300), '\u00e9', '00000000-0000-0000-0000-000000000000')
      .map((key) => ({
        label: `idempotency-key ${JSON.stringify(key.slice(0, 20))}`,
        apply: (p: Parts) => ({ ...p, headers: { ...p.headers, 'idempotency-key': key } }),
      })),
  );
  return list;
}

function render(operation: Operation, parts: Parts, mutation: string): FuzzRequest {
  const path = operation.path.replace(
    /\{([A-Za-z0-9_]+)\}/gu,
    (_whole, name: string) => parts.path[name] ?? '',
  );
  const query = parts.query.map(([name, value]) => `${name}=${value}`).join('&');
  const headers = { ...parts.headers };
  if (parts.body?.contentType !== undefined) headers['content-type'] = parts.body.contentType;
  return {
    method: operation.method,
    url: query === '' ? path : `${path}?${query}`,
    headers,
    ...(parts.body === undefined ? {} : { body: parts.body.text }),
    mutation,
  };
}

/** Requests for an operation: one in four as plausible as the schema allows, the rest with one defect. */
export function requestsFor(operation: Operation, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const [plausible, ...defects] = mutations(operation);
  const mutation = fc.oneof(
    {
      arbitrary: plausible ?? fc.constant({ label: 'none', apply: (p: Parts) => p }),
      weight: defects.length,
    },
    ...defects.map((arbitrary) => ({ arbitrary, weight: 3 })),
  );
  return fc
    .tuple(plausibleParts(operation, pools), mutation)
    .map(([parts, m]) => render(operation, m.apply(parts), m.label));
}

const STRIPE_SIGNATURES = fc.oneof(
  fc.constantFrom(
    '',
    't=',
    'v1=',
    't=1,v1=',
    't=abc,v1=abc',
    't=1e309,v1=00',
    't=-1,v1=00',
    't=9007199254740993,v1=00',
    't=1,t=2,v1=00',
    't=1,,,,v1=00,v0=00',
    '\u0000',
  ),
  fc
    .tuple(fc.integer({ min: 0, max: 2_000_000_000 }), fc.stringMatching(/^[0-9a-f]{64}$/u))
    .map(([t, v]) => `t=${t},v1=${v}`),
  fc
    .tuple(fc.stringMatching(/^[0-9a-f]{64}$/u))
    .map(([v]) => `t=${Math.floor(Date.now() / 1000)},t=1,v1=${v}`),
);

const SVIX_HEADERS = fc.record({
  'svix-id': fc.constantFrom('msg_1', '', '__proto__', 'x'.repeat(500)),
  'svix-timestamp': fc.constantFrom(String(Math.floor(Date.now() / 1000)), '1e309', '-1', 'abc', ''),
  'svix-signature': fc.constantFrom('v1,AAAA', 'v1,', 'v2,xyz', '', 'v1,' + 'A'.repeat(44)),
});

const SNS_MESSAGE = fc
  .record({
    Type: fc.constantFrom('Notification', 'SubscriptionConfirmation', 'UnsubscribeConfirmation', 'x'),
    MessageId: fc.constantFrom('1', '__proto__', ''),
    TopicArn: fc.constantFrom('arn:aws:sns:us-east-1:123456789012:t', 'x', ''),
    Message: fc.constantFrom('{}', '"x"', ''),
    Timestamp: fc.constantFrom(new Date().toISOString(), 'x', '1e309'),
    SignatureVersion: fc.constantFrom('1', '2', '3', ''),
    Signature: fc.constantFrom('AAAA', ''),
    SigningCertURL: fc.constantFrom(
      'https://sns.us-east-1.amazonaws.com/x.pem',
      'https://sns.us-east-1.amazonaws.com.evil.test/x.pem',
      'http://127.0.0.1:1/x.pem',
      'file:///etc/passwd',
      '',
    ),
    SubscribeURL: fc.constantFrom('https://sns.us-east-1.amazonaws.com/?Action=x', 'http://127.0.0.1:1/'),
  })
  .map((m) => JSON.stringify(m));

/**
 * Requests for a provider webhook: event-shaped or hostile bodies under signatures that are
 * missing, malformed or simply wrong. None can be valid, so each must be refused (400 or 401).
 */
export function webhookRequestsFor(operation: Operation): fc.Arbitrary<FuzzRequest> {
  const event = fc
    .record({
      id: fc.constantFrom('evt_1', '', '__proto__', 'x'.repeat(300)),
      type: fc.constantFrom('customer.subscription.updated', 'user.deleted', 'x'),
      data: fc.constantFrom('{}', '{"object":{}}', 'null'),
    })
    .map((e) => `{"id":${JSON.stringify(e.id)},"type":${JSON.stringify(e.type)},"data":${e.data}}`);
  const body = fc.oneof(event, SNS_MESSAGE, hostileJson, fc.constant(''));
  const headers = fc.oneof(
    STRIPE_SIGNATURES.map((s): Record<string, string> => ({ 'stripe-signature': s })),
    SVIX_HEADERS.map((h): Record<string, string> => ({ ...h })),
    fc.constant<Record<string, string>>({ 'x-amz-sns-message-type': 'Notification' }),
    fc.constant<Record<string, string>>({}),
  );
  const contentType = fc.constantFrom(
    'application/json',
    'text/plain',
    'application/octet-stream',
    undefined,
  );
  return fc.tuple(body, headers, contentType).map(([text, signature, type]) => ({
    method: operation.method,
    url: operation.path,
    headers: { ...signature, ...(type === undefined ? {} : { 'content-type': type }) },
    body: text,
    mutation: 'unsigned webhook',
  }));
}
