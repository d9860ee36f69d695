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
    result[key] = strip(inner);
  }
  return result;
}

/** The JSON schema sent to a provider: our schema without the bounds it cannot enforce. */
export function toProviderSchema(schema: TSchema): Record<string, unknown> {
  const stripped = strip(schema);
  return stripped !== null && typeof stripped === 'object' && !Array.isArray(stripped)
    ? (stripped as Record<string, unknown>)
    : {};
}
