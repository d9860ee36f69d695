// Values the fuzz suite sends: plausible ones derived from a JSON schema, and hostile ones chosen
// because each has broken a parser, a validator or a database layer somewhere. JSON is produced as
// text, so that numbers JSON.stringify cannot write (1e309, 2^60 exactly) and keys an object
// literal cannot hold (`__proto__`, duplicates) reach the server as sent.
import fc from 'fast-check';
import { isObject } from './operations.js';

/**
 * `encodeURIComponent` that also takes lone surrogates (which it refuses), writing each as the
 * bytes a careless UTF-8 encoder would: exactly the malformed input a server must survive.
 */
export function encodeAny(value: string): string {
  return value.replace(/[\ud800-\udfff]|[^\ud800-\udfff]+/gu, (part) => {
    try {
      return encodeURIComponent(part);
    } catch {
      const code = part.charCodeAt(0);
      return [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f)]
        .map((byte) => `%${byte.toString(16).toUpperCase()}`)
        .join('');
    }
  });
}

function field(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

function numberField(value: unknown, key: string): number | undefined {
  const n = field(value, key);
  return typeof n === 'number' ? n : undefined;
}

/** Real values that path parameters and body fields of the same name accept (ids of fixtures). */
export type Pools = Record<string, string[]>;

/** Numbers as JSON text: beyond double range, beyond safe integers, negative, fractional. */
export const HOSTILE_NUMBERS = [
  '1e309',
  '-1e309',
  '-1',
  '0',
  '-0',
  '1.5',
  '1e-400',
  '1152921504606846976', // 2^60
  '9007199254740993', // 2^53 + 1
  '-9007199254740993',
  '18446744073709551616',
  '1e21',
];

/** Strings that have broken something somewhere: control characters, lone surrogates, paths, keys. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\u202eevil',
  '😀'.repeat(40),
  '👨‍👩‍👧‍👦',
  'x.y',
  '../../etc/passwd',
  '%2e%2e%2f',
  'a/b',
  '__proto__',
  'constructor',
  'TENANT#01ARZ3NDEKTSV4RRFFQ69G5FAV',
  '<script>alert(1)</script>',
  "' OR '1'='1",
  '${jndi:ldap://x}',
  'Infinity',
  'NaN',
  '1e309',
  'null',
  'true',
];

/** A string too long for any field the API has (a body stays under the body limit). */
export const HUGE_STRING = 'x'.repeat(70_000);

const DEPTH = 5_000;

/** Whole JSON values of the wrong kind or shape, written as text. */
export const HOSTILE_JSON = [
  'null',
  'true',
  '"text"',
  '[]',
  '{}',
  '[{}]',
  '{"__proto__":{"isAdmin":true,"role":"owner"}}',
  '{"constructor":{"prototype":{"isAdmin":true}}}',
  `${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}`,
  `${'{"a":'.repeat(DEPTH)}1${'}'.repeat(DEPTH)}`,
  ...HOSTILE_NUMBERS,
  ...HOSTILE_STRINGS.map((s) => JSON.stringify(s)),
  JSON.stringify(HUGE_STRING),
];

/** A hostile JSON value (text). */
export const hostileJson: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...HOSTILE_JSON), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }).map((s) => JSON.stringify(s)), weight: 1 },
  { arbitrary: fc.double().map((n) => (Number.isFinite(n) ? String(n) : '1e309')), weight: 1 },
);

/** A hostile query-string value, already encoded (some deliberately malformed: `%`, `%zz`). */
export const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  fc
    .constantFrom(...HOSTILE_NUMBERS, ...HOSTILE_STRINGS, '-Infinity', 'x'.repeat(3000), '[]', '{}')
    .map(encodeAny),
  fc.constantFrom('%', '%zz', '%00', '%C0%AE', '%E2%80%AE'),
  fc.string({ unit: 'binary', maxLength: 20 }).map(encodeAny),
);

