import type { TSchema } from 'typebox';

/**
 * Bounds the providers' structured-output modes do not accept (or only as hints). They stay in our
 * own schema, which checks every answer again, so a too-long or too-short value is still refused.
 */
const UNSUPPORTED_KEYWORDS = new Set([
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'pattern',
  'format',
  'minimum',
  'maximum',
  '$id',
]);

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value === null || typeof value !== 'object') return value;
  const result: Record<string, unknown> = {};
  // Object.entries skips the library's symbol-keyed bookkeeping, so only JSON Schema is sent.
  for (const [key, inner] of Object.entries(value)) {
    if (UNSUPPORTED_KEYWORDS.has(key)) continue;
    result[key] = key === 'properties' ? stripProperties(inner) : strip(inner);
  }
  return result;
}

/** Under `properties` the keys are field names, not keywords: a field may be called `format`. */
function stripProperties(properties: unknown): unknown {
  if (properties === null || typeof properties !== 'object' || Array.isArray(properties)) return properties;
  return Object.fromEntries(Object.entries(properties).map(([name, schema]) => [name, strip(schema)]));
}

/** The JSON schema sent to a provider: our schema without the bounds it cannot enforce. */
export function toProviderSchema(schema: TSchema): Record<string, unknown> {
  const stripped = strip(schema);
  return stripped !== null && typeof stripped === 'object' && !Array.isArray(stripped)
    ? (stripped as Record<string, unknown>)
    : {};
}
