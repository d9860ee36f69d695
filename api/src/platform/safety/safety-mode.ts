import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { TSchema } from 'typebox';
import type { Db } from '../db/client.js';
import type { ItemCache } from '../db/item-cache.js';
import { SK, tenantPk } from '../db/keys.js';

/**
 * Safety mode: a workspace setting for people leaving an abusive relationship. Addresses and
 * locations are declared as such in the schemas (`asLocation`), so every record type, new ones
 * included, has them withheld from whatever leaves the owner's own view: shared and professional
 * views, exports, court reports and email (P-SAFE-1).
 */

/** The schema keyword that marks a field as an address or a location. */
export const LOCATION_KEYWORD = 'x-holdfast-location';

/** What stands in a withheld field. */
export const WITHHELD = 'withheld (safety mode)';

/** Marks a string schema as an address or location: withheld in safety mode wherever it is shown. */
export function asLocation<T extends TSchema>(schema: T): T {
  return { ...schema, [LOCATION_KEYWORD]: true };
}

/** Finds a shared schema by its `$id` (a `$ref` such as `Incident#`); undefined when unknown. */
export type SchemaResolver = (id: string) => unknown;

type JsonSchema = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function resolve(
  schema: unknown,
  resolver: SchemaResolver | undefined,
  depth: number,
): JsonSchema | undefined {
  if (!isObject(schema) || depth > 32) return undefined;
  const ref = schema.$ref;
  if (typeof ref !== 'string') return schema;
  const target = resolver?.(ref.replace(/#.*$/u, ''));
  return isObject(target) ? resolve(target, resolver, depth + 1) : undefined;
}

/** The alternatives of a schema (`anyOf`, `oneOf`). */
function variantsOf(node: JsonSchema): unknown[] {
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? (value as unknown[]) : []);
  return [...list(node.anyOf), ...list(node.oneOf)];
}

/** Whether any field a schema describes (at any depth) is marked as a location. */
export function hasLocationFields(schema: unknown, resolver?: SchemaResolver, depth = 0): boolean {
  const node = resolve(schema, resolver, depth);
  if (node === undefined || depth > 32) return false;
  if (node[LOCATION_KEYWORD] === true) return true;
  const children: unknown[] = [
    ...(isObject(node.properties) ? Object.values(node.properties) : []),
    node.items,
    ...variantsOf(node),
  ];
  return children.some((child) => hasLocationFields(child, resolver, depth + 1));
}

/**
 * A copy of `value` with every non-empty string its schema marks as a location replaced by
 * WITHHELD; an empty one stays empty (nothing was there to withhold). Values the schema does not
 * describe are copied unchanged.
 */
export function withholdLocations<T>(schema: unknown, value: T, resolver?: SchemaResolver, depth = 0): T {
  const node = resolve(schema, resolver, depth);
  if (node === undefined || depth > 32) return value;
  if (node[LOCATION_KEYWORD] === true)
    return (typeof value === 'string' && value !== '' ? WITHHELD : value) as T;
  if (Array.isArray(value))
    return value.map((item: unknown) => withholdLocations(node.items, item, resolver, depth + 1)) as T;
  if (isObject(value)) {
    let result: Record<string, unknown> = value;
    for (const variant of variantsOf(node)) result = withholdLocations(variant, result, resolver, depth + 1);
    if (!isObject(node.properties)) return result as T;
    const properties = node.properties;
    return Object.fromEntries(
      Object.entries(result).map(([key, field]) => [
        key,
        key in properties ? withholdLocations(properties[key], field, resolver, depth + 1) : field,
      ]),
    ) as T;
  }
  return value;
}

/**
 * The body without the location fields that only carry WITHHELD back: a member's edit form sends
 * what it was shown, and the placeholder must never overwrite the real place. Top-level fields of
 * the body schema, which is where every location is declared today.
 */
export function dropWithheldLocations(
  schema: unknown,
  body: Record<string, unknown>,
  resolver?: SchemaResolver,
): Record<string, unknown> {
  const node = resolve(schema, resolver, 0);
  const properties = node !== undefined && isObject(node.properties) ? node.properties : {};
  return Object.fromEntries(
    Object.entries(body).filter(
      ([key, value]) =>
        !(value === WITHHELD && resolve(properties[key], resolver, 1)?.[LOCATION_KEYWORD] === true),
    ),
  );
}

/**
 * Whether a workspace is in safety mode (off when the workspace is gone). With `cache`, the
 * workspace read in the last few seconds is not read again: turning the mode on drops this
 * process's copy at once (the cache watches writes) and reaches other processes within its TTL.
 */
export async function isSafetyModeOn(db: Db, tenantId: string, cache?: ItemCache): Promise<boolean> {
  const key = { PK: tenantPk(tenantId), SK: SK.workspace() };
  const load = async () =>
    (await db.doc.send(new GetCommand({ TableName: db.mainTable, Key: key, ConsistentRead: true }))).Item;
  const item = cache === undefined ? await load() : await cache.read(key, load);
  return item?.safetyMode === true;
}