/** A hostile path segment, already encoded where encoding is the point (`%2e`, `%2F`, `%00`). */
export const hostilePathSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'x.y',
    '.',
    '..',
    '%2e',
    '%2e%2e',
    'x%2ey',
    '%2F',
    'a%2Fb',
    'a/b',
    '%00',
    'a%00b',
    '%',
    '%zz',
    '__proto__',
    'constructor',
    '-1',
    '0',
    '1e309',
    'Infinity',
    'NaN',
    '1152921504606846976',
    '9007199254740993',
    'TENANT%23x',
    '01ARZ3NDEKTSV4RRFFQ69G5FAV',
    '01arz3ndektsv4rrffq69g5fav',
    'x'.repeat(65),
    'x'.repeat(3000),
  ),
  fc.constantFrom(...HOSTILE_STRINGS.filter((s) => s !== '')).map(encodeAny),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map(encodeAny),
);

/** Values with a meaning no schema states (a real IANA zone, a PNG): plausible bodies need them. */
const SEMANTIC: Record<string, fc.Arbitrary<string>> = {
  timeZone: fc.constantFrom('America/Chicago', 'UTC', 'Europe/Paris', 'Asia/Kolkata'),
  screenshot: fc.constant(
    JSON.stringify(
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    ),
  ),
};

function plausibleString(schema: unknown, name: string, pools: Pools): fc.Arbitrary<string> {
  const pool = pools[name];
  if (pool !== undefined && pool.length > 0) return fc.constantFrom(...pool);
  const format = field(schema, 'format');
  const minLength = numberField(schema, 'minLength') ?? 0;
  const maxLength = Math.min(numberField(schema, 'maxLength') ?? 40, 40);
  const date = fc.date({
    min: new Date('2000-01-01T00:00:00Z'),
    max: new Date('2030-12-31T00:00:00Z'),
    noInvalidDate: true,
  });
  if (format === 'date-time') return date.map((d) => d.toISOString());
  if (format === 'date') return date.map((d) => d.toISOString().slice(0, 10));
  if (format === 'email')
    return fc.stringMatching(/^[a-z]{1,10}$/u).map((local) => `fuzz-${local}@example.test`);
  if (format === 'uri') return fc.webUrl();
  const pattern = field(schema, 'pattern');
  if (typeof pattern === 'string') {
    try {
      return fc.stringMatching(new RegExp(pattern, 'u')).map((s) => s.slice(0, Math.max(maxLength, 26)));
    } catch {
      // A pattern fast-check cannot generate from: plain strings still exercise the route.
    }
  }
  return fc.string({ unit: 'grapheme', minLength: Math.min(minLength, maxLength), maxLength });
}

/** A plausible value for a JSON schema, as JSON text; `name` is the property or parameter name. */
export function plausibleJson(schema: unknown, pools: Pools, name = '', depth = 0): fc.Arbitrary<string> {
  const semantic = SEMANTIC[name];
  if (semantic !== undefined) return semantic;
  const enumValues = field(schema, 'enum');
  if (Array.isArray(enumValues) && enumValues.length > 0)
    return fc.constantFrom(...enumValues.map((v) => JSON.stringify(v)));
  const constValue = field(schema, 'const');
  if (constValue !== undefined) return fc.constant(JSON.stringify(constValue));
  const options = field(schema, 'anyOf') ?? field(schema, 'oneOf');
  if (Array.isArray(options) && options.length > 0)
    return fc.oneof(...options.map((option) => plausibleJson(option, pools, name, depth)));
  const type = field(schema, 'type');
  switch (type) {
    case 'object':
      return plausibleEntries(schema, pools, depth).map(serializeObject);
    case 'array': {
      const minItems = numberField(schema, 'minItems') ?? 0;
      const maxItems = Math.max(minItems, Math.min(numberField(schema, 'maxItems') ?? 3, 3));
      return fc
        .array(plausibleJson(field(schema, 'items'), pools, name, depth + 1), {
          minLength: minItems,
          maxLength: maxItems,
        })
        .map((items) => `[${items.join(',')}]`);
    }
    case 'integer':
      return fc
        .integer({
          min: Math.max(numberField(schema, 'minimum') ?? -1000, Number.MIN_SAFE_INTEGER),
          max: Math.min(numberField(schema, 'maximum') ?? 1000, Number.MAX_SAFE_INTEGER),
        })
        .map(String);
    case 'number':
      return fc
        .double({
          min: numberField(schema, 'minimum') ?? -1000,
          max: numberField(schema, 'maximum') ?? 1000,
          noNaN: true,
          noDefaultInfinity: true,
        })
        .map((n) => JSON.stringify(n));
    case 'boolean':
      return fc.boolean().map(String);
    case 'null':
      return fc.constant('null');
    case 'string':
      return plausibleString(schema, name, pools).map((s) => JSON.stringify(s));
    default:
      // An unconstrained schema (`{}`): anything goes.
      return fc.constantFrom('"x"', '1', 'true', '{}');
  }
}

