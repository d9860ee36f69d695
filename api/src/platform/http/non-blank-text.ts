/**
 * Text in a request body is trimmed by the services before it is stored, so a value of only
 * whitespace would pass `minLength: 1` and be stored (and answered) as `""`. Every body string that
 * must not be empty therefore also has to hold one non-space character: validation then sees the
 * text as it will be stored, and a blank value is a 400 naming its field.
 */
export const NON_BLANK_PATTERN = '\\S';

type SchemaNode = Record<string, unknown>;

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A string that may not be empty and whose characters are not already fixed by a format or list. */
function isFreeText(node: SchemaNode): boolean {
  return (
    node.type === 'string' &&
    typeof node.minLength === 'number' &&
    node.minLength >= 1 &&
    node.pattern === undefined &&
    node.format === undefined &&
    node.enum === undefined &&
    node.const === undefined
  );
}

function copyWithNonBlankText(value: unknown, depth: number): unknown {
  // Schemas are shallow; the bound only keeps a self-referencing object from recursing forever.
  if (depth > 32) return value;
  if (Array.isArray(value)) return value.map((item) => copyWithNonBlankText(item, depth + 1));
  if (!isNode(value)) return value;
  const copy: SchemaNode = {};
  for (const [key, child] of Object.entries(value)) copy[key] = copyWithNonBlankText(child, depth + 1);
  if (isFreeText(value)) copy.pattern = NON_BLANK_PATTERN;
  return copy;
}

/**
 * A copy of a body schema in which every required-text string also requires a non-space
 * character. The original is left alone: TypeBox schemas are shared between routes and responses.
 */
export function requireNonBlankText<T>(schema: T): T {
  return copyWithNonBlankText(schema, 0) as T;
}