export type Entry = [key: string, valueJson: string];

/** The properties of a plausible object: every required one, each optional one or not. */
export function plausibleEntries(schema: unknown, pools: Pools, depth = 0): fc.Arbitrary<Entry[]> {
  const properties = field(schema, 'properties');
  if (!isObject(properties)) return fc.constant([]);
  const requiredList = field(schema, 'required');
  const required = new Set(Array.isArray(requiredList) ? requiredList.map(String) : []);
  const parts = Object.entries(properties).map(([key, propertySchema]) => {
    const value = plausibleJson(propertySchema, pools, key, depth + 1).map((v): Entry => [key, v]);
    return required.has(key) ? value.map((e): Entry | undefined => e) : fc.option(value, { nil: undefined });
  });
  return fc.tuple(...parts).map((entries) => entries.filter((e): e is Entry => e !== undefined));
}

/** `{"k":v,...}` from entries, duplicates and `__proto__` kept as written. */
export function serializeObject(entries: Entry[]): string {
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${value}`).join(',')}}`;
}

/** A plausible query-string value (not yet encoded) for a parameter schema. */
export function plausibleQueryValues(schema: unknown, pools: Pools, name: string): fc.Arbitrary<string[]> {
  if (field(schema, 'type') === 'array')
    return fc.array(plausibleQueryValue(field(schema, 'items'), pools, name), { minLength: 1, maxLength: 3 });
  return plausibleQueryValue(schema, pools, name).map((v) => [v]);
}

function plausibleQueryValue(schema: unknown, pools: Pools, name: string): fc.Arbitrary<string> {
  const type = field(schema, 'type');
  if (type === 'string' && field(schema, 'enum') === undefined) return plausibleString(schema, name, pools);
  // Every other kind's JSON text is also its query text, once a string's quotes are removed.
  return plausibleJson(schema, pools, name).map((json) => {
    const value = JSON.parse(json) as unknown;
    return typeof value === 'string' ? value : json;
  });
}

function isNumeric(schema: unknown): boolean {
  const type = field(schema, 'type');
  return type === 'integer' || type === 'number';
}

/** Numbers, and words that parse as numbers, a query string may carry. */
const HOSTILE_NUMERIC_QUERY = [
  ...HOSTILE_NUMBERS,
  'Infinity',
  '-Infinity',
  'NaN',
  '0x10',
  '1_000',
  ' 1',
  '1 ',
];

/** A hostile query value, aimed mostly at the parameter's own kind (numbers at a number). */
export function hostileQueryValueFor(schema: unknown): fc.Arbitrary<string> {
  if (!isNumeric(schema)) return hostileQueryValue;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE_NUMERIC_QUERY).map(encodeAny), weight: 3 },
    { arbitrary: hostileQueryValue, weight: 1 },
  );
}

/** A hostile JSON value, aimed mostly at the property's own kind (numbers at a number). */
export function hostileJsonFor(schema: unknown): fc.Arbitrary<string> {
  if (!isNumeric(schema)) return hostileJson;
  return fc.oneof(
    { arbitrary: fc.constantFrom(...HOSTILE_NUMBERS), weight: 3 },
    { arbitrary: hostileJson, weight: 1 },
  );
}
